package middleware

import (
	"net/http"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	chicors "github.com/go-chi/cors"
	"github.com/gorilla/handlers"
	jubcors "github.com/jub0bs/cors"
	rscors "github.com/rs/cors"
)

// TestWildcardWithCredentials shows the classic mistake: allowing every origin ("*") and
// credentials together. rs/cors, go-chi/cors and gorilla/handlers all accept the configuration
// and, checked by running them, send Access-Control-Allow-Origin: * with
// Access-Control-Allow-Credentials: true (none of them quietly reflects the origin instead). A
// credentialed fetch then fails at the preflight in every profile: PreflightWildcardOriginNotAllowed,
// and the PATCH is never sent. gorilla/handlers does the same with no AllowedOrigins option at all,
// since its default is "*".
func TestWildcardWithCredentials(t *testing.T) {
	rs := rsOptions()
	rs.AllowedOrigins = []string{"*"}
	chi := chiOptions()
	chi.AllowedOrigins = []string{"*"}
	gorilla := append(gorillaOptions(), handlers.AllowedOrigins([]string{"*"}))
	gorillaDefault := []handlers.CORSOption{ // gorillaOptions without AllowedOrigins
		handlers.AllowedMethods([]string{http.MethodPatch}),
		handlers.AllowedHeaders([]string{"Content-Type", "X-CSRF-Token"}),
		handlers.AllowCredentials(),
	}
	for _, tc := range []struct {
		name string
		wrap func(http.Handler) http.Handler
	}{
		{"rs/cors AllowedOrigins *", rscors.New(rs).Handler},
		{"go-chi/cors AllowedOrigins *", chicors.Handler(chi)},
		{"gorilla/handlers AllowedOrigins *", handlers.CORS(gorilla...)},
		{"gorilla/handlers no AllowedOrigins", handlers.CORS(gorillaDefault...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range algorithm.Profiles() {
				c := &cart{}
				e := mustBlock(t, p, app, tc.wrap(c), checkout(), algorithm.PreflightWildcardOriginNotAllowed)
				if e.Verdict.ActualSent || c.hits.Load() != 0 {
					t.Errorf("%s: the PATCH was sent", p)
				}
				wantFix(t, e, "Access-Control-Allow-Origin: https://app.example instead of *", "preflight")
			}
		})
	}
}

// TestJubWildcardWithCredentialsRefused shows that jub0bs/cors refuses the same configuration
// when the middleware is built, so the mistake never reaches a browser.
func TestJubWildcardWithCredentialsRefused(t *testing.T) {
	cfg := jubConfig()
	cfg.Origins = []string{"*"}
	_, err := jubcors.NewMiddleware(cfg)
	if err == nil || !strings.Contains(err.Error(), "cannot both allow all origins and enable credentialed access") {
		t.Errorf("NewMiddleware(Origins *, Credentialed) = %v; want it refused", err)
	}
}
