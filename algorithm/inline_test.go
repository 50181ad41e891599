package algorithm_test

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestInlining checks that the helpers on the engine's hot paths stay small enough for the compiler
// to inline, as net/netip's test of the same name does: a change that stops one from inlining costs a
// call on every header compared or every step taken, without any test failing otherwise.
func TestInlining(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the compiler")
	}
	want := map[string][]string{
		"internal/ascii":   {"EqualFold", "LowerByte", "IsLower", "Lower"},
		"internal/grammar": {"IsToken", "isTabOrSpace", "NewElements"},
		"origin":           {"URL.StringNoFragment", "URL.String", "URL.Origin", "URL.Scheme", "Origin.IsOpaque", "Origin.IsValid"},
		"fetchmode":        {"IsCORSSafelistedMethod"},
		"algorithm": {"(*request).current", "(*request).href", "(*fetcher).current", "(*fetcher).step", "Failure.OK",
			"isRedirectStatus", "contains", "cacheModeSet.has", "(*preflightValidator).listed", "(*exposed).names", "(*marks).set", "(*marks).has",
			"(*verdictStore).headerList", "(*verdictStore).lifetime"},
	}
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	var pkgs []string
	for p := range want {
		pkgs = append(pkgs, "github.com/corsim/corsim/"+p)
	}
	cmd := exec.Command(goTool, append([]string{"build", "-gcflags=-m"}, pkgs...)...)
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	// The compiler's notes come in blocks headed "# import/path", one per package.
	re := regexp.MustCompile(`\.go:\d+:\d+: can inline (\S+)`)
	got := map[string]map[string]bool{}
	pkg := ""
	for _, line := range strings.Split(string(out), "\n") {
		if p, ok := strings.CutPrefix(line, "# github.com/corsim/corsim/"); ok {
			pkg = p
			got[pkg] = map[string]bool{}
			continue
		}
		if m := re.FindStringSubmatch(line); m != nil && pkg != "" {
			got[pkg][m[1]] = true
		}
	}
	for pkg, names := range want {
		for _, name := range names {
			if !got[pkg][name] {
				t.Errorf("%s.%s is not inlined any more", pkg, name)
			}
		}
	}
}
