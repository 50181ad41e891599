package browser

import (
	"strings"
	"time"

	"github.com/corsim/corsim/algorithm"
)

// explain returns the known environmental cause of a disagreement, or "" when
// there is none and the difference is the engine's to fix. Each cause names
// something about where or how the browser ran, not about CORS.
func explain(run scenarioRun, d fieldDiff, browserName string) string {
	for _, c := range causes {
		if c.match(run, d, browserName) {
			return c.text
		}
	}
	return ""
}

// cause is one documented effect of the environment.
type cause struct {
	text  string
	match func(run scenarioRun, d fieldDiff, browserName string) bool
}

// causeClockDrift is the documented environmental effect. (Stream uploads, which
// Chromium makes only over HTTP/2, were one until the servers learnt HTTP/2: see
// http2.go.) causeHeaderHashOrder is not the environment but a documented limit of
// the model: which of several disallowed headers Chromium names.
const (
	causeHeaderHashOrder = "Known limit of the model, not the environment: with two or more request headers the " +
		"preflight did not allow, Chromium names the first in the iteration order of Blink's HTTPHeaderMap, a hash " +
		"table of case-folded names (third_party/blink/renderer/platform/network/http_header_map.h), and corsim names " +
		"the first in the order script set them; both report HeaderDisallowedByPreflightResponse and block the fetch, " +
		"and the header Chromium names is one the script set"
	causeClockDrift = "Environment: wait_ms really waits, and on this loaded machine the time that really passed " +
		"before the fetch exceeded the scenario's waits by the drift shown, enough to cross a preflight-cache " +
		"lifetime that the engine's virtual clock did not cross"
)

// driftThreshold is how far real time may run ahead of the scenario's waits before
// a cache difference is put down to it.
const driftThreshold = 250 * time.Millisecond

// clockDrift is how much more real time passed between the first fetch and fetch
// i than the waits between them.
func clockDrift(run scenarioRun, i int) time.Duration {
	if i <= 0 || i >= len(run.marks) || run.marks[0].IsZero() || run.marks[i].IsZero() {
		return 0
	}
	want := time.Duration(0)
	for _, f := range run.sc.Fetches[1 : i+1] {
		want += time.Duration(f.WaitMS) * time.Millisecond
	}
	return run.marks[i].Sub(run.marks[0]) - want
}

var causes = []cause{
	{causeHeaderHashOrder, func(run scenarioRun, d fieldDiff, b string) bool {
		return b == "chromium" && (d.Field == fFailedParameter || d.Field == fMessage) && otherDisallowedHeader(run, d.Fetch)
	}},
	{causeClockDrift, func(run scenarioRun, d fieldDiff, b string) bool {
		waits := 0
		for _, f := range run.sc.Fetches {
			waits += f.WaitMS
		}
		return waits > 0 && clockDrift(run, d.Fetch) > driftThreshold
	}},
}

// otherDisallowedHeader reports whether DevTools blamed fetch i's failure on a header
// the preflight did not allow, and that header is one the script set on the fetch.
func otherDisallowedHeader(run scenarioRun, i int) bool {
	if run.chrome == nil || i < 0 || i >= len(run.sc.Fetches) {
		return false
	}
	run.chrome.mu.Lock()
	fs := append([]netFailure(nil), run.chrome.failures[i]...)
	run.chrome.mu.Unlock()
	for _, f := range fs {
		if f.CorsError != string(algorithm.HeaderDisallowedByPreflightResponse) {
			continue
		}
		for _, h := range run.sc.Fetches[i].Headers {
			if len(h) == 2 && strings.EqualFold(h[0], f.FailedParameter) {
				return true
			}
		}
	}
	return false
}
