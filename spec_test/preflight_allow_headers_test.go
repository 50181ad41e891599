package spec_test

import (
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

// TestValidatePreflightHeaders drives algorithm.ValidatePreflight with Spec from Fetch
// §cors-preflight-fetch-0 steps 7.4 (a forced preflight), 7.6 (Authorization is never covered by
// "*") and 7.7 (the header check), and checks that the answer's other headers do not matter.
func TestValidatePreflightHeaders(t *testing.T) {
	ok, cred, _, put, _, getXA, getXAInc, auth, authInc := pvFixtures()
	type check = algorithm.PreflightCheck
	inc := fetchmode.CredentialsInclude
	runPVCases(t, []pvCase{
		// Step 7.6: Authorization is never covered by "*".
		{name: "authorization star spec", anchor: "fetch#cors-preflight-fetch-0 step 7.6", check: auth, resp: ok("Access-Control-Allow-Headers", "*"), ok: false, reason: algorithm.HeaderDisallowedByPreflightResponse},
		{name: "authorization star with credentials", anchor: "fetch#cors-preflight-fetch-0 step 7.6", check: authInc, resp: cred("Access-Control-Allow-Headers", "*"), ok: false, reason: algorithm.HeaderDisallowedByPreflightResponse},
		{name: "authorization listed", anchor: "fetch#cors-preflight-fetch-0 step 7.6", check: auth, resp: ok("Access-Control-Allow-Headers", "authorization"), ok: true},
		{name: "authorization listed capitalised", anchor: "fetch#cors-preflight-fetch-0 step 7.6", check: auth, resp: ok("Access-Control-Allow-Headers", "Authorization"), ok: true},
		{name: "authorization listed with star", anchor: "fetch#cors-preflight-fetch-0 step 7.6", check: auth, resp: ok("Access-Control-Allow-Headers", "*, AUTHORIZATION"), ok: true},
		{name: "authorization listed with credentials", anchor: "fetch#cors-preflight-fetch-0 step 7.6", check: authInc, resp: cred("Access-Control-Allow-Headers", "authorization"), ok: true},

		// Step 7.7: the header check.
		{name: "acah absent", anchor: "fetch#cors-preflight-fetch-0 step 7.7", check: getXA, resp: ok(), ok: false, reason: algorithm.HeaderDisallowedByPreflightResponse},
		{name: "acah listed", anchor: "fetch#cors-preflight-fetch-0 step 7.7", check: getXA, resp: ok("Access-Control-Allow-Headers", "x-a"), ok: true},
		{name: "acah case-insensitive", anchor: "fetch#cors-preflight-fetch-0 step 7.7", check: getXA, resp: ok("Access-Control-Allow-Headers", "X-A"), ok: true},
		{name: "acah star", anchor: "fetch#cors-preflight-fetch-0 step 7.7", check: getXA, resp: ok("Access-Control-Allow-Headers", "*"), ok: true},
		{name: "acah star literal with credentials", anchor: "fetch#cors-preflight-fetch-0 step 7.7", check: getXAInc, resp: cred("Access-Control-Allow-Headers", "*"), ok: false, reason: algorithm.HeaderDisallowedByPreflightResponse},
		{name: "acah star matches header star with credentials", anchor: "fetch#cors-preflight-fetch-0 step 7.7", check: check{Origin: pageS, Method: "GET", Headers: []string{"*"}, Credentials: inc}, resp: cred("Access-Control-Allow-Headers", "*"), ok: true},
		{name: "acah one of two", anchor: "fetch#cors-preflight-fetch-0 step 7.7", check: check{Origin: pageS, Method: "GET", Headers: []string{"x-a", "x-b"}}, resp: ok("Access-Control-Allow-Headers", "x-a"), ok: false, reason: algorithm.HeaderDisallowedByPreflightResponse},
		{name: "acah two lines", anchor: "fetch#extract-header-list-values step 4", check: check{Origin: pageS, Method: "GET", Headers: []string{"x-a", "x-b"}}, resp: ok("Access-Control-Allow-Headers", "x-b", "Access-Control-Allow-Headers", "x-a"), ok: true},
		{name: "acah content-type", anchor: "fetch#cors-preflight-fetch-0 step 7.7", check: check{Origin: pageS, Method: "POST", Headers: []string{"content-type"}}, resp: ok("Access-Control-Allow-Headers", "Content-Type"), ok: true},
		{name: "acah prefix is not a match", anchor: "fetch#cors-preflight-fetch-0 step 7.7", check: getXA, resp: ok("Access-Control-Allow-Headers", "x-a-b, x"), ok: false, reason: algorithm.HeaderDisallowedByPreflightResponse},
		{name: "acah 1 MiB other token", anchor: "fetch#cors-preflight-fetch-0 step 7.7", check: getXA, resp: ok("Access-Control-Allow-Headers", mib), ok: false, reason: algorithm.HeaderDisallowedByPreflightResponse},
		{name: "acah star method missing", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: check{Origin: pageS, Method: "PUT", Headers: []string{"x-a"}}, resp: ok("Access-Control-Allow-Headers", "*"), ok: false, reason: algorithm.MethodDisallowedByPreflightResponse},
		{name: "acam star header missing", anchor: "fetch#cors-preflight-fetch-0 step 7.7", check: check{Origin: pageS, Method: "PUT", Headers: []string{"x-a"}}, resp: ok("Access-Control-Allow-Methods", "*"), ok: false, reason: algorithm.HeaderDisallowedByPreflightResponse},
		{name: "star star any method and header", anchor: "fetch#cors-preflight-fetch-0 step 7.7", check: check{Origin: pageS, Method: "DELETE", Headers: []string{"x-a", "x-b"}}, resp: ok("Access-Control-Allow-Methods", "*", "Access-Control-Allow-Headers", "*"), ok: true},

		// Step 7.4: a forced preflight (stream body) with no ACAM caches the request's method.
		{name: "forced no acam", anchor: "fetch#cors-preflight-fetch-0 step 7.4", check: check{Origin: pageS, Method: "POST", Forced: true}, resp: ok(), ok: true, methods: []string{"POST"}},
		{name: "forced with acam", anchor: "fetch#cors-preflight-fetch-0 step 7.4", check: check{Origin: pageS, Method: "POST", Forced: true}, resp: ok("Access-Control-Allow-Methods", "PUT"), ok: true, methods: []string{"PUT"}},
		{name: "not forced no acam", anchor: "fetch#cors-preflight-fetch-0 step 7.4", check: getXA, resp: ok("Access-Control-Allow-Headers", "x-a"), ok: true, methods: []string{}},

		// The result does not depend on Access-Control-Expose-Headers.
		{name: "aceh garbage ignored", anchor: "fetch#cors-preflight-fetch-0 step 7", check: put, resp: ok("Access-Control-Allow-Methods", "PUT", "Access-Control-Expose-Headers", "x y @"), ok: true},
		{name: "max-age garbage ignored", anchor: "fetch#cors-preflight-fetch-0 step 7.9", check: put, resp: ok("Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "x y"), ok: true},
	})
}
