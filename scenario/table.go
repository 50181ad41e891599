package scenario

import (
	"fmt"
	"sync"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/origin"
)

// Route is how a server answers at one URL: Options answers CORS preflights and Actual every other
// request. OptionsSeq and ActualSeq, when non-empty, take precedence: the n-th preflight (or other
// request) that reaches the URL gets element n, and the last element answers every request past the
// end. A nil Options or Actual (with no sequence) answers 404 with no headers.
type Route struct {
	Options    *algorithm.Response
	Actual     *algorithm.Response
	OptionsSeq []algorithm.Response
	ActualSeq  []algorithm.Response
}

// Table is an [algorithm.Responder] that answers from a fixed map of URLs, as a scenario's "servers"
// describe them; [Scenario.Run] answers every fetch of a scenario from one Table. A route whose URL has
// a query answers only requests with exactly that query; a route without one answers any query on its
// path; an exact match wins. A URL with no route answers 404. Table counts the requests each route has
// answered (for the *Seq forms), so use one Table per scenario. It is safe for concurrent use.
type Table struct {
	mu     sync.Mutex
	exact  map[string]*routeState // URL without fragment → route
	byPath map[string]*routeState // URL without query or fragment → route whose key had no query
}

var _ algorithm.Responder = (*Table)(nil)

type routeState struct {
	Route
	options, actual int // requests answered so far
}

// NewTable builds a Table. Each key must be an absolute URL; keys are normalized as the URL parser
// does (so "HTTPS://Api.Test:443/x" and "https://api.test/x" are the same route), and two keys that
// normalize to the same URL are an error.
func NewTable(routes map[string]Route) (*Table, error) {
	t := &Table{exact: make(map[string]*routeState, len(routes)), byPath: make(map[string]*routeState)}
	for raw, r := range routes {
		u, err := origin.ParseURL(raw)
		if err != nil {
			return nil, fmt.Errorf("corsim: server URL %q: %w", raw, err)
		}
		key := u.StringNoFragment()
		if _, dup := t.exact[key]; dup {
			return nil, fmt.Errorf("corsim: server URL %q: another key names the same URL %q", raw, key)
		}
		st := &routeState{Route: r}
		t.exact[key] = st
		if _, hasQuery := u.Query(); !hasQuery {
			t.byPath[key] = st
		}
	}
	return t, nil
}

// Respond answers req from the table.
func (t *Table) Respond(req algorithm.SentRequest) (algorithm.Response, error) {
	u, err := origin.ParseURL(req.URL)
	if err != nil {
		return algorithm.Response{Status: 404}, nil
	}
	key := u.StringNoFragment()
	t.mu.Lock()
	defer t.mu.Unlock()
	st := t.exact[key]
	if st == nil {
		if q, ok := u.Query(); ok {
			st = t.byPath[key[:len(key)-len(q)-1]]
		}
	}
	if st == nil {
		return algorithm.Response{Status: 404}, nil
	}
	if req.Preflight {
		st.options++
		return pick(st.OptionsSeq, st.Options, st.options), nil
	}
	st.actual++
	return pick(st.ActualSeq, st.Actual, st.actual), nil
}

// pick returns the n-th (1-based) answer of seq, its last one past the end, or single.
func pick(seq []algorithm.Response, single *algorithm.Response, n int) algorithm.Response {
	if len(seq) > 0 {
		if n > len(seq) {
			n = len(seq)
		}
		return seq[n-1]
	}
	if single != nil {
		return *single
	}
	return algorithm.Response{Status: 404}
}
