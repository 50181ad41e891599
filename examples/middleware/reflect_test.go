package middleware

import (
	"net/http"
	"testing"

	"github.com/corsim/corsim/algorithm"
	chicors "github.com/go-chi/cors"
	"github.com/gorilla/handlers"
	rscors "github.com/rs/cors"
)

// TestOriginCallbackReflectsAnyOrigin documents a security failure, not a CORS error: the usual
// "fix" for TestWildcardWithCredentials is an origin callback that says yes to everyone, and every
// library that has one (gorilla/handlers' AllowedOriginValidator, rs/cors' and go-chi/cors'
// AllowOriginFunc) then echoes whatever Origin arrives, with Access-Control-Allow-Credentials:
// true. corsim, like a browser, finds nothing wrong: a page on https://evil.example sends the
// credentialed PATCH, the cart changes, and the attacker's script reads the answer in every
// profile. The test passes because the attack works. jub0bs/cors has no origin callback.
func TestOriginCallbackReflectsAnyOrigin(t *testing.T) {
	yes := func(string) bool { return true }
	rs := rsOptions()
	rs.AllowOriginFunc = yes
	chi := chiOptions()
	chi.AllowOriginFunc = func(*http.Request, string) bool { return true }
	gorilla := append(gorillaOptions(), handlers.AllowedOriginValidator(yes))
	for _, tc := range []struct {
		name string
		wrap func(http.Handler) http.Handler
	}{
		{"rs/cors AllowOriginFunc", rscors.New(rs).Handler},
		{"go-chi/cors AllowOriginFunc", chicors.Handler(chi)},
		{"gorilla/handlers AllowedOriginValidator", handlers.CORS(gorilla...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range algorithm.Profiles() {
				c := &cart{}
				resp := mustRead(t, p, evil, tc.wrap(c), checkout())
				wantCart(t, resp)
				if c.updates.Load() != 1 || !resp.Verdict.ServerSaw[len(resp.Verdict.ServerSaw)-1].Credentials {
					t.Errorf("%s: want the credentialed PATCH from %s to have changed the cart", p, evil)
				}
			}
		})
	}
}
