package cache_test

import (
	"fmt"
	"time"

	"github.com/corsim/corsim/cache"
)

var start = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

var key = cache.Key{
	Partition: "https://shop.example",
	Origin:    "https://shop.example",
	URL:       "https://api.example/cart",
}

// The engine's round trip with the standard's cache: parse the max-age,
// store what the preflight allowed, and skip later preflights until it runs
// out.
func Example() {
	c := cache.New(cache.Policy{}) // the Fetch standard's cache
	age, ok := c.Policy().MaxAge([]string{"60"})
	fmt.Println("max-age:", age, ok)

	c.Store(key, cache.Result{
		Methods: []string{"PUT"},
		Headers: []string{"Content-Type"},
		MaxAge:  age,
	}, start)

	q := cache.Query{Method: "PUT", UnsafeHeaders: []string{"content-type"}}
	fmt.Println("after 59 s:", c.Lookup(key, q, start.Add(59*time.Second)))
	fmt.Println("after 60 s:", c.Lookup(key, q, start.Add(60*time.Second)))
	// Output:
	// max-age: 1m0s true
	// after 59 s: true
	// after 60 s: false
}

// A preflight for PUT followed by one for DELETE: the standard (and Gecko)
// merge the entries, Chromium and WebKit keep only the newer result.
func Example_granularity() {
	for _, g := range []struct {
		name string
		g    cache.Granularity
	}{{"PerToken", cache.PerToken}, {"WholeResult", cache.WholeResult}} {
		c := cache.New(cache.Policy{Granularity: g.g})
		c.Store(key, cache.Result{Methods: []string{"PUT"}, MaxAge: time.Minute}, start)
		c.Store(key, cache.Result{Methods: []string{"DELETE"}, MaxAge: time.Minute}, start)
		put := c.Lookup(key, cache.Query{Method: "PUT"}, start)
		del := c.Lookup(key, cache.Query{Method: "DELETE"}, start)
		fmt.Printf("%-11s PUT %v, DELETE %v\n", g.name, put, del)
	}
	// Output:
	// PerToken    PUT true, DELETE true
	// WholeResult PUT false, DELETE true
}

// The same Access-Control-Max-Age values under the three grammars.
func ExamplePolicy_MaxAge() {
	policies := []struct {
		name string
		p    cache.Policy
	}{
		{"spec", cache.Policy{}},
		{"chromium", cache.Policy{MaxAgeSyntax: cache.SyntaxInteger, MaxAgeCap: 2 * time.Hour}},
		{"firefox", cache.Policy{MaxAgeSyntax: cache.SyntaxDigitsOnly, InvalidMaxAge: cache.InvalidDoNotStore,
			ZeroMaxAge: cache.ZeroDoesNotStore, MaxAgeCap: 24 * time.Hour}},
	}
	for _, v := range []string{"+60", "abc", "0", "99999"} {
		fmt.Printf("%-6q", v)
		for _, pp := range policies {
			d, store := pp.p.MaxAge([]string{v})
			fmt.Printf(" %s=%v/%v", pp.name, d, store)
		}
		fmt.Println()
	}
	// Output:
	// "+60"  spec=5s/true chromium=1m0s/true firefox=0s/false
	// "abc"  spec=5s/true chromium=5s/true firefox=0s/false
	// "0"    spec=0s/true chromium=0s/true firefox=0s/false
	// "99999" spec=27h46m39s/true chromium=2h0m0s/true firefox=24h0m0s/true
}

// A pitfall: a credentialed preflight answered with `Access-Control-Allow-
// Methods: *, PUT` only allowed PUT, because with credentials `*` is a
// literal name. Read literally, the standard would still let the stored `*`
// entry skip the preflight of a later credentialed DELETE. The default
// WildcardsUncredentialed does not.
func Example_wildcardWithCredentials() {
	for _, rule := range []struct {
		name string
		w    cache.WildcardRule
	}{{"WildcardsUncredentialed", cache.WildcardsUncredentialed}, {"WildcardsAlways", cache.WildcardsAlways}} {
		c := cache.New(cache.Policy{Wildcards: rule.w})
		c.Store(key, cache.Result{Methods: []string{"*", "PUT"}, Credentials: true, MaxAge: time.Minute}, start)
		del := cache.Query{Method: "DELETE", Credentials: true}
		fmt.Printf("%s: DELETE skips its preflight: %v\n", rule.name, c.Lookup(key, del, start))
	}
	// Output:
	// WildcardsUncredentialed: DELETE skips its preflight: false
	// WildcardsAlways: DELETE skips its preflight: true
}

// After a CORS-with-preflight fetch fails, a policy that clears on failure
// forgets everything cached for the request's key.
func ExampleCache_Clear() {
	p := cache.Policy{}
	c := cache.New(p)
	c.Store(key, cache.Result{Methods: []string{"PUT"}, Credentials: true, MaxAge: time.Minute}, start)
	c.Store(key, cache.Result{Headers: []string{"X-Token"}, MaxAge: time.Minute}, start)
	fmt.Println("entries:", c.Len())
	if p.ClearsOnFailure() {
		c.Clear(key)
	}
	fmt.Println("entries:", c.Len())
	// Output:
	// entries: 2
	// entries: 0
}
