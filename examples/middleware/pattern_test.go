package middleware

import (
	"net/http"
	"testing"

	"github.com/corsim/corsim/algorithm"
	chicors "github.com/go-chi/cors"
	jubcors "github.com/jub0bs/cors"
	rscors "github.com/rs/cors"
)

// TestWildcardPatternMatchesAttacker documents a security failure: rs/cors and go-chi/cors (a
// fork of it) read an origin pattern with one "*" as a plain prefix and suffix of the serialized
// origin, with no regard for the dots between labels. "https://*app.example", written to cover
// both https://app.example and its preview deployments such as https://pr-42.app.example, also
// matches https://evilapp.example; "https://app.example*", written to cover any port, also matches
// https://app.example.evil.example. Both origins are anyone's to register, and both read the
// credentialed answer in every profile.
func TestWildcardPatternMatchesAttacker(t *testing.T) {
	for _, tc := range []struct {
		name, pattern, attacker string
		wrap                    func(pattern string) func(http.Handler) http.Handler
	}{
		{"rs/cors leading *", "https://*app.example", "https://evilapp.example", rsWith},
		{"rs/cors trailing *", "https://app.example*", "https://app.example.evil.example", rsWith},
		{"go-chi/cors leading *", "https://*app.example", "https://evilapp.example", chiWith},
		{"go-chi/cors trailing *", "https://app.example*", "https://app.example.evil.example", chiWith},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range algorithm.Profiles() {
				// The pattern does what it was written for...
				wantCart(t, mustRead(t, p, app, tc.wrap(tc.pattern)(&cart{}), checkout()))
				// ...and lets the attacker in.
				c := &cart{}
				wantCart(t, mustRead(t, p, tc.attacker, tc.wrap(tc.pattern)(c), checkout()))
				if c.updates.Load() != 1 {
					t.Errorf("%s: want the PATCH from %s to have changed the cart", p, tc.attacker)
				}
			}
		})
	}
}

func rsWith(pattern string) func(http.Handler) http.Handler {
	o := rsOptions()
	o.AllowedOrigins = []string{pattern}
	return rscors.New(o).Handler
}

func chiWith(pattern string) func(http.Handler) http.Handler {
	o := chiOptions()
	o.AllowedOrigins = []string{pattern}
	return chicors.Handler(o)
}

// TestJubPatternsAreLabelAware shows jub0bs/cors on the same intent: it refuses both patterns
// when the middleware is built, and its subdomain pattern "https://*.app.example" (one or more
// whole labels) admits https://pr-42.app.example but not https://evilapp.example, which gets no
// Access-Control-Allow-Origin. The preflight is answered 403, so the reason is
// PreflightMissingAllowOriginHeader, or PreflightInvalidStatus in WebKit, which looks at the
// status first.
func TestJubPatternsAreLabelAware(t *testing.T) {
	for _, pattern := range []string{"https://*app.example", "https://app.example*"} {
		cfg := jubConfig()
		cfg.Origins = []string{pattern}
		if _, err := jubcors.NewMiddleware(cfg); err == nil {
			t.Errorf("NewMiddleware accepts origin pattern %q", pattern)
		}
	}
	cfg := jubConfig()
	cfg.Origins = []string{app, "https://*.app.example"}
	m := mustJub(t, cfg)
	for _, p := range algorithm.Profiles() {
		wantCart(t, mustRead(t, p, "https://pr-42.app.example", m.Wrap(&cart{}), checkout()))
		c := &cart{}
		mustBlock(t, p, "https://evilapp.example", m.Wrap(c), checkout(), preflightRefused[p])
		if c.hits.Load() != 0 {
			t.Errorf("%s: the PATCH from https://evilapp.example reached the cart", p)
		}
	}
}
