package cache

import (
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// The state machine stores preflight results, advances the clock, looks up,
// clears and resets, on a Cache and on the naive model, and requires both to
// agree on every look-up. The number of runs per policy is rapid's
// -rapid.checks flag (defaultChecks when not given); -rapid.steps sets the
// actions per run.

var (
	smKeys = func() []Key {
		var ks []Key
		for _, part := range []string{"", "https://top.test"} {
			for _, origin := range []string{"https://app.test", "null"} {
				for _, url := range []string{"https://api.test/r", "https://api.test/r?q=1"} {
					ks = append(ks, Key{Partition: part, Origin: origin, URL: url})
				}
			}
		}
		// Chromium never caches a URL of 1024 bytes or more.
		long := "https://api.test/" + strings.Repeat("a", 1024-len("https://api.test/"))
		return append(ks, Key{Origin: "https://app.test", URL: long})
	}()
	smMethods  = []string{"GET", "HEAD", "POST", "PUT", "DELETE", "patch", "PATCH", "*"}
	smHeaders  = []string{"x-a", "X-A", "x-b", "authorization", "Authorization", "content-type", "*"}
	smQHeaders = []string{"x-a", "x-b", "authorization", "content-type", "*"}
	smMaxAge   = [][]string{nil, {"0"}, {"1"}, {"5"}, {"10"}, {"60"}, {"-1"}, {"abc"}, {"600"}, {"100000"}, {"60", "60"}, {""}}
	smAdvance  = []time.Duration{0, time.Millisecond, sec(1), sec(4), sec(5), sec(6), sec(59), sec(600), sec(7200), sec(86400)}
)

func runStateMachine(t *rapid.T, p Policy) {
	c := New(p)
	m := &model{p: p}
	now := t0
	var lastKey Key
	var last Result
	check := func(t *rapid.T, k Key, q Query) {
		got, want := c.Lookup(k, q, now), m.lookup(k, q, now)
		if got != want {
			t.Fatalf("Lookup(%+v, %+v) at +%v = %v, model says %v", k, q, now.Sub(t0), got, want)
		}
	}
	t.Repeat(map[string]func(*rapid.T){
		"store": func(t *rapid.T) {
			k := rapid.SampledFrom(smKeys).Draw(t, "key")
			lines := rapid.SampledFrom(smMaxAge).Draw(t, "maxAge")
			d, ok := p.MaxAge(lines)
			if !ok {
				return
			}
			r := Result{
				Methods:     rapid.SliceOfN(rapid.SampledFrom(smMethods), 0, 4).Draw(t, "methods"),
				Headers:     rapid.SliceOfN(rapid.SampledFrom(smHeaders), 0, 4).Draw(t, "headers"),
				Credentials: rapid.Bool().Draw(t, "cred"),
				MaxAge:      d,
			}
			c.Store(k, r, now)
			m.store(k, r, now)
			lastKey, last = k, r
		},
		"lookup-like-last-store": func(t *rapid.T) {
			// Ask for what the last preflight allowed, so that hits
			// are common.
			if len(last.Methods) == 0 && len(last.Headers) == 0 {
				t.Skip("nothing stored yet")
			}
			q := Query{Method: "PUT", Credentials: rapid.Bool().Draw(t, "cred"), Forced: rapid.Bool().Draw(t, "forced")}
			if len(last.Methods) > 0 {
				q.Method = rapid.SampledFrom(last.Methods).Draw(t, "method")
			}
			if len(last.Headers) > 0 {
				q.UnsafeHeaders = sortedUnique(rapid.SliceOfN(rapid.SampledFrom(last.Headers), 0, 2).Draw(t, "headers"))
			}
			check(t, lastKey, q)
		},
		"lookup": func(t *rapid.T) {
			k := rapid.SampledFrom(smKeys).Draw(t, "key")
			q := Query{
				Method:        rapid.SampledFrom(smMethods).Draw(t, "method"),
				UnsafeHeaders: sortedUnique(rapid.SliceOfN(rapid.SampledFrom(smQHeaders), 0, 3).Draw(t, "headers")),
				Credentials:   rapid.Bool().Draw(t, "cred"),
				Forced:        rapid.Bool().Draw(t, "forced"),
			}
			check(t, k, q)
		},
		"advance": func(t *rapid.T) {
			now = now.Add(rapid.SampledFrom(smAdvance).Draw(t, "by"))
		},
		"clear": func(t *rapid.T) {
			k := rapid.SampledFrom(smKeys).Draw(t, "key")
			c.Clear(k)
			m.clear(k)
		},
		"len": func(t *rapid.T) {
			if p.Granularity != PerToken {
				t.Skip("Len counts records under WholeResult")
			}
			c.Purge(now)
			if got, want := c.Len(), m.len(now); got != want {
				t.Fatalf("Len after Purge = %d, model has %d entries", got, want)
			}
		},
		"": func(t *rapid.T) {
			checkInvariants(t, c)
		},
		"reset": func(t *rapid.T) {
			if rapid.IntRange(0, 9).Draw(t, "rarely") != 0 {
				return
			}
			c.Reset()
			m = &model{p: p}
		},
	})
}

// defaultChecks is the number of runs per policy when -rapid.checks (or
// RAPID_CHECKS) is not given: a second or two in all (more under -race).
const defaultChecks = "1000"

// withDefaultChecks raises rapid's default run count for the duration of a
// test unless the user chose one.
func withDefaultChecks(t *testing.T) {
	chosen := os.Getenv("RAPID_CHECKS") != ""
	flag.Visit(func(f *flag.Flag) { chosen = chosen || f.Name == "rapid.checks" })
	f := flag.Lookup("rapid.checks")
	if chosen || f == nil {
		return
	}
	old := f.Value.String()
	if err := f.Value.Set(defaultChecks); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Value.Set(old) })
}

func TestStateMachine(t *testing.T) {
	withDefaultChecks(t)
	tinyLRU := firefoxPolicy
	tinyLRU.Capacity = 3 // Gecko's LRU eviction, made reachable
	tinyLRUSpec := specPolicy
	tinyLRUSpec.Capacity = 2
	literal := specPolicy
	literal.Wildcards = WildcardsAlways // Fetch §concept-cache-match-header read literally
	for _, tc := range []struct {
		name string
		p    Policy
	}{
		{name: "policy=spec", p: specPolicy},
		{name: "policy=chromium", p: chromiumPolicy},
		{name: "policy=firefox", p: firefoxPolicy},
		{name: "policy=webkit", p: webkitPolicy},
		{name: "policy=spec-literal-wildcards", p: literal},
		{name: "policy=firefox-capacity-3", p: tinyLRU},
		{name: "policy=spec-capacity-2", p: tinyLRUSpec},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rapid.Check(t, func(rt *rapid.T) { runStateMachine(rt, tc.p) })
		})
	}
}
