package middleware

import (
	"net/http"
	"testing"

	"github.com/corsim/corsim/algorithm"
	rscors "github.com/rs/cors"
)

// requireSession is an authentication middleware: a request without a session cookie gets 401.
// corsim does not model cookies (the browser decides whether it would attach them, but sends
// none), so every request here is that of a user whose session has expired, which is the case the
// tests are about. With letPreflightThrough it passes OPTIONS on unchecked, as many do, since a
// preflight never carries credentials.
func requireSession(letPreflightThrough bool) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if letPreflightThrough && r.Method == http.MethodOptions {
				h.ServeHTTP(w, r)
				return
			}
			if _, err := r.Cookie("session"); err != nil {
				http.Error(w, "login required", http.StatusUnauthorized)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
}

// TestAuthOutsideCORS shows authentication wrapped around the CORS middleware (rs/cors, here). Its
// 401 goes out without CORS headers, so the browser reports a CORS error although the real
// problem is the expired session, and script cannot even read the 401 to send the user to the
// login page:
//
//   - if the authentication refuses the preflight too, the preflight fails (missing
//     Access-Control-Allow-Origin, or in WebKit the 401 status) and the PATCH is never sent;
//   - if it lets OPTIONS through, the preflight passes, the PATCH reaches the server and gets its
//     401, and the browser reports MissingAllowOriginHeader in every profile.
//
// With the CORS middleware outermost, every answer carries its CORS headers: script reads the 401.
func TestAuthOutsideCORS(t *testing.T) {
	cors := rscors.New(rsOptions()).Handler
	t.Run("auth outside, preflight refused", func(t *testing.T) {
		for _, p := range algorithm.Profiles() {
			wire := &tap{h: requireSession(false)(cors(&cart{}))}
			e := mustBlock(t, p, app, wire, checkout(), preflightRefused[p])
			if got := wire.String(); got != "OPTIONS 401" || e.Verdict.ActualSent {
				t.Errorf("%s: the server answered %q; want OPTIONS 401 and no PATCH", p, got)
			}
			if p == algorithm.WebKit {
				wantFix(t, e, "instead of 401")
			}
		}
	})
	t.Run("auth outside, preflight let through", func(t *testing.T) {
		for _, p := range algorithm.Profiles() {
			wire := &tap{h: requireSession(true)(cors(&cart{}))}
			e := mustBlock(t, p, app, wire, checkout(), algorithm.MissingAllowOriginHeader)
			if got := wire.String(); got != "OPTIONS 204, PATCH 401" || !e.Verdict.ActualSent {
				t.Errorf("%s: the server answered %q; want OPTIONS 204, PATCH 401", p, got)
			}
			// fetch() rejects: script sees a TypeError, not the 401.
			if e.Verdict.Status != 0 || e.Verdict.BodyReadable {
				t.Errorf("%s: script reads status %d", p, e.Verdict.Status)
			}
			wantFix(t, e, "send Access-Control-Allow-Origin: https://app.example in the response of "+cartURL)
		}
	})
	t.Run("CORS outside auth", func(t *testing.T) {
		for _, p := range algorithm.Profiles() {
			resp := mustRead(t, p, app, cors(requireSession(false)(&cart{})), checkout())
			if resp.Status != http.StatusUnauthorized || string(resp.Body) != "login required\n" {
				t.Errorf("%s: script reads %d %q, want the 401", p, resp.Status, resp.Body)
			}
		}
	})
}
