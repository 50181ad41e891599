package middleware

import (
	"net/http"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/go-chi/chi/v5"
	chicors "github.com/go-chi/cors"
)

// TestRouterAnswersPreflight shows a router answering the preflight before the CORS middleware
// runs. The middleware is attached to the PATCH route only, so the router finds no OPTIONS route
// and answers 405 Method Not Allowed itself, without CORS headers: chi with the middleware on the
// route (r.With) or in a route group (r.Group and Use), and Go 1.22's ServeMux with a
// method-full pattern ("PATCH /cart/items/{id}"), the pitfall jub0bs/cors documents in its
// incorrect example. The browser reports no Access-Control-Allow-Origin on the preflight
// (PreflightMissingAllowOriginHeader) in the standard, Chromium and Firefox, and the 405
// (PreflightInvalidStatus) in WebKit, which checks the status first. The cart never sees the PATCH.
//
// The fix is to put the middleware where every method passes through it: chi's r.Use on the
// router, or the middleware around the whole ServeMux (or registered for a method-less pattern);
// TestCheckoutWorks runs both.
func TestRouterAnswersPreflight(t *testing.T) {
	for _, tc := range []struct {
		name  string
		serve func(t *testing.T, c *cart) http.Handler
	}{
		{"chi r.With on the PATCH route", func(_ *testing.T, c *cart) http.Handler {
			r := chi.NewRouter()
			r.With(chicors.Handler(chiOptions())).Patch("/cart/items/{id}", c.ServeHTTP)
			return r
		}},
		{"chi r.Group with Use", func(_ *testing.T, c *cart) http.Handler {
			r := chi.NewRouter()
			r.Group(func(r chi.Router) {
				r.Use(chicors.Handler(chiOptions()))
				r.Patch("/cart/items/{id}", c.ServeHTTP)
			})
			return r
		}},
		{"ServeMux PATCH pattern around jub0bs/cors", func(t *testing.T, c *cart) http.Handler {
			mux := http.NewServeMux()
			mux.Handle("PATCH /cart/items/{id}", mustJub(t, jubConfig()).Wrap(c))
			return mux
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range algorithm.Profiles() {
				c := &cart{}
				wire := &tap{h: tc.serve(t, c)}
				e := mustBlock(t, p, app, wire, checkout(), preflightRefused[p])
				if got := wire.String(); got != "OPTIONS 405" || c.hits.Load() != 0 {
					t.Errorf("%s: the server answered %q and the cart saw %d requests; want OPTIONS 405 alone", p, got, c.hits.Load())
				}
				if p == algorithm.WebKit {
					wantFix(t, e, "answer the preflight", "with 200 or 204 instead of 405")
				} else {
					wantFix(t, e, "send Access-Control-Allow-Origin: https://app.example in the preflight (OPTIONS) response")
				}
			}
		})
	}
}
