package middleware

import (
	"net/http"
	"sync"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/fetchmode"
	rscors "github.com/rs/cors"
)

// forgery is what a page on https://evil.example can send without a preflight, as an HTML form
// could: a credentialed POST with a string body, which the browser labels
// Content-Type: text/plain;charset=UTF-8.
func forgery(mode fetchmode.Mode) browser.Request {
	return browser.Request{
		URL: cartURL, Method: http.MethodPost, Body: browser.Text("quantity=99"),
		Mode: mode, Credentials: fetchmode.CredentialsInclude,
	}
}

// headersSeen records two request headers of every request that reaches it.
type headersSeen struct {
	h              http.Handler
	mu             sync.Mutex
	origin, secFet []string
}

func (s *headersSeen) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.origin = append(s.origin, r.Header.Get("Origin"))
	s.secFet = append(s.secFet, r.Header.Get("Sec-Fetch-Site"))
	s.mu.Unlock()
	s.h.ServeHTTP(w, r)
}

// TestCSRFIsNotCORS shows that CORS decides what script may read, not what the server does. The
// cart sits behind rs/cors configured right for https://app.example only, without
// CrossOriginProtection. A page on https://evil.example POSTs to it: the request is simple, so no
// preflight is sent and the POST reaches the server with the user's credentials (ActualSent), and
// the cart changes. Script cannot read the answer (in mode cors, fetch() rejects with
// MissingAllowOriginHeader; in mode no-cors it gets an opaque response, status 0), but the damage
// is done.
//
// Wrapped in net/http's CrossOriginProtection (Go 1.25), the same POST still reaches the server,
// which now rejects it with 403 before the cart sees it. corsim's browser sends Origin but not
// Sec-Fetch-Site (the test checks both), so CrossOriginProtection falls back to comparing the
// Origin's host with the Host header: evil.example is not api.example, and the request is refused.
func TestCSRFIsNotCORS(t *testing.T) {
	cors := rscors.New(rsOptions()).Handler
	for _, tc := range []struct {
		name    string
		protect bool
		mode    fetchmode.Mode
		status  string // the POST's status, as the server sent it
		updates int64
	}{
		{"unprotected, mode cors", false, fetchmode.ModeCORS, "POST 200", 1},
		{"unprotected, mode no-cors", false, fetchmode.ModeNoCORS, "POST 200", 1},
		{"CrossOriginProtection, mode cors", true, fetchmode.ModeCORS, "POST 403", 0},
		{"CrossOriginProtection, mode no-cors", true, fetchmode.ModeNoCORS, "POST 403", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range algorithm.Profiles() {
				c := &cart{}
				var h http.Handler = cors(c)
				if tc.protect {
					h = http.NewCrossOriginProtection().Handler(h)
				}
				seen := &headersSeen{h: h}
				wire := &tap{h: seen}
				var v algorithm.Verdict
				if tc.mode == fetchmode.ModeNoCORS {
					resp := mustRead(t, p, evil, wire, forgery(tc.mode))
					if resp.Type != algorithm.TypeOpaque || resp.Status != 0 || resp.Body != nil {
						t.Errorf("%s: script reads a %s response, status %d, body %q; want opaque, 0, nothing", p, resp.Type, resp.Status, resp.Body)
					}
					v = resp.Verdict
				} else {
					v = mustBlock(t, p, evil, wire, forgery(tc.mode), algorithm.MissingAllowOriginHeader).Verdict
				}
				if !v.ActualSent || len(v.ServerSaw) != 1 || v.ServerSaw[0].Preflight || !v.ServerSaw[0].Credentials {
					t.Errorf("%s: want one credentialed POST and no preflight, got %+v", p, v.ServerSaw)
				}
				if got := wire.String(); got != tc.status || c.updates.Load() != tc.updates {
					t.Errorf("%s: the server answered %q and the cart made %d updates; want %s and %d", p, got, c.updates.Load(), tc.status, tc.updates)
				}
				if seen.origin[0] != evil || seen.secFet[0] != "" {
					t.Errorf("%s: the server saw Origin %q and Sec-Fetch-Site %q; want %s and none", p, seen.origin[0], seen.secFet[0], evil)
				}
			}
		})
	}
}

// TestCrossOriginProtectionNeedsTrustedOrigins shows CrossOriginProtection in front of a CORS API:
// it cannot tell an allowed cross-origin caller from an attacker, so it refuses the checkout's own
// PATCH from https://app.example with 403 as well (the preflight passes: OPTIONS is a safe method).
// Outside the CORS middleware, its 403 has no CORS headers (MissingAllowOriginHeader, the real
// cause hidden again, as in TestAuthOutsideCORS); inside, script reads the 403. AddTrustedOrigin
// for each origin the CORS configuration allows makes the checkout work, and the forgery from
// https://evil.example is still refused.
func TestCrossOriginProtectionNeedsTrustedOrigins(t *testing.T) {
	cors := rscors.New(rsOptions()).Handler
	for _, p := range algorithm.Profiles() {
		c := &cart{}
		wire := &tap{h: http.NewCrossOriginProtection().Handler(cors(c))}
		mustBlock(t, p, app, wire, checkout(), algorithm.MissingAllowOriginHeader)
		if got := wire.String(); got != "OPTIONS 204, PATCH 403" || c.hits.Load() != 0 {
			t.Errorf("%s, protection outside CORS: the server answered %q; want OPTIONS 204, PATCH 403", p, got)
		}

		resp := mustRead(t, p, app, cors(http.NewCrossOriginProtection().Handler(&cart{})), checkout())
		if resp.Status != http.StatusForbidden {
			t.Errorf("%s, protection inside CORS: script reads status %d, want 403", p, resp.Status)
		}

		protect := http.NewCrossOriginProtection()
		if err := protect.AddTrustedOrigin(app); err != nil {
			t.Fatal(err)
		}
		c = &cart{}
		h := protect.Handler(cors(c))
		wantCart(t, mustRead(t, p, app, h, checkout()))
		mustBlock(t, p, evil, h, forgery(fetchmode.ModeCORS), algorithm.MissingAllowOriginHeader)
		if c.updates.Load() != 1 {
			t.Errorf("%s, trusted origin: the cart made %d updates; want the checkout's alone", p, c.updates.Load())
		}
	}
}
