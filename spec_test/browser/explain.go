package browser

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/grammar"
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
		return b == "chromium" && headerOrderDiff(run, d)
	}},
	{causeClockDrift, func(run scenarioRun, d fieldDiff, b string) bool {
		waits := 0
		for _, f := range run.sc.Fetches {
			waits += f.WaitMS
		}
		return waits > 0 && clockDrift(run, d.Fetch) > driftThreshold
	}},
}

// headerOrderDiff reports whether d is the failed parameter or the console message
// of a fetch that set two or more headers its preflight did not allow, where
// DevTools blamed one of them (HeaderDisallowedByPreflightResponse) and corsim
// another: the parameters are those two names, or the messages are equal once the
// one name stands for the other.
func headerOrderDiff(run scenarioRun, d fieldDiff) bool {
	if run.chrome == nil || d.Fetch < 0 || d.Fetch >= len(run.sc.Fetches) {
		return false
	}
	disallowed := disallowedScriptHeaders(run.sc, d.Fetch)
	if len(disallowed) < 2 {
		return false
	}
	run.chrome.mu.Lock()
	fs := append([]netFailure(nil), run.chrome.failures[d.Fetch]...)
	run.chrome.mu.Unlock()
	blamed := ""
	for _, f := range fs {
		if f.CorsError == string(algorithm.HeaderDisallowedByPreflightResponse) && disallowed[f.FailedParameter] {
			blamed = f.FailedParameter
		}
	}
	if blamed == "" {
		return false
	}
	var bv, ev string
	if json.Unmarshal([]byte(d.Browser), &bv) != nil || json.Unmarshal([]byte(d.Engine), &ev) != nil {
		return false
	}
	switch d.Field {
	case fFailedParameter:
		return bv == blamed && ev != blamed && disallowed[ev]
	case fMessage:
		const before, after = "Request header field ", " is not allowed by Access-Control-Allow-Headers"
		for name := range disallowed {
			if name != blamed && strings.Replace(bv, before+blamed+after, before+name+after, 1) == ev {
				return true
			}
		}
	}
	return false
}

// disallowedScriptHeaders is the set of lower-case names fetch i's script set that
// the preflight response configured for its URL does not list in
// Access-Control-Allow-Headers (a "*" allows every name but authorization, and only
// without credentials), leaving out CORS-safelisted headers. It is empty when the
// URL has no preflight response.
func disallowedScriptHeaders(sc *scenario, i int) map[string]bool {
	f := sc.Fetches[i]
	srv, ok := sc.Servers[f.URL]
	if !ok || srv.Options == nil {
		return nil
	}
	var lines []string
	for _, h := range srv.Options.Headers {
		if len(h) == 2 && strings.EqualFold(h[0], "Access-Control-Allow-Headers") {
			lines = append(lines, h[1])
		}
	}
	toks, err := grammar.AppendTokenList(nil, "Access-Control-Allow-Headers", lines...)
	if err != nil {
		return nil // the preflight fails on its list, not on a header
	}
	allowed := map[string]bool{}
	for _, tok := range toks {
		allowed[strings.ToLower(tok)] = true
	}
	star := allowed["*"] && f.Credentials != "include"
	out := map[string]bool{}
	for _, h := range f.Headers {
		if len(h) != 2 {
			continue
		}
		name := strings.ToLower(h[0])
		if fetchmode.IsCORSSafelistedRequestHeader(h[0], h[1]) {
			continue // needs no preflight (the 1024-byte total aside)
		}
		if !allowed[name] && !(star && name != "authorization") {
			out[name] = true
		}
	}
	return out
}
