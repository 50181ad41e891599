package browser

import (
	"fmt"

	"github.com/corsim/corsim/algorithm"
	cs "github.com/corsim/corsim/scenario"
)

// runEngine runs sc through corsim with profile p along the exact path of
// `corsim run`: the scenario package runs the scenario it read with one server
// table, one preflight cache and one virtual clock, each fetch's wait_ms moving the
// clock. Each call runs it afresh; calls for one scenario must not overlap.
func runEngine(sc *scenario, p algorithm.Profile) ([]algorithm.Verdict, error) {
	parsed := sc.parsed
	if parsed == nil {
		return nil, fmt.Errorf("corsim: browser: %s: the engine cannot run a scenario that was not read from a file", sc.ID)
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
