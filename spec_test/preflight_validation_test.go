package spec_test

import (
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

// pvCase is one row of the preflight-validation tables: a validation under Spec, its expected result,
// the reason when set, and PreflightResult.Methods when non-nil.
type pvCase struct {
	name    string
	anchor  string
	check   algorithm.PreflightCheck
	resp    algorithm.Response
	ok      bool
	reason  algorithm.Reason
	methods []string
}

// pvFixtures returns the response builders and the requests the preflight-validation tables share:
// ok answers 204 with ACAO for the page, cred adds ACAC true, st any status; put, getXA and auth are
// requests without credentials and their *Inc forms with credentials include.
func pvFixtures() (ok, cred func(kv ...string) algorithm.Response, st func(status int, kv ...string) algorithm.Response, put, putInc, getXA, getXAInc, auth, authInc algorithm.PreflightCheck) {
	inc, omit := fetchmode.CredentialsInclude, fetchmode.CredentialsOmit
	ok = func(kv ...string) algorithm.Response {
		return algorithm.Response{Status: 204, Headers: h(append([]string{"Access-Control-Allow-Origin", pageS}, kv...)...)}
	}
	st = func(status int, kv ...string) algorithm.Response {
		return algorithm.Response{Status: status, Headers: h(kv...)}
	}
	cred = func(kv ...string) algorithm.Response {
		return algorithm.Response{Status: 204, Headers: h(append([]string{"Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Credentials", "true"}, kv...)...)}
	}
	put = algorithm.PreflightCheck{Origin: pageS, Method: "PUT", Credentials: omit}
	putInc = algorithm.PreflightCheck{Origin: pageS, Method: "PUT", Credentials: inc}
	getXA = algorithm.PreflightCheck{Origin: pageS, Method: "GET", Headers: []string{"x-a"}, Credentials: omit}
	getXAInc = algorithm.PreflightCheck{Origin: pageS, Method: "GET", Headers: []string{"x-a"}, Credentials: inc}
	auth = algorithm.PreflightCheck{Origin: pageS, Method: "GET", Headers: []string{"authorization"}, Credentials: omit}
	authInc = algorithm.PreflightCheck{Origin: pageS, Method: "GET", Headers: []string{"authorization"}, Credentials: inc}
	return
}

// runPVCases runs a preflight-validation table.
func runPVCases(t *testing.T, cases []pvCase) {
	t.Helper()
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			res, f := algorithm.ValidatePreflight(algorithm.Spec, c.check, c.resp)
			if f.OK() != c.ok {
				t.Fatalf("ValidatePreflight = %+v, want ok=%v", f, c.ok)
			}
			if c.reason != "" && f.Reason != c.reason {
				t.Errorf("reason = %s (parameter %q), want %s", f.Reason, f.Parameter, c.reason)
			}
			if c.methods != nil && !equalStrings(res.Methods(), c.methods) {
				t.Errorf("Methods = %q, want %q", res.Methods(), c.methods)
			}
		})
	}
}

// TestValidatePreflight drives algorithm.ValidatePreflight with Spec from the steps of Fetch
// §cors-preflight-fetch-0: the CORS check and ok status of step 7 (failure: step 8), the credentials
// rules the preflight answer shares with the actual response, the method check of step 7.5 and the
// list parsing of step 7.3.
func TestValidatePreflight(t *testing.T) {
	ok, cred, st, put, putInc, getXA, _, _, _ := pvFixtures()
	type check = algorithm.PreflightCheck
	inc := fetchmode.CredentialsInclude
	runPVCases(t, []pvCase{
		// Step 7: CORS check and an ok status.
		{name: "204 allowed", anchor: "fetch#cors-preflight-fetch-0 step 7", check: put, resp: ok("Access-Control-Allow-Methods", "PUT"), ok: true},
		{name: "200 allowed", anchor: "fetch#cors-preflight-fetch-0 step 7", check: put, resp: st(200, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT"), ok: true},
		{name: "299 allowed", anchor: "fetch#cors-preflight-fetch-0 step 7", check: put, resp: st(299, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT"), ok: true},
		{name: "star origin without credentials", anchor: "fetch#cors-preflight-fetch-0 step 7", check: put, resp: st(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT"), ok: true},
		{name: "null origin null acao", anchor: "fetch#cors-preflight-fetch-0 step 7", check: check{Origin: "null", Method: "PUT"}, resp: st(204, "Access-Control-Allow-Origin", "null", "Access-Control-Allow-Methods", "PUT"), ok: true},
		{name: "status 300", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(300, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT"), ok: false},
		{name: "status 301", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(301, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT", "Location", apiS+"/y"), ok: false},
		{name: "status 302", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(302, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT", "Location", apiS+"/y"), ok: false},
		{name: "status 307", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(307, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT", "Location", apiS+"/y"), ok: false},
		{name: "status 308", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(308, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT", "Location", apiS+"/y"), ok: false},
		{name: "status 400", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(400, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT"), ok: false, reason: algorithm.PreflightInvalidStatus},
		{name: "status 404", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(404, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT"), ok: false, reason: algorithm.PreflightInvalidStatus},
		{name: "status 500", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(500, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT"), ok: false, reason: algorithm.PreflightInvalidStatus},
		{name: "status 199", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(199, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT"), ok: false, reason: algorithm.PreflightInvalidStatus},
		{name: "status 0", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(0, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT"), ok: false},
		{name: "status 999", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(999, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT"), ok: false},
		{name: "no acao", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(204, "Access-Control-Allow-Methods", "PUT"), ok: false, reason: algorithm.PreflightMissingAllowOriginHeader},
		{name: "acao mismatch", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(204, "Access-Control-Allow-Origin", otherS, "Access-Control-Allow-Methods", "PUT"), ok: false, reason: algorithm.PreflightAllowOriginMismatch},
		{name: "acao trailing slash", anchor: "fetch#cors-preflight-fetch-0 step 8", check: put, resp: st(204, "Access-Control-Allow-Origin", pageS+"/", "Access-Control-Allow-Methods", "PUT"), ok: false, reason: algorithm.PreflightAllowOriginMismatch},

		// The preflight response must satisfy the credentials rules of the actual request.
		{name: "include exact acac true", anchor: "fetch#cors-preflight-fetch-0 step 7", check: putInc, resp: cred("Access-Control-Allow-Methods", "PUT"), ok: true},
		{name: "include no acac", anchor: "fetch#cors-preflight-fetch-0 step 8", check: putInc, resp: ok("Access-Control-Allow-Methods", "PUT"), ok: false, reason: algorithm.PreflightInvalidAllowCredentials},
		{name: "include acac True", anchor: "fetch#cors-preflight-fetch-0 step 8", check: putInc, resp: ok("Access-Control-Allow-Credentials", "True", "Access-Control-Allow-Methods", "PUT"), ok: false, reason: algorithm.PreflightInvalidAllowCredentials},
		{name: "include star origin", anchor: "fetch#cors-preflight-fetch-0 step 8", check: putInc, resp: st(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "PUT"), ok: false, reason: algorithm.PreflightWildcardOriginNotAllowed},
		{name: "omit ignores acac", anchor: "fetch#concept-cors-check step 5", check: put, resp: ok("Access-Control-Allow-Credentials", "nope", "Access-Control-Allow-Methods", "PUT"), ok: true},

		// Step 7.5: the method check.
		{name: "acam absent for put", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: put, resp: ok(), ok: false, reason: algorithm.MethodDisallowedByPreflightResponse},
		{name: "acam lower-case put", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: put, resp: ok("Access-Control-Allow-Methods", "put"), ok: false, reason: algorithm.MethodDisallowedByPreflightResponse},
		{name: "acam other method", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: put, resp: ok("Access-Control-Allow-Methods", "DELETE, PATCH"), ok: false, reason: algorithm.MethodDisallowedByPreflightResponse},
		{name: "acam get for get with header", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: getXA, resp: ok("Access-Control-Allow-Methods", "get", "Access-Control-Allow-Headers", "x-a"), ok: true},
		{name: "acam absent for header-only preflight", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: getXA, resp: ok("Access-Control-Allow-Headers", "x-a"), ok: true},
		{name: "acam absent post header-only", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: check{Origin: pageS, Method: "POST", Headers: []string{"x-a"}}, resp: ok("Access-Control-Allow-Headers", "x-a"), ok: true},
		{name: "acam absent head header-only", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: check{Origin: pageS, Method: "HEAD", Headers: []string{"x-a"}}, resp: ok("Access-Control-Allow-Headers", "x-a"), ok: true},
		{name: "acam star allows SUPER", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: check{Origin: pageS, Method: "SUPER"}, resp: ok("Access-Control-Allow-Methods", "*"), ok: true},
		{name: "acam star literal with credentials", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: putInc, resp: cred("Access-Control-Allow-Methods", "*"), ok: false, reason: algorithm.MethodDisallowedByPreflightResponse},
		{name: "acam star matches method star with credentials", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: check{Origin: pageS, Method: "*", Credentials: inc}, resp: cred("Access-Control-Allow-Methods", "*"), ok: true},
		{name: "acam patch upper for patch", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: check{Origin: pageS, Method: "patch"}, resp: ok("Access-Control-Allow-Methods", "PATCH"), ok: false, reason: algorithm.MethodDisallowedByPreflightResponse},
		{name: "acam patch lower for patch", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: check{Origin: pageS, Method: "patch"}, resp: ok("Access-Control-Allow-Methods", "patch"), ok: true},
		{name: "acam two lines", anchor: "fetch#extract-header-list-values step 4", check: put, resp: ok("Access-Control-Allow-Methods", "GET", "Access-Control-Allow-Methods", "PUT"), ok: true},
		{name: "acam empty elements", anchor: "fetch#http-new-header-syntax", check: put, resp: ok("Access-Control-Allow-Methods", ",, PUT ,,"), ok: true},
		{name: "acam thousands of commas", anchor: "fetch#http-new-header-syntax", check: put, resp: ok("Access-Control-Allow-Methods", commas+"PUT"+commas), ok: true},
		{name: "acam empty value", anchor: "fetch#http-new-header-syntax", check: put, resp: ok("Access-Control-Allow-Methods", ""), ok: false, reason: algorithm.MethodDisallowedByPreflightResponse},
		{name: "acam 1 MiB token", anchor: "fetch#cors-preflight-fetch-0 step 7.5", check: put, resp: ok("Access-Control-Allow-Methods", mib), ok: false, reason: algorithm.MethodDisallowedByPreflightResponse},
		{name: "acam tab around", anchor: "fetch#http-new-header-syntax", check: put, resp: ok("Access-Control-Allow-Methods", "GET,\tPUT\t"), ok: true},

		// Step 7.3: a list that does not parse is a network error even when nothing needs it.
		{name: "acam semicolon", anchor: "fetch#cors-preflight-fetch-0 step 7.3", check: getXA, resp: ok("Access-Control-Allow-Methods", "PUT;", "Access-Control-Allow-Headers", "x-a"), ok: false, reason: algorithm.InvalidAllowMethodsPreflightResponse},
		{name: "acam space inside", anchor: "fetch#cors-preflight-fetch-0 step 7.3", check: put, resp: ok("Access-Control-Allow-Methods", "PUT POST"), ok: false, reason: algorithm.InvalidAllowMethodsPreflightResponse},
		{name: "acam invalid utf-8", anchor: "fetch#cors-preflight-fetch-0 step 7.3", check: put, resp: ok("Access-Control-Allow-Methods", "PUT, \xff"), ok: false, reason: algorithm.InvalidAllowMethodsPreflightResponse},
		{name: "acah space inside", anchor: "fetch#cors-preflight-fetch-0 step 7.3", check: getXA, resp: ok("Access-Control-Allow-Headers", "x y"), ok: false, reason: algorithm.InvalidAllowHeadersPreflightResponse},
		{name: "acah at sign", anchor: "fetch#cors-preflight-fetch-0 step 7.3", check: put, resp: ok("Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "a@b"), ok: false, reason: algorithm.InvalidAllowHeadersPreflightResponse},
		{name: "acah colon", anchor: "fetch#cors-preflight-fetch-0 step 7.3", check: getXA, resp: ok("Access-Control-Allow-Headers", "x-a:1"), ok: false, reason: algorithm.InvalidAllowHeadersPreflightResponse},
		{name: "acah control byte", anchor: "fetch#cors-preflight-fetch-0 step 7.3", check: getXA, resp: ok("Access-Control-Allow-Headers", "x-a,\x01"), ok: false, reason: algorithm.InvalidAllowHeadersPreflightResponse},
	})
}
