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
	sc := mustScenario(t, `{"page_origin":"http://p.test","fetches":[{"url":"http://api.test/a","method":"PUT","headers":[["Content-Type","application/json"],["X-CSRF-Token","t"]]}]}`)
	ev := newChromeEvents()
	run := scenarioRun{sc: sc, chrome: ev}
	ev.failures[0] = []netFailure{{CorsError: "HeaderDisallowedByPreflightResponse", FailedParameter: "x-csrf-token", HasCORSStatus: true}}
	for _, f := range []string{fFailedParameter, fMessage} {
		if got := explain(run, fieldDiff{Fetch: 0, Field: f}, "chromium"); got != causeHeaderHashOrder {
			t.Errorf("%s: got %q", f, got)
		}
	}
	for _, c := range []struct {
		name    string
		field   string
		browser string
		failure netFailure
	}{
		{"another field", fReason, "chromium", ev.failures[0][0]},
		{"another browser", fFailedParameter, "webkit", ev.failures[0][0]},
		{"a header the script did not set", fFailedParameter, "chromium", netFailure{CorsError: "HeaderDisallowedByPreflightResponse", FailedParameter: "x-other"}},
		{"another reason", fFailedParameter, "chromium", netFailure{CorsError: "MethodDisallowedByPreflightResponse", FailedParameter: "x-csrf-token"}},
	} {
		ev.failures[0] = []netFailure{c.failure}
		if got := explain(run, fieldDiff{Fetch: 0, Field: c.field}, c.browser); got != "" {
			t.Errorf("%s: explained as %q", c.name, got)
		}
	}
}
