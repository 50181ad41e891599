package browser

import (
	"fmt"

	"github.com/corsim/corsim/algorithm"
	cs "github.com/corsim/corsim/scenario"
)

// runEngine runs sc through corsim with profile p along the exact path of
// `corsim run`: the scenario package parses the same line and runs it with one
// server table, one preflight cache and one virtual clock, each fetch's wait_ms
// moving the clock.
func runEngine(sc *scenario, p algorithm.Profile) ([]algorithm.Verdict, error) {
	parsed, err := cs.Parse(sc.raw)
	if err != nil {
		return nil, fmt.Errorf("corsim: browser: %s: the engine cannot read the scenario: %v", sc.ID, err)
	}
	parsed.Run(cs.Options{Profile: p})
	out := make([]algorithm.Verdict, len(parsed.Fetches))
	for i, f := range parsed.Fetches {
		if f.Verdict == nil {
			return nil, fmt.Errorf("corsim: browser: %s: fetches[%d] has no verdict", sc.ID, i)
		}
		out[i] = *f.Verdict
	}
	return out, nil
}
