package cache

import "testing"

// A script is a list of calls on one cache; each lookup states its answer.
type call struct {
	at    int
	store *Result // Store(key, *store)
	clear bool    // Clear(key)
	reset bool    // Reset()
	q     *Query  // Lookup(key, *q) must return want
	key   Key     // keyA when zero
	want  bool
}

func storeC(at int, r Result) call          { return call{at: at, store: &r} }
func lookC(at int, q Query, want bool) call { return call{at: at, q: &q, want: want} }

func runScript(t *testing.T, p Policy, calls []call) *Cache {
	t.Helper()
	c := New(p)
	for i, x := range calls {
		k := x.key
		if k == (Key{}) {
			k = keyA
		}
		switch {
		case x.store != nil:
			c.Store(k, *x.store, at(x.at))
		case x.clear:
			c.Clear(k)
		case x.reset:
			c.Reset()
		case x.q != nil:
			if got := c.Lookup(k, *x.q, at(x.at)); got != x.want {
				t.Fatalf("call %d: Lookup(%q) at %ds = %v, want %v", i, x.q.Method, x.at, got, x.want)
			}
		}
	}
	return c
}

func TestEraseOnMiss(t *testing.T) {
	for _, tc := range []struct {
		name  string
		p     Policy
		calls []call
	}{
		// Chromium preflight_cache.cc ("hit-and-fail" erases), WebKit
		// CrossOriginPreflightResultCache.cpp (canSkipPreflight removes).
		{name: "chromium/insufficient-entry-erased", p: chromiumPolicy, calls: []call{storeC(0, allow(list("PUT"), nil, false, 600)), lookC(1, ask("DELETE"), false), lookC(2, ask("PUT"), false)}},
		{name: "webkit/insufficient-entry-erased", p: webkitPolicy, calls: []call{storeC(0, allow(list("PUT"), nil, false, 600)), lookC(1, ask("GET", "x-a"), false), lookC(2, ask("PUT"), false)}},
		{name: "chromium/cred-mismatch-erases", p: chromiumPolicy, calls: []call{storeC(0, allow(list("PUT"), nil, false, 600)), lookC(1, askCred("PUT"), false), lookC(2, ask("PUT"), false)}},
		{name: "chromium/hit-keeps-entry", p: chromiumPolicy, calls: []call{storeC(0, allow(list("PUT"), nil, false, 600)), lookC(1, ask("PUT"), true), lookC(2, ask("PUT"), true)}},
		{name: "chromium/nothing-needed-erases-nothing", p: chromiumPolicy, calls: []call{storeC(0, allow(list("PUT"), nil, false, 600)), lookC(1, ask("GET"), true), lookC(2, ask("PUT"), true)}},
		// The standard and Gecko keep what a look-up could not use.
		{name: "spec/insufficient-entry-kept", p: specPolicy, calls: []call{storeC(0, allow(list("PUT"), nil, false, 600)), lookC(1, ask("DELETE"), false), lookC(2, ask("PUT"), true)}},
		{name: "firefox/insufficient-entry-kept", p: firefoxPolicy, calls: []call{storeC(0, allow(list("PUT"), nil, false, 600)), lookC(1, ask("DELETE"), false), lookC(2, ask("PUT"), true)}},
		// WebKit caches a preflight that then failed the method check
		// (CrossOriginAccessControl.cpp); the next miss drops it.
		{name: "webkit/rejected-result-dropped-on-miss", p: webkitPolicy, calls: []call{storeC(0, allow(list("PUT"), nil, false, 600)), lookC(1, ask("DELETE"), false), storeC(1, allow(list("PUT"), nil, false, 600)), lookC(2, ask("PUT"), true)}},
	} {
		t.Run(tc.name, func(t *testing.T) { runScript(t, tc.p, tc.calls) })
	}
}

func TestClearAndReset(t *testing.T) {
	other := call{at: 0, store: &Result{Methods: list("PUT"), MaxAge: sec(600)}, key: keyB}
	otherLook := call{at: 2, q: &Query{Method: "PUT"}, key: keyB, want: true}
	for _, tc := range []struct {
		name  string
		p     Policy
		calls []call
	}{
		// Fetch §concept-cache-clear: every entry for the key, both credentials modes.
		{name: "spec/clear-removes-both-modes", p: specPolicy, calls: []call{storeC(0, allow(list("PUT"), nil, true, 600)), storeC(0, allow(list("DELETE"), nil, false, 600)), {at: 1, clear: true}, lookC(2, askCred("PUT"), false), lookC(2, ask("DELETE"), false)}},
		{name: "firefox/clear-removes-cred-and-nocred", p: firefoxPolicy, calls: []call{storeC(0, allow(list("PUT"), nil, true, 600)), storeC(0, allow(list("PUT"), nil, false, 600)), {at: 1, clear: true}, lookC(2, askCred("PUT"), false), lookC(2, ask("PUT"), false)}},
		{name: "spec/clear-leaves-other-keys", p: specPolicy, calls: []call{storeC(0, allow(list("PUT"), nil, false, 600)), other, {at: 1, clear: true}, lookC(2, ask("PUT"), false), otherLook}},
		{name: "chromium/clear-empty-is-fine", p: chromiumPolicy, calls: []call{{at: 0, clear: true}, lookC(1, ask("PUT"), false)}},
		{name: "spec/reset-forgets-everything", p: specPolicy, calls: []call{storeC(0, allow(list("PUT"), nil, false, 600)), other, {at: 1, reset: true}, lookC(2, ask("PUT"), false)}},
		{name: "spec/usable-after-reset", p: specPolicy, calls: []call{{at: 0, reset: true}, storeC(1, allow(list("PUT"), nil, false, 600)), lookC(2, ask("PUT"), true)}},
	} {
		t.Run(tc.name, func(t *testing.T) { runScript(t, tc.p, tc.calls) })
	}
}

func TestLenAndPurge(t *testing.T) {
	for _, tc := range []struct {
		name      string
		p         Policy
		stores    []stored
		lenBefore int
		purgeAt   int
		purged    int
		lenAfter  int
	}{
		// PerToken counts (method or header, credentials) entries.
		{name: "spec/tokens", p: specPolicy, stores: []stored{put(0, allow(list("PUT", "DELETE"), list("x-a"), false, 10))}, lenBefore: 3, purgeAt: 5, purged: 0, lenAfter: 3},
		{name: "spec/duplicates-count-once", p: specPolicy, stores: []stored{put(0, allow(list("PUT", "PUT"), list("X-A", "x-a"), false, 10))}, lenBefore: 2, purgeAt: 5, purged: 0, lenAfter: 2},
		{name: "spec/cred-and-plain-separate", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), nil, true, 10)), put(0, allow(list("PUT"), nil, false, 10))}, lenBefore: 1, purgeAt: 5, purged: 0, lenAfter: 1},
		{name: "spec/plain-then-cred", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 10)), put(0, allow(list("PUT"), nil, true, 10))}, lenBefore: 2, purgeAt: 5, purged: 0, lenAfter: 2},
		{name: "spec/partial-expiry", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 10)), put(0, allow(list("DELETE"), nil, false, 100))}, lenBefore: 2, purgeAt: 10, purged: 1, lenAfter: 1},
		{name: "spec/all-expired", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), list("x-a"), false, 10)), putAt(0, keyB, allow(list("PUT"), nil, false, 10))}, lenBefore: 3, purgeAt: 10, purged: 3, lenAfter: 0},
		{name: "spec/zero-creates-nothing", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 0))}, lenBefore: 0, purgeAt: 0, purged: 0, lenAfter: 0},
		{name: "spec/empty-result-creates-nothing", p: specPolicy, stores: []stored{put(0, allow(nil, nil, false, 10))}, lenBefore: 0, purgeAt: 0, purged: 0, lenAfter: 0},
		// WholeResult counts records.
		{name: "chromium/records", p: chromiumPolicy, stores: []stored{put(0, allow(list("PUT", "DELETE"), list("x-a"), false, 10)), putAt(0, keyB, allow(nil, nil, false, 10))}, lenBefore: 2, purgeAt: 10, purged: 2, lenAfter: 0},
		{name: "chromium/replace-keeps-one", p: chromiumPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 10)), put(1, allow(list("DELETE"), nil, true, 10))}, lenBefore: 1, purgeAt: 5, purged: 0, lenAfter: 1},
		{name: "firefox/records-per-mode", p: firefoxPolicy, stores: []stored{put(0, allow(list("PUT"), nil, true, 10)), put(0, allow(list("PUT"), nil, false, 10))}, lenBefore: 2, purgeAt: 10, purged: 2, lenAfter: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newStored(tc.p, tc.stores)
			if got := c.Len(); got != tc.lenBefore {
				t.Errorf("Len() = %d, want %d", got, tc.lenBefore)
			}
			if got := c.Purge(at(tc.purgeAt)); got != tc.purged {
				t.Errorf("Purge(%ds) = %d, want %d", tc.purgeAt, got, tc.purged)
			}
			if got := c.Len(); got != tc.lenAfter {
				t.Errorf("Len() after Purge = %d, want %d", got, tc.lenAfter)
			}
		})
	}
}

func TestPolicyAccessor(t *testing.T) {
	if got := New(webkitPolicy).Policy(); got != webkitPolicy {
		t.Errorf("Policy() = %+v, want %+v", got, webkitPolicy)
	}
}
