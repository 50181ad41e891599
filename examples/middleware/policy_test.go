package middleware

import (
	"net/http"
	"strings"
	"testing"

	"github.com/corsim/corsim/corstest"
	chicors "github.com/go-chi/cors"
	"github.com/gorilla/handlers"
	rscors "github.com/rs/cors"
)

// checkoutPolicy is the policy every right configuration means: https://app.example alone may
// read the checkout's credentialed answer.
var checkoutPolicy = corstest.Policy{Allowed: []string{app}, Request: checkout()}

// TestPolicyHolds runs corstest.AssertPolicy on each library configured right: the allowed origin
// reads the credentialed answer in every profile, and none of the look-alikes corstest.Attackers
// derives from it (null, http://, prefix and suffix look-alikes, a child subdomain, another port,
// an arbitrary origin) can.
func TestPolicyHolds(t *testing.T) {
	for _, tc := range rightConfigs {
		t.Run(tc.name, func(t *testing.T) {
			corstest.AssertPolicy(t, tc.serve(t, &cart{}), checkoutPolicy)
		})
	}
}

// TestPolicyCatchesThePitfalls shows corstest.CheckPolicy finding, without being told which
// attacker to try, the holes TestWildcardPatternMatchesAttacker and
// TestOriginCallbackReflectsAnyOrigin demonstrate by hand: each configuration fails, and the error
// names an origin that can read the credentialed answer.
func TestPolicyCatchesThePitfalls(t *testing.T) {
	reflect := rsOptions()
	reflect.AllowOriginFunc = func(string) bool { return true }
	gorillaReflect := append(gorillaOptions(), handlers.AllowedOriginValidator(func(string) bool { return true }))
	for _, tc := range []struct {
		name string
		h    http.Handler
		want []string // origins the error must name
	}{
		{"rs/cors https://*app.example", rsWith("https://*app.example")(&cart{}), []string{"https://evilapp.example"}},
		{"rs/cors https://app.example*", rsWith("https://app.example*")(&cart{}), []string{"https://app.example.evil.test", "https://app.example-evil.test"}},
		{"go-chi/cors https://*app.example", chiWith("https://*app.example")(&cart{}), []string{"https://evilapp.example"}},
		{"go-chi/cors https://app.example*", chiWith("https://app.example*")(&cart{}), []string{"https://app.example.evil.test"}},
		{"rs/cors AllowOriginFunc", rscors.New(reflect).Handler(&cart{}), []string{"null", "https://corsim-attacker.test"}},
		{"go-chi/cors AllowOriginFunc", chicors.Handler(chicors.Options{
			AllowOriginFunc: func(*http.Request, string) bool { return true }, AllowedMethods: []string{http.MethodPatch},
			AllowedHeaders: []string{"Content-Type", "X-CSRF-Token"}, AllowCredentials: true,
		})(&cart{}), []string{"https://corsim-attacker.test"}},
		{"gorilla/handlers AllowedOriginValidator", handlers.CORS(gorillaReflect...)(&cart{}), []string{"https://corsim-attacker.test"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := corstest.CheckPolicy(tc.h, checkoutPolicy)
			if err == nil {
				t.Fatal("CheckPolicy passes")
			}
			for _, o := range tc.want {
				if !strings.Contains(err.Error(), o+", an origin the policy does not allow, CAN read") {
					t.Errorf("the error does not name %s:\n%v", o, err)
				}
			}
		})
	}
}
