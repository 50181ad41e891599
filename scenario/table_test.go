package scenario_test

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/scenario"
)

func status(n int) *algorithm.Response { return &algorithm.Response{Status: n} }

func seq(ns ...int) []algorithm.Response {
	out := make([]algorithm.Response, len(ns))
	for i, n := range ns {
		out[i] = algorithm.Response{Status: n}
	}
	return out
}

// TestTable checks how a Table picks the answer: by URL (exact, or by path for a key without a query),
// by kind of request, and by how many requests the route has answered.
func TestTable(t *testing.T) {
	tb, err := scenario.NewTable(map[string]scenario.Route{
		"HTTPS://API.test:443/a":  {Options: status(204), Actual: status(200)},
		"https://api.test/a?q=1":  {Actual: status(201)},
		"https://api.test/seq":    {OptionsSeq: seq(204, 403), ActualSeq: seq(200, 500), Actual: status(299)},
		"https://api.test/nil":    {},
		"https://api.test/only?x": {Actual: status(202)},
	})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		url       string
		preflight bool
		want      int
	}{
		{"https://api.test/a", false, 200},
		{"https://api.test/a", true, 204},
		{"https://api.test/a#frag", false, 200},
		{"https://api.test/a?q=1", false, 201}, // the exact match wins
		{"https://api.test/a?q=2", false, 200}, // the path's route answers any other query
		{"https://api.test/only", false, 404},  // a key with a query answers only that query
		{"https://api.test/only?y", false, 404},
		{"https://api.test/only?x", false, 202},
		{"https://api.test/seq", false, 200},
		{"https://api.test/seq", true, 204},
		{"https://api.test/seq", false, 500},
		{"https://api.test/seq", false, 500}, // the last element answers past the end
		{"https://api.test/seq", true, 403},
		{"https://api.test/nil", false, 404},
		{"https://api.test/nil", true, 404},
		{"https://other.test/a", false, 404},
		{"not a URL", false, 404},
	}
	for i, s := range steps {
		got, err := tb.Respond(algorithm.SentRequest{Method: "GET", URL: s.url, Preflight: s.preflight})
		if err != nil || got.Status != s.want {
			t.Errorf("step %d: %s (preflight %v) = %d, %v; want %d", i, s.url, s.preflight, got.Status, err, s.want)
		}
	}
}

func TestNewTableErrors(t *testing.T) {
	for _, tc := range []struct {
		routes map[string]scenario.Route
		want   string
	}{
		{map[string]scenario.Route{"/relative": {}}, `server URL "/relative"`},
		{map[string]scenario.Route{"https://a.test/x": {}, "HTTPS://A.TEST:443/x": {}}, "another key names the same URL"},
	} {
		_, err := scenario.NewTable(tc.routes)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "corsim: ") {
			t.Errorf("NewTable(%v) = %v, want an error containing %q", tc.routes, err, tc.want)
		}
	}
}
