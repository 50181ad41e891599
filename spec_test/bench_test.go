package spec_test

import (
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/scenario"
)

// BenchmarkFetch measures whole simulated fetches per profile: a simple GET, a preflighted PUT with
// two unsafe headers, and the same PUT answered from a warm preflight cache.
func BenchmarkFetch(b *testing.B) {
	routes := map[string]scenario.Route{apiURL: {
		Options: rsp(204, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "x-a, x-b", "Access-Control-Max-Age", "600"),
		Actual:  rsp(200, "Access-Control-Allow-Origin", pageS, "Content-Type", "text/plain", "X-A", "1"),
	}}
	cases := []struct {
		name  string
		req   algorithm.Request
		cache bool
	}{
		{name: "case=simple-get", req: algorithm.Request{Origin: page, URL: apiURL}},
		{name: "case=preflighted-put", req: algorithm.Request{Origin: page, URL: apiURL, Method: "PUT", Headers: h("X-A", "1", "X-B", "2")}},
		{name: "case=cached-put", req: algorithm.Request{Origin: page, URL: apiURL, Method: "PUT", Headers: h("X-A", "1", "X-B", "2")}, cache: true},
		{name: "case=credentialed-get-blocked", req: algorithm.Request{Origin: page, URL: apiURL, Credentials: fetchmode.CredentialsInclude}},
	}
	for _, p := range allProfiles {
		for _, c := range cases {
			b.Run(profileName(p)+"/"+c.name, func(b *testing.B) {
				tb := table(b, routes)
				opts := algorithm.Options{Profile: p}
				if c.cache {
					clk := newClock()
					opts = clk.opts(p)
				}
				b.ReportAllocs()
				for b.Loop() {
					algorithm.Fetch(c.req, tb, opts)
				}
			})
		}
	}
}
