package cache

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// stored is one Store call in a table row: at second at, for key (keyA when
// zero), result r.
type stored struct {
	at  int
	key Key
	r   Result
}

func list(s ...string) []string { return s }

// allow is a Result for methods ms and headers hs, credentials cred and a
// max-age of age seconds.
func allow(ms, hs []string, cred bool, age int) Result {
	return Result{Methods: ms, Headers: hs, Credentials: cred, MaxAge: sec(age)}
}

func put(at int, r Result) stored { return stored{at: at, r: r} }

func putAt(at int, k Key, r Result) stored { return stored{at: at, key: k, r: r} }

func ask(method string, headers ...string) Query {
	return Query{Method: method, UnsafeHeaders: headers}
}

func askCred(method string, headers ...string) Query {
	return Query{Method: method, UnsafeHeaders: headers, Credentials: true}
}

func askForced(method string, headers ...string) Query {
	return Query{Method: method, UnsafeHeaders: headers, Forced: true}
}

type lookupRow struct {
	name   string
	p      Policy
	stores []stored
	key    Key // keyA when zero
	q      Query
	at     int
	want   bool
}

// newStored returns a cache with policy p after the given stores.
func newStored(p Policy, stores []stored) *Cache {
	c := New(p)
	for _, s := range stores {
		c.Store(orKeyA(s.key), s.r, at(s.at))
	}
	return c
}

// orKeyA returns k, or keyA when k is zero.
func orKeyA(k Key) Key {
	if k == (Key{}) {
		return keyA
	}
	return k
}

func runLookupRows(t *testing.T, rows []lookupRow) {
	t.Helper()
	for _, tc := range rows {
		t.Run(tc.name, func(t *testing.T) {
			c := newStored(tc.p, tc.stores)
			if got := c.Lookup(orKeyA(tc.key), tc.q, at(tc.at)); got != tc.want {
				t.Errorf("Lookup(method %.40q, %d headers, cred %v, forced %v) at %ds = %v, want %v",
					tc.q.Method, len(tc.q.UnsafeHeaders), tc.q.Credentials, tc.q.Forced, tc.at, got, tc.want)
			}
		})
	}
}

var (
	long1MiB  = strings.Repeat("x", 1<<20)
	manyNames = func() []string {
		var s []string
		for i := 0; i < 5000; i++ {
			s = append(s, "x-h"+strconv.Itoa(i))
		}
		return s
	}()
)

func TestLookupMatching(t *testing.T) {
	put5 := put(0, allow(list("PUT"), nil, false, 5))
	runLookupRows(t, []lookupRow{
		// Fetch §concept-http-fetch step 4.1.
		{name: "empty-cache-needs-preflight", p: specPolicy, q: ask("PUT"), want: false},
		{name: "nothing-needed-is-covered", p: specPolicy, q: ask("GET"), want: true},
		{name: "post-nothing-needed", p: specPolicy, q: ask("POST"), want: true},
		{name: "stored-method-hits", p: specPolicy, stores: []stored{put5}, q: ask("PUT"), want: true},
		{name: "other-method-misses", p: specPolicy, stores: []stored{put5}, q: ask("DELETE"), want: false},
		// Fetch §concept-cache-match-method: exact bytes.
		{name: "method-case-sensitive", p: specPolicy, stores: []stored{put(0, allow(list("put"), nil, false, 5))}, q: ask("PUT"), want: false},
		{name: "lower-case-method-exact", p: specPolicy, stores: []stored{put(0, allow(list("patch"), nil, false, 5))}, q: ask("patch"), want: true},
		// Fetch §concept-cache lifetime: usable while now < stored+max-age.
		{name: "alive-before-max-age", p: specPolicy, stores: []stored{put5}, q: ask("PUT"), at: 4, want: true},
		{name: "expired-at-max-age", p: specPolicy, stores: []stored{put5}, q: ask("PUT"), at: 5, want: false},
		{name: "zero-max-age-never-usable", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 0))}, q: ask("PUT"), want: false},
		// Fetch §concept-cache-match-header: case-insensitive.
		{name: "header-case-insensitive", p: specPolicy, stores: []stored{put(0, allow(nil, list("X-Custom"), false, 5))}, q: ask("GET", "x-custom"), want: true},
		{name: "upper-case-query-tolerated", p: specPolicy, stores: []stored{put(0, allow(nil, list("x-custom"), false, 5))}, q: ask("GET", "X-CUSTOM"), want: true},
		{name: "missing-header-misses", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), list("x-a"), false, 5))}, q: ask("PUT", "x-a", "x-b"), want: false},
		{name: "all-headers-hit", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), list("x-b", "x-a"), false, 5))}, q: ask("PUT", "x-a", "x-b"), want: true},
		// Safelisted-method exemption (Fetch §concept-http-fetch step 4.1; Gecko CheckRequest).
		{name: "head-exempt-spec", p: specPolicy, stores: []stored{put(0, allow(nil, list("x-a"), false, 5))}, q: ask("HEAD", "x-a"), want: true},
		{name: "head-not-exempt-firefox", p: firefoxPolicy, stores: []stored{put(0, allow(nil, list("x-a"), false, 5))}, q: ask("HEAD", "x-a"), want: false},
		{name: "head-listed-firefox", p: firefoxPolicy, stores: []stored{put(0, allow(list("HEAD"), list("x-a"), false, 5))}, q: ask("HEAD", "x-a"), want: true},
		{name: "get-exempt-firefox", p: firefoxPolicy, stores: []stored{put(0, allow(nil, list("x-a"), false, 5))}, q: ask("GET", "x-a"), want: true},
		{name: "lower-get-not-exempt", p: specPolicy, stores: []stored{put(0, allow(nil, list("x-a"), false, 5))}, q: ask("get", "x-a"), want: false},
		// Use-CORS-preflight flag (Fetch §concept-http-fetch step 4.1).
		{name: "forced-get-needs-entry", p: specPolicy, q: askForced("GET"), want: false},
		{name: "forced-get-with-entry", p: specPolicy, stores: []stored{put(0, allow(list("GET"), nil, false, 5))}, q: askForced("GET"), want: true},
		{name: "forced-get-header-only-entry", p: specPolicy, stores: []stored{put(0, allow(nil, list("x-a"), false, 5))}, q: askForced("GET", "x-a"), want: false},
		// Keys (Fetch §concept-cache-match).
		{name: "other-url-misses", p: specPolicy, stores: []stored{put5}, key: keyB, q: ask("PUT"), want: false},
		{name: "other-partition-misses", p: specPolicy, stores: []stored{put5}, key: Key{Origin: keyA.Origin, URL: keyA.URL}, q: ask("PUT"), want: false},
		{name: "other-origin-misses", p: specPolicy, stores: []stored{put5}, key: Key{Partition: keyA.Partition, Origin: "null", URL: keyA.URL}, q: ask("PUT"), want: false},
		{name: "null-origin-shared", p: specPolicy, stores: []stored{putAt(0, Key{Origin: "null", URL: "https://api.test/"}, allow(list("PUT"), nil, false, 5))}, key: Key{Origin: "null", URL: "https://api.test/"}, q: ask("PUT"), want: true},
		{name: "empty-key-works", p: specPolicy, stores: []stored{putAt(0, Key{Origin: "", URL: "\x00"}, allow(list("PUT"), nil, false, 5))}, key: Key{URL: "\x00"}, q: ask("PUT"), want: true},
		// MaxURLLength (Chromium preflight_cache.cc, kMaxKeyLength).
		{name: "url-1023-cached", p: chromiumPolicy, stores: []stored{putAt(0, Key{URL: strings.Repeat("u", 1023)}, allow(list("PUT"), nil, false, 5))}, key: Key{URL: strings.Repeat("u", 1023)}, q: ask("PUT"), want: true},
		{name: "url-1024-not-cached", p: chromiumPolicy, stores: []stored{putAt(0, Key{URL: strings.Repeat("u", 1024)}, allow(list("PUT"), nil, false, 5))}, key: Key{URL: strings.Repeat("u", 1024)}, q: ask("PUT"), want: false},
		{name: "url-1MiB-spec-cached", p: specPolicy, stores: []stored{putAt(0, Key{URL: long1MiB}, allow(list("PUT"), nil, false, 5))}, key: Key{URL: long1MiB}, q: ask("PUT"), want: true},
		// Adversarial names.
		{name: "empty-method", p: specPolicy, stores: []stored{put(0, allow(list(""), nil, false, 5))}, q: ask(""), want: true},
		{name: "invalid-utf8-method", p: specPolicy, stores: []stored{put(0, allow(list("\xff\xfe"), nil, false, 5))}, q: ask("\xff\xfe"), want: true},
		{name: "control-byte-header", p: specPolicy, stores: []stored{put(0, allow(nil, list("x-\x01"), false, 5))}, q: ask("GET", "x-\x01"), want: true},
		{name: "1MiB-header-name", p: specPolicy, stores: []stored{put(0, allow(nil, list(long1MiB), false, 5))}, q: ask("GET", long1MiB), want: true},
		{name: "5000-headers", p: specPolicy, stores: []stored{put(0, allow(nil, manyNames, false, 5))}, q: ask("GET", sortedUnique(manyNames)...), want: true},
		{name: "5000-headers-one-missing", p: specPolicy, stores: []stored{put(0, allow(nil, manyNames[1:], false, 5))}, q: ask("GET", sortedUnique(manyNames)...), want: false},
	})
}

func TestExpirySaturates(t *testing.T) {
	// A lifetime that overflows time.Time ends at the latest time instead
	// of wrapping into the past.
	now := time.Unix(math.MaxInt64-62135596800-10, 0) // 10 s before the latest time.Time
	c := New(specPolicy)
	c.Store(keyA, allow(list("PUT"), nil, false, 3600), now)
	if !c.Lookup(keyA, ask("PUT"), now.Add(sec(5))) {
		t.Error("entry stored near the end of time expired at once")
	}
	if u := c.tick(t0); expiry(u, forever) <= u {
		t.Errorf("expiry(%d, forever) = %d, not after it", u, expiry(u, forever))
	}
}
