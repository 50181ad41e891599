package browser

import (
	"path/filepath"
	"testing"

	"github.com/corsim/corsim/algorithm"
)

// TestProbes checks the harness's probe files: each scenario reads, can run on
// loopback, shares no URL or host with another probe, and runs in the engine
// under every profile.
func TestProbes(t *testing.T) {
	probes, err := readScenarioFiles(filepath.Join("testdata"))
	if err != nil {
		t.Fatal(err)
	}
	if len(probes) == 0 {
		t.Fatal("no probes under testdata/")
	}
	owner := map[string]string{}
	for _, sc := range probes {
		if why := sc.environmentProblem(); why != "" {
			t.Errorf("%s cannot run: %s", sc.ID, why)
		}
		for _, k := range isolationKeys(sc) {
			if o, ok := owner[k]; ok && o != sc.ID {
				t.Errorf("%s and %s share %s", o, sc.ID, k)
			}
			owner[k] = sc.ID
		}
		for _, p := range []algorithm.Profile{algorithm.Spec, algorithm.Chromium, algorithm.Firefox, algorithm.WebKit} {
			if _, err := runEngine(sc, p); err != nil {
				t.Errorf("%s under %s: %v", sc.ID, p, err)
			}
		}
	}
}
