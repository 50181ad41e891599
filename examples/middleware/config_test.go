package middleware

import (
	"net/http"
	"slices"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/go-chi/chi/v5"
	chicors "github.com/go-chi/cors"
	"github.com/gorilla/handlers"
	jubcors "github.com/jub0bs/cors"
	rscors "github.com/rs/cors"
)

// The right configuration of each library for the checkout: the one origin, PATCH, the two
// headers, credentials. Pitfall tests start from these and change one thing.

func rsOptions() rscors.Options {
	return rscors.Options{
		AllowedOrigins:   []string{app},
		AllowedMethods:   []string{http.MethodPatch},
		AllowedHeaders:   []string{"Content-Type", "X-CSRF-Token"},
		AllowCredentials: true,
	}
}

func jubConfig() jubcors.Config {
	return jubcors.Config{
		Origins:        []string{app},
		Credentialed:   true,
		Methods:        []string{http.MethodPatch},
		RequestHeaders: []string{"Content-Type", "X-CSRF-Token"},
	}
}

func chiOptions() chicors.Options {
	return chicors.Options{
		AllowedOrigins:   []string{app},
		AllowedMethods:   []string{http.MethodPatch},
		AllowedHeaders:   []string{"Content-Type", "X-CSRF-Token"},
		AllowCredentials: true,
	}
}

func gorillaOptions() []handlers.CORSOption {
	return []handlers.CORSOption{
		handlers.AllowedOrigins([]string{app}),
		handlers.AllowedMethods([]string{http.MethodPatch}),
		handlers.AllowedHeaders([]string{"Content-Type", "X-CSRF-Token"}),
		handlers.AllowCredentials(),
	}
}

// mustJub builds a jub0bs/cors middleware, failing t if the library refuses cfg.
func mustJub(t *testing.T, cfg jubcors.Config) *jubcors.Middleware {
	t.Helper()
	m, err := jubcors.NewMiddleware(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// rightConfigs are the libraries configured right, each serving c.
var rightConfigs = []struct {
	name     string
	serve    func(t *testing.T, c *cart) http.Handler
	warnings []string // the IDs of corsim's warnings on the checkout
}{
	{"rs/cors", func(_ *testing.T, c *cart) http.Handler { return rscors.New(rsOptions()).Handler(c) }, nil},
	{"jub0bs/cors", func(t *testing.T, c *cart) http.Handler {
		// The middleware wraps the method-aware mux, not one of its routes (see TestRouterAnswersPreflight).
		mux := http.NewServeMux()
		mux.Handle("PATCH /cart/items/{id}", c)
		return mustJub(t, jubConfig()).Wrap(mux)
	}, nil},
	{"go-chi/cors on chi", func(_ *testing.T, c *cart) http.Handler {
		r := chi.NewRouter()
		r.Use(chicors.Handler(chiOptions())) // on the router itself, so it sees every OPTIONS
		r.Patch("/cart/items/{id}", c.ServeHTTP)
		return r
	}, nil},
	{"gorilla/handlers", func(_ *testing.T, c *cart) http.Handler { return handlers.CORS(gorillaOptions()...)(c) }, []string{algorithm.WarnVaryOriginMissing}},
}

// TestCheckoutWorks shows each library configured right: the checkout's credentialed PATCH with
// Content-Type: application/json and X-CSRF-Token is readable from https://app.example in every
// profile, the preflight is answered by the middleware (the cart sees only the PATCH), and the
// same call from https://evil.example is blocked before the PATCH is sent.
//
// gorilla/handlers sends Vary: Origin only when it is given more than one origin, so corsim warns
// that a shared cache could hand one origin's answer to another (VaryOriginMissing).
func TestCheckoutWorks(t *testing.T) {
	for _, tc := range rightConfigs {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range algorithm.Profiles() {
				c := &cart{}
				h := tc.serve(t, c)
				resp := mustRead(t, p, app, h, checkout())
				wantCart(t, resp)
				if c.hits.Load() != 1 || c.updates.Load() != 1 {
					t.Errorf("%s: the cart saw %d requests and made %d updates; want the PATCH alone", p, c.hits.Load(), c.updates.Load())
				}
				var ids []string
				for _, w := range resp.Verdict.Warnings {
					ids = append(ids, w.ID)
				}
				if !slices.Equal(ids, tc.warnings) {
					t.Errorf("%s: warnings %v, want %v", p, resp.Verdict.Warnings, tc.warnings)
				}

				if resp, e := fetch(t, p, evil, h, checkout()); e == nil {
					t.Errorf("%s: %s reads the cart (status %d)", p, evil, resp.Status)
				} else if e.Verdict.ActualSent || c.updates.Load() != 1 {
					t.Errorf("%s: the PATCH from %s reached the cart:\n%s", p, evil, e.Explain())
				}
			}
		})
	}
}
