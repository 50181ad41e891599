package spec_test

import (
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/scenario"
)

// TestCredentials runs whole fetches under Spec and checks the credentials rules: whether the browser
// attaches credentials (Fetch §concept-http-network-or-cache-fetch steps 8.3 and 8.21), the CORS
// check's credentials steps on the actual response and on the preflight (§concept-cors-check steps
// 5–8, §cors-preflight-fetch-0 steps 7 and 7.5–7.7), and the wildcard rules under include
// (§cors-protocol-and-credentials). creds lists, per request the server saw, whether it carried
// credentials; actualSent whether the actual request reached the server.
func TestCredentials(t *testing.T) {
	inc, omit, same := fetchmode.CredentialsInclude, fetchmode.CredentialsOmit, fetchmode.CredentialsSameOrigin
	A, B := pageS, apiS
	acaoAC := []string{"Access-Control-Allow-Origin", A, "Access-Control-Allow-Credentials", "true"}
	type R = map[string]scenario.Route
	simple := func(kv ...string) R { return R{B + "/r": {Actual: rsp(200, kv...)}} }
	pre := func(opt []string, act []string) R {
		return R{B + "/r": {Options: rsp(204, opt...), Actual: rsp(200, act...)}}
	}
	cases := []struct {
		name       string
		anchor     string
		req        algorithm.Request
		routes     R
		outcome    algorithm.Outcome
		reason     algorithm.Reason
		creds      []bool
		actualSent bool
	}{
		// Whether credentials are attached (steps 8.3, 8.21).
		{name: "include cross-origin attaches", anchor: "fetch#concept-http-network-or-cache-fetch step 8.3", req: algorithm.Request{URL: B + "/r", Credentials: inc}, routes: simple(acaoAC...), outcome: algorithm.OK, creds: []bool{true}, actualSent: true},
		{name: "same-origin mode cross-origin does not", anchor: "fetch#concept-http-network-or-cache-fetch step 8.3", req: algorithm.Request{URL: B + "/r", Credentials: same}, routes: simple("Access-Control-Allow-Origin", "*"), outcome: algorithm.OK, creds: []bool{false}, actualSent: true},
		{name: "same-origin request attaches", anchor: "fetch#concept-http-network-or-cache-fetch step 8.3", req: algorithm.Request{URL: A + "/r", Credentials: same}, routes: R{A + "/r": {Actual: rsp(200)}}, outcome: algorithm.OK, creds: []bool{true}, actualSent: true},
		{name: "omit same-origin does not", anchor: "fetch#concept-http-network-or-cache-fetch step 8.3", req: algorithm.Request{URL: A + "/r", Credentials: omit}, routes: R{A + "/r": {Actual: rsp(200)}}, outcome: algorithm.OK, creds: []bool{false}, actualSent: true},
		{name: "omit cross-origin does not", anchor: "fetch#concept-http-network-or-cache-fetch step 8.3", req: algorithm.Request{URL: B + "/r", Credentials: omit}, routes: simple("Access-Control-Allow-Origin", "*"), outcome: algorithm.OK, creds: []bool{false}, actualSent: true},
		{name: "no-cors include attaches", anchor: "fetch#concept-http-network-or-cache-fetch step 8.3", req: algorithm.Request{URL: B + "/r", Mode: fetchmode.ModeNoCORS, Credentials: inc}, routes: simple(), outcome: algorithm.OK, creds: []bool{true}, actualSent: true},
		{name: "no-cors same-origin mode does not", anchor: "fetch#concept-http-network-or-cache-fetch step 8.3", req: algorithm.Request{URL: B + "/r", Mode: fetchmode.ModeNoCORS}, routes: simple(), outcome: algorithm.OK, creds: []bool{false}, actualSent: true},
		{name: "preflight never carries credentials", anchor: "fetch#cors-preflight-fetch-0 step 1", req: algorithm.Request{URL: B + "/r", Method: "PUT", Credentials: inc}, routes: pre(append(acaoAC, "Access-Control-Allow-Methods", "PUT"), acaoAC), outcome: algorithm.OK, creds: []bool{false, true}, actualSent: true},
		{name: "same-origin hop back loses credentials", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: A + "/r"}, routes: R{A + "/r": {Actual: redir(302, B+"/r")}, B + "/r": {Actual: redir(302, A+"/s", "Access-Control-Allow-Origin", A)}, A + "/s": {Actual: rsp(200, "Access-Control-Allow-Origin", "null")}}, outcome: algorithm.OK, creds: []bool{true, false, false}, actualSent: true},

		// The CORS check on the actual response under include.
		{name: "include exact and true", anchor: "fetch#concept-cors-check step 7", req: algorithm.Request{URL: B + "/r", Credentials: inc}, routes: simple(acaoAC...), outcome: algorithm.OK, creds: []bool{true}, actualSent: true},
		{name: "include star origin", anchor: "fetch#concept-cors-check step 3", req: algorithm.Request{URL: B + "/r", Credentials: inc}, routes: simple("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"), outcome: algorithm.NetworkError, reason: algorithm.WildcardOriginNotAllowed, actualSent: true},
		{name: "include missing acac", anchor: "fetch#concept-cors-check step 8", req: algorithm.Request{URL: B + "/r", Credentials: inc}, routes: simple("Access-Control-Allow-Origin", A), outcome: algorithm.NetworkError, reason: algorithm.InvalidAllowCredentials, actualSent: true},
		{name: "include acac True", anchor: "fetch#concept-cors-check step 7", req: algorithm.Request{URL: B + "/r", Credentials: inc}, routes: simple("Access-Control-Allow-Origin", A, "Access-Control-Allow-Credentials", "True"), outcome: algorithm.NetworkError, reason: algorithm.InvalidAllowCredentials, actualSent: true},
		{name: "include acac twice", anchor: "fetch#concept-cors-check step 6", req: algorithm.Request{URL: B + "/r", Credentials: inc}, routes: simple("Access-Control-Allow-Origin", A, "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Credentials", "true"), outcome: algorithm.NetworkError, reason: algorithm.InvalidAllowCredentials, actualSent: true},
		{name: "same-origin mode star fine", anchor: "fetch#concept-cors-check step 3", req: algorithm.Request{URL: B + "/r"}, routes: simple("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"), outcome: algorithm.OK, actualSent: true},
		{name: "include null page", anchor: "fetch#concept-cors-check step 4", req: algorithm.Request{Origin: origin.NewOpaque(), TopLevel: page, URL: B + "/r", Credentials: inc}, routes: simple("Access-Control-Allow-Origin", "null", "Access-Control-Allow-Credentials", "true"), outcome: algorithm.OK, actualSent: true},
		{name: "include 401 shared", anchor: "fetch#concept-http-network-or-cache-fetch step 15", req: algorithm.Request{URL: B + "/r", Credentials: inc}, routes: R{B + "/r": {Actual: rsp(401, append(acaoAC, "WWW-Authenticate", "Basic")...)}}, outcome: algorithm.OK, actualSent: true},

		// The preflight under include.
		{name: "preflight include exact and true", anchor: "fetch#cors-preflight-fetch-0 step 7", req: algorithm.Request{URL: B + "/r", Method: "PUT", Credentials: inc}, routes: pre(append(acaoAC, "Access-Control-Allow-Methods", "PUT"), acaoAC), outcome: algorithm.OK, actualSent: true},
		{name: "preflight include star origin", anchor: "fetch#cors-preflight-fetch-0 step 8", req: algorithm.Request{URL: B + "/r", Method: "PUT", Credentials: inc}, routes: pre([]string{"Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "PUT"}, acaoAC), outcome: algorithm.NetworkError, reason: algorithm.PreflightWildcardOriginNotAllowed, creds: []bool{false}, actualSent: false},
		{name: "preflight include missing acac", anchor: "fetch#cors-preflight-fetch-0 step 8", req: algorithm.Request{URL: B + "/r", Method: "PUT", Credentials: inc}, routes: pre([]string{"Access-Control-Allow-Origin", A, "Access-Control-Allow-Methods", "PUT"}, acaoAC), outcome: algorithm.NetworkError, reason: algorithm.PreflightInvalidAllowCredentials, creds: []bool{false}, actualSent: false},
		{name: "acam star not honoured with credentials", anchor: "fetch#cors-preflight-fetch-0 step 7.5", req: algorithm.Request{URL: B + "/r", Method: "PUT", Credentials: inc}, routes: pre(append(acaoAC, "Access-Control-Allow-Methods", "*"), acaoAC), outcome: algorithm.NetworkError, reason: algorithm.MethodDisallowedByPreflightResponse, actualSent: false},
		{name: "acah star not honoured with credentials", anchor: "fetch#cors-preflight-fetch-0 step 7.7", req: algorithm.Request{URL: B + "/r", Headers: h("X-A", "1"), Credentials: inc}, routes: pre(append(acaoAC, "Access-Control-Allow-Headers", "*"), acaoAC), outcome: algorithm.NetworkError, reason: algorithm.HeaderDisallowedByPreflightResponse, actualSent: false},
		{name: "acah star honoured without credentials", anchor: "fetch#cors-preflight-fetch-0 step 7.7", req: algorithm.Request{URL: B + "/r", Headers: h("X-A", "1"), Credentials: omit}, routes: pre([]string{"Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*"}, []string{"Access-Control-Allow-Origin", "*"}), outcome: algorithm.OK, actualSent: true},
		{name: "acam star honoured without credentials", anchor: "fetch#cors-preflight-fetch-0 step 7.5", req: algorithm.Request{URL: B + "/r", Method: "DELETE"}, routes: pre([]string{"Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "*"}, []string{"Access-Control-Allow-Origin", "*"}), outcome: algorithm.OK, actualSent: true},
		{name: "method star literal with credentials", anchor: "fetch#cors-preflight-fetch-0 step 7.5", req: algorithm.Request{URL: B + "/r", Method: "*", Credentials: inc}, routes: pre(append(acaoAC, "Access-Control-Allow-Methods", "*"), acaoAC), outcome: algorithm.OK, actualSent: true},
		{name: "acam listed methods with credentials", anchor: "fetch#cors-preflight-fetch-0 step 7.5", req: algorithm.Request{URL: B + "/r", Method: "DELETE", Credentials: inc}, routes: pre(append(acaoAC, "Access-Control-Allow-Methods", "GET, DELETE"), acaoAC), outcome: algorithm.OK, actualSent: true},
		{name: "acam never checked pitfall", anchor: "fetch#cors-preflight-fetch-0 step 7.5", req: algorithm.Request{URL: B + "/r", Method: "DELETE"}, routes: pre([]string{"Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "GET, POST, PUT"}, []string{"Access-Control-Allow-Origin", "*"}), outcome: algorithm.NetworkError, reason: algorithm.MethodDisallowedByPreflightResponse, actualSent: false},
		{name: "preflight passes actual fails", anchor: "fetch#concept-http-fetch step 4.4", req: algorithm.Request{URL: B + "/r", Method: "PUT", Credentials: inc}, routes: pre(append(acaoAC, "Access-Control-Allow-Methods", "PUT"), []string{"Access-Control-Allow-Origin", A}), outcome: algorithm.NetworkError, reason: algorithm.InvalidAllowCredentials, creds: []bool{false, true}, actualSent: true},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			req := c.req
			if !req.Origin.IsValid() {
				req.Origin = page
			}
			v := fetch(t, algorithm.Spec, req, c.routes)
			if v.Outcome != c.outcome {
				t.Fatalf("outcome = %s (%s %q), want %s; saw %q", v.Outcome, v.Reason, v.FailedParameter, c.outcome, sawList(v))
			}
			if c.reason != "" && v.Reason != c.reason {
				t.Errorf("reason = %s, want %s", v.Reason, c.reason)
			}
			if v.ActualSent != c.actualSent {
				t.Errorf("actual sent = %v, want %v", v.ActualSent, c.actualSent)
			}
			if c.creds != nil {
				if len(v.ServerSaw) != len(c.creds) {
					t.Fatalf("server saw %q, want %d requests", sawList(v), len(c.creds))
				}
				for i, want := range c.creds {
					if v.ServerSaw[i].Credentials != want {
						t.Errorf("request %d (%s %s): credentials = %v, want %v", i, v.ServerSaw[i].Method, v.ServerSaw[i].URL, v.ServerSaw[i].Credentials, want)
					}
				}
			}
			if c.outcome != algorithm.OK && (v.BodyReadable || len(v.VisibleHeaders) > 0 || v.Status != 0) {
				t.Errorf("a failed fetch exposes nothing: %+v", v)
			}
		})
	}
}
