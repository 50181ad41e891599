package middleware

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/corsim/corsim/algorithm"
	chicors "github.com/go-chi/cors"
	"github.com/gorilla/handlers"
	rscors "github.com/rs/cors"
)

// TestRefusedPreflightHidesTheReason shows a header or method missing from the middleware's
// allow-lists. None of rs/cors, go-chi/cors, gorilla/handlers or jub0bs/cors (out of debug mode)
// answers the preflight with the allowed headers so that the browser can name the one missing:
// each leaves out every CORS header, so the browser reports a missing Access-Control-Allow-Origin
// although the origin is allowed. rs/cors and go-chi/cors answer with an ok status (204, 200), so
// the reason is PreflightMissingAllowOriginHeader in every profile; gorilla/handlers (403 for a
// header, 405 for a method) and jub0bs/cors (403) answer with an error status, which WebKit
// reports first (PreflightInvalidStatus). Only the server knows the real reason: rs/cors' Logger
// says it.
func TestRefusedPreflightHidesTheReason(t *testing.T) {
	rsNoHeader := rsOptions()
	rsNoHeader.AllowedHeaders = []string{"Content-Type"}
	rsNoMethod := rsOptions()
	rsNoMethod.AllowedMethods = nil // the default: GET, POST, HEAD
	chiNoHeader := chiOptions()
	chiNoHeader.AllowedHeaders = []string{"Content-Type"}
	// gorilla's AllowedHeaders appends to a list, so these two start afresh rather than from
	// gorillaOptions.
	gorillaNoHeader := []handlers.CORSOption{
		handlers.AllowedOrigins([]string{app}),
		handlers.AllowedMethods([]string{http.MethodPatch}),
		handlers.AllowedHeaders([]string{"Content-Type"}),
		handlers.AllowCredentials(),
	}
	gorillaNoMethod := []handlers.CORSOption{ // the default methods: GET, HEAD, POST
		handlers.AllowedOrigins([]string{app}),
		handlers.AllowedHeaders([]string{"Content-Type", "X-CSRF-Token"}),
		handlers.AllowCredentials(),
	}
	jubNoHeader := jubConfig()
	jubNoHeader.RequestHeaders = []string{"Content-Type"}
	for _, tc := range []struct {
		name   string
		serve  func(t *testing.T) http.Handler
		status string // the preflight's status, as the server sent it
		want   byProfile
	}{
		{"rs/cors without X-CSRF-Token", func(*testing.T) http.Handler { return rscors.New(rsNoHeader).Handler(&cart{}) }, "204", every(algorithm.PreflightMissingAllowOriginHeader)},
		{"rs/cors without PATCH", func(*testing.T) http.Handler { return rscors.New(rsNoMethod).Handler(&cart{}) }, "204", every(algorithm.PreflightMissingAllowOriginHeader)},
		{"go-chi/cors without X-CSRF-Token", func(*testing.T) http.Handler { return chicors.Handler(chiNoHeader)(&cart{}) }, "200", every(algorithm.PreflightMissingAllowOriginHeader)},
		{"gorilla/handlers without X-CSRF-Token", func(*testing.T) http.Handler { return handlers.CORS(gorillaNoHeader...)(&cart{}) }, "403", preflightRefused},
		{"gorilla/handlers without PATCH", func(*testing.T) http.Handler { return handlers.CORS(gorillaNoMethod...)(&cart{}) }, "405", preflightRefused},
		{"jub0bs/cors without X-CSRF-Token", func(t *testing.T) http.Handler { return mustJub(t, jubNoHeader).Wrap(&cart{}) }, "403", preflightRefused},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range algorithm.Profiles() {
				wire := &tap{h: tc.serve(t)}
				e := mustBlock(t, p, app, wire, checkout(), tc.want[p])
				if got := wire.String(); got != "OPTIONS "+tc.status {
					t.Errorf("%s: the server answered %q, want OPTIONS %s alone", p, got, tc.status)
				}
				if e.Verdict.ActualSent {
					t.Errorf("%s: the PATCH was sent", p)
				}
			}
		})
	}
}

// TestRSLoggerNamesTheRefusedHeader shows where the real reason of TestRefusedPreflightHidesTheReason
// is: rs/cors' Logger (or Debug) prints the header it refused, while the browser, in every
// profile, can only say that Access-Control-Allow-Origin is missing.
func TestRSLoggerNamesTheRefusedHeader(t *testing.T) {
	var log logLines
	o := rsOptions()
	o.AllowedHeaders = []string{"Content-Type"}
	o.Logger = &log
	e := mustBlock(t, algorithm.Chromium, app, rscors.New(o).Handler(&cart{}), checkout(), algorithm.PreflightMissingAllowOriginHeader)
	wantFix(t, e, "send Access-Control-Allow-Origin: https://app.example in the preflight (OPTIONS) response")
	if want := "Preflight aborted: headers '[content-type,x-csrf-token]' not allowed"; !strings.Contains(log.String(), want) {
		t.Errorf("rs/cors logged %q, want %q", log.String(), want)
	}
}

// TestJubDebugNamesTheRefusedHeader shows jub0bs/cors' debug mode: the middleware then answers a
// preflight it refuses with 200 and the CORS headers it would allow, so the browser itself names
// the missing header in every profile (HeaderDisallowedByPreflightResponse, x-csrf-token) and
// corsim's fix says what to add.
func TestJubDebugNamesTheRefusedHeader(t *testing.T) {
	cfg := jubConfig()
	cfg.RequestHeaders = []string{"Content-Type"}
	m := mustJub(t, cfg)
	m.SetDebug(true)
	for _, p := range algorithm.Profiles() {
		e := mustBlock(t, p, app, m.Wrap(&cart{}), checkout(), algorithm.HeaderDisallowedByPreflightResponse)
		if e.Verdict.FailedParameter != "x-csrf-token" {
			t.Errorf("%s: failed parameter %q, want x-csrf-token", p, e.Verdict.FailedParameter)
		}
		wantFix(t, e, "add x-csrf-token to Access-Control-Allow-Headers")
	}
}

// logLines is an rs/cors Logger that keeps what it is told.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) Printf(format string, args ...any) {
	l.mu.Lock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
	l.mu.Unlock()
}

func (l *logLines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}
