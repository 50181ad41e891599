package fetchmode

import (
	"testing"

	"github.com/corsim/corsim/internal/grammar"
)

// TestPreflightValidationDoesNotAllocate runs what the engine does with a
// preflight response and the request it guards, and checks that none of it
// allocates when the caller's buffers have room.
func TestPreflightValidationDoesNotAllocate(t *testing.T) {
	request := HeaderList{
		{"Accept", "*/*"},
		{"Accept-Language", "en-US,en;q=0.9"},
		{"Content-Type", "application/json"},
		{"X-CSRF-Token", "c2VjcmV0"},
	}
	response := HeaderList{
		{"Access-Control-Allow-Origin", "https://app.example"},
		{"Access-Control-Allow-Credentials", "true"},
		{"Access-Control-Allow-Methods", "GET, POST, PATCH"},
		{"Access-Control-Allow-Headers", "content-type"},
		{"access-control-allow-headers", "x-csrf-token, authorization"},
		{"Access-Control-Max-Age", "600"},
		{"Vary", "Origin"},
	}
	allocs := testing.AllocsPerRun(200, func() {
		var names, lines, methods, headers [8]string
		unsafe := Safelist{}.AppendUnsafeNames(names[:0], request)
		acao, ok := response.Get("Access-Control-Allow-Origin")
		acac, _ := response.Get("Access-Control-Allow-Credentials")
		if !ok || acao != "https://app.example" || !grammar.IsAllowCredentialsTrue(acac) {
			t.Fatal("CORS check failed")
		}
		m, err := grammar.AppendTokenList(methods[:0], "Access-Control-Allow-Methods",
			response.AppendValues(lines[:0], "Access-Control-Allow-Methods")...)
		if err != nil || len(m) != 3 {
			t.Fatal(len(m), err)
		}
		h, err := grammar.AppendTokenList(headers[:0], "Access-Control-Allow-Headers",
			response.AppendValues(lines[:0], "Access-Control-Allow-Headers")...)
		if err != nil || len(h) != 3 || len(unsafe) != 2 {
			t.Fatal(len(h), len(unsafe), err)
		}
		if n, err := grammar.ParseMaxAge(response.AppendValues(lines[:0], "Access-Control-Max-Age")); err != nil || n != 600 {
			t.Fatal(n, err)
		}
		if !IsCORSSafelistedMethod(NormalizeMethod("post")) || IsForbiddenRequestHeader("X-CSRF-Token", "x") {
			t.Fatal("method or header class")
		}
	})
	if allocs != 0 {
		t.Errorf("preflight validation allocates %v times per run", allocs)
	}
}
