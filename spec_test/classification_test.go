package spec_test

import (
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/scenario"
)

// permissive answers every preflight and request at url with "*" for origin, methods and headers
// (a server that allows everything it can without credentials).
func permissive(urls ...string) map[string]scenario.Route {
	m := map[string]scenario.Route{}
	for _, u := range urls {
		m[u] = scenario.Route{
			Options: rsp(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "*", "Access-Control-Allow-Headers", "*"),
			Actual:  rsp(200, "Access-Control-Allow-Origin", "*", "Content-Type", "text/plain", "X-Secret", "1"),
		}
	}
	return m
}

// TestClassification runs whole fetches under Spec and checks how the request is classified: the
// Request constructor's TypeErrors (Fetch §dom-request), main fetch's blocks and tainting decision
// (§concept-main-fetch steps 7 and 12), and the Origin header it gets (§append-a-request-origin-
// header). originHdr is the Origin the first non-preflight request carried: "-" for none, "" for
// unchecked. sent is how many requests the server saw (-1: unchecked).
func TestClassification(t *testing.T) {
	srv := permissive(apiURL, pageS+"/r", "http://localhost:8080/r", "http://127.0.0.1:8080/r", "https://api.example:8080/r", "http://api.example/r")
	opaque := origin.NewOpaque()
	httpPage := origin.MustParse("http://app.example")
	runClassCases(t, srv, []classCase{
		// §concept-main-fetch step 12 case b: same origin stays basic.
		{name: "same-origin get basic", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: pageS + "/r"}, outcome: algorithm.OK, typ: algorithm.TypeBasic, originHdr: "-", sent: 1},
		{name: "same-origin head no origin", anchor: "fetch#append-a-request-origin-header step 4", req: algorithm.Request{URL: pageS + "/r", Method: "HEAD"}, outcome: algorithm.OK, typ: algorithm.TypeBasic, originHdr: "-", sent: 1},
		{name: "same-origin post has origin", anchor: "fetch#append-a-request-origin-header step 4.2", req: algorithm.Request{URL: pageS + "/r", Method: "POST", Body: str("x")}, outcome: algorithm.OK, typ: algorithm.TypeBasic, originHdr: pageS, sent: 1},
		{name: "same-origin put no preflight", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: pageS + "/r", Method: "PUT", Headers: h("X-A", "1")}, outcome: algorithm.OK, typ: algorithm.TypeBasic, originHdr: pageS, sent: 1},
		{name: "same-origin delete has origin", anchor: "fetch#append-a-request-origin-header step 4.2", req: algorithm.Request{URL: pageS + "/r", Method: "DELETE"}, outcome: algorithm.OK, typ: algorithm.TypeBasic, originHdr: pageS, sent: 1},
		{name: "relative url resolves same-origin", anchor: "fetch#dom-request step 5", req: algorithm.Request{URL: "/r"}, outcome: algorithm.OK, typ: algorithm.TypeBasic, originHdr: "-", sent: 1},
		{name: "explicit default port same-origin", anchor: "url#concept-url-origin", req: algorithm.Request{URL: "https://app.example:443/r"}, outcome: algorithm.OK, typ: algorithm.TypeBasic, originHdr: "-", sent: 1},
		{name: "upper-case host same-origin", anchor: "url#concept-url-origin", req: algorithm.Request{URL: "HTTPS://APP.example/r"}, outcome: algorithm.OK, typ: algorithm.TypeBasic, originHdr: "-", sent: 1},
		{name: "same-origin mode same-origin url", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: pageS + "/r", Mode: fetchmode.ModeSameOrigin}, outcome: algorithm.OK, typ: algorithm.TypeBasic, sent: 1},
		{name: "data url basic", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: "data:,hello"}, outcome: algorithm.OK, typ: algorithm.TypeBasic, sent: 0},

		// Case g and f: cross-origin in cors mode is a CORS request.
		{name: "cross-origin get cors", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL}, outcome: algorithm.OK, typ: algorithm.TypeCORS, originHdr: pageS, sent: 1},
		{name: "cross-origin head cors", anchor: "fetch#append-a-request-origin-header step 3", req: algorithm.Request{URL: apiURL, Method: "HEAD"}, outcome: algorithm.OK, typ: algorithm.TypeCORS, originHdr: pageS, sent: 1},
		{name: "cross-origin simple post", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Method: "POST", Body: str("x")}, outcome: algorithm.OK, typ: algorithm.TypeCORS, originHdr: pageS, sent: 1},
		{name: "cross-origin put preflight", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Method: "PUT"}, outcome: algorithm.OK, typ: algorithm.TypeCORS, preflight: true, originHdr: pageS, sent: 2},
		{name: "other port is cross-origin", anchor: "html#same-origin", req: algorithm.Request{URL: "https://app.example:8080/r"}, outcome: algorithm.NetworkError, originHdr: pageS, sent: 1},
		{name: "other port with acao", anchor: "html#same-origin", req: algorithm.Request{URL: "https://api.example:8080/r"}, outcome: algorithm.OK, typ: algorithm.TypeCORS, originHdr: pageS, sent: 1},
		{name: "opaque page origin null", anchor: "fetch#serializing-a-request-origin", req: algorithm.Request{Origin: opaque, TopLevel: page, URL: apiURL}, outcome: algorithm.OK, typ: algorithm.TypeCORS, originHdr: "null", sent: 1},
		{name: "opaque page own url is cross-origin", anchor: "html#same-origin", req: algorithm.Request{Origin: opaque, TopLevel: page, URL: pageS + "/r"}, outcome: algorithm.OK, typ: algorithm.TypeCORS, originHdr: "null", sent: 1},
		{name: "patch sent as patch", anchor: "fetch#concept-method-normalize", req: algorithm.Request{URL: apiURL, Method: "patch"}, outcome: algorithm.OK, typ: algorithm.TypeCORS, preflight: true, sent: 2},

		// Case d: no-cors is opaque.
		{name: "no-cors get opaque", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Mode: fetchmode.ModeNoCORS}, outcome: algorithm.OK, typ: algorithm.TypeOpaque, originHdr: "-", sent: 1},
		{name: "no-cors post has origin", anchor: "fetch#append-a-request-origin-header step 4", req: algorithm.Request{URL: apiURL, Mode: fetchmode.ModeNoCORS, Method: "POST", Body: str("x")}, outcome: algorithm.OK, typ: algorithm.TypeOpaque, originHdr: pageS, sent: 1},
		{name: "no-cors unsafe header dropped", anchor: "fetch#headers-class", req: algorithm.Request{URL: apiURL, Mode: fetchmode.ModeNoCORS, Headers: h("X-A", "1")}, outcome: algorithm.OK, typ: algorithm.TypeOpaque, sent: 1},
		{name: "no-cors same-origin basic", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: pageS + "/r", Mode: fetchmode.ModeNoCORS}, outcome: algorithm.OK, typ: algorithm.TypeBasic, sent: 1},

		// Case c and e: failures without a CORS request.
		{name: "same-origin mode cross-origin", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Mode: fetchmode.ModeSameOrigin}, outcome: algorithm.NetworkError, typ: algorithm.TypeError, reason: algorithm.DisallowedByMode, sent: 0},
		{name: "about blank cors", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: "about:blank"}, outcome: algorithm.NetworkError, typ: algorithm.TypeError, sent: 0},
		{name: "file url cors", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: "file:///etc/passwd"}, outcome: algorithm.NetworkError, typ: algorithm.TypeError, sent: 0},
		{name: "ftp url cors", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: "ftp://api.example/r"}, outcome: algorithm.NetworkError, typ: algorithm.TypeError, sent: 0},

		// Step 7: blocked before anything is sent.
		{name: "bad port 6000", anchor: "fetch#block-bad-port", req: algorithm.Request{URL: "https://api.example:6000/r"}, outcome: algorithm.NetworkError, typ: algorithm.TypeError, reason: algorithm.BadPort, sent: 0},
		{name: "bad port 25", anchor: "fetch#block-bad-port", req: algorithm.Request{URL: "https://api.example:25/r"}, outcome: algorithm.NetworkError, typ: algorithm.TypeError, reason: algorithm.BadPort, sent: 0},
		{name: "bad port 0", anchor: "fetch#block-bad-port", req: algorithm.Request{URL: "https://api.example:0/r"}, outcome: algorithm.NetworkError, typ: algorithm.TypeError, reason: algorithm.BadPort, sent: 0},
		{name: "bad port 10080", anchor: "fetch#block-bad-port", req: algorithm.Request{URL: "https://api.example:10080/r"}, outcome: algorithm.NetworkError, typ: algorithm.TypeError, reason: algorithm.BadPort, sent: 0},
		{name: "bad port 6679", anchor: "fetch#block-bad-port", req: algorithm.Request{URL: "https://api.example:6679/r"}, outcome: algorithm.NetworkError, typ: algorithm.TypeError, reason: algorithm.BadPort, sent: 0},
		{name: "bad port same-origin", anchor: "fetch#block-bad-port", req: algorithm.Request{Origin: origin.MustParse("https://app.example:6000"), URL: "https://app.example:6000/r"}, outcome: algorithm.NetworkError, typ: algorithm.TypeError, reason: algorithm.BadPort, sent: 0},
		{name: "bad port no-cors", anchor: "fetch#block-bad-port", req: algorithm.Request{URL: "https://api.example:22/r", Mode: fetchmode.ModeNoCORS}, outcome: algorithm.NetworkError, typ: algorithm.TypeError, reason: algorithm.BadPort, sent: 0},
		{name: "port 8080 fine", anchor: "fetch#block-bad-port", req: algorithm.Request{URL: "https://api.example:8080/r"}, outcome: algorithm.OK, typ: algorithm.TypeCORS, sent: 1},
		{name: "mixed content http", anchor: "mixed-content#should-block-fetch", req: algorithm.Request{URL: "http://api.example/r"}, outcome: algorithm.NetworkError, typ: algorithm.TypeError, reason: algorithm.MixedContent, sent: 0},
		{name: "http localhost trustworthy", anchor: "secure-contexts#is-origin-trustworthy", req: algorithm.Request{URL: "http://localhost:8080/r"}, outcome: algorithm.OK, typ: algorithm.TypeCORS, sent: 1},
		{name: "http loopback trustworthy", anchor: "secure-contexts#is-origin-trustworthy", req: algorithm.Request{URL: "http://127.0.0.1:8080/r"}, outcome: algorithm.OK, typ: algorithm.TypeCORS, sent: 1},
		{name: "http page http url", anchor: "mixed-content#should-block-fetch", req: algorithm.Request{Origin: httpPage, URL: "http://api.example/r"}, outcome: algorithm.OK, typ: algorithm.TypeCORS, originHdr: "http://app.example", sent: 1},
	})
}

// classCase is one row of the classification tables (see TestClassification).
type classCase struct {
	name      string
	anchor    string
	req       algorithm.Request
	outcome   algorithm.Outcome
	typ       algorithm.ResponseType
	reason    algorithm.Reason
	preflight bool
	originHdr string
	sent      int
}

// runClassCases runs whole fetches under Spec against srv for a classification table.
func runClassCases(t *testing.T, srv map[string]scenario.Route, cases []classCase) {
	t.Helper()
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			req := c.req
			if !req.Origin.IsValid() {
				req.Origin = page
			}
			v := fetch(t, algorithm.Spec, req, srv)
			if v.Outcome != c.outcome {
				t.Fatalf("outcome = %s (reason %s), want %s", v.Outcome, v.Reason, c.outcome)
			}
			if c.typ != "" && v.ResponseType != c.typ {
				t.Errorf("response type = %s, want %s", v.ResponseType, c.typ)
			}
			if c.reason != "" && v.Reason != c.reason {
				t.Errorf("reason = %s, want %s", v.Reason, c.reason)
			}
			if c.sent >= 0 && len(v.ServerSaw) != c.sent {
				t.Errorf("server saw %d requests %v, want %d", len(v.ServerSaw), methods(v), c.sent)
			}
			if got := preflightsSent(v) > 0; got != c.preflight {
				t.Errorf("preflight sent = %v, want %v", got, c.preflight)
			}
			if c.outcome == algorithm.JSError && (v.ActualSent || len(v.ServerSaw) > 0) {
				t.Errorf("a js-error sends nothing")
			}
			if c.originHdr != "" {
				for _, s := range v.ServerSaw {
					if s.Preflight {
						continue
					}
					got, ok := header(s, "Origin")
					if c.originHdr == "-" && ok {
						t.Errorf("Origin = %q, want none", got)
					}
					if c.originHdr != "-" && got != c.originHdr {
						t.Errorf("Origin = %q (present %v), want %q", got, ok, c.originHdr)
					}
					break
				}
			}
		})
	}
}
