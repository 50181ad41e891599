package spec_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/scenario"
)

// TestSchemeFetch checks the URLs that never reach a server (Fetch §concept-scheme-fetch: about:blank and
// the data: URL processor, §data-url-processor with Infra's forgiving-base64 decode) and what the
// simulated browser cannot fetch (file:, blob: without a store).
func TestSchemeFetch(t *testing.T) {
	cases := []struct {
		name    string
		anchor  string
		url     string
		mode    fetchmode.Mode
		outcome algorithm.Outcome
		typ     algorithm.ResponseType
	}{
		{name: "data base64", anchor: "fetch#data-url-processor step 11", url: "data:text/plain;base64,aGk=", outcome: algorithm.OK, typ: algorithm.TypeBasic},
		{name: "data base64 padded", anchor: "fetch#data-url-processor step 11", url: "data:;base64,YQ==", outcome: algorithm.OK, typ: algorithm.TypeBasic},
		{name: "data base64 whitespace", anchor: "fetch#data-url-processor step 11", url: "data:;BASE64,%20aG%0Ak=", outcome: algorithm.OK, typ: algorithm.TypeBasic},
		{name: "data base64 remainder one", anchor: "fetch#data-url-processor step 11", url: "data:;base64,aGk9a", outcome: algorithm.NetworkError},
		{name: "data base64 bad byte", anchor: "fetch#data-url-processor step 11", url: "data:;base64,a!==", outcome: algorithm.NetworkError},
		{name: "data no comma", anchor: "fetch#data-url-processor step 5", url: "data:text/plain", outcome: algorithm.NetworkError},
		{name: "data percent-decoded", anchor: "fetch#data-url-processor step 8", url: "data:,%41%zz%4", outcome: algorithm.OK, typ: algorithm.TypeBasic},
		{name: "data leading semicolon", anchor: "fetch#data-url-processor step 12", url: "data:;charset=utf-8,x", outcome: algorithm.OK, typ: algorithm.TypeBasic},
		{name: "data bad mime", anchor: "fetch#data-url-processor step 14", url: "data:x y,z", outcome: algorithm.OK, typ: algorithm.TypeBasic},
		{name: "data no-cors basic", anchor: "fetch#concept-main-fetch step 12", url: "data:,x", mode: fetchmode.ModeNoCORS, outcome: algorithm.OK, typ: algorithm.TypeBasic},
		{name: "about blank no-cors opaque", anchor: "fetch#concept-scheme-fetch", url: "about:blank", mode: fetchmode.ModeNoCORS, outcome: algorithm.OK, typ: algorithm.TypeOpaque},
		{name: "about srcdoc no-cors", anchor: "fetch#concept-scheme-fetch", url: "about:srcdoc", mode: fetchmode.ModeNoCORS, outcome: algorithm.NetworkError},
		{name: "file no-cors", anchor: "fetch#concept-scheme-fetch", url: "file:///etc/hosts", mode: fetchmode.ModeNoCORS, outcome: algorithm.NetworkError},
		{name: "blob no-cors", anchor: "fetch#concept-scheme-fetch", url: "blob:https://api.example/0b4e", mode: fetchmode.ModeNoCORS, outcome: algorithm.NetworkError},
		{name: "custom scheme no-cors", anchor: "fetch#concept-scheme-fetch", url: "web+x://a/b", mode: fetchmode.ModeNoCORS, outcome: algorithm.NetworkError},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			for _, tr := range []bool{false, true} {
				v := algorithm.Fetch(algorithm.Request{Origin: page, URL: c.url, Mode: c.mode}, nil, algorithm.Options{Trace: tr})
				if v.Outcome != c.outcome {
					t.Fatalf("trace %v: outcome %s (%s), want %s", tr, v.Outcome, v.Reason, c.outcome)
				}
				if c.typ != "" && v.ResponseType != c.typ {
					t.Errorf("type %s, want %s", v.ResponseType, c.typ)
				}
				if len(v.ServerSaw) != 0 {
					t.Errorf("server saw %q", sawList(v))
				}
				if tr && len(v.Trace) == 0 {
					t.Errorf("no trace")
				}
			}
		})
	}
}

// TestNetworkFailures checks what a connection failure does (Fetch §concept-http-network-fetch step
// 8.1: a network error) at the preflight and at the actual request, in every profile.
func TestNetworkFailures(t *testing.T) {
	failAt := func(preflight bool) algorithm.Responder {
		return algorithm.ResponderFunc(func(s algorithm.SentRequest) (algorithm.Response, error) {
			if s.Preflight == preflight {
				return algorithm.Response{}, errors.New("connection refused")
			}
			return *allowA(), nil
		})
	}
	cases := []struct {
		name       string
		anchor     string
		req        algorithm.Request
		r          algorithm.Responder
		outcome    algorithm.Outcome
		actualSent bool
	}{
		{name: "preflight connection refused", anchor: "fetch#concept-http-fetch step 4.1.2", req: algorithm.Request{URL: apiURL, Method: "PUT"}, r: failAt(true), outcome: algorithm.NetworkError, actualSent: false},
		{name: "actual connection refused", anchor: "fetch#concept-http-network-fetch", req: algorithm.Request{URL: apiURL}, r: failAt(false), outcome: algorithm.NetworkError, actualSent: true},
		{name: "same-origin connection refused", anchor: "fetch#concept-http-network-fetch", req: algorithm.Request{URL: pageS + "/r"}, r: failAt(false), outcome: algorithm.NetworkError, actualSent: true},
		{name: "no responder answers 404", anchor: "fetch#concept-http-network-fetch", req: algorithm.Request{URL: pageS + "/r"}, r: nil, outcome: algorithm.OK, actualSent: true},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			for _, p := range allProfiles {
				req := c.req
				req.Origin = page
				clk := newClock()
				v := algorithm.Fetch(req, c.r, algorithm.Options{Profile: p, Trace: true, Cache: p.NewCache(), Clock: clk.Now})
				if v.Outcome != c.outcome || v.ActualSent != c.actualSent {
					t.Errorf("%s: outcome %s actual sent %v, want %s %v", p, v.Outcome, v.ActualSent, c.outcome, c.actualSent)
				}
				if c.outcome != algorithm.OK && (v.Reason != algorithm.NetworkFailure || v.Message == "") {
					t.Errorf("%s: reason %s message %q, want NetworkFailure with a message", p, v.Reason, v.Message)
				}
				if c.r == nil && v.Status != 404 {
					t.Errorf("%s: status %d, want 404", p, v.Status)
				}
			}
		})
	}
}

// TestTraceAndMessages checks that a traced verdict names the standard's anchors (style: a trace
// shows "fetch#concept-cors-check step 3") and that every failure, and only a failure, carries the console
// message of the profile's browser (docs/profiles.md, "Console wording").
func TestTraceAndMessages(t *testing.T) {
	type R = map[string]scenario.Route
	cases := []struct {
		name   string
		anchor string
		req    algorithm.Request
		routes R
		ok     bool
		// okFor lists profiles where the fetch succeeds though ok is false.
		okFor []algorithm.Profile
	}{
		{name: "passing preflighted put", anchor: "fetch#cors-preflight-fetch-0", req: algorithm.Request{URL: apiURL, Method: "PUT", Headers: h("X-A", "1")}, routes: R{apiURL: {Options: allowA(), Actual: rsp(200, "Access-Control-Allow-Origin", pageS)}}, ok: true},
		{name: "method disallowed", anchor: "fetch#cors-preflight-fetch-0 step 7.5", req: algorithm.Request{URL: apiURL, Method: "patch"}, routes: R{apiURL: {Options: allowA(), Actual: rsp(200)}}},
		{name: "non-ascii acao", anchor: "chromium: third_party/blink/renderer/platform/loader/cors/cors_error_string.cc", req: algorithm.Request{URL: apiURL}, routes: R{apiURL: {Actual: rsp(200, "Access-Control-Allow-Origin", "https://é.example\x01")}}},
		{name: "wildcard with credentials", anchor: "harness: Chromium 156, cred-include-star", req: algorithm.Request{URL: apiURL, Credentials: fetchmode.CredentialsInclude}, routes: R{apiURL: {Actual: rsp(200, "Access-Control-Allow-Origin", "*")}}},
		{name: "header disallowed stream", anchor: "harness: Chromium 156, pf-header-missing", req: algorithm.Request{URL: apiURL, Method: "POST", StreamBody: true, Headers: h("X-B", "1")}, routes: R{apiURL: {Options: allowA(), Actual: rsp(200)}}},
		{name: "redirect location bad", anchor: "fetch#concept-http-redirect-fetch step 5", req: algorithm.Request{URL: apiURL}, routes: R{apiURL: {Actual: redir(302, "https://[", "Access-Control-Allow-Origin", pageS)}}},
		// Firefox sends a stream as the string "[object ReadableStream]", so its no-cors POST goes out
		// (corsim's browser harness, Firefox ESR 153).
		{name: "stream body in no-cors", anchor: "fetch#dom-request step 39.2", req: algorithm.Request{URL: apiURL, Method: "POST", StreamBody: true, Mode: fetchmode.ModeNoCORS}, okFor: []algorithm.Profile{algorithm.Firefox}},
		{name: "get with body", anchor: "fetch#dom-request step 35", req: algorithm.Request{URL: apiURL, Body: str("x")}},
		{name: "relative url from opaque page", anchor: "fetch#dom-request step 5", req: algorithm.Request{URL: "/x", Origin: page}},
		{name: "bad port", anchor: "fetch#block-bad-port", req: algorithm.Request{URL: "https://api.example:6666/"}},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			for _, p := range allProfiles {
				req := c.req
				req.Origin = page
				if c.name == "relative url from opaque page" {
					req.Origin, req.TopLevel = origin.NewOpaque(), page
				}
				v := algorithm.Fetch(req, table(t, c.routes), algorithm.Options{Profile: p, Trace: true})
				ok := c.ok || slices.Contains(c.okFor, p)
				if (v.Outcome == algorithm.OK) != ok {
					t.Fatalf("%s: outcome %s (%s), want ok %v", p, v.Outcome, v.Reason, ok)
				}
				if ok != (v.Message == "") {
					t.Errorf("%s: message %q on outcome %s", p, v.Message, v.Outcome)
				}
				if len(v.Trace) == 0 {
					t.Fatalf("%s: empty trace", p)
				}
				for _, s := range v.Trace {
					if !strings.Contains(s.Anchor, "#") {
						t.Errorf("%s: trace step without an anchor: %+v", p, s)
					}
				}
			}
		})
	}
}
