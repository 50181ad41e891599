package report_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/playground/report"
	"github.com/corsim/corsim/scenario"
)

func TestHref(t *testing.T) {
	for _, tc := range []struct{ name, anchor, want string }{
		{"step", "fetch#concept-cors-check step 3", "https://fetch.spec.whatwg.org/#concept-cors-check"},
		{"steps-range", "fetch#cors-preflight-fetch-0 steps 1-5", "https://fetch.spec.whatwg.org/#cors-preflight-fetch-0"},
		{"no-step", "fetch#dom-request", "https://fetch.spec.whatwg.org/#dom-request"},
		{"mixed-content", "mixed-content#should-block-fetch", "https://w3c.github.io/webappsec-mixed-content/#should-block-fetch"},
		{"unknown-spec", "html#origin", ""},
		{"no-id", "fetch#", ""},
		{"no-hash", "fetch", ""},
	} {
		if got := report.Href(tc.anchor); got != tc.want {
			t.Errorf("%s: Href(%q) = %q, want %q", tc.name, tc.anchor, got, tc.want)
		}
	}
}

const blocked = `{"page_origin":"https://www.shop.test","servers":{"https://api.shop.test/cart":{"options":{"status":204,"headers":[["Access-Control-Allow-Origin","https://www.shop.test"],["Access-Control-Allow-Methods","PATCH"],["Access-Control-Allow-Headers","content-type"]]},"actual":{"status":200,"headers":[["Access-Control-Allow-Origin","https://www.shop.test"]]}}},"fetches":[{"url":"https://api.shop.test/cart","method":"PATCH","headers":[["Content-Type","application/json"],["X-CSRF-Token","k"]],"body":"{}"}]}`

// The report says what `corsim explain` says, for every profile, and agrees with the engine.
func TestRunBlockedThenFixed(t *testing.T) {
	rep := report.Run([]byte(blocked))
	if rep.Error != "" || len(rep.Profiles) != 4 || rep.PageOrigin != "https://www.shop.test" {
		t.Fatalf("report: %+v", rep)
	}
	s, err := scenario.Parse([]byte(blocked))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range algorithm.Profiles() {
		s.Run(scenario.Options{Profile: p})
		v := s.Fetches[0].Verdict
		f := rep.Profiles[i].Fetches[0]
		if rep.Profiles[i].Profile != p.String() || f.Outcome != string(v.Outcome) || f.Reason != string(v.Reason) || f.Message != v.Message {
			t.Errorf("%s: report %s/%s/%q, engine %s/%s/%q", p, f.Outcome, f.Reason, f.Message, v.Outcome, v.Reason, v.Message)
		}
		if f.Reason != "HeaderDisallowedByPreflightResponse" || f.FailedParameter != "x-csrf-token" ||
			!strings.HasPrefix(f.Result, "BLOCKED") || !strings.Contains(f.Fix, "add x-csrf-token to Access-Control-Allow-Headers") {
			t.Errorf("%s: %+v", p, f)
		}
		if len(f.Sent) != 1 || !f.Sent[0].Preflight || f.Sent[0].Status != 204 || len(f.Sent[0].ResponseHeaders) != 3 {
			t.Errorf("%s: sent %+v", p, f.Sent)
		}
		if len(f.Steps) == 0 || f.Steps[0].Href != "https://fetch.spec.whatwg.org/#dom-request" {
			t.Errorf("%s: steps %+v", p, f.Steps)
		}
	}

	// A second Access-Control-Allow-Headers line combines with the first: the PATCH goes out.
	fixed := strings.Replace(blocked, `["Access-Control-Allow-Headers","content-type"]`,
		`["Access-Control-Allow-Headers","content-type"],["Access-Control-Allow-Headers","x-csrf-token"]`, 1)
	for _, pr := range report.Run([]byte(fixed)).Profiles {
		f := pr.Fetches[0]
		if f.Outcome != "ok" || !f.ActualSent || len(f.Sent) != 2 || f.Sent[1].Status != 200 || f.Fix != "" ||
			f.Script != `response.type "cors", status 200, body readable, no headers` {
			t.Errorf("fixed, %s: %+v", pr.Profile, f)
		}
	}
}

func TestRunOneProfile(t *testing.T) {
	rep := report.Run([]byte(blocked), algorithm.WebKit)
	if len(rep.Profiles) != 1 || rep.Profiles[0].Profile != "webkit" {
		t.Errorf("profiles %+v", rep.Profiles)
	}
}

func TestJSONError(t *testing.T) {
	for _, tc := range []struct{ name, line, want string }{
		{"not-json", `{"page_origin":`, "corsim: "},
		{"bad-mode", `{"page_origin":"https://a.test","fetches":[{"url":"https://b.test/","mode":"corss"}]}`, "fetches[0].mode"},
	} {
		var rep report.Report
		if err := json.Unmarshal(report.JSON([]byte(tc.line)), &rep); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !strings.Contains(rep.Error, tc.want) || rep.Profiles != nil {
			t.Errorf("%s: error %q, want it to contain %q", tc.name, rep.Error, tc.want)
		}
	}
}
