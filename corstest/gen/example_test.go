package gen_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/corstest/gen"
)

// A few fetches drawn for a policy that allows https://app.example: the allowed page, its
// near-misses (here a homograph, a prefix match, a downgrade to http) and other pages, with the
// calls scripts make. Example(seed) draws the same value for the same seed.
func ExampleFetches() {
	fetches := gen.Fetches([]string{"https://app.example"}, []string{"https://api.example/cart"})
	for seed := 1; seed <= 8; seed++ {
		fmt.Println(fetches.Example(seed))
	}
	// Output:
	// https://xn--pp-6kc.example: fetch("https://api.example/cart", {method: "XZC-EHP", headers: [["If-None-Match", "W/\"0815\""], ["Accept-Language", "en-US,en;q=0.9"], ["CONTENT-TYPE", "application/octet-stream"]], body: ""})
	// https://app.example: fetch("https://api.example/cart", {method: "GET", headers: [["Accept-Language", "zh-Hant-TW"]]})
	// https://app.example: fetch("https://api.example/cart", {method: "GET"})
	// https://app.example: fetch("https://api.example/cart", {method: "PATCH", headers: [["Content-Type", "text/plain"]], body: "{\"id\":17,\"quantity\":3}", credentials: "include"})
	// https://a1x01wk025.test: fetch("https://api.example/cart", {method: "GET", headers: [["Content-type", "application/csp-report"], ["Content-Type", "application/json"], ["X-Client-Version", "web/2026.1"]], credentials: "omit"})
	// https://evilapp.example: fetch("https://api.example/cart", {method: "PUT"})
	// https://app.example: fetch("https://api.example/cart", {method: "OPTIONS", headers: [["Content-Type", "application/csp-report"]], body: "name=Ada+Lovelace&newsletter=on", redirect: "error"})
	// http://app.example: fetch("https://api.example/cart", {method: "PUT"})
}

// A policy that trusts every origin ending in "app.example" is a pitfall: a near-miss Origins
// draws reads the response. In a test, rapid.Check does this search and shrinks what it finds.
func ExampleFetch_Do_suffixMatch() {
	loose := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o := r.Header.Get("Origin"); strings.HasSuffix(o, "app.example") { // wrong: http://app.example and evilapp.example match
			w.Header().Set("Access-Control-Allow-Origin", o)
		}
		io.WriteString(w, "secret")
	})
	fetches := gen.Fetches([]string{"https://app.example"}, []string{"https://api.example/cart"})
	for seed := 1; ; seed++ {
		f := fetches.Example(seed)
		resp, err := f.Do(context.Background(), browser.WithProfile(algorithm.Chromium), browser.Handler(loose))
		if err == nil && resp.Type == algorithm.TypeCORS && f.Page != "https://app.example" {
			fmt.Printf("seed %d: %v\nreads %q\n", seed, f, resp.Body)
			return
		}
	}
	// Output:
	// seed 10: http://app.example: fetch("https://api.example/cart")
	// reads "secret"
}
