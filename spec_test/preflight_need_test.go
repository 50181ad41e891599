package spec_test

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

// TestNeedsPreflight drives algorithm.NeedsPreflight under Spec from Fetch §concept-main-fetch step
// 12 (case f), §cors-safelisted-method, §cors-safelisted-request-header, §cors-unsafe-request-header-
// names and the Request constructor steps that drop or refuse headers.
func TestNeedsPreflight(t *testing.T) {
	lang120 := strings.Repeat("a", 120)
	cases := []struct {
		name   string
		anchor string
		req    algorithm.Request
		want   bool
	}{
		// Methods (§cors-safelisted-method, normalized first).
		{name: "get", anchor: "fetch#cors-safelisted-method", req: algorithm.Request{URL: apiURL}, want: false},
		{name: "head", anchor: "fetch#cors-safelisted-method", req: algorithm.Request{URL: apiURL, Method: "HEAD"}, want: false},
		{name: "post no body", anchor: "fetch#cors-safelisted-method", req: algorithm.Request{URL: apiURL, Method: "POST"}, want: false},
		{name: "post string body", anchor: "fetch#concept-bodyinit-extract", req: algorithm.Request{URL: apiURL, Method: "POST", Body: str("hi")}, want: false},
		{name: "get lower normalized", anchor: "fetch#concept-method-normalize", req: algorithm.Request{URL: apiURL, Method: "get"}, want: false},
		{name: "post mixed normalized", anchor: "fetch#concept-method-normalize", req: algorithm.Request{URL: apiURL, Method: "pOsT"}, want: false},
		{name: "head lower normalized", anchor: "fetch#concept-method-normalize", req: algorithm.Request{URL: apiURL, Method: "head"}, want: false},
		{name: "put", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Method: "PUT"}, want: true},
		{name: "delete", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Method: "DELETE"}, want: true},
		{name: "options", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Method: "OPTIONS"}, want: true},
		{name: "PATCH", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Method: "PATCH"}, want: true},
		{name: "patch lower", anchor: "fetch#concept-method-normalize", req: algorithm.Request{URL: apiURL, Method: "patch"}, want: true},
		{name: "custom method", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Method: "SUPER"}, want: true},

		// Request-header safelist (§cors-safelisted-request-header).
		{name: "content-type json", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", "application/json")}, want: true},
		{name: "content-type text/plain", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", "text/plain")}, want: false},
		{name: "content-type mixed case charset", anchor: "mimesniff#parse-a-mime-type", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", "TEXT/Plain;charset=UTF-8")}, want: false},
		{name: "content-type quoted charset", anchor: "fetch#cors-unsafe-request-header-byte", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", `text/plain; charset="utf-8"`)}, want: true},
		{name: "content-type garbage subtype", anchor: "mimesniff#parse-a-mime-type step 9", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", "text/plain garbage")}, want: true},
		{name: "content-type trailing semicolon", anchor: "mimesniff#parse-a-mime-type step 11", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", "text/plain;")}, want: false},
		{name: "content-type multipart", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", "multipart/form-data; boundary=x")}, want: false},
		{name: "content-type urlencoded", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", "application/x-www-form-urlencoded")}, want: false},
		{name: "content-type text/html", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", "text/html")}, want: true},
		{name: "content-type 1 MiB", anchor: "fetch#cors-safelisted-request-header step 1", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", "text/plain;a="+mib)}, want: true},
		{name: "content-type json overrides body", anchor: "fetch#dom-request step 37", req: algorithm.Request{URL: apiURL, Method: "POST", Body: str("{}"), Headers: h("Content-Type", "application/json")}, want: true},
		{name: "two content-types one unsafe", anchor: "fetch#cors-unsafe-request-header-names step 4", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", "text/plain", "Content-Type", "application/json")}, want: true},
		{name: "accept quote", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Accept", `"`)}, want: true},
		{name: "accept 128 bytes", anchor: "fetch#cors-safelisted-request-header step 1", req: algorithm.Request{URL: apiURL, Headers: h("Accept", strings.Repeat("a", 128))}, want: false},
		{name: "accept 129 bytes", anchor: "fetch#cors-safelisted-request-header step 1", req: algorithm.Request{URL: apiURL, Headers: h("Accept", strings.Repeat("a", 129))}, want: true},
		{name: "accept high bytes", anchor: "fetch#cors-unsafe-request-header-byte", req: algorithm.Request{URL: apiURL, Headers: h("Accept", "text/\xff\xfe")}, want: false},
		{name: "accept thousands of commas", anchor: "fetch#cors-safelisted-request-header step 1", req: algorithm.Request{URL: apiURL, Headers: h("Accept", commas)}, want: true},
		{name: "accept-language list", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Accept-Language", "en-US,en;q=0.9")}, want: false},
		{name: "accept-language control byte", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Accept-Language", "en\x01")}, want: true},
		{name: "accept-language at sign", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Accept-Language", "en@x")}, want: true},
		{name: "accept-language high byte", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Accept-Language", "d\xe9")}, want: true},
		{name: "content-language de", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Content-Language", "de")}, want: false},
		{name: "range 0-", anchor: "fetch#simple-range-header-value", req: algorithm.Request{URL: apiURL, Headers: h("Range", "bytes=0-")}, want: false},
		{name: "range 0-499", anchor: "fetch#simple-range-header-value", req: algorithm.Request{URL: apiURL, Headers: h("Range", "bytes=0-499")}, want: false},
		{name: "range suffix", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Range", "bytes=-500")}, want: true},
		{name: "range space", anchor: "fetch#simple-range-header-value", req: algorithm.Request{URL: apiURL, Headers: h("Range", "bytes= 0-1")}, want: true},
		{name: "range two ranges", anchor: "fetch#simple-range-header-value", req: algorithm.Request{URL: apiURL, Headers: h("Range", "bytes=0-1,2-3")}, want: true},
		{name: "range no equals", anchor: "fetch#simple-range-header-value", req: algorithm.Request{URL: apiURL, Headers: h("Range", "bytes 0-")}, want: true},
		{name: "range start after end", anchor: "fetch#simple-range-header-value step 18", req: algorithm.Request{URL: apiURL, Headers: h("Range", "bytes=5-1")}, want: true},
		{name: "x-test", anchor: "fetch#cors-unsafe-request-header-names", req: algorithm.Request{URL: apiURL, Headers: h("X-Test", "hi")}, want: true},
		{name: "x-test empty value", anchor: "fetch#cors-unsafe-request-header-names", req: algorithm.Request{URL: apiURL, Headers: h("X-Test", "")}, want: true},
		{name: "authorization", anchor: "fetch#cors-unsafe-request-header-names", req: algorithm.Request{URL: apiURL, Headers: h("Authorization", "Bearer x")}, want: true},
		{name: "user-agent spec", anchor: "fetch#forbidden-request-header", req: algorithm.Request{URL: apiURL, Headers: h("User-Agent", "bot")}, want: true},
		{name: "method override get", anchor: "fetch#forbidden-request-header step 3", req: algorithm.Request{URL: apiURL, Headers: h("X-HTTP-Method-Override", "GET")}, want: true},

		// Forbidden request-headers are dropped silently (Request constructor step 33).
		{name: "cookie dropped", anchor: "fetch#forbidden-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Cookie", "a=b")}, want: false},
		{name: "origin dropped", anchor: "fetch#forbidden-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Origin", "https://evil.example")}, want: false},
		{name: "sec- dropped", anchor: "fetch#forbidden-request-header step 2", req: algorithm.Request{URL: apiURL, Headers: h("Sec-Foo", "1")}, want: false},
		{name: "proxy- dropped", anchor: "fetch#forbidden-request-header step 2", req: algorithm.Request{URL: apiURL, Headers: h("Proxy-Foo", "1")}, want: false},
		{name: "method override trace dropped", anchor: "fetch#forbidden-request-header step 3", req: algorithm.Request{URL: apiURL, Headers: h("X-HTTP-Method-Override", "get, trace")}, want: false},
		{name: "acrh dropped", anchor: "fetch#forbidden-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Access-Control-Request-Headers", "x-a")}, want: false},

		// The 1024-byte budget (§cors-unsafe-request-header-names step 5).
		{name: "nine 120-byte languages", anchor: "fetch#cors-unsafe-request-header-names step 5", req: algorithm.Request{URL: apiURL, Headers: repeatHeader(9, "Accept-Language", lang120)}, want: true},
		{name: "seven 120-byte languages", anchor: "fetch#cors-unsafe-request-header-names step 5", req: algorithm.Request{URL: apiURL, Headers: repeatHeader(7, "Accept-Language", lang120)}, want: false},

		// Only requests on the CORS path are preflighted (§concept-main-fetch step 12).
		{name: "same-origin put", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: pageS + "/r", Method: "PUT"}, want: false},
		{name: "same-origin relative put", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: "/r", Method: "PUT", Headers: h("X-A", "1")}, want: false},
		{name: "no-cors json dropped", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Mode: fetchmode.ModeNoCORS, Method: "POST", Headers: h("Content-Type", "application/json")}, want: false},
		{name: "no-cors put throws", anchor: "fetch#dom-request step 32", req: algorithm.Request{URL: apiURL, Mode: fetchmode.ModeNoCORS, Method: "PUT"}, want: false},
		{name: "same-origin mode cross-origin", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Mode: fetchmode.ModeSameOrigin, Method: "PUT"}, want: false},
		{name: "data url", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: "data:,x", Method: "PUT"}, want: false},
		{name: "about blank", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: "about:blank", Method: "PUT"}, want: false},
		{name: "bad port", anchor: "fetch#block-bad-port", req: algorithm.Request{URL: "https://api.example:6000/r", Method: "PUT"}, want: false},
		{name: "mixed content", anchor: "fetch#concept-main-fetch step 7", req: algorithm.Request{URL: "http://api.example/r", Method: "PUT"}, want: false},
		{name: "url with credentials throws", anchor: "fetch#dom-request step 5", req: algorithm.Request{URL: "https://u:p@api.example/r", Method: "PUT"}, want: false},
		{name: "forbidden method throws", anchor: "fetch#dom-request step 25", req: algorithm.Request{URL: apiURL, Method: "CONNECT"}, want: false},
		{name: "invalid header name throws", anchor: "fetch#dom-request step 33", req: algorithm.Request{URL: apiURL, Headers: h("X A", "1")}, want: false},
		{name: "header value nul throws", anchor: "fetch#dom-request step 33", req: algorithm.Request{URL: apiURL, Headers: h("X-A", "a\x00b")}, want: false},
		{name: "get with body throws", anchor: "fetch#dom-request step 35", req: algorithm.Request{URL: apiURL, Method: "GET", Body: str("x"), Headers: h("X-A", "1")}, want: false},
		{name: "stream body forces", anchor: "fetch#dom-request step 39", req: algorithm.Request{URL: apiURL, Method: "POST", StreamBody: true}, want: true},
		{name: "opaque page put", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{Origin: origin.NewOpaque(), TopLevel: page, URL: apiURL, Method: "PUT"}, want: true},
		{name: "opaque page get", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{Origin: origin.NewOpaque(), TopLevel: page, URL: apiURL}, want: false},
		{name: "header 1 MiB value", anchor: "fetch#cors-unsafe-request-header-names", req: algorithm.Request{URL: apiURL, Headers: h("X-Big", mib)}, want: true},
		{name: "invalid utf-8 header value", anchor: "fetch#cors-unsafe-request-header-names", req: algorithm.Request{URL: apiURL, Headers: h("X-Bytes", "\xff\xfe")}, want: true},
		{name: "empty url throws", anchor: "fetch#dom-request step 5", req: algorithm.Request{URL: "https://", Method: "PUT"}, want: false},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			req := c.req
			if !req.Origin.IsValid() {
				req.Origin = page
			}
			if got := algorithm.NeedsPreflight(req, algorithm.Options{Profile: algorithm.Spec}); got != c.want {
				t.Errorf("NeedsPreflight = %v, want %v", got, c.want)
			}
		})
	}
}
