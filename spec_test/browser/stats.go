package browser

import (
	"sort"

	"github.com/corsim/corsim/algorithm"
)

// fieldCount is how often a field was observed and agreed.
type fieldCount struct{ Observed, Agreed int }

// browserResult is everything one browser run produced, compared with its
// profile (and, for the matrix, with every profile).
type browserResult struct {
	Name       string
	Version    string
	Profile    algorithm.Profile
	Scenarios  int // scenarios run
	Fetches    int // fetches compared
	Failed     []scenarioRun
	Skipped    map[string]int // reason → scenarios left out
	Fields     map[string]*fieldCount
	FetchAgree int                       // fetches agreeing on every observed field
	Matrix     map[algorithm.Profile]int // profile → fetches agreeing on every field
	Diffs      []fieldDiff
	Seconds    float64
}

// tally compares every run with profile p of the engine and counts agreement per
// field; it also counts, for every profile, the fetches that agree entirely.
func tally(name, version string, p algorithm.Profile, runs []scenarioRun) (*browserResult, error) {
	// A scenario the engine cannot read is counted as a failure, not compared.
	br := &browserResult{Name: name, Version: version, Profile: p, Fields: map[string]*fieldCount{},
		Matrix: map[algorithm.Profile]int{}, Skipped: map[string]int{}}
	for _, f := range comparedFields {
		br.Fields[f] = &fieldCount{}
	}
	for _, run := range runs {
		if run.err != nil || len(run.report.Results) != len(run.sc.Fetches) || harnessTrouble(run) {
			br.Failed = append(br.Failed, run)
			continue
		}
		verdicts := map[algorithm.Profile][]algorithm.Verdict{}
		for _, q := range algorithm.Profiles() {
			v, err := runEngine(run.sc, q)
			if err != nil {
				run.err = err
				break
			}
			verdicts[q] = v
		}
		if run.err != nil {
			br.Failed = append(br.Failed, run)
			continue
		}
		br.Scenarios++
		for _, q := range algorithm.Profiles() {
			v := verdicts[q]
			for _, fc := range compareRun(run, name, v) {
				if len(fc.diffs) == 0 {
					br.Matrix[q]++
				}
				if q != p {
					continue
				}
				br.Fetches++
				if len(fc.diffs) == 0 {
					br.FetchAgree++
				}
				bad := map[string]bool{}
				for _, d := range fc.diffs {
					bad[d.Field] = true
					d.Cause = explain(run, d, name)
					br.Diffs = append(br.Diffs, d)
				}
				for f, ok := range fc.observed {
					if ok {
						br.Fields[f].Observed++
						if !bad[f] {
							br.Fields[f].Agreed++
						}
					}
				}
			}
		}
	}
	sort.SliceStable(br.Diffs, func(i, j int) bool {
		if br.Diffs[i].Key != br.Diffs[j].Key {
			return br.Diffs[i].Key < br.Diffs[j].Key
		}
		return br.Diffs[i].Fetch < br.Diffs[j].Fetch
	})
	return br, nil
}

// harnessTrouble reports a run whose page did not run where it should have, or
// whose fetches timed out in the page.
func harnessTrouble(run scenarioRun) bool {
	want := run.sc.PageOrigin
	if run.report.Origin != want {
		return true
	}
	for _, r := range run.report.Results {
		if r.Outcome == "harness-timeout" || r.Outcome == "harness-error" {
			return true
		}
	}
	return false
}
