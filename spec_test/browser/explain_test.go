package browser

import (
	"testing"
	"time"
)

func TestExplain(t *testing.T) {
	t0 := time.Unix(100, 0)
	seq := mustScenario(t, `{"page_origin":"http://p.test","fetches":[{"url":"/a"},{"url":"/a","wait_ms":1000},{"url":"/a"}]}`)
	stream := mustScenario(t, `{"page_origin":"http://p.test","fetches":[{"url":"/a","method":"POST","stream_body":true}]}`)
	tests := []struct {
		name    string
		run     scenarioRun
		browser string
		fetch   int
		want    string
	}{
		{name: "stream body in chromium is the engine's", run: scenarioRun{sc: stream}, browser: "chromium", want: ""},
		{name: "stream body elsewhere is the engine's", run: scenarioRun{sc: stream}, browser: "firefox", want: ""},
		{name: "on time", run: scenarioRun{sc: seq, marks: []time.Time{t0, t0.Add(1100 * time.Millisecond), t0.Add(1200 * time.Millisecond)}}, browser: "webkit", fetch: 2, want: ""},
		{name: "late", run: scenarioRun{sc: seq, marks: []time.Time{t0, t0.Add(1400 * time.Millisecond), t0.Add(1500 * time.Millisecond)}}, browser: "webkit", fetch: 1, want: causeClockDrift},
		{name: "first fetch never drifts", run: scenarioRun{sc: seq, marks: []time.Time{t0, t0.Add(9 * time.Second), t0}}, fetch: 0, want: ""},
		{name: "marks missing", run: scenarioRun{sc: seq}, fetch: 2, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := explain(tt.run, fieldDiff{Fetch: tt.fetch, Field: fServerSaw}, tt.browser); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMarkTimesAndFetchLog(t *testing.T) {
	t0 := time.Unix(1, 0)
	log := []record{
		{Method: "GET", URL: "before-any-mark"},
		{IsMark: true, Mark: 0, At: t0},
		{Method: "GET", URL: "a"},
		{IsMark: true, Mark: 1, At: t0.Add(time.Second)},
		{IsMark: true, Mark: 1, At: t0.Add(2 * time.Second)},
		{Method: "GET", URL: "b"},
		{IsMark: true, Mark: -1, At: t0.Add(3 * time.Second)},
		{Method: "GET", URL: "after-the-end"},
		{IsMark: true, Mark: 7},
	}
	m := markTimes(log, 2)
	if !m[0].Equal(t0) || !m[1].Equal(t0.Add(time.Second)) {
		t.Errorf("marks %v", m)
	}
	per := fetchLog(log, 2)
	if len(per[0]) != 1 || per[0][0].URL != "a" || len(per[1]) != 1 || per[1][0].URL != "b" {
		t.Errorf("per fetch %+v", per)
	}
}

func TestExplainHeaderHashOrder(t *testing.T) {
	const two = `{"page_origin":"http://p.test","servers":{"http://api.test/a":{"options":{"status":204,"headers":[["Access-Control-Allow-Origin","*"],["Access-Control-Allow-Methods","PUT"],["Access-Control-Allow-Headers","x-allowed"]]}}},"fetches":[{"url":"http://api.test/a","method":"PUT","headers":[["Content-Type","application/json"],["X-CSRF-Token","t"],["X-Allowed","1"]]}]}`
	msg := func(h string) string {
		return "\"Access to fetch at 'http://api.test/a' from origin 'http://p.test' has been blocked by CORS policy: Request header field " +
			h + " is not allowed by Access-Control-Allow-Headers in preflight response.\""
	}
	blame := func(h string) []netFailure {
		return []netFailure{{CorsError: "HeaderDisallowedByPreflightResponse", FailedParameter: h, HasCORSStatus: true}}
	}
	tests := []struct {
		name     string
		sc       string
		failures []netFailure
		d        fieldDiff
		browser  string
		want     bool
	}{
		{"parameter", two, blame("x-csrf-token"), fieldDiff{Field: fFailedParameter, Browser: `"x-csrf-token"`, Engine: `"content-type"`}, "chromium", true},
		{"message", two, blame("x-csrf-token"), fieldDiff{Field: fMessage, Browser: msg("x-csrf-token"), Engine: msg("content-type")}, "chromium", true},
		{"message that differs elsewhere", two, blame("x-csrf-token"), fieldDiff{Field: fMessage, Browser: msg("x-csrf-token"), Engine: `"something else"`}, "chromium", false},
		{"corsim names an allowed header", two, blame("x-csrf-token"), fieldDiff{Field: fFailedParameter, Browser: `"x-csrf-token"`, Engine: `"x-allowed"`}, "chromium", false},
		{"corsim names no header", two, blame("x-csrf-token"), fieldDiff{Field: fFailedParameter, Browser: `"x-csrf-token"`, Engine: `"accept"`}, "chromium", false},
		{"another field", two, blame("x-csrf-token"), fieldDiff{Field: fReason, Browser: `"x"`, Engine: `"y"`}, "chromium", false},
		{"another browser", two, blame("x-csrf-token"), fieldDiff{Field: fFailedParameter, Browser: `"x-csrf-token"`, Engine: `"content-type"`}, "webkit", false},
		{"another reason", two, []netFailure{{CorsError: "MethodDisallowedByPreflightResponse", FailedParameter: "x-csrf-token"}}, fieldDiff{Field: fFailedParameter, Browser: `"x-csrf-token"`, Engine: `"content-type"`}, "chromium", false},
		{"only one header disallowed", `{"page_origin":"http://p.test","servers":{"http://api.test/a":{"options":{"status":204,"headers":[["Access-Control-Allow-Headers","x-a"]]}}},"fetches":[{"url":"http://api.test/a","headers":[["X-A","1"],["X-B","1"]]}]}`,
			blame("x-b"), fieldDiff{Field: fFailedParameter, Browser: `"x-b"`, Engine: `"x-a"`}, "chromium", false},
		{"no preflight response configured", `{"page_origin":"http://p.test","fetches":[{"url":"http://api.test/a","headers":[["X-A","1"],["X-B","1"]]}]}`,
			blame("x-b"), fieldDiff{Field: fFailedParameter, Browser: `"x-b"`, Engine: `"x-a"`}, "chromium", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := newChromeEvents()
			ev.failures[0] = tt.failures
			run := scenarioRun{sc: mustScenario(t, tt.sc), chrome: ev}
			got := explain(run, tt.d, tt.browser) == causeHeaderHashOrder
			if got != tt.want {
				t.Errorf("explained: %v, want %v", got, tt.want)
			}
		})
	}
}
