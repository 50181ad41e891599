package scenario_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/scenario"
)

// A scenario line goes in; the same line comes out with a verdict on the fetch. The "note" key is
// not corsim's: it comes back exactly as written.
func ExampleStream() {
	in := `{"id":"get","note":{ "why" : "demo" },"page_origin":"https://app.test",` +
		`"servers":{"https://api.test/x":{"actual":{"status":200,"headers":[["Access-Control-Allow-Origin","*"]]}}},` +
		`"fetches":[{"url":"https://api.test/x"}]}` + "\n"
	_, err := scenario.Stream(os.Stdout, strings.NewReader(in), scenario.StreamOptions{Options: scenario.Options{Profile: algorithm.Chromium}})
	fmt.Println(err)
	// Output:
	// {"id":"get","note":{ "why" : "demo" },"page_origin":"https://app.test","servers":{"https://api.test/x":{"actual":{"status":200,"headers":[["Access-Control-Allow-Origin","*"]]}}},"fetches":[{"url":"https://api.test/x","verdict":{"server_saw":[{"method":"GET","url":"https://api.test/x","headers":{"origin":"https://app.test"}}],"outcome":"ok","actual_sent":true,"body_readable":true,"response_type":"cors","status":200,"visible_headers":[],"redirected":false,"final_url":"https://api.test/x","preflights":[]}}]}
	// <nil>
}

// Parse and Run give access to the verdicts; Raw returns keys corsim does not interpret.
func ExampleScenario_Run() {
	s, err := scenario.Parse([]byte(`{"page_origin":"https://app.test","fetches":[` +
		`{"url":"https://api.test/x","method":"PUT","expected":"blocked"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	s.Run(scenario.Options{Profile: algorithm.Spec})
	v := s.Fetches[0].Verdict
	expected, _ := s.Fetches[0].Raw("expected")
	fmt.Println(v.Outcome, v.Reason, v.ActualSent, string(expected))
	// Output: network-error PreflightMissingAllowOriginHeader false "blocked"
}

// A line that is not a scenario names the offending key.
func ExampleParse_error() {
	_, err := scenario.Parse([]byte(`{"id":"x","page_origin":"https://app.test","fetches":[{"url":"/a","mode":"cross"}]}`))
	fmt.Println(err)
	// Output: corsim: scenario "x": fetches[0].mode: fetchmode: Mode: unknown keyword "cross"
}
