package browser

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
)

func TestWriteReport(t *testing.T) {
	fields := map[string]*fieldCount{}
	for _, f := range comparedFields {
		fields[f] = &fieldCount{Observed: 10, Agreed: 10}
	}
	fields[fStatus].Agreed = 9
	fields[fReason] = &fieldCount{}
	sc := &scenario{ID: "gen-1", PageOrigin: "http://p.test"}
	br := &browserResult{Name: "firefox", Version: "Mozilla Firefox 153.7.0esr", Profile: algorithm.Firefox, Scenarios: 5,
		Fetches: 10, FetchAgree: 9, Fields: fields, Matrix: map[algorithm.Profile]int{algorithm.Firefox: 9},
		Diffs: []fieldDiff{
			{Scenario: "gen-1", Fetch: 0, Field: fStatus, Browser: "200", Engine: "0|x"},
			{Scenario: "gen-2", Fetch: 1, Field: fOutcome, Browser: "`a`", Engine: strings.Repeat("z", 500), Cause: "the machine did it"},
		},
		Failed: []scenarioRun{{sc: sc, err: errors.New("corsim: browser: stuck")}, {sc: sc, report: runnerReport{Origin: "null"}}},
	}
	var b bytes.Buffer
	writeReport(&b, corpusInfo{Testdata: 2, Generated: 3, Seed: 6, Sample: 4, Schemes: "http",
		Skipped: map[string]int{"uses a far port": 2}, Command: "bash .ci/browsers.sh all", ReportedAt: time.Unix(0, 0)}, []*browserResult{br})
	out := b.String()
	for _, want := range []string{
		"| firefox | Mozilla Firefox 153.7.0esr | firefox | 5 | 10 | 9 (90.00 %) | 2 |",
		"| `status` | 9 / 10 (90.00 %) |",
		"| `reason` | not observable |",
		"| `outcome` | 10 / 10 (100 %) |",
		"Not explained by the environment",
		"**the machine did it** (1 field differences)",
		"`0\\|x`",
		"- 2: uses a far port",
		"`gen-1`: corsim: browser: stuck",
		"the page ran at origin \"null\"",
		"bash .ci/browsers.sh all",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(out, strings.Repeat("z", 200)) {
		t.Error("long values are not shortened")
	}
}

func TestWriteReportNoDisagreement(t *testing.T) {
	var b bytes.Buffer
	writeReport(&b, corpusInfo{}, nil)
	if !strings.Contains(b.String(), "None: every observed field") {
		t.Error(b.String())
	}
}
