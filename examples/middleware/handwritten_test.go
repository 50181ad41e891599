package middleware

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/fetchmode"
)

// allowed are the origins the hand-written handlers mean to allow.
var allowed = []string{app, "https://admin.example"}

// handWritten is CORS done by hand for the checkout, with acao deciding the
// Access-Control-Allow-Origin lines of every answer.
func handWritten(c *cart, acao func(h http.Header, origin string)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		acao(w.Header(), r.Header.Get("Origin"))
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "GET, PATCH")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type, X-CSRF-Token")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		c.ServeHTTP(w, r)
	})
}

// TestJoinedAllowOrigin shows Access-Control-Allow-Origin given the whole allow-list, as if it were
// a list header: joined by commas in one line, or one line per origin. It takes exactly one origin
// (or "*" or "null"), so every browser fails it, but they name it differently: a comma-joined value
// is MultipleAllowOriginValues to Chromium and WebKit and a mere mismatch (AllowOriginMismatch) to
// the standard and Firefox; two lines are MultipleAllowOriginValues everywhere. A preflighted PATCH
// fails at the preflight (the Preflight… reasons), a credentialed GET at its response. The fix is
// to look the request's Origin up in the list and echo that one, with Vary: Origin.
func TestJoinedAllowOrigin(t *testing.T) {
	comma := func(h http.Header, _ string) { h.Set("Access-Control-Allow-Origin", strings.Join(allowed, ",")) }
	lines := func(h http.Header, _ string) {
		for _, o := range allowed {
			h.Add("Access-Control-Allow-Origin", o)
		}
	}
	echo := func(h http.Header, origin string) {
		h.Add("Vary", "Origin")
		if slices.Contains(allowed, origin) {
			h.Set("Access-Control-Allow-Origin", origin)
		}
	}
	get := browser.Request{URL: cartURL, Credentials: fetchmode.CredentialsInclude}
	mismatchOrMultiple := func(mismatch, multiple algorithm.Reason) byProfile {
		return byProfile{algorithm.Spec: mismatch, algorithm.Chromium: multiple, algorithm.Firefox: mismatch, algorithm.WebKit: multiple}
	}
	for _, tc := range []struct {
		name string
		acao func(http.Header, string)
		req  browser.Request
		want byProfile
		fix  string // a part of the fix: the value sent, or what to send
	}{
		{"comma-joined, PATCH", comma, checkout(), mismatchOrMultiple(algorithm.PreflightAllowOriginMismatch, algorithm.PreflightMultipleAllowOriginValues), `"https://app.example,https://admin.example"`},
		{"comma-joined, GET", comma, get, mismatchOrMultiple(algorithm.AllowOriginMismatch, algorithm.MultipleAllowOriginValues), `"https://app.example,https://admin.example"`},
		{"one line each, PATCH", lines, checkout(), every(algorithm.PreflightMultipleAllowOriginValues), "send Access-Control-Allow-Origin once, with the one value https://app.example"},
		{"one line each, GET", lines, get, every(algorithm.MultipleAllowOriginValues), "send Access-Control-Allow-Origin once, with the one value https://app.example"},
		{"echo the one that matches, PATCH", echo, checkout(), nil, ""},
		{"echo the one that matches, GET", echo, get, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range algorithm.Profiles() {
				h := handWritten(&cart{}, tc.acao)
				if tc.want == nil {
					wantCart(t, mustRead(t, p, app, h, tc.req))
					continue
				}
				e := mustBlock(t, p, app, h, tc.req, tc.want[p])
				wantFix(t, e, "Access-Control-Allow-Origin", tc.fix)
				if e.Verdict.FailedParameter == "" {
					t.Errorf("%s: no failed parameter; want the value sent", p)
				}
			}
		})
	}
}

// TestCORSHeadersOnPreflightOnly shows a server that answers every preflight with one OPTIONS
// handler (a ServeMux "OPTIONS /" route) and forgets CORS headers on the actual answer. The
// preflight passes, so the PATCH is sent and the cart changes; then its answer has no
// Access-Control-Allow-Origin and the browser reports MissingAllowOriginHeader in every profile.
// Script sees a failure although the update happened, so a retry updates twice.
func TestCORSHeadersOnPreflightOnly(t *testing.T) {
	for _, p := range algorithm.Profiles() {
		c := &cart{}
		mux := http.NewServeMux()
		mux.HandleFunc("OPTIONS /", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
			w.Header().Set("Access-Control-Allow-Credentials", "true")
			w.Header().Set("Access-Control-Allow-Methods", "GET, PATCH")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type, X-CSRF-Token")
			w.Header().Set("Vary", "Origin")
			w.WriteHeader(http.StatusNoContent)
		})
		mux.Handle("PATCH /cart/items/{id}", c)
		e := mustBlock(t, p, app, mux, checkout(), algorithm.MissingAllowOriginHeader)
		if !e.Verdict.ActualSent || c.updates.Load() != 1 {
			t.Errorf("%s: want the PATCH sent and the cart changed; sent %t, updates %d", p, e.Verdict.ActualSent, c.updates.Load())
		}
		wantFix(t, e, "send Access-Control-Allow-Origin: https://app.example in the response of "+cartURL)
	}
}
