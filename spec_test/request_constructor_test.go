package spec_test

import (
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

// TestRequestConstructor checks the calls the Request constructor rejects with a TypeError (Fetch
// §dom-request): fetch() returns a rejected promise, the verdict's outcome is js-error and nothing is
// sent. It also checks the header-value normalization the Headers guard applies before validating.
func TestRequestConstructor(t *testing.T) {
	srv := permissive(apiURL)
	runClassCases(t, srv, []classCase{
		// The Request constructor throws: js-error, nothing sent.
		{name: "forbidden method TRACE", anchor: "fetch#dom-request step 25", req: algorithm.Request{URL: apiURL, Method: "TRACE"}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "forbidden method connect lower", anchor: "fetch#forbidden-method", req: algorithm.Request{URL: apiURL, Method: "connect"}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "forbidden method Track", anchor: "fetch#forbidden-method", req: algorithm.Request{URL: apiURL, Method: "Track"}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "method not a token", anchor: "fetch#dom-request step 25", req: algorithm.Request{URL: apiURL, Method: "GE T"}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "method invalid utf-8", anchor: "fetch#dom-request step 25", req: algorithm.Request{URL: apiURL, Method: "G\xffT"}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "get with body", anchor: "fetch#dom-request step 35", req: algorithm.Request{URL: apiURL, Body: str("x")}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "head with body", anchor: "fetch#dom-request step 35", req: algorithm.Request{URL: apiURL, Method: "HEAD", Body: str("")}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "url with credentials", anchor: "fetch#dom-request step 5", req: algorithm.Request{URL: "https://user:pw@api.example/r"}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "url with username only", anchor: "fetch#dom-request step 5", req: algorithm.Request{URL: "https://user@api.example/r"}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "unparsable url", anchor: "fetch#dom-request step 5", req: algorithm.Request{URL: "https://[x/r"}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "empty host", anchor: "fetch#dom-request step 5", req: algorithm.Request{URL: "https://"}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "1 MiB host", anchor: "fetch#dom-request step 5", req: algorithm.Request{URL: "https://" + mib + ".example:99999/"}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "no-cors put", anchor: "fetch#dom-request step 32", req: algorithm.Request{URL: apiURL, Mode: fetchmode.ModeNoCORS, Method: "PUT"}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "no-cors patch", anchor: "fetch#dom-request step 32", req: algorithm.Request{URL: apiURL, Mode: fetchmode.ModeNoCORS, Method: "patch"}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "navigate mode", anchor: "fetch#dom-request step 18", req: algorithm.Request{URL: apiURL, Mode: fetchmode.ModeNavigate}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "only-if-cached cors", anchor: "fetch#dom-request step 21", req: algorithm.Request{URL: apiURL, Cache: fetchmode.CacheOnlyIfCached}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "stream body no-cors", anchor: "fetch#dom-request step 39.2", req: algorithm.Request{URL: apiURL, Mode: fetchmode.ModeNoCORS, Method: "POST", StreamBody: true}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "header name with space", anchor: "fetch#headers-class", req: algorithm.Request{URL: apiURL, Headers: h("X A", "1")}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "header name empty", anchor: "fetch#headers-class", req: algorithm.Request{URL: apiURL, Headers: h("", "1")}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "header value with LF", anchor: "fetch#header-value", req: algorithm.Request{URL: apiURL, Headers: h("X-A", "a\nb")}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "header value with NUL", anchor: "fetch#header-value", req: algorithm.Request{URL: apiURL, Headers: h("X-A", "a\x00b")}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "forbidden header invalid value still throws", anchor: "fetch#headers-class", req: algorithm.Request{URL: apiURL, Headers: h("Cookie", "a\rb")}, outcome: algorithm.JSError, reason: algorithm.InvalidRequest, sent: 0},
		{name: "header value padded is normalized", anchor: "fetch#concept-header-value-normalize", req: algorithm.Request{URL: apiURL, Headers: h("Accept", " text/html\t")}, outcome: algorithm.OK, typ: algorithm.TypeCORS, sent: 1},
		{name: "forbidden header dropped", anchor: "fetch#forbidden-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Host", "evil.example", "Referer", "x", "Sec-Fetch-Site", "none")}, outcome: algorithm.OK, typ: algorithm.TypeCORS, originHdr: pageS, sent: 1},
	})
}

// TestClassificationSentRequest checks what the actual request carries: the normalized method and
// the Content-Type a string body adds (Fetch §dom-request steps 25 and 37, §concept-bodyinit-extract).
func TestClassificationSentRequest(t *testing.T) {
	srv := permissive(apiURL)
	cases := []struct {
		name   string
		anchor string
		req    algorithm.Request
		method string
		ctype  string
	}{
		{name: "patch stays lower", anchor: "fetch#concept-method-normalize", req: algorithm.Request{URL: apiURL, Method: "patch"}, method: "patch", ctype: "-"},
		{name: "delete upper-cased", anchor: "fetch#concept-method-normalize", req: algorithm.Request{URL: apiURL, Method: "delete"}, method: "DELETE", ctype: "-"},
		{name: "string body text/plain", anchor: "fetch#concept-bodyinit-extract", req: algorithm.Request{URL: apiURL, Method: "POST", Body: str("hi")}, method: "POST", ctype: "text/plain;charset=UTF-8"},
		{name: "empty string body text/plain", anchor: "fetch#concept-bodyinit-extract", req: algorithm.Request{URL: apiURL, Method: "POST", Body: str("")}, method: "POST", ctype: "text/plain;charset=UTF-8"},
		{name: "script content-type wins", anchor: "fetch#dom-request step 37", req: algorithm.Request{URL: apiURL, Method: "POST", Body: str("{}"), Headers: h("Content-Type", "application/json")}, method: "POST", ctype: "application/json"},
		{name: "script content-type lower name wins", anchor: "fetch#dom-request step 37", req: algorithm.Request{URL: apiURL, Method: "POST", Body: str("a=b"), Headers: h("content-type", "application/x-www-form-urlencoded")}, method: "POST", ctype: "application/x-www-form-urlencoded"},
		{name: "no body no content-type", anchor: "fetch#concept-bodyinit-extract", req: algorithm.Request{URL: apiURL, Method: "POST"}, method: "POST", ctype: "-"},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			req := c.req
			req.Origin = page
			v := fetch(t, algorithm.Spec, req, srv)
			var actual *algorithm.SentRequest
			for i := range v.ServerSaw {
				if !v.ServerSaw[i].Preflight {
					actual = &v.ServerSaw[i]
					break
				}
			}
			if actual == nil {
				t.Fatalf("no actual request sent: %+v", v)
			}
			if actual.Method != c.method {
				t.Errorf("method = %q, want %q", actual.Method, c.method)
			}
			got, ok := header(*actual, "Content-Type")
			if c.ctype == "-" && ok {
				t.Errorf("Content-Type = %q, want none", got)
			}
			if c.ctype != "-" && got != c.ctype {
				t.Errorf("Content-Type = %q, want %q", got, c.ctype)
			}
		})
	}
}
