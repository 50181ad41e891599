package spec_test

import (
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/scenario"
)

// TestRedirectMethods checks how a followed redirect changes the request (Fetch
// §concept-http-redirect-fetch steps 11–13) and that main fetch runs again for the new URL, sending a
// new preflight when the method or headers still need one (step 22; a simulator that follows the
// redirect without running main fetch again sends no new preflight).
func TestRedirectMethods(t *testing.T) {
	A, B, C := pageS, apiS, otherS
	acaoA := []string{"Access-Control-Allow-Origin", A}
	type R = map[string]scenario.Route
	runRedirectCases(t, []redirectCase{
		{name: "301 post becomes get", anchor: "fetch#concept-http-redirect-fetch step 12", req: algorithm.Request{URL: B + "/r", Method: "POST", Body: str("x")}, routes: R{B + "/r": {Actual: redir(301, B+"/s", acaoA...)}, B + "/s": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, typ: algorithm.TypeCORS, saw: []string{"POST " + B + "/r", "GET " + B + "/s"}, final: B + "/s", redirected: true},
		{name: "302 post becomes get", anchor: "fetch#concept-http-redirect-fetch step 12", req: algorithm.Request{URL: B + "/r", Method: "POST", Body: str("x")}, routes: R{B + "/r": {Actual: redir(302, B+"/s", acaoA...)}, B + "/s": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, saw: []string{"POST " + B + "/r", "GET " + B + "/s"}},
		{name: "303 put becomes get", anchor: "fetch#concept-http-redirect-fetch step 12", req: algorithm.Request{URL: B + "/r", Method: "PUT"}, routes: R{B + "/r": {Options: allowA(), Actual: redir(303, B+"/s", acaoA...)}, B + "/s": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, saw: []string{"OPTIONS " + B + "/r", "PUT " + B + "/r", "GET " + B + "/s"}},
		{name: "303 head stays head", anchor: "fetch#concept-http-redirect-fetch step 12", req: algorithm.Request{URL: B + "/r", Method: "HEAD"}, routes: R{B + "/r": {Actual: redir(303, B+"/s", acaoA...)}, B + "/s": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, saw: []string{"HEAD " + B + "/r", "HEAD " + B + "/s"}},
		{name: "301 put stays put and preflights again", anchor: "fetch#concept-http-redirect-fetch step 12", req: algorithm.Request{URL: B + "/r", Method: "PUT"}, routes: R{B + "/r": {Options: allowA(), Actual: redir(301, B+"/s", acaoA...)}, B + "/s": {Options: allowA(), Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, saw: []string{"OPTIONS " + B + "/r", "PUT " + B + "/r", "OPTIONS " + B + "/s", "PUT " + B + "/s"}},
		{name: "307 post json preflights again", anchor: "fetch#concept-http-redirect-fetch step 22", req: algorithm.Request{URL: B + "/r", Method: "POST", Body: str("{}"), Headers: h("Content-Type", "application/json")}, routes: R{B + "/r": {Options: allowA(), Actual: redir(307, B+"/s", acaoA...)}, B + "/s": {Options: allowA(), Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, saw: []string{"OPTIONS " + B + "/r", "POST " + B + "/r", "OPTIONS " + B + "/s", "POST " + B + "/s"}},
		{name: "308 cross-origin new preflight null origin", anchor: "fetch#concept-http-redirect-fetch step 22", req: algorithm.Request{URL: B + "/r", Method: "PUT"}, routes: R{B + "/r": {Options: allowA(), Actual: redir(308, C+"/r", acaoA...)}, C + "/r": {Options: allowNull(), Actual: rsp(200, "Access-Control-Allow-Origin", "null")}}, outcome: algorithm.OK, saw: []string{"OPTIONS " + B + "/r", "PUT " + B + "/r", "OPTIONS " + C + "/r", "PUT " + C + "/r"}, origins: []string{A, A, "null", "null"}},
		{name: "second preflight fails", anchor: "fetch#concept-http-fetch step 4.1.2", req: algorithm.Request{URL: B + "/r", Method: "PUT"}, routes: R{B + "/r": {Options: allowA(), Actual: redir(307, C+"/r", acaoA...)}, C + "/r": {Options: rsp(204, "Access-Control-Allow-Origin", "null"), Actual: rsp(200, "Access-Control-Allow-Origin", "null")}}, outcome: algorithm.NetworkError, reason: algorithm.MethodDisallowedByPreflightResponse, saw: []string{"OPTIONS " + B + "/r", "PUT " + B + "/r", "OPTIONS " + C + "/r"}},
		{name: "302 post json no second preflight", anchor: "fetch#concept-http-redirect-fetch step 12.2", req: algorithm.Request{URL: B + "/r", Method: "POST", Body: str("{}"), Headers: h("Content-Type", "application/json")}, routes: R{B + "/r": {Options: allowA(), Actual: redir(302, B+"/s", acaoA...)}, B + "/s": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, saw: []string{"OPTIONS " + B + "/r", "POST " + B + "/r", "GET " + B + "/s"}},
		{name: "authorization dropped cross-origin hop", anchor: "fetch#concept-http-redirect-fetch step 13", req: algorithm.Request{URL: A + "/r", Headers: h("Authorization", "Bearer t")}, routes: R{A + "/r": {Actual: redir(302, B+"/r")}, B + "/r": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, saw: []string{"GET " + A + "/r", "GET " + B + "/r"}},
		{name: "authorization kept same-origin hop", anchor: "fetch#concept-http-redirect-fetch step 13", req: algorithm.Request{URL: B + "/r", Headers: h("Authorization", "Bearer t")}, routes: R{B + "/r": {Options: allowA(), Actual: redir(302, B+"/s", acaoA...)}, B + "/s": {Options: allowA(), Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, saw: []string{"OPTIONS " + B + "/r", "GET " + B + "/r", "OPTIONS " + B + "/s", "GET " + B + "/s"}},
		{name: "same-origin to cross-origin put preflights", anchor: "fetch#concept-http-redirect-fetch step 22", req: algorithm.Request{URL: A + "/r", Method: "PUT"}, routes: R{A + "/r": {Actual: redir(307, B+"/r")}, B + "/r": {Options: allowA(), Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, saw: []string{"PUT " + A + "/r", "OPTIONS " + B + "/r", "PUT " + B + "/r"}, origins: []string{A, A, A}},
		{name: "stream body 307", anchor: "fetch#concept-http-redirect-fetch step 11", req: algorithm.Request{URL: B + "/r", Method: "POST", StreamBody: true}, routes: R{B + "/r": {Options: allowA(), Actual: redir(307, B+"/s", acaoA...)}, B + "/s": {Options: allowA(), Actual: rsp(200, acaoA...)}}, outcome: algorithm.NetworkError, saw: []string{"OPTIONS " + B + "/r", "POST " + B + "/r"}},
		{name: "stream body 303 keeps the preflight flag", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: B + "/r", Method: "POST", StreamBody: true}, routes: R{B + "/r": {Options: allowA(), Actual: redir(303, B+"/s", acaoA...)}, B + "/s": {Options: allowA(), Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, saw: []string{"OPTIONS " + B + "/r", "POST " + B + "/r", "OPTIONS " + B + "/s", "GET " + B + "/s"}},
	})
}

// TestRedirectHeaders checks what the redirected request carries: POST→GET drops the request-body
// headers (Fetch §concept-http-redirect-fetch step 12.2) and a cross-origin hop drops Authorization
// (step 13).
func TestRedirectHeaders(t *testing.T) {
	acaoA := []string{"Access-Control-Allow-Origin", pageS}
	cases := []struct {
		name    string
		anchor  string
		req     algorithm.Request
		routes  map[string]scenario.Route
		hop     int
		absent  []string
		present []string
	}{
		{name: "301 drops content-type", anchor: "fetch#concept-http-redirect-fetch step 12.2", req: algorithm.Request{URL: apiS + "/r", Method: "POST", Body: str("x"), Headers: h("Content-Language", "de")}, routes: map[string]scenario.Route{apiS + "/r": {Actual: redir(301, apiS+"/s", acaoA...)}, apiS + "/s": {Actual: rsp(200, acaoA...)}}, hop: 1, absent: []string{"content-type", "content-language"}},
		{name: "307 keeps content-type", anchor: "fetch#concept-http-redirect-fetch step 12", req: algorithm.Request{URL: apiS + "/r", Method: "POST", Body: str("x")}, routes: map[string]scenario.Route{apiS + "/r": {Actual: redir(307, apiS+"/s", acaoA...)}, apiS + "/s": {Actual: rsp(200, acaoA...)}}, hop: 1, present: []string{"content-type"}},
		{name: "cross-origin hop drops authorization", anchor: "fetch#concept-http-redirect-fetch step 13", req: algorithm.Request{URL: pageS + "/r", Headers: h("Authorization", "Bearer t", "X-Keep", "1")}, routes: map[string]scenario.Route{pageS + "/r": {Actual: redir(302, apiS+"/r")}, apiS + "/r": {Options: allowA("Access-Control-Allow-Headers", "x-keep"), Actual: rsp(200, acaoA...)}}, hop: 2, absent: []string{"authorization"}, present: []string{"x-keep"}},
		{name: "same-origin hop keeps authorization", anchor: "fetch#concept-http-redirect-fetch step 13", req: algorithm.Request{URL: pageS + "/r", Headers: h("Authorization", "Bearer t")}, routes: map[string]scenario.Route{pageS + "/r": {Actual: redir(302, pageS+"/s")}, pageS + "/s": {Actual: rsp(200)}}, hop: 1, present: []string{"authorization"}},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			req := c.req
			req.Origin = page
			v := fetch(t, algorithm.Spec, req, c.routes)
			if c.hop >= len(v.ServerSaw) {
				t.Fatalf("server saw only %q (outcome %s %s)", sawList(v), v.Outcome, v.Reason)
			}
			s := v.ServerSaw[c.hop]
			for _, n := range c.absent {
				if got, ok := header(s, n); ok {
					t.Errorf("%s %s carries %s: %q", s.Method, s.URL, n, got)
				}
			}
			for _, n := range c.present {
				if _, ok := header(s, n); !ok {
					t.Errorf("%s %s lacks %s", s.Method, s.URL, n)
				}
			}
		})
	}
}
