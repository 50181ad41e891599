package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/scenario"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ with the current output")

// Golden files hold what `corsim explain` prints. After an intended change to the engine's steps or
// messages, refresh them with: go test ./cmd/corsim -run TestExplainGolden -update
func TestExplainGolden(t *testing.T) {
	cases := filepath.Join("testdata", "explain_cases.jsonl")
	tests := []struct {
		golden string
		args   []string
	}{
		{golden: "explain_builtin_chromium.golden", args: []string{"explain"}},
		{golden: "explain_builtin_firefox.golden", args: []string{"explain", "--browser", "firefox"}},
		{golden: "explain_builtin_webkit.golden", args: []string{"explain", "--browser", "webkit"}},
		{golden: "explain_builtin_spec.golden", args: []string{"explain", "--browser", "spec"}},
		{golden: "explain_builtin_json.golden", args: []string{"explain", "--json"}},
		{golden: "explain_cases_chromium.golden", args: []string{"explain", cases}},
		{golden: "explain_cases_firefox.golden", args: []string{"explain", "--browser", "firefox", cases}},
		{golden: "explain_cases_json.golden", args: []string{"explain", "--json", "--browser", "spec", cases}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			status, out, errs := corsim(t, "", tt.args...)
			if status != 0 || errs != "" {
				t.Fatalf("status %d, stderr %s", status, errs)
			}
			path := filepath.Join("testdata", tt.golden)
			checkGolden(t, path, "explain", out)
		})
	}
}

// The --json form carries, per fetch, the call, the verdict with its trace, and the fix.
func TestExplainJSON(t *testing.T) {
	_, out, _ := corsim(t, "", "explain", "--json")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per built-in scenario, got %d", len(lines))
	}
	var ex []explanation
	for _, l := range lines {
		var e explanation
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		ex = append(ex, e)
	}
	blocked, fixed := ex[0].Fetches[0], ex[1].Fetches[0]
	bv, err := scenario.ParseVerdict(blocked.Verdict)
	if err != nil {
		t.Fatal(err)
	}
	fv, err := scenario.ParseVerdict(fixed.Verdict)
	if err != nil {
		t.Fatal(err)
	}
	if ex[0].ID != "checkout-blocked" || ex[0].Browser != "chromium" || ex[0].PageOrigin != "https://www.shop.test" ||
		blocked.Method != "PATCH" || blocked.Credentials != "include" || bv.Reason != algorithm.HeaderDisallowedByPreflightResponse ||
		len(bv.Trace) == 0 || !strings.HasPrefix(blocked.Fix, "add x-csrf-token to Access-Control-Allow-Headers") {
		t.Errorf("blocked checkout: %+v", blocked)
	}
	if fv.Outcome != algorithm.OK || fixed.Fix != "" || fv.Status != 200 || len(fv.ServerSaw) != 2 ||
		fv.ServerSaw[1].Method != "PATCH" || !fv.ServerSaw[1].Headers.Contains("x-csrf-token") {
		t.Errorf("fixed checkout: %+v", fixed)
	}
}

// checkGolden compares out with the golden file at path, or rewrites the file with -update.
func checkGolden(t *testing.T, path, what, out string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if d := cmp.Diff(string(want), out); d != "" {
		t.Errorf("%s output changed (-golden +now); refresh with -update if intended:\n%s", what, d)
	}
}
