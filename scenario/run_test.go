package scenario

import (
	"testing"

	"github.com/corsim/corsim/algorithm"
)

func parse(t *testing.T, line string) *Scenario {
	t.Helper()
	s, err := Parse([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The clock starts afresh and advances by wait_ms; the cache lives for one scenario.
const cached = `{"page_origin":"https://app.test","servers":{"https://api.test/x":{` +
	`"options":{"status":204,"headers":[["Access-Control-Allow-Origin","*"],["Access-Control-Allow-Methods","PUT"],["Access-Control-Max-Age","10"]]},` +
	`"actual":{"status":200,"headers":[["Access-Control-Allow-Origin","*"]]}}},` +
	`"fetches":[{"url":"https://api.test/x","method":"PUT"},{"url":"https://api.test/x","method":"PUT","wait_ms":9999},` +
	`{"url":"https://api.test/x","method":"PUT","wait_ms":1}]}`

func hits(s *Scenario) []bool {
	var h []bool
	for _, f := range s.Fetches {
		h = append(h, len(f.Verdict.Preflights) == 1 && f.Verdict.Preflights[0].CacheHit)
	}
	return h
}

func TestRunClockAndCache(t *testing.T) {
	s := parse(t, cached)
	for _, p := range algorithm.Profiles() {
		s.Run(Options{Profile: p})
		if got := hits(s); got[0] || !got[1] || got[2] {
			t.Errorf("%s: cache hits %v, want [false true false] (10 s max-age, waits 9.999 s then 0.001 s)", p, got)
		}
	}
}

// Each Run starts with a new table: sequences restart and the cache is empty.
func TestRunIsRepeatable(t *testing.T) {
	s := parse(t, `{"page_origin":"https://app.test","servers":{"https://api.test/x":{"actual_seq":[`+
		`{"status":200,"headers":[["Access-Control-Allow-Origin","*"]]},{"status":500}]}},`+
		`"fetches":[{"url":"https://api.test/x"},{"url":"https://api.test/x"},{"url":"https://api.test/x"}]}`)
	var first []algorithm.Outcome
	for round := 0; round < 3; round++ {
		s.Run(Options{Profile: algorithm.Chromium})
		var got []algorithm.Outcome
		for _, f := range s.Fetches {
			got = append(got, f.Verdict.Outcome)
		}
		if got[0] != algorithm.OK || got[1] != algorithm.NetworkError || got[2] != algorithm.NetworkError {
			t.Fatalf("round %d: outcomes %v: the sequence must restart and reuse its last element", round, got)
		}
		if first == nil {
			first = got
		}
	}
}

func TestRunTrace(t *testing.T) {
	s := parse(t, cached)
	s.Run(Options{Trace: true})
	if len(s.Fetches[0].Verdict.Trace) == 0 {
		t.Error("Trace: true must record steps")
	}
	s.Run(Options{})
	if len(s.Fetches[0].Verdict.Trace) != 0 {
		t.Error("Trace: false must record none")
	}
}

func TestRunNoServers(t *testing.T) {
	s := parse(t, `{"page_origin":"https://app.test","servers":null,"fetches":[{"url":"https://api.test/x"}]}`)
	s.Run(Options{})
	if v := s.Fetches[0].Verdict; v.Outcome != algorithm.NetworkError || v.Reason != algorithm.MissingAllowOriginHeader {
		t.Errorf("an unknown URL answers 404 without headers; got %s %s", v.Outcome, v.Reason)
	}
}
