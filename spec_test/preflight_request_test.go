package spec_test

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

// TestPreflightRequest drives algorithm.PreflightRequest under Spec from Fetch §cors-preflight-fetch-0
// steps 1–5: OPTIONS to the current URL, Origin, Access-Control-Request-Method with the normalized
// method, and Access-Control-Request-Headers with the CORS-unsafe names lower-cased, sorted, unique and
// joined with "," (no space), absent when there is none; never credentials. acrh "-" means absent.
func TestPreflightRequest(t *testing.T) {
	lang120 := strings.Repeat("b", 120)
	cases := []struct {
		name   string
		anchor string
		req    algorithm.Request
		ok     bool
		acrm   string
		acrh   string
		origin string
	}{
		{name: "put", anchor: "fetch#cors-preflight-fetch-0 step 3", req: algorithm.Request{URL: apiURL, Method: "PUT"}, ok: true, acrm: "PUT", acrh: "-"},
		{name: "put lower normalized", anchor: "fetch#concept-method-normalize", req: algorithm.Request{URL: apiURL, Method: "put"}, ok: true, acrm: "PUT", acrh: "-"},
		{name: "delete mixed normalized", anchor: "fetch#concept-method-normalize", req: algorithm.Request{URL: apiURL, Method: "DeLeTe"}, ok: true, acrm: "DELETE", acrh: "-"},
		{name: "options lower normalized", anchor: "fetch#concept-method-normalize", req: algorithm.Request{URL: apiURL, Method: "options"}, ok: true, acrm: "OPTIONS", acrh: "-"},
		{name: "patch kept", anchor: "fetch#cors-preflight-fetch-0 step 3", req: algorithm.Request{URL: apiURL, Method: "patch"}, ok: true, acrm: "patch", acrh: "-"},
		{name: "patcH kept", anchor: "fetch#cors-preflight-fetch-0 step 3", req: algorithm.Request{URL: apiURL, Method: "patcH"}, ok: true, acrm: "patcH", acrh: "-"},
		{name: "custom method", anchor: "fetch#cors-preflight-fetch-0 step 3", req: algorithm.Request{URL: apiURL, Method: "CHICKEN"}, ok: true, acrm: "CHICKEN", acrh: "-"},
		{name: "get with two headers sorted", anchor: "fetch#cors-preflight-fetch-0 step 5.1", req: algorithm.Request{URL: apiURL, Headers: h("X-B", "1", "X-A", "2")}, ok: true, acrm: "GET", acrh: "x-a,x-b"},
		{name: "duplicate names once", anchor: "fetch#cors-preflight-fetch-0 step 5.1", req: algorithm.Request{URL: apiURL, Headers: h("X-A", "1", "x-a", "2")}, ok: true, acrm: "GET", acrh: "x-a"},
		{name: "lower-cased", anchor: "fetch#cors-preflight-fetch-0 step 5.1", req: algorithm.Request{URL: apiURL, Headers: h("X-Custom-Header", "1")}, ok: true, acrm: "GET", acrh: "x-custom-header"},
		{name: "byte order", anchor: "fetch#cors-preflight-fetch-0 step 5.1", req: algorithm.Request{URL: apiURL, Headers: h("x_1", "1", "X-b", "1", "x-A", "1", "a-z", "1", "x-1", "1")}, ok: true, acrm: "GET", acrh: "a-z,x-1,x-a,x-b,x_1"},
		{name: "prefix sorts first", anchor: "fetch#cors-preflight-fetch-0 step 5.1", req: algorithm.Request{URL: apiURL, Headers: h("X-Ab", "1", "X-A", "1")}, ok: true, acrm: "GET", acrh: "x-a,x-ab"},
		{name: "content-type json and header", anchor: "fetch#cors-preflight-fetch-0 step 4", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("X-A", "1", "Content-Type", "application/json")}, ok: true, acrm: "POST", acrh: "content-type,x-a"},
		{name: "safelisted accept not listed", anchor: "fetch#cors-preflight-fetch-0 step 4", req: algorithm.Request{URL: apiURL, Headers: h("Accept", "text/html", "X-A", "1")}, ok: true, acrm: "GET", acrh: "x-a"},
		{name: "safelisted content-type not listed", anchor: "fetch#cors-preflight-fetch-0 step 4", req: algorithm.Request{URL: apiURL, Method: "PUT", Headers: h("Content-Type", "text/plain")}, ok: true, acrm: "PUT", acrh: "-"},
		{name: "body content-type not listed", anchor: "fetch#concept-bodyinit-extract", req: algorithm.Request{URL: apiURL, Method: "PUT", Body: str("x")}, ok: true, acrm: "PUT", acrh: "-"},
		{name: "one unsafe content-type entry", anchor: "fetch#cors-unsafe-request-header-names step 4", req: algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", "text/plain", "Content-Type", "application/json")}, ok: true, acrm: "POST", acrh: "content-type"},
		{name: "budget lists safelisted names", anchor: "fetch#cors-unsafe-request-header-names step 5", req: algorithm.Request{URL: apiURL, Headers: append(h("Accept", "*/*", "X-A", "1"), repeatHeader(9, "Accept-Language", lang120)...)}, ok: true, acrm: "GET", acrh: "accept,accept-language,x-a"},
		{name: "range suffix listed", anchor: "fetch#cors-safelisted-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Range", "bytes=-500")}, ok: true, acrm: "GET", acrh: "range"},
		{name: "authorization listed", anchor: "fetch#cors-preflight-fetch-0 step 4", req: algorithm.Request{URL: apiURL, Headers: h("Authorization", "Basic x")}, ok: true, acrm: "GET", acrh: "authorization"},
		{name: "user-agent listed spec", anchor: "fetch#forbidden-request-header", req: algorithm.Request{URL: apiURL, Headers: h("User-Agent", "x")}, ok: true, acrm: "GET", acrh: "user-agent"},
		{name: "method override listed", anchor: "fetch#forbidden-request-header step 3", req: algorithm.Request{URL: apiURL, Headers: h("X-HTTP-Method-Override", "PUT")}, ok: true, acrm: "GET", acrh: "x-http-method-override"},
		{name: "forbidden cookie not listed", anchor: "fetch#forbidden-request-header", req: algorithm.Request{URL: apiURL, Headers: h("Cookie", "a=b", "X-A", "1")}, ok: true, acrm: "GET", acrh: "x-a"},
		{name: "empty value listed", anchor: "fetch#cors-unsafe-request-header-names", req: algorithm.Request{URL: apiURL, Headers: h("X-A", "")}, ok: true, acrm: "GET", acrh: "x-a"},
		{name: "many names", anchor: "fetch#cors-preflight-fetch-0 step 5.1", req: algorithm.Request{URL: apiURL, Headers: h("X-C", "1", "X-B", "1", "X-A", "1", "X-C", "2")}, ok: true, acrm: "GET", acrh: "x-a,x-b,x-c"},
		{name: "stream post", anchor: "fetch#dom-request step 39", req: algorithm.Request{URL: apiURL, Method: "POST", StreamBody: true}, ok: true, acrm: "POST", acrh: "-"},
		{name: "opaque page origin null", anchor: "fetch#serializing-a-request-origin", req: algorithm.Request{Origin: origin.NewOpaque(), TopLevel: page, URL: apiURL, Method: "PUT"}, ok: true, acrm: "PUT", acrh: "-", origin: "null"},
		{name: "include creds", anchor: "fetch#cors-preflight-fetch-0 step 1", req: algorithm.Request{URL: apiURL, Method: "PUT", Credentials: fetchmode.CredentialsInclude}, ok: true, acrm: "PUT", acrh: "-"},
		{name: "query kept", anchor: "fetch#cors-preflight-fetch-0 step 1", req: algorithm.Request{URL: apiURL + "?q=1", Method: "PUT"}, ok: true, acrm: "PUT", acrh: "-"},
		{name: "simple get none", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL}, ok: false},
		{name: "simple post none", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Method: "POST", Body: str("x")}, ok: false},
		{name: "same-origin none", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: pageS + "/r", Method: "PUT"}, ok: false},
		{name: "no-cors none", anchor: "fetch#concept-main-fetch step 12", req: algorithm.Request{URL: apiURL, Mode: fetchmode.ModeNoCORS, Headers: h("X-A", "1")}, ok: false},
		{name: "forbidden method none", anchor: "fetch#dom-request step 25", req: algorithm.Request{URL: apiURL, Method: "TRACK"}, ok: false},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			req := c.req
			if !req.Origin.IsValid() {
				req.Origin = page
			}
			pre, ok := algorithm.PreflightRequest(req, algorithm.Options{Profile: algorithm.Spec})
			if ok != c.ok {
				t.Fatalf("PreflightRequest ok = %v, want %v (%+v)", ok, c.ok, pre)
			}
			if !ok {
				return
			}
			if pre.Method != "OPTIONS" || !pre.Preflight {
				t.Errorf("method %q preflight %v, want OPTIONS true", pre.Method, pre.Preflight)
			}
			if pre.Credentials {
				t.Errorf("a preflight never carries credentials")
			}
			want := req.URL
			if pre.URL != want {
				t.Errorf("URL = %q, want %q", pre.URL, want)
			}
			if got, _ := header(pre, "Access-Control-Request-Method"); got != c.acrm {
				t.Errorf("ACRM = %q, want %q", got, c.acrm)
			}
			got, present := header(pre, "Access-Control-Request-Headers")
			if c.acrh == "-" {
				if present {
					t.Errorf("ACRH = %q, want absent", got)
				}
			} else if got != c.acrh {
				t.Errorf("ACRH = %q, want %q", got, c.acrh)
			}
			wantOrigin := c.origin
			if wantOrigin == "" {
				wantOrigin = pageS
			}
			if got, _ := header(pre, "Origin"); got != wantOrigin {
				t.Errorf("Origin = %q, want %q", got, wantOrigin)
			}
			for _, e := range pre.Headers {
				if strings.EqualFold(e.Name, "cookie") || strings.EqualFold(e.Name, "x-a") || strings.EqualFold(e.Name, "authorization") {
					t.Errorf("preflight carries the request header %q", e.Name)
				}
			}
		})
	}
}
