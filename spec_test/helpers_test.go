package spec_test

import (
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/scenario"
)

// The cast of the tables: a page, the API it calls, a third origin, and their serializations.
const (
	pageS  = "https://app.example"
	apiS   = "https://api.example"
	otherS = "https://other.example"
	apiURL = apiS + "/r"
)

var (
	page = origin.MustParse(pageS)

	// mib is a 1 MiB value for adversarial rows.
	mib = strings.Repeat("a", 1<<20)
	// commas is thousands of commas.
	commas = strings.Repeat(",", 5000)
	// allProfiles is every profile, Spec first.
	allProfiles = algorithm.Profiles()
	// browsers are the three browser profiles.
	browsers = []algorithm.Profile{algorithm.Chromium, algorithm.Firefox, algorithm.WebKit}
)

// h builds a header list from name, value pairs.
func h(kv ...string) fetchmode.HeaderList {
	var l fetchmode.HeaderList
	for i := 0; i+1 < len(kv); i += 2 {
		l = append(l, fetchmode.Header{Name: kv[i], Value: kv[i+1]})
	}
	return l
}

// rsp builds a response.
func rsp(status int, kv ...string) *algorithm.Response {
	return &algorithm.Response{Status: status, Headers: h(kv...)}
}

// str returns a pointer to s, for Request.Body.
func str(s string) *string { return &s }

// repeatHeader returns n entries named name with value v.
func repeatHeader(n int, name, v string) fetchmode.HeaderList {
	l := make(fetchmode.HeaderList, n)
	for i := range l {
		l[i] = fetchmode.Header{Name: name, Value: v}
	}
	return l
}

// table builds a Table or fails the test.
func table(t testing.TB, routes map[string]scenario.Route) *scenario.Table {
	t.Helper()
	tb, err := scenario.NewTable(routes)
	if err != nil {
		t.Fatalf("NewTable: %v", err)
	}
	return tb
}

// fetch runs one fetch against routes with profile p and no cache.
func fetch(t testing.TB, p algorithm.Profile, req algorithm.Request, routes map[string]scenario.Route) algorithm.Verdict {
	t.Helper()
	return algorithm.Fetch(req, table(t, routes), algorithm.Options{Profile: p})
}

// clock is a virtual clock for cache sequences.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time          { return c.now }
func (c *clock) advance(d time.Duration) { c.now = c.now.Add(d) }
func newClock() *clock                   { return &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }
func secs(n int) time.Duration           { return time.Duration(n) * time.Second }
func (c *clock) opts(p algorithm.Profile) algorithm.Options {
	return algorithm.Options{Profile: p, Cache: p.NewCache(), Clock: c.Now}
}

// header returns the value of name in a sent request ("" and false when absent).
func header(s algorithm.SentRequest, name string) (string, bool) { return s.Headers.Get(name) }

// preflightsSent counts the preflights a verdict's server saw.
func preflightsSent(v algorithm.Verdict) int {
	n := 0
	for _, s := range v.ServerSaw {
		if s.Preflight {
			n++
		}
	}
	return n
}

// methods lists the methods the server saw, preflights as "OPTIONS".
func methods(v algorithm.Verdict) []string {
	out := make([]string, len(v.ServerSaw))
	for i, s := range v.ServerSaw {
		out[i] = s.Method
	}
	return out
}

// readable reports whether script got a response it can read.
func readable(v algorithm.Verdict) bool { return v.Outcome == algorithm.OK && v.BodyReadable }

// equalStrings compares two string slices, treating nil and empty alike.
func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// profileName is a short label for subtests.
func profileName(p algorithm.Profile) string { return "profile=" + p.String() }
