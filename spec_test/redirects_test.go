package spec_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/scenario"
)

// redir is a redirect response with extra headers.
func redir(status int, loc string, kv ...string) *algorithm.Response {
	return rsp(status, append([]string{"Location", loc}, kv...)...)
}

// allowA is a preflight answer that allows the page for every method and header it may send.
func allowA(kv ...string) *algorithm.Response {
	return rsp(204, append([]string{"Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT, POST, DELETE", "Access-Control-Allow-Headers", "content-type, x-a, authorization"}, kv...)...)
}

// allowNull is allowA for requests whose origin became null.
func allowNull() *algorithm.Response {
	return rsp(204, "Access-Control-Allow-Origin", "null", "Access-Control-Allow-Methods", "PUT, POST, DELETE", "Access-Control-Allow-Headers", "content-type, x-a, authorization")
}

// chain builds n redirects B/0 → B/1 → … → B/n, each allowing "*", and a final 200.
func chain(n int) map[string]scenario.Route {
	m := map[string]scenario.Route{}
	for i := 0; i < n; i++ {
		m[fmt.Sprintf("%s/%d", apiS, i)] = scenario.Route{Actual: redir(302, fmt.Sprintf("%s/%d", apiS, i+1), "Access-Control-Allow-Origin", "*")}
	}
	m[fmt.Sprintf("%s/%d", apiS, n)] = scenario.Route{Actual: rsp(200, "Access-Control-Allow-Origin", "*")}
	return m
}

// TestRedirects runs redirected fetches under Spec from Fetch §concept-http-redirect-fetch, the CORS
// check on redirect responses (§concept-http-fetch step 4.4), redirect-taint (§concept-request-
// tainted-origin) and main fetch re-run per hop. saw lists "METHOD path" for every request the server
// saw (OPTIONS for preflights); origins the Origin each carried ("-" for none), when set.
func TestRedirects(t *testing.T) {
	A, B, C := pageS, apiS, otherS
	acaoA := []string{"Access-Control-Allow-Origin", A}
	type R = map[string]scenario.Route
	runRedirectCases(t, []redirectCase{
		{name: "same-origin to cross-origin", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: A + "/r"}, routes: R{A + "/r": {Actual: redir(302, B+"/r")}, B + "/r": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, typ: algorithm.TypeCORS, saw: []string{"GET " + A + "/r", "GET " + B + "/r"}, origins: []string{"-", A}, final: B + "/r", redirected: true},
		{name: "cross-origin within one server", anchor: "fetch#concept-request-tainted-origin", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, B+"/s", acaoA...)}, B + "/s": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, typ: algorithm.TypeCORS, saw: []string{"GET " + B + "/r", "GET " + B + "/s"}, origins: []string{A, A}, final: B + "/s", redirected: true},
		{name: "redirect response without acao", anchor: "fetch#concept-http-fetch step 4.4", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, B+"/s")}, B + "/s": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.NetworkError, reason: algorithm.MissingAllowOriginHeader, saw: []string{"GET " + B + "/r"}},
		{name: "redirect response wrong acao", anchor: "fetch#concept-http-fetch step 4.4", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, B+"/s", "Access-Control-Allow-Origin", C)}, B + "/s": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.NetworkError, reason: algorithm.AllowOriginMismatch, saw: []string{"GET " + B + "/r"}},
		{name: "B to C taints", anchor: "fetch#concept-request-tainted-origin step 4.3", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, C+"/r", acaoA...)}, C + "/r": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.NetworkError, saw: []string{"GET " + B + "/r", "GET " + C + "/r"}, origins: []string{A, "null"}},
		{name: "B to C acao null", anchor: "fetch#concept-cors-check step 4", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, C+"/r", acaoA...)}, C + "/r": {Actual: rsp(200, "Access-Control-Allow-Origin", "null")}}, outcome: algorithm.OK, typ: algorithm.TypeCORS, origins: []string{A, "null"}, final: C + "/r", redirected: true},
		{name: "B to C acao star", anchor: "fetch#concept-cors-check step 3", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, C+"/r", acaoA...)}, C + "/r": {Actual: rsp(200, "Access-Control-Allow-Origin", "*")}}, outcome: algorithm.OK, typ: algorithm.TypeCORS, final: C + "/r", redirected: true},
		{name: "B back to A taints", anchor: "fetch#concept-request-tainted-origin", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, A+"/r", acaoA...)}, A + "/r": {Actual: rsp(200)}}, outcome: algorithm.NetworkError, saw: []string{"GET " + B + "/r", "GET " + A + "/r"}, origins: []string{A, "null"}},
		{name: "B back to A acao null", anchor: "fetch#concept-request-tainted-origin", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, A+"/r", acaoA...)}, A + "/r": {Actual: rsp(200, "Access-Control-Allow-Origin", "null")}}, outcome: algorithm.OK, typ: algorithm.TypeCORS, final: A + "/r", redirected: true},
		{name: "A A B keeps origin", anchor: "fetch#concept-request-tainted-origin step 4.1", req: algorithm.Request{URL: A + "/r"}, routes: R{A + "/r": {Actual: redir(301, A+"/s")}, A + "/s": {Actual: redir(307, B+"/r")}, B + "/r": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, typ: algorithm.TypeCORS, origins: []string{"-", "-", A}, final: B + "/r", redirected: true},
		{name: "A B C taints at C", anchor: "fetch#concept-request-tainted-origin step 4.3", req: algorithm.Request{URL: A + "/r"}, routes: R{A + "/r": {Actual: redir(302, B+"/r")}, B + "/r": {Actual: redir(302, C+"/r", acaoA...)}, C + "/r": {Actual: rsp(200, "Access-Control-Allow-Origin", "null")}}, outcome: algorithm.OK, typ: algorithm.TypeCORS, origins: []string{"-", A, "null"}, final: C + "/r", redirected: true},
		{name: "twenty redirects", anchor: "fetch#concept-http-redirect-fetch step 7", req: algorithm.Request{URL: B + "/0"}, routes: chain(20), outcome: algorithm.OK, typ: algorithm.TypeCORS, final: B + "/20", redirected: true},
		{name: "twenty-one redirects", anchor: "fetch#concept-http-redirect-fetch step 7", req: algorithm.Request{URL: B + "/0"}, routes: chain(21), outcome: algorithm.NetworkError, reason: algorithm.TooManyRedirects},
		{name: "location data url", anchor: "fetch#concept-http-redirect-fetch step 6", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, "data:,x", acaoA...)}}, outcome: algorithm.NetworkError, saw: []string{"GET " + B + "/r"}},
		{name: "location about blank", anchor: "fetch#concept-http-redirect-fetch step 6", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, "about:blank", acaoA...)}}, outcome: algorithm.NetworkError, saw: []string{"GET " + B + "/r"}},
		{name: "location unparsable", anchor: "fetch#concept-http-redirect-fetch step 5", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, "https://[oops/", acaoA...)}}, outcome: algorithm.NetworkError, reason: algorithm.InvalidRedirect, saw: []string{"GET " + B + "/r"}},
		{name: "two location headers", anchor: "fetch#concept-response-location-url step 2", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, B+"/s", "Location", B+"/t", "Access-Control-Allow-Origin", A)}, B + "/s": {Actual: rsp(200, acaoA...)}, B + "/t": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.NetworkError, reason: algorithm.InvalidRedirect, saw: []string{"GET " + B + "/r"}},
		{name: "no location returns 3xx", anchor: "fetch#concept-http-redirect-fetch step 4", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: rsp(302, acaoA...)}}, outcome: algorithm.OK, typ: algorithm.TypeCORS, saw: []string{"GET " + B + "/r"}, final: B + "/r", redirected: false},
		{name: "relative location", anchor: "fetch#concept-response-location-url step 3", req: algorithm.Request{URL: B + "/a/r"}, routes: R{B + "/a/r": {Actual: redir(302, "../s", acaoA...)}, B + "/s": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, typ: algorithm.TypeCORS, saw: []string{"GET " + B + "/a/r", "GET " + B + "/s"}, final: B + "/s", redirected: true},
		{name: "final url drops fragment", anchor: "fetch#concept-response-location-url step 4", req: algorithm.Request{URL: B + "/r#frag"}, routes: R{B + "/r": {Actual: redir(302, B+"/s", acaoA...)}, B + "/s": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.OK, typ: algorithm.TypeCORS, final: B + "/s", redirected: true},
		{name: "credentials in cross-origin location", anchor: "fetch#concept-http-redirect-fetch step 9", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, "https://u:p@other.example/r", acaoA...)}}, outcome: algorithm.NetworkError, reason: algorithm.RedirectContainsCredentials, saw: []string{"GET " + B + "/r"}},
		{name: "credentials in location back to page", anchor: "fetch#concept-http-redirect-fetch step 10", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, "https://u:p@app.example/r", acaoA...)}}, outcome: algorithm.NetworkError, reason: algorithm.RedirectContainsCredentials, saw: []string{"GET " + B + "/r"}},
		{name: "redirect mode error", anchor: "fetch#concept-http-fetch step 6.2", req: algorithm.Request{URL: B + "/r", Redirect: fetchmode.RedirectError}, routes: R{B + "/r": {Actual: redir(302, B+"/s", acaoA...)}}, outcome: algorithm.NetworkError, reason: algorithm.RedirectModeError, saw: []string{"GET " + B + "/r"}},
		{name: "redirect mode error same-origin", anchor: "fetch#concept-http-fetch step 6.2", req: algorithm.Request{URL: A + "/r", Redirect: fetchmode.RedirectError}, routes: R{A + "/r": {Actual: redir(302, A+"/s")}}, outcome: algorithm.NetworkError, reason: algorithm.RedirectModeError, saw: []string{"GET " + A + "/r"}},
		{name: "manual cross-origin passing", anchor: "fetch#concept-http-fetch step 6.2", req: algorithm.Request{URL: B + "/r", Redirect: fetchmode.RedirectManual}, routes: R{B + "/r": {Actual: redir(302, B+"/s", acaoA...)}}, outcome: algorithm.OK, typ: algorithm.TypeOpaqueRedirect, saw: []string{"GET " + B + "/r"}},
		{name: "manual cross-origin failing check", anchor: "fetch#concept-http-fetch step 4.4", req: algorithm.Request{URL: B + "/r", Redirect: fetchmode.RedirectManual}, routes: R{B + "/r": {Actual: redir(302, B+"/s")}}, outcome: algorithm.NetworkError, saw: []string{"GET " + B + "/r"}},
		{name: "manual same-origin", anchor: "fetch#concept-http-fetch step 6.2", req: algorithm.Request{URL: A + "/r", Redirect: fetchmode.RedirectManual}, routes: R{A + "/r": {Actual: redir(302, B+"/s")}}, outcome: algorithm.OK, typ: algorithm.TypeOpaqueRedirect, saw: []string{"GET " + A + "/r"}},
		{name: "no-cors manual", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: B + "/r", Mode: fetchmode.ModeNoCORS, Redirect: fetchmode.RedirectManual}, routes: R{B + "/r": {Actual: rsp(200)}}, outcome: algorithm.NetworkError, reason: algorithm.NoCorsRedirectModeNotFollow, saw: []string{}},
		{name: "no-cors error mode", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: B + "/r", Mode: fetchmode.ModeNoCORS, Redirect: fetchmode.RedirectError}, routes: R{B + "/r": {Actual: rsp(200)}}, outcome: algorithm.NetworkError, reason: algorithm.NoCorsRedirectModeNotFollow, saw: []string{}},
		{name: "no-cors follow opaque", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: B + "/r", Mode: fetchmode.ModeNoCORS}, routes: R{B + "/r": {Actual: redir(302, C+"/r")}, C + "/r": {Actual: rsp(200)}}, outcome: algorithm.OK, typ: algorithm.TypeOpaque, saw: []string{"GET " + B + "/r", "GET " + C + "/r"}},
		{name: "bad port on hop", anchor: "fetch#block-bad-port", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, "https://api.example:6667/r", acaoA...)}}, outcome: algorithm.NetworkError, reason: algorithm.BadPort, saw: []string{"GET " + B + "/r"}},
		{name: "mixed content on hop", anchor: "fetch#concept-main-fetch step 7", req: algorithm.Request{URL: B + "/r"}, routes: R{B + "/r": {Actual: redir(302, "http://api.example/s", acaoA...)}}, outcome: algorithm.NetworkError, reason: algorithm.MixedContent, saw: []string{"GET " + B + "/r"}},
		{name: "same-origin mode hop cross-origin", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: A + "/r", Mode: fetchmode.ModeSameOrigin}, routes: R{A + "/r": {Actual: redir(302, B+"/r")}, B + "/r": {Actual: rsp(200, acaoA...)}}, outcome: algorithm.NetworkError, reason: algorithm.DisallowedByMode, saw: []string{"GET " + A + "/r"}},
		{name: "preflight answered with redirect", anchor: "fetch#cors-preflight-fetch-0 step 8", req: algorithm.Request{URL: B + "/r", Method: "PUT"}, routes: R{B + "/r": {Options: redir(302, B+"/s", acaoA...), Actual: rsp(200, acaoA...)}, B + "/s": {Options: allowA(), Actual: rsp(200, acaoA...)}}, outcome: algorithm.NetworkError, saw: []string{"OPTIONS " + B + "/r"}},
	})
}

// redirectCase is one row of the redirect tables (see TestRedirects).
type redirectCase struct {
	name       string
	anchor     string
	req        algorithm.Request
	routes     map[string]scenario.Route
	outcome    algorithm.Outcome
	reason     algorithm.Reason
	typ        algorithm.ResponseType
	saw        []string
	origins    []string
	final      string
	redirected bool
}

// runRedirectCases runs a redirect table under Spec.
func runRedirectCases(t *testing.T, cases []redirectCase) {
	t.Helper()
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			req := c.req
			req.Origin = page
			v := fetch(t, algorithm.Spec, req, c.routes)
			if v.Outcome != c.outcome {
				t.Fatalf("outcome = %s (reason %s %q), want %s; saw %v", v.Outcome, v.Reason, v.FailedParameter, c.outcome, sawList(v))
			}
			if c.reason != "" && v.Reason != c.reason {
				t.Errorf("reason = %s, want %s", v.Reason, c.reason)
			}
			if c.typ != "" && v.ResponseType != c.typ {
				t.Errorf("type = %s, want %s", v.ResponseType, c.typ)
			}
			if c.saw != nil && strings.Join(sawList(v), "|") != strings.Join(c.saw, "|") {
				t.Errorf("server saw %q, want %q", sawList(v), c.saw)
			}
			if c.origins != nil {
				for i, want := range c.origins {
					if i >= len(v.ServerSaw) {
						t.Errorf("no request %d", i)
						break
					}
					got, ok := header(v.ServerSaw[i], "Origin")
					if want == "-" && ok || want != "-" && got != want {
						t.Errorf("request %d (%s %s): Origin = %q (present %v), want %q", i, v.ServerSaw[i].Method, v.ServerSaw[i].URL, got, ok, want)
					}
				}
			}
			if c.final != "" && v.FinalURL != c.final {
				t.Errorf("final URL = %q, want %q", v.FinalURL, c.final)
			}
			if c.outcome == algorithm.OK && c.final != "" && v.Redirected != c.redirected {
				t.Errorf("redirected = %v, want %v", v.Redirected, c.redirected)
			}
			if c.typ == algorithm.TypeOpaqueRedirect && (v.Status != 0 || len(v.VisibleHeaders) != 0 || v.BodyReadable) {
				t.Errorf("an opaque-redirect response shows nothing: status %d headers %q body %v", v.Status, v.VisibleHeaders, v.BodyReadable)
			}
		})
	}
}

// sawList renders what the server saw as "METHOD url" lines.
func sawList(v algorithm.Verdict) []string {
	out := make([]string, len(v.ServerSaw))
	for i, s := range v.ServerSaw {
		out[i] = s.Method + " " + s.URL
	}
	return out
}
