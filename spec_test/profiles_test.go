package spec_test

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/scenario"
)

// TestProfiles checks each browser profile against the browser (and Spec against the standard) where
// they differ: each row cites the harness scenario that pins the behaviour in the real browser, or the
// engine source it was read from where no scenario does (docs/profiles.md has the whole table). want
// holds the expected probe result per profile, in algorithm.Profiles() order (Spec, Chromium, Firefox,
// WebKit); "" leaves a profile unchecked where the sources do not decide it.
func TestProfiles(t *testing.T) {
	lang120 := strings.Repeat("c", 120)
	get := func(kv ...string) algorithm.Request { return algorithm.Request{URL: apiURL, Headers: h(kv...)} }
	auth := algorithm.PreflightCheck{Origin: pageS, Method: "GET", Headers: []string{"authorization"}}
	put := algorithm.PreflightCheck{Origin: pageS, Method: "PUT"}
	putInc := algorithm.PreflightCheck{Origin: pageS, Method: "PUT", Credentials: fetchmode.CredentialsInclude}
	acaoA := []string{"Access-Control-Allow-Origin", pageS}
	type R = map[string]scenario.Route
	authStar := R{apiURL: {Options: rsp(204, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Headers", "*"), Actual: rsp(200, acaoA...)}}
	cases := []struct {
		name   string
		anchor string
		probe  func(algorithm.Profile) string
		want   [4]string
	}{
		// Authorization under "*": the standard refuses it (step 7.6); all three engines let it through,
		// and corsim warns.
		{name: "authorization under star validate", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, gen-6-0120-cache", probe: probeValidate(auth, algorithm.Response{Status: 204, Headers: h("Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Headers", "*")}), want: [4]string{"HeaderDisallowedByPreflightResponse", "ok", "ok", "ok"}},
		{name: "authorization under star warning", anchor: "fetch#cors-preflight-fetch-0 step 7.6", probe: probeFetch(t, get("Authorization", "Bearer t"), authStar, sumWarn), want: [4]string{"fail", "warn", "warn", "warn"}}, // warnings are corsim's findings, not consoles
		{name: "authorization listed no warning", anchor: "fetch#cors-preflight-fetch-0 step 7.6", probe: probeFetch(t, get("Authorization", "Bearer t"), R{apiURL: {Options: rsp(204, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Headers", "authorization"), Actual: rsp(200, acaoA...)}}, sumWarn), want: [4]string{"silent", "silent", "silent", "silent"}},

		// Safelist variations (docs/profiles.md, "Request side").
		{name: "1024-byte budget", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, trigger-1024-total", probe: probeNeeds(algorithm.Request{URL: apiURL, Headers: repeatHeader(9, "Accept-Language", lang120)}), want: [4]string{"preflight", "preflight", "none", "preflight"}},
		// Chromium and WebKit judge the combined value of a repeated name, which is over 128 bytes here.
		{name: "under the budget", anchor: "harness: Chromium 156 and WebKitGTK 2.50.6, probe-safelist-accept-language-7x120-http", probe: probeNeeds(algorithm.Request{URL: apiURL, Headers: repeatHeader(7, "Accept-Language", lang120)}), want: [4]string{"none", "preflight", "none", "preflight"}},
		{name: "dpr 2", anchor: "harness: Chromium 156, trigger-client-hint-dpr", probe: probeNeeds(get("DPR", "2")), want: [4]string{"preflight", "none", "preflight", "preflight"}},
		{name: "save-data on", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, trigger-save-data", probe: probeNeeds(get("Save-Data", "on")), want: [4]string{"preflight", "none", "preflight", "preflight"}},
		{name: "device-memory 2", anchor: "chromium: services/network/public/cpp/cors/cors.cc (IsCorsSafelistedHeader)", probe: probeNeeds(get("Device-Memory", "2")), want: [4]string{"preflight", "none", "preflight", "preflight"}},
		{name: "viewport-width 800", anchor: "chromium: services/network/public/cpp/cors/cors.cc (IsCorsSafelistedHeader)", probe: probeNeeds(get("Viewport-Width", "800")), want: [4]string{"preflight", "none", "preflight", "preflight"}},
		{name: "width 800", anchor: "chromium: services/network/public/cpp/cors/cors.cc (IsCorsSafelistedHeader)", probe: probeNeeds(get("Width", "800")), want: [4]string{"preflight", "none", "preflight", "preflight"}},
		{name: "dpr abc", anchor: "harness: Chromium 156, trigger-client-hint-dpr-bad-value", probe: probeNeeds(get("DPR", "abc")), want: [4]string{"preflight", "preflight", "preflight", "preflight"}},
		{name: "save-data off", anchor: "chromium: services/network/public/cpp/cors/cors.cc (IsCorsSafelistedHeader)", probe: probeNeeds(get("Save-Data", "off")), want: [4]string{"preflight", "preflight", "preflight", "preflight"}},
		{name: "last-event-id", anchor: "chromium: services/network/public/cpp/cors/cors.cc (IsCorsSafelistedHeader)", probe: probeNeeds(get("Last-Event-ID", "1")), want: [4]string{"preflight", "preflight", "preflight", "preflight"}},
		{name: "user-agent", anchor: "harness: Chromium 156, trigger-user-agent", probe: probeNeeds(get("User-Agent", "bot")), want: [4]string{"preflight", "none", "preflight", "preflight"}},
		{name: "content-type json everywhere", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, redir-post-json-302-drops-preflight", probe: probeNeeds(algorithm.Request{URL: apiURL, Method: "POST", Headers: h("Content-Type", "application/json")}), want: [4]string{"preflight", "preflight", "preflight", "preflight"}},
		{name: "accept 129 bytes everywhere", anchor: "harness: Chromium 156, trigger-accept-129-unsafe", probe: probeNeeds(get("Accept", strings.Repeat("a", 129))), want: [4]string{"preflight", "preflight", "preflight", "preflight"}},

		// Access-Control-Allow-Origin classification. The reason is observable in Chromium only (DevTools);
		// the names Firefox and WebKit would give are read from Gecko's nsCORSListenerProxy.cpp
		// (CheckRequestApproved) and WebKit's CrossOriginAccessControl.cpp (passesAccessControlCheck).
		{name: "acao missing", anchor: "harness: Chromium 156, acao-missing", probe: probeCheck(pageS, fetchmode.CredentialsOmit, nil), want: [4]string{"MissingAllowOriginHeader", "MissingAllowOriginHeader", "MissingAllowOriginHeader", "MissingAllowOriginHeader"}}, // the lead's call: one DevTools name everywhere
		{name: "acao two lines", anchor: "harness: Chromium 156, acao-two-lines", probe: probeCheck(pageS, fetchmode.CredentialsOmit, h("Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Origin", pageS)), want: [4]string{"", "MultipleAllowOriginValues", "MultipleAllowOriginValues", "MultipleAllowOriginValues"}},
		{name: "acao comma list", anchor: "harness: Chromium 156, acao-comma-one-line", probe: probeCheck(pageS, fetchmode.CredentialsOmit, h("Access-Control-Allow-Origin", pageS+", "+otherS)), want: [4]string{"", "MultipleAllowOriginValues", "AllowOriginMismatch", "MultipleAllowOriginValues"}},
		{name: "acao space list", anchor: "harness: Chromium 156, acao-space-one-line", probe: probeCheck(pageS, fetchmode.CredentialsOmit, h("Access-Control-Allow-Origin", pageS+" "+otherS)), want: [4]string{"", "MultipleAllowOriginValues", "AllowOriginMismatch", "AllowOriginMismatch"}},
		{name: "acao not a url", anchor: "harness: Chromium 156, acao-not-a-url", probe: probeCheck(pageS, fetchmode.CredentialsOmit, h("Access-Control-Allow-Origin", "foo")), want: [4]string{"", "InvalidAllowOriginValue", "AllowOriginMismatch", "AllowOriginMismatch"}},
		{name: "acao star with credentials", anchor: "harness: Chromium 156, cred-include-star", probe: probeCheck(pageS, fetchmode.CredentialsInclude, h("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true")), want: [4]string{"", "WildcardOriginNotAllowed", "WildcardOriginNotAllowed", "WildcardOriginNotAllowed"}},
		{name: "acao trailing slash", anchor: "harness: Chromium 156, acao-trailing-slash", probe: probeCheck(pageS, fetchmode.CredentialsOmit, h("Access-Control-Allow-Origin", pageS+"/")), want: [4]string{"", "AllowOriginMismatch", "AllowOriginMismatch", "AllowOriginMismatch"}},
		{name: "acac True", anchor: "harness: Chromium 156, cred-include-acac-True", probe: probeCheck(pageS, fetchmode.CredentialsInclude, h("Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Credentials", "True")), want: [4]string{"", "InvalidAllowCredentials", "InvalidAllowCredentials", "InvalidAllowCredentials"}},
		{name: "acao null matches opaque", anchor: "harness: Chromium 156, null-page-acao-null", probe: probeCheck("null", fetchmode.CredentialsOmit, h("Access-Control-Allow-Origin", "null")), want: [4]string{"ok", "ok", "ok", "ok"}},

		// Order of the preflight checks (Chromium preflight_controller.cc and preflight_result.cc, Gecko
		// nsCORSListenerProxy.cpp, WebKit CrossOriginAccessControl.cpp validatePreflightResponse).
		{name: "403 without acao", anchor: "harness: Chromium 156, pf-status-403-no-acao", probe: probeValidate(put, algorithm.Response{Status: 403}), want: [4]string{"", "PreflightMissingAllowOriginHeader", "PreflightMissingAllowOriginHeader", "PreflightInvalidStatus"}},
		{name: "500 with wrong acao", anchor: "harness: Chromium 156, gen-6-0316-preflight", probe: probeValidate(put, algorithm.Response{Status: 500, Headers: h("Access-Control-Allow-Origin", otherS)}), want: [4]string{"", "PreflightAllowOriginMismatch", "PreflightAllowOriginMismatch", "PreflightInvalidStatus"}},
		{name: "404 without acac", anchor: "harness: Chromium 156, gen-6-0243-preflight", probe: probeValidate(putInc, algorithm.Response{Status: 404, Headers: h("Access-Control-Allow-Origin", pageS)}), want: [4]string{"", "PreflightInvalidAllowCredentials", "PreflightInvalidAllowCredentials", "PreflightInvalidStatus"}},
		{name: "invalid acah and disallowed method", anchor: "gecko: netwerk/protocol/http/nsCORSListenerProxy.cpp (CheckPreflightRequestApproved)", probe: probeValidate(algorithm.PreflightCheck{Origin: pageS, Method: "PUT", Headers: []string{"x-a"}}, algorithm.Response{Status: 204, Headers: h("Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "DELETE", "Access-Control-Allow-Headers", "x y")}), want: [4]string{"", "InvalidAllowHeadersPreflightResponse", "MethodDisallowedByPreflightResponse", "InvalidAllowHeadersPreflightResponse"}},
		{name: "invalid acam and acah", anchor: "chromium: services/network/cors/preflight_result.cc", probe: probeValidate(algorithm.PreflightCheck{Origin: pageS, Method: "PUT", Headers: []string{"x-a"}}, algorithm.Response{Status: 204, Headers: h("Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT POST", "Access-Control-Allow-Headers", "x y")}), want: [4]string{"InvalidAllowMethodsPreflightResponse", "InvalidAllowMethodsPreflightResponse", "InvalidAllowMethodsPreflightResponse", "InvalidAllowMethodsPreflightResponse"}},
		{name: "patch against PATCH", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, pf-method-patch-lowercase", probe: probeValidate(algorithm.PreflightCheck{Origin: pageS, Method: "patch"}, algorithm.Response{Status: 204, Headers: h("Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PATCH")}), want: [4]string{"MethodDisallowedByPreflightResponse", "MethodDisallowedByPreflightResponse", "MethodDisallowedByPreflightResponse", "MethodDisallowedByPreflightResponse"}},
		{name: "acam star literal with credentials", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, pf-method-star-credentials", probe: probeValidate(putInc, algorithm.Response{Status: 204, Headers: h("Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "*")}), want: [4]string{"MethodDisallowedByPreflightResponse", "MethodDisallowedByPreflightResponse", "MethodDisallowedByPreflightResponse", "MethodDisallowedByPreflightResponse"}},
		{name: "preflight redirect", anchor: "harness: Chromium 156, pf-redirect", probe: probeValidate(put, algorithm.Response{Status: 302, Headers: h("Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT", "Location", apiS+"/x")}), want: [4]string{"", "PreflightDisallowedRedirect", "", ""}},

		// Redirects.
		{name: "preflight origin after cross-origin redirect", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, probe-redir-put-307-cross", probe: probeFetch(t, algorithm.Request{URL: apiURL, Method: "PUT"}, R{apiURL: {Options: allowA(), Actual: redir(307, otherS+"/r", acaoA...)}, otherS + "/r": {Options: rsp(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT"), Actual: rsp(200, "Access-Control-Allow-Origin", "*")}}, sumPreflightTo(otherS+"/r")), want: [4]string{"null ", "null ", pageS + " ", "null "}},
		{name: "re-preflight after redirect", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, redir-post-json-302-drops-preflight", probe: probeFetch(t, algorithm.Request{URL: apiURL, Method: "POST", Body: str("{}"), Headers: h("Content-Type", "application/json")}, R{apiURL: {Options: allowA(), Actual: redir(302, apiS+"/s", acaoA...)}, apiS + "/s": {Options: allowA(), Actual: rsp(200, acaoA...)}}, sumPreflights), want: [4]string{"P", "P", "PP", "PP"}},
		// WebKitGTK 2.50.6 measured by corsim's harness (every method × 301/302/307/308 × same- and
		// cross-origin hop): 301/302 change only POST; a DELETE sent on to another origin becomes GET
		// whatever the status (NetworkDataTaskSoup::shouldRedirectAsGET); PUT and PATCH keep their method.
		{name: "301 put method", anchor: "harness: WebKitGTK 2.50.6, probe-redir-put-301-same", probe: probeFetch(t, algorithm.Request{URL: apiURL, Method: "PUT"}, R{apiURL: {Options: allowA(), Actual: redir(301, apiS+"/s", acaoA...)}, apiS + "/s": {Options: allowA(), Actual: rsp(200, acaoA...)}}, sumLastMethod), want: [4]string{"PUT", "PUT", "PUT", "PUT"}},
		{name: "302 delete method same origin", anchor: "harness: WebKitGTK 2.50.6, probe-redir-delete-302-same", probe: probeFetch(t, algorithm.Request{URL: apiURL, Method: "DELETE"}, R{apiURL: {Options: allowA(), Actual: redir(302, apiS+"/s", acaoA...)}, apiS + "/s": {Options: allowA(), Actual: rsp(200, acaoA...)}}, sumLastMethod), want: [4]string{"DELETE", "DELETE", "DELETE", "DELETE"}},
		{name: "308 delete method cross origin", anchor: "harness: WebKitGTK 2.50.6, probe-redir-delete-308-cross, gen-6-0965-redirect", probe: probeFetch(t, algorithm.Request{URL: apiURL, Method: "DELETE"}, R{apiURL: {Options: allowA(), Actual: redir(308, otherS+"/s", acaoA...)}, otherS + "/s": {Options: rsp(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "DELETE"), Actual: rsp(200, "Access-Control-Allow-Origin", "*")}}, sumLastMethod), want: [4]string{"DELETE", "DELETE", "DELETE", "GET"}},
		{name: "307 patch method cross origin", anchor: "harness: WebKitGTK 2.50.6, probe-redir-patch-307-cross", probe: probeFetch(t, algorithm.Request{URL: apiURL, Method: "PATCH"}, R{apiURL: {Options: allowA("Access-Control-Allow-Methods", "PATCH"), Actual: redir(307, otherS+"/s", acaoA...)}, otherS + "/s": {Options: rsp(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PATCH"), Actual: rsp(200, "Access-Control-Allow-Origin", "*")}}, sumLastMethod), want: [4]string{"PATCH", "PATCH", "PATCH", "PATCH"}},
		{name: "authorization after cross-origin redirect", anchor: "harness: Firefox 153.7.0esr and WebKitGTK 2.50.6, redir-authorization-dropped", probe: probeFetch(t, get("Authorization", "Bearer t"), R{apiURL: {Options: allowA(), Actual: redir(302, otherS+"/r", acaoA...)}, otherS + "/r": {Options: rsp(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "authorization"), Actual: rsp(200, "Access-Control-Allow-Origin", "*")}}, sumPreflightTo(otherS+"/r")), want: [4]string{"none", "none", "", "null authorization"}},
		{name: "no-cors manual", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, nocors-redirect-manual", probe: probeFetch(t, algorithm.Request{URL: apiURL, Mode: fetchmode.ModeNoCORS, Redirect: fetchmode.RedirectManual}, R{apiURL: {Actual: rsp(200)}}, func(v algorithm.Verdict) string { return string(v.Outcome) + strings.Repeat("+", len(v.ServerSaw)) }), want: [4]string{"network-error", "network-error", "network-error", "network-error"}},
		{name: "manual checks redirect response", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, redir-mode-manual-cors-check", probe: probeFetch(t, algorithm.Request{URL: apiURL, Redirect: fetchmode.RedirectManual}, R{apiURL: {Actual: redir(302, apiS+"/s")}}, func(v algorithm.Verdict) string { return string(v.Outcome) }), want: [4]string{"network-error", "network-error", "network-error", "network-error"}},

		// Filtering and the request's own headers.
		{name: "accept response header exposed", anchor: "harness: WebKitGTK 2.50.6, expose-accept-webkit-quirk", probe: func(p algorithm.Profile) string {
			return strings.Join(algorithm.FilterResponse(p, fetchmode.TaintingCORS, fetchmode.CredentialsOmit, algorithm.Response{Status: 200, Headers: h("Accept", "x", "X-A", "1")}).VisibleHeaders, ",")
		}, want: [4]string{"", "", "", ""}},
		{name: "content-length visible", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, expose-content-length", probe: probeFetch(t, get(), R{apiURL: {Actual: rsp(200, "Access-Control-Allow-Origin", "*", "Content-Length", "3", "X-A", "1")}}, func(v algorithm.Verdict) string { return strings.Join(v.VisibleHeaders, ",") }), want: [4]string{"content-length", "content-length", "content-length", "content-length"}},
		{name: "same-origin get has no origin", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, same-origin-get-basic", probe: probeFetch(t, algorithm.Request{URL: pageS + "/r"}, R{pageS + "/r": {Actual: rsp(200)}}, func(v algorithm.Verdict) string {
			o, ok := header(v.ServerSaw[0], "Origin")
			return map[bool]string{true: o, false: "-"}[ok]
		}), want: [4]string{"-", "-", "-", "-"}},
		{name: "same-origin put has origin", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, same-origin-put-custom-header-no-preflight", probe: probeFetch(t, algorithm.Request{URL: pageS + "/r", Method: "PUT"}, R{pageS + "/r": {Actual: rsp(200)}}, func(v algorithm.Verdict) string { o, _ := header(v.ServerSaw[0], "Origin"); return o }), want: [4]string{pageS, pageS, pageS, pageS}},
		{name: "string body content-type", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, simple-post-text-body", probe: probeFetch(t, algorithm.Request{URL: apiURL, Method: "POST", Body: str("x")}, R{apiURL: {Actual: rsp(200, "Access-Control-Allow-Origin", "*")}}, func(v algorithm.Verdict) string { o, _ := header(v.ServerSaw[0], "Content-Type"); return o }), want: [4]string{"text/plain;charset=UTF-8", "text/plain;charset=UTF-8", "text/plain;charset=UTF-8", "text/plain;charset=UTF-8"}},
		{name: "space in the host", anchor: "harness: Chromium 156, js-url-invalid-host", probe: probeFetch(t, algorithm.Request{URL: "https://exa mple.com/"}, R{}, func(v algorithm.Verdict) string {
			return string(v.Outcome) + " " + string(v.Reason) + strings.Repeat("+", len(v.ServerSaw))
		}), want: [4]string{"js-error InvalidRequest", "network-error NetworkFailure", "js-error InvalidRequest", "js-error InvalidRequest"}},
		{name: "space in the host under same-origin mode", anchor: "harness: Chromium 156, js-url-invalid-host", probe: probeFetch(t, algorithm.Request{URL: "https://exa mple.com/", Mode: fetchmode.ModeSameOrigin}, R{}, func(v algorithm.Verdict) string { return string(v.Outcome) + " " + string(v.Reason) }), want: [4]string{"js-error InvalidRequest", "network-error DisallowedByMode", "js-error InvalidRequest", "js-error InvalidRequest"}},
		{name: "stream body over http", anchor: "harness: Chromium 156, probe-stream-http-cross", probe: func(p algorithm.Profile) string {
			req := algorithm.Request{Origin: origin.MustParse("http://app.example"), URL: "http://api.example/up", Method: "POST", StreamBody: true}
			v := fetch(t, p, req, R{"http://api.example/up": {Options: rsp(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "POST"), Actual: rsp(200, "Access-Control-Allow-Origin", "*")}})
			return sumOutcome(v) + " " + strings.Join(sawList(v), ",")
		}, want: [4]string{"ok OPTIONS http://api.example/up,POST http://api.example/up", "StreamBodyUnsupported OPTIONS http://api.example/up", "ok POST http://api.example/up", "StreamBodyUnsupported "}},
		{name: "stream body over https", anchor: "harness: Chromium 156, trigger-stream-body", probe: probeFetch(t, algorithm.Request{URL: apiURL, Method: "POST", StreamBody: true}, R{apiURL: {Options: allowA(), Actual: rsp(200, acaoA...)}}, sumOutcome), want: [4]string{"ok", "ok", "ok", "StreamBodyUnsupported"}},
		{name: "origin after a method-changing redirect", anchor: "harness: WebKitGTK 2.50.6, probe-origin-after-post-303-cors", probe: probeFetch(t, algorithm.Request{URL: pageS + "/r", Method: "POST", Body: str("x")}, R{pageS + "/r": {Actual: redir(303, pageS+"/s")}, pageS + "/s": {Actual: rsp(200)}}, func(v algorithm.Verdict) string {
			o, ok := header(v.ServerSaw[len(v.ServerSaw)-1], "Origin")
			return v.ServerSaw[len(v.ServerSaw)-1].Method + " " + map[bool]string{true: o, false: "-"}[ok]
		}), want: [4]string{"GET -", "GET -", "GET -", "GET " + pageS}},
		{name: "origin dropped by a cross-origin hop after the rewrite", anchor: "harness: WebKitGTK 2.50.6, probe-origin-after-post-303-cross-then-back", probe: probeFetch(t, algorithm.Request{URL: pageS + "/r", Method: "POST", Body: str("x"), Mode: fetchmode.ModeNoCORS}, R{pageS + "/r": {Actual: redir(303, apiS+"/b")}, apiS + "/b": {Actual: redir(302, pageS+"/c")}, pageS + "/c": {Actual: rsp(200)}}, func(v algorithm.Verdict) string {
			var out []string
			for _, r := range v.ServerSaw[1:] {
				o, ok := header(r, "Origin")
				out = append(out, r.Method+" "+map[bool]string{true: o, false: "-"}[ok])
			}
			return strings.Join(out, ",")
		}), want: [4]string{"GET -,GET -", "GET -,GET -", "GET -,GET -", "GET -,GET -"}},
		{name: "js-error sends nothing", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, js-method-connect", probe: probeFetch(t, algorithm.Request{URL: apiURL, Method: "TRACE"}, R{apiURL: {Actual: rsp(200)}}, func(v algorithm.Verdict) string { return string(v.Outcome) + strings.Repeat("+", len(v.ServerSaw)) }), want: [4]string{"js-error", "js-error", "js-error", "js-error"}},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			for i, p := range allProfiles {
				if c.want[i] == "" {
					continue
				}
				if got := c.probe(p); got != c.want[i] {
					t.Errorf("%s: got %q, want %q", p, got, c.want[i])
				}
			}
		})
	}
}
