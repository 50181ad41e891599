package algorithm_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/scenario"
)

// evidenceFiles are the scenario files the real-browser harness runs in every engine: the
// hand-written corpus and the probes (spec_test/browser runs both, with a generated corpus).
var evidenceFiles = []string{"../spec_test/testdata/*.jsonl", "../spec_test/browser/testdata/*.jsonl"}

func loadEvidence(t *testing.T) []string {
	t.Helper()
	var lines []string
	for _, pat := range evidenceFiles {
		files, err := filepath.Glob(pat)
		if err != nil || len(files) == 0 {
			t.Fatalf("no scenario files match %s", pat)
		}
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(string(b), "\n") {
				if strings.TrimSpace(l) != "" {
					lines = append(lines, l)
				}
			}
		}
	}
	return lines
}

// verdicts runs every scenario under p and returns its fetches' verdicts, keyed by "id#n".
func verdicts(t *testing.T, lines []string, p algorithm.Profile) map[string]algorithm.Verdict {
	t.Helper()
	out := map[string]algorithm.Verdict{}
	for i, l := range lines {
		s, err := scenario.Parse([]byte(l))
		if err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		s.Run(scenario.Options{Profile: p})
		for n, f := range s.Fetches {
			out[fmt.Sprintf("%s#%d", s.ID, n)] = *f.Verdict
		}
	}
	return out
}

// TestEveryRuleHasEvidence turns each named rule of each browser profile off in turn and checks
// that some scenario the browser harness runs gets another verdict: every rule is pinned by a
// scenario a real browser agrees with, and none is dead code. With -v it lists the scenarios that
// pin each rule (docs/profiles.md cites them).
func TestEveryRuleHasEvidence(t *testing.T) {
	lines := loadEvidence(t)
	for _, p := range algorithm.Profiles()[1:] {
		base := verdicts(t, lines, p)
		for _, rule := range algorithm.RuleNames(p) {
			restore := algorithm.WithoutRule(p, rule)
			got := verdicts(t, lines, p)
			restore()
			var changed []string
			for k, v := range got {
				if !cmp.Equal(v, base[k]) {
					changed = append(changed, k)
				}
			}
			sort.Strings(changed)
			if len(changed) == 0 {
				t.Errorf("%s: turning %s off changes no verdict of the harness's scenarios", p, rule)
				continue
			}
			if len(changed) > 6 {
				changed = append(changed[:6], fmt.Sprintf("(+%d more)", len(changed)-6))
			}
			t.Logf("%s %s: %s", p, rule, strings.Join(changed, " "))
		}
	}
}
