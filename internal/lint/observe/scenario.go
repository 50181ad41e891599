package observe

import (
	"strconv"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/internal/grammar"
	"github.com/corsim/corsim/internal/lint"
	"github.com/corsim/corsim/scenario"
)

// epoch is where a scenario's virtual clock starts, as in Scenario.Run.
var epoch = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Scenario runs the scenario's fetches in order, as profile p's browser makes them (one server
// table, one preflight cache, one virtual clock for the whole scenario, as Scenario.Run does), and
// returns every request the browser sent with the answer the scenario's servers gave it. Header
// values are trimmed of surrounding spaces and tabs, as an HTTP parser delivers them. A request
// the browser never sends (the actual request after a failed preflight) is not an exchange.
func Scenario(s *scenario.Scenario, p algorithm.Profile) ([]lint.Exchange, error) {
	t, err := scenario.NewTable(trimmed(s.Servers()))
	if err != nil {
		return nil, err
	}
	name := s.ID
	if name == "" {
		name = "(no id)"
	}
	now := epoch
	opts := algorithm.Options{Profile: p, Cache: p.NewCache(), Clock: func() time.Time { return now }}
	var xs []lint.Exchange
	for i := range s.Fetches {
		f := &s.Fetches[i]
		now = now.Add(f.Wait)
		source := "scenario " + name + " fetch " + strconv.Itoa(i+1)
		rec := algorithm.ResponderFunc(func(req algorithm.SentRequest) (algorithm.Response, error) {
			resp, err := t.Respond(req)
			if err == nil {
				xs = append(xs, lint.Exchange{
					Request:  lint.Request{Method: req.Method, URL: req.URL, Headers: req.Headers.Clone(), Credentials: req.Credentials},
					Response: resp,
					Source:   source,
				})
			}
			return resp, err
		})
		algorithm.Fetch(f.Request, rec, opts)
	}
	return xs, nil
}

// trimmed returns routes whose header values are trimmed of spaces and tabs.
func trimmed(routes map[string]scenario.Route) map[string]scenario.Route {
	trim := func(r *algorithm.Response) *algorithm.Response {
		if r == nil {
			return nil
		}
		c := trimmedResponse(*r)
		return &c
	}
	seq := func(rs []algorithm.Response) []algorithm.Response {
		out := make([]algorithm.Response, len(rs))
		for i := range rs {
			out[i] = *trim(&rs[i])
		}
		return out
	}
	out := make(map[string]scenario.Route, len(routes))
	for u, r := range routes {
		out[u] = scenario.Route{Options: trim(r.Options), Actual: trim(r.Actual), OptionsSeq: seq(r.OptionsSeq), ActualSeq: seq(r.ActualSeq)}
	}
	return out
}

// trimmedResponse returns r with its own copy of the headers, each value trimmed of spaces and tabs.
func trimmedResponse(r algorithm.Response) algorithm.Response {
	r.Headers = r.Headers.Clone()
	for i := range r.Headers {
		r.Headers[i].Value = grammar.TrimHTTPWhitespace(r.Headers[i].Value)
	}
	return r
}
