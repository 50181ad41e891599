package ascii

import (
	"os/exec"
	"regexp"
	"runtime"
	"testing"
)

// TestInlining fails when a helper stops being inlinable: they sit in the
// inner loops of header look-ups and the URL parser.
func TestInlining(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the package")
	}
	goTool := runtime.GOROOT() + "/bin/go"
	out, err := exec.Command(goTool, "build", "-gcflags=-m", ".").CombinedOutput()
	if err != nil {
		t.Skipf("go build -gcflags=-m: %v\n%s", err, out)
	}
	for _, name := range []string{"LowerByte", "IsLower", "Lower", "EqualFold"} {
		if !regexp.MustCompile(`can inline ` + name + `\b`).Match(out) {
			t.Errorf("%s is no longer inlinable", name)
		}
	}
}
