package algorithm_test

import (
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

// TestHotPathAllocations holds the hot paths to their allocation budgets (docs/performance.md)
// without timing anything: the CORS check and preflight validation allocate nothing on any path of
// any profile, and a whole fetch allocates its verdict's memory plus, for a preflight naming several
// headers, the Access-Control-Request-Headers value.
func TestHotPathAllocations(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented builds allocate differently")
	}
	const page = "https://www.shop.test"
	checks := []struct {
		name  string
		creds fetchmode.Credentials
		h     fetchmode.HeaderList
	}{
		{"star", fetchmode.CredentialsSameOrigin, hl("Access-Control-Allow-Origin", "*")},
		{"exact with credentials", fetchmode.CredentialsInclude, hl("Access-Control-Allow-Origin", page, "Access-Control-Allow-Credentials", "true")},
		{"mismatch", fetchmode.CredentialsSameOrigin, hl("Access-Control-Allow-Origin", "https://evil.test")},
		{"invalid value", fetchmode.CredentialsSameOrigin, hl("Access-Control-Allow-Origin", "https://a b")},
		{"several values", fetchmode.CredentialsSameOrigin, hl("Access-Control-Allow-Origin", page+", "+page)},
		{"null", fetchmode.CredentialsSameOrigin, hl("Access-Control-Allow-Origin", "null")},
		{"missing", fetchmode.CredentialsSameOrigin, hl("Content-Type", "text/plain")},
		{"star with credentials", fetchmode.CredentialsInclude, hl("Access-Control-Allow-Origin", "*")},
		{"credentials not true", fetchmode.CredentialsInclude, hl("Access-Control-Allow-Origin", page, "Access-Control-Allow-Credentials", "True")},
	}
	for _, p := range algorithm.Profiles() {
		for _, c := range checks {
			if n := testing.AllocsPerRun(50, func() { sinkFailure = algorithm.CORSCheck(p, page, c.creds, c.h) }); n != 0 {
				t.Errorf("%s: CORSCheck %s: %v allocations, want 0", p, c.name, n)
			}
		}
	}
	resp := algorithm.Response{Status: 204, Headers: hl(
		"Access-Control-Allow-Origin", page, "Access-Control-Allow-Credentials", "true",
		"Access-Control-Allow-Methods", "GET, PATCH, OPTIONS", "Access-Control-Allow-Headers", "content-type, x-csrf-token",
		"Access-Control-Max-Age", "600")}
	check := algorithm.PreflightCheck{Origin: page, Method: "PATCH", Headers: []string{"content-type", "x-csrf-token"},
		Credentials: fetchmode.CredentialsInclude}
	for _, p := range algorithm.Profiles() {
		if n := testing.AllocsPerRun(50, func() { _, sinkFailure = algorithm.ValidatePreflight(p, check, resp) }); n != 0 {
			t.Errorf("%s: ValidatePreflight: %v allocations, want 0", p, n)
		}
	}
	act := algorithm.Response{Status: 200, Headers: hl("Access-Control-Allow-Origin", page,
		"Access-Control-Allow-Credentials", "true", "Vary", "Origin", "Content-Type", "application/json")}
	srv := server(resp, act)
	req := checkoutRequest()
	simple := algorithm.Request{Origin: req.Origin, URL: "https://api.shop.test/items"}
	for _, p := range algorithm.Profiles() {
		if n := testing.AllocsPerRun(50, func() { sinkVerdict = algorithm.Fetch(req, srv, algorithm.Options{Profile: p}) }); n > 2 {
			t.Errorf("%s: preflighted Fetch: %v allocations, want at most 2", p, n)
		}
		if n := testing.AllocsPerRun(50, func() { sinkVerdict = algorithm.Fetch(simple, srv, algorithm.Options{Profile: p}) }); n > 1 {
			t.Errorf("%s: simple Fetch: %v allocations, want at most 1", p, n)
		}
	}
}
