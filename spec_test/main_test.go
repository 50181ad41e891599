// Package spec_test holds corsim's conformance tests: one file per algorithm of the Fetch standard
// (origins, request classification, preflight need, the preflight request, preflight validation, the
// CORS check, response filtering, the preflight cache, redirects, credentials) plus the browser
// profiles (docs/profiles.md), and rapid properties that hold for every profile.
//
// Every table row names the standard's anchor it was written from (anchor: "fetch#concept-cors-check step
// 4"), and its expected value is read from that text, never from running the engine. TestMain prints
// how many cases each file ran, so that the count can be reported.
package spec_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// casesByFile records the conformance cases that ran, per file, as a set of subtest names so that
// -count=N does not inflate the figures.
var (
	casesMu     sync.Mutex
	casesByFile = map[string]map[string]struct{}{}
)

// anchorRE is the form of a row's anchor, one of:
//
//   - a standard and the id its source gives the definition, with an optional step or note:
//     "fetch#concept-cors-check step 4", "url#concept-host-parser", "infra#byte-case-insensitive";
//   - a browser fact measured by corsim's harness (spec_test/browser, results in docs/fidelity.md):
//     "harness: <browser and version>, <scenario id>[, <scenario id>…]", e.g. "harness: WebKitGTK
//     2.50.6, probe-origin-after-post-303-cors" or "harness: Chromium 156 and Firefox 153.7.0esr,
//     cache-replace-or-merge"; the ids are those of spec_test/testdata, spec_test/browser/testdata
//     or the generated corpus (spec_test/browser/gen, seed 6);
//   - a browser fact read in an engine's source: "chromium: <path>", "gecko: <path>" or
//     "webkit: <path>", the path in that engine's tree, optionally followed by the function, e.g.
//     "gecko: netwerk/protocol/http/nsCORSListenerProxy.cpp (nsPreflightCache)";
//   - for corsim's own surface, the project document that describes it: "docs/profiles.md".
var anchorRE = regexp.MustCompile(`^(` +
	`(fetch|url|html|infra|mimesniff|mixed-content|secure-contexts)#[A-Za-z0-9._-]+( .+)?` +
	`|harness: [A-Z][^,]*(, [A-Z][^,]*)*, [a-z0-9][A-Za-z0-9-]*(, [a-z0-9][A-Za-z0-9-]*)*( \(.+\))?` +
	`|(chromium|gecko|webkit): [A-Za-z0-9_.+-]+(/[A-Za-z0-9_.+-]+)*\.[a-z]+( \(.+\))?` +
	`|docs/[a-z]+\.md` +
	`)$`)

// runCase runs one conformance case as a subtest, after checking that it cites an anchor, and
// counts it against the file that declared it.
func runCase(t *testing.T, name, anchor string, f func(t *testing.T)) {
	t.Helper()
	file := caseFile()
	t.Run(name, func(t *testing.T) {
		if name == "" {
			t.Fatal("case has no name")
		}
		if !anchorRE.MatchString(anchor) {
			t.Fatalf("case %q cites no valid anchor: %q", name, anchor)
		}
		casesMu.Lock()
		set := casesByFile[file]
		if set == nil {
			set = map[string]struct{}{}
			casesByFile[file] = set
		}
		set[t.Name()] = struct{}{}
		casesMu.Unlock()
		f(t)
	})
}

// testFuncRE matches a top-level test function of this package (not its closures).
var testFuncRE = regexp.MustCompile(`(^|/)spec_test(_test)?\.Test\w+$`)

// caseFile names the file of the Test function that is running a case (shared table runners count
// their rows against the test that owns the table), or else runCase's caller.
func caseFile() string {
	pc := make([]uintptr, 16)
	frames := runtime.CallersFrames(pc[:runtime.Callers(3, pc)])
	first := ""
	for {
		fr, more := frames.Next()
		if first == "" {
			first = filepath.Base(fr.File)
		}
		if testFuncRE.MatchString(fr.Function) {
			return filepath.Base(fr.File)
		}
		if !more {
			return first
		}
	}
}

func TestMain(m *testing.M) {
	flag.Parse()
	// Properties run defaultRapidChecks cases each unless -rapid.checks says otherwise.
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "rapid.checks" })
	if !explicit {
		if err := flag.Set("rapid.checks", strconv.Itoa(defaultRapidChecks)); err != nil {
			fmt.Fprintln(os.Stderr, "spec_test: cannot set -rapid.checks:", err)
		}
	}
	code := m.Run()
	casesMu.Lock()
	files := make([]string, 0, len(casesByFile))
	total := 0
	for f, set := range casesByFile {
		files = append(files, f)
		total += len(set)
	}
	sort.Strings(files)
	if total > 0 {
		var b strings.Builder
		fmt.Fprintln(&b, "conformance cases per file:")
		for _, f := range files {
			fmt.Fprintf(&b, "  %-32s %4d\n", f, len(casesByFile[f]))
		}
		fmt.Fprintf(&b, "  %-32s %4d\n", "total", total)
		fmt.Print(b.String())
	}
	casesMu.Unlock()
	os.Exit(code)
}

// wptDir finds the web-platform-tests data, when ../shared/wpt (beside the repository root, found by
// walking up from the working directory) holds a copy; ok is false when it does not.
func wptDir() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		cand := filepath.Join(dir, "..", "shared", "wpt")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				return cand, true
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
