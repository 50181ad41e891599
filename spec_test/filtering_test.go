package spec_test

import (
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/scenario"
)

// TestFilterResponse drives algorithm.FilterResponse under Spec from Fetch
// §concept-filtered-response-basic, §concept-filtered-response-cors,
// §concept-filtered-response-opaque, §cors-safelisted-response-header-name and §concept-main-fetch
// step 14.1 (the CORS-exposed header-name list).
func TestFilterResponse(t *testing.T) {
	basic, cors, opq := fetchmode.TaintingBasic, fetchmode.TaintingCORS, fetchmode.TaintingOpaque
	inc, omit := fetchmode.CredentialsInclude, fetchmode.CredentialsOmit
	safe := h("Cache-Control", "no-cache", "Content-Language", "de", "Content-Length", "3", "Content-Type", "text/plain",
		"Expires", "0", "Last-Modified", "x", "Pragma", "no-cache")
	safeNames := []string{"cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma"}
	with := func(l fetchmode.HeaderList, kv ...string) fetchmode.HeaderList {
		return append(l.Clone(), h(kv...)...)
	}
	cases := []struct {
		name     string
		anchor   string
		tainting fetchmode.Tainting
		cred     fetchmode.Credentials
		status   int
		headers  fetchmode.HeaderList
		typ      algorithm.ResponseType
		visible  []string
		wantCode int
		body     bool
	}{
		// Basic: everything but Set-Cookie and Set-Cookie2.
		{name: "basic all but set-cookie", anchor: "fetch#concept-filtered-response-basic", tainting: basic, cred: omit, status: 200, headers: h("X-A", "1", "Set-Cookie", "a=b", "Set-Cookie2", "c", "Content-Type", "text/plain"), typ: algorithm.TypeBasic, visible: []string{"content-type", "x-a"}, wantCode: 200, body: true},
		{name: "basic lower-cased unique", anchor: "fetch#concept-header-list-sort-and-combine", tainting: basic, cred: omit, status: 404, headers: h("X-B", "1", "x-b", "2", "X-A", "3"), typ: algorithm.TypeBasic, visible: []string{"x-a", "x-b"}, wantCode: 404, body: true},
		{name: "basic non-ascii name byte-lowercased", anchor: "fetch#concept-header-list-sort-and-combine", tainting: basic, cred: omit, status: 200, headers: h("X-\xc3\x89", "1"), typ: algorithm.TypeBasic, visible: []string{"x-\xc3\x89"}, wantCode: 200, body: true},
		{name: "basic invalid utf-8 name byte-lowercased", anchor: "fetch#concept-header-list-sort-and-combine", tainting: basic, cred: omit, status: 200, headers: h("X-\xf6", "1"), typ: algorithm.TypeBasic, visible: []string{"x-\xf6"}, wantCode: 200, body: true},
		{name: "basic empty", anchor: "fetch#concept-filtered-response-basic", tainting: basic, cred: omit, status: 204, headers: nil, typ: algorithm.TypeBasic, visible: []string{}, wantCode: 204, body: true},
		{name: "basic set-cookie upper", anchor: "fetch#forbidden-response-header-name", tainting: basic, cred: inc, status: 200, headers: h("SET-COOKIE", "a=b"), typ: algorithm.TypeBasic, visible: []string{}, wantCode: 200, body: true},

		// CORS: the seven safelisted names plus the exposed ones.
		{name: "cors safelisted seven", anchor: "fetch#cors-safelisted-response-header-name", tainting: cors, cred: omit, status: 200, headers: with(safe, "X-A", "1"), typ: algorithm.TypeCORS, visible: safeNames, wantCode: 200, body: true},
		{name: "cors hides custom", anchor: "fetch#concept-filtered-response-cors", tainting: cors, cred: omit, status: 200, headers: h("X-A", "1", "Content-Type", "text/plain"), typ: algorithm.TypeCORS, visible: []string{"content-type"}, wantCode: 200, body: true},
		{name: "cors content-length visible", anchor: "fetch#cors-safelisted-response-header-name", tainting: cors, cred: omit, status: 200, headers: h("Content-Length", "10"), typ: algorithm.TypeCORS, visible: []string{"content-length"}, wantCode: 200, body: true},
		{name: "cors hides acao itself", anchor: "fetch#concept-filtered-response-cors", tainting: cors, cred: omit, status: 200, headers: h("Access-Control-Allow-Origin", "*", "Vary", "Origin"), typ: algorithm.TypeCORS, visible: []string{}, wantCode: 200, body: true},
		{name: "cors exposes listed", anchor: "fetch#concept-main-fetch step 14.1", tainting: cors, cred: omit, status: 200, headers: h("X-A", "1", "X-B", "2", "Access-Control-Expose-Headers", "X-A"), typ: algorithm.TypeCORS, visible: []string{"x-a"}, wantCode: 200, body: true},
		{name: "cors expose case-insensitive", anchor: "fetch#cors-safelisted-response-header-name", tainting: cors, cred: omit, status: 200, headers: h("x-custom", "1", "Access-Control-Expose-Headers", "X-CUSTOM"), typ: algorithm.TypeCORS, visible: []string{"x-custom"}, wantCode: 200, body: true},
		{name: "cors expose two lines", anchor: "fetch#extract-header-list-values step 4", tainting: cors, cred: omit, status: 200, headers: h("X-A", "1", "X-B", "2", "Access-Control-Expose-Headers", "x-a", "Access-Control-Expose-Headers", "x-b"), typ: algorithm.TypeCORS, visible: []string{"x-a", "x-b"}, wantCode: 200, body: true},
		{name: "cors expose absent name", anchor: "fetch#concept-filtered-response-cors", tainting: cors, cred: omit, status: 200, headers: h("Access-Control-Expose-Headers", "x-missing"), typ: algorithm.TypeCORS, visible: []string{}, wantCode: 200, body: true},
		{name: "cors expose set-cookie never", anchor: "fetch#cors-safelisted-response-header-name", tainting: cors, cred: inc, status: 200, headers: h("Set-Cookie", "a=b", "Access-Control-Expose-Headers", "Set-Cookie"), typ: algorithm.TypeCORS, visible: []string{}, wantCode: 200, body: true},
		{name: "cors expose set-cookie2 never", anchor: "fetch#forbidden-response-header-name", tainting: cors, cred: omit, status: 200, headers: h("Set-Cookie2", "a=b", "Access-Control-Expose-Headers", "set-cookie2"), typ: algorithm.TypeCORS, visible: []string{}, wantCode: 200, body: true},
		{name: "cors star without credentials", anchor: "fetch#concept-main-fetch step 14.1", tainting: cors, cred: omit, status: 200, headers: h("X-A", "1", "Set-Cookie", "a", "Access-Control-Expose-Headers", "*", "Access-Control-Allow-Origin", "*"), typ: algorithm.TypeCORS, visible: []string{"access-control-allow-origin", "access-control-expose-headers", "x-a"}, wantCode: 200, body: true},
		{name: "cors star same-origin credentials", anchor: "fetch#concept-main-fetch step 14.1", tainting: cors, cred: fetchmode.CredentialsSameOrigin, status: 200, headers: h("X-A", "1", "Access-Control-Expose-Headers", "*"), typ: algorithm.TypeCORS, visible: []string{"access-control-expose-headers", "x-a"}, wantCode: 200, body: true},
		{name: "cors star with credentials literal", anchor: "fetch#concept-main-fetch step 14.1", tainting: cors, cred: inc, status: 200, headers: h("X-A", "1", "Content-Type", "text/plain", "Access-Control-Expose-Headers", "*"), typ: algorithm.TypeCORS, visible: []string{"content-type"}, wantCode: 200, body: true},
		{name: "cors star with credentials header named star", anchor: "fetch#concept-main-fetch step 14.1", tainting: cors, cred: inc, status: 200, headers: h("*", "1", "X-A", "1", "Access-Control-Expose-Headers", "*"), typ: algorithm.TypeCORS, visible: []string{"*"}, wantCode: 200, body: true},
		{name: "cors star and name with credentials", anchor: "fetch#concept-main-fetch step 14.1", tainting: cors, cred: inc, status: 200, headers: h("X-A", "1", "X-B", "1", "Access-Control-Expose-Headers", "*, x-b"), typ: algorithm.TypeCORS, visible: []string{"x-b"}, wantCode: 200, body: true},
		{name: "cors invalid aceh only safelisted", anchor: "fetch#concept-main-fetch step 14.1", tainting: cors, cred: omit, status: 200, headers: h("X-A", "1", "Content-Type", "a/b", "Access-Control-Expose-Headers", "x-a y"), typ: algorithm.TypeCORS, visible: []string{"content-type"}, wantCode: 200, body: true},
		{name: "cors invalid utf-8 aceh", anchor: "fetch#concept-main-fetch step 14.1", tainting: cors, cred: omit, status: 200, headers: h("X-A", "1", "Access-Control-Expose-Headers", "x-a, \xff"), typ: algorithm.TypeCORS, visible: []string{}, wantCode: 200, body: true},
		{name: "cors aceh thousands of commas", anchor: "fetch#http-new-header-syntax", tainting: cors, cred: omit, status: 200, headers: h("X-A", "1", "Access-Control-Expose-Headers", commas+"x-a"+commas), typ: algorithm.TypeCORS, visible: []string{"x-a"}, wantCode: 200, body: true},
		{name: "cors aceh 1 MiB", anchor: "fetch#concept-main-fetch step 14.1", tainting: cors, cred: omit, status: 200, headers: h("X-A", "1", "Access-Control-Expose-Headers", mib), typ: algorithm.TypeCORS, visible: []string{}, wantCode: 200, body: true},
		{name: "cors duplicates unique", anchor: "fetch#concept-header-list-sort-and-combine", tainting: cors, cred: omit, status: 200, headers: h("Content-Type", "a/b", "content-type", "c/d"), typ: algorithm.TypeCORS, visible: []string{"content-type"}, wantCode: 200, body: true},
		{name: "cors status 403 visible", anchor: "fetch#http-responses", tainting: cors, cred: omit, status: 403, headers: nil, typ: algorithm.TypeCORS, visible: []string{}, wantCode: 403, body: true},
		{name: "cors status 500 visible", anchor: "fetch#http-responses", tainting: cors, cred: omit, status: 500, headers: nil, typ: algorithm.TypeCORS, visible: []string{}, wantCode: 500, body: true},

		// Opaque: nothing.
		{name: "opaque status zero", anchor: "fetch#concept-filtered-response-opaque", tainting: opq, cred: omit, status: 200, headers: safe, typ: algorithm.TypeOpaque, visible: []string{}, wantCode: 0, body: false},
		{name: "opaque hides exposed", anchor: "fetch#concept-filtered-response-opaque", tainting: opq, cred: inc, status: 404, headers: h("X-A", "1", "Access-Control-Expose-Headers", "*"), typ: algorithm.TypeOpaque, visible: []string{}, wantCode: 0, body: false},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			got := algorithm.FilterResponse(algorithm.Spec, c.tainting, c.cred, algorithm.Response{Status: c.status, Headers: c.headers, Body: "abc"})
			if got.Type != c.typ {
				t.Errorf("type = %s, want %s", got.Type, c.typ)
			}
			if got.Status != c.wantCode {
				t.Errorf("status = %d, want %d", got.Status, c.wantCode)
			}
			if got.BodyReadable != c.body {
				t.Errorf("body readable = %v, want %v", got.BodyReadable, c.body)
			}
			if !equalStrings(got.VisibleHeaders, c.visible) {
				t.Errorf("visible = %q, want %q", got.VisibleHeaders, c.visible)
			}
		})
	}
}

// TestFilteredFetch checks that a whole fetch filters what script sees: a CORS response that passed
// the check shows its status and the safelisted/exposed names, and a failed one shows nothing.
func TestFilteredFetch(t *testing.T) {
	cases := []struct {
		name    string
		anchor  string
		actual  *algorithm.Response
		cred    fetchmode.Credentials
		outcome algorithm.Outcome
		visible []string
		status  int
	}{
		{name: "cors readable status", anchor: "fetch#concept-filtered-response-cors", actual: rsp(201, "Access-Control-Allow-Origin", pageS, "Content-Type", "a/b", "X-A", "1"), outcome: algorithm.OK, visible: []string{"content-type"}, status: 201},
		{name: "cors failed nothing", anchor: "fetch#concept-http-fetch step 4.4", actual: rsp(200, "Content-Type", "a/b"), outcome: algorithm.NetworkError, visible: []string{}, status: 0},
		{name: "cors 404 shared", anchor: "fetch#http-responses", actual: rsp(404, "Access-Control-Allow-Origin", "*"), outcome: algorithm.OK, visible: []string{}, status: 404},
		{name: "cors set-cookie hidden with star", anchor: "fetch#cors-safelisted-response-header-name", actual: rsp(200, "Access-Control-Allow-Origin", "*", "Set-Cookie", "a=b", "Access-Control-Expose-Headers", "*"), outcome: algorithm.OK, visible: []string{"access-control-allow-origin", "access-control-expose-headers"}, status: 200},
		{name: "credentialed star expose literal", anchor: "fetch#concept-main-fetch step 14.1", actual: rsp(200, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Credentials", "true", "X-A", "1", "Access-Control-Expose-Headers", "*"), cred: fetchmode.CredentialsInclude, outcome: algorithm.OK, visible: []string{}, status: 200},
		{name: "credentialed listed expose", anchor: "fetch#cors-protocol-examples", actual: rsp(200, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Credentials", "true", "Content-Security-Policy", "x", "Strict-Transport-Security", "y", "Access-Control-Expose-Headers", "Content-Security-Policy"), cred: fetchmode.CredentialsInclude, outcome: algorithm.OK, visible: []string{"content-security-policy"}, status: 200},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			v := fetch(t, algorithm.Spec, algorithm.Request{Origin: page, URL: apiURL, Credentials: c.cred}, map[string]scenario.Route{apiURL: {Actual: c.actual}})
			if v.Outcome != c.outcome {
				t.Fatalf("outcome = %s (%s), want %s", v.Outcome, v.Reason, c.outcome)
			}
			if v.Status != c.status {
				t.Errorf("status = %d, want %d", v.Status, c.status)
			}
			if !equalStrings(v.VisibleHeaders, c.visible) {
				t.Errorf("visible = %q, want %q", v.VisibleHeaders, c.visible)
			}
			if c.outcome != algorithm.OK && v.BodyReadable {
				t.Errorf("a failed fetch has no readable body")
			}
		})
	}
}
