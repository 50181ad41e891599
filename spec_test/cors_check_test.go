package spec_test

import (
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

// TestCORSCheck drives algorithm.CORSCheck with the cases of Fetch §concept-cors-check and the
// credentials table of §cors-protocol-and-credentials. The verdict (pass or fail) is the same in every
// profile: all three engines compare byte for byte (Chromium services/network/public/cpp/cors/cors.cc,
// Gecko nsCORSListenerProxy.cpp, WebKit CrossOriginAccessControl.cpp). chromium is the reason
// Chromium's cors.cc (CheckAccess) reports, checked when set.
func TestCORSCheck(t *testing.T) {
	const rabbit = "https://rabbit.invalid"
	inc, omit, same := fetchmode.CredentialsInclude, fetchmode.CredentialsOmit, fetchmode.CredentialsSameOrigin
	acao := func(v string) fetchmode.HeaderList { return h("Access-Control-Allow-Origin", v) }
	acaoC := func(v, c string) fetchmode.HeaderList {
		return h("Access-Control-Allow-Origin", v, "Access-Control-Allow-Credentials", c)
	}
	cases := []struct {
		name     string
		anchor   string
		origin   string
		cred     fetchmode.Credentials
		headers  fetchmode.HeaderList
		ok       bool
		chromium algorithm.Reason
	}{
		// The table of Fetch §cors-protocol-and-credentials, row by row.
		{name: "omit star no acac", anchor: "fetch#cors-protocol-and-credentials", origin: rabbit, cred: omit, headers: acao("*"), ok: true},
		{name: "omit star acac true", anchor: "fetch#cors-protocol-and-credentials", origin: rabbit, cred: omit, headers: acaoC("*", "true"), ok: true},
		{name: "omit trailing slash", anchor: "fetch#cors-protocol-and-credentials", origin: rabbit, cred: omit, headers: acao(rabbit + "/"), ok: false, chromium: algorithm.AllowOriginMismatch},
		{name: "omit exact", anchor: "fetch#cors-protocol-and-credentials", origin: rabbit, cred: omit, headers: acao(rabbit), ok: true},
		{name: "include star acac true", anchor: "fetch#cors-protocol-and-credentials", origin: rabbit, cred: inc, headers: acaoC("*", "true"), ok: false, chromium: algorithm.WildcardOriginNotAllowed},
		{name: "include exact acac true", anchor: "fetch#cors-protocol-and-credentials", origin: rabbit, cred: inc, headers: acaoC(rabbit, "true"), ok: true},
		{name: "include exact acac True", anchor: "fetch#cors-protocol-and-credentials", origin: rabbit, cred: inc, headers: acaoC(rabbit, "True"), ok: false, chromium: algorithm.InvalidAllowCredentials},

		// Step 2: an absent header fails; it is not the value null.
		{name: "absent acao", anchor: "fetch#concept-cors-check step 2", origin: rabbit, cred: omit, headers: nil, ok: false, chromium: algorithm.MissingAllowOriginHeader},
		{name: "absent acao other headers", anchor: "fetch#concept-cors-check step 2", origin: rabbit, cred: omit, headers: h("Content-Type", "text/plain", "Access-Control-Allow-Credentials", "true"), ok: false, chromium: algorithm.MissingAllowOriginHeader},
		{name: "absent acao null origin", anchor: "fetch#concept-cors-check step 2", origin: "null", cred: omit, headers: nil, ok: false, chromium: algorithm.MissingAllowOriginHeader},
		{name: "acao header name lower case", anchor: "fetch#concept-header-list-get", origin: rabbit, cred: omit, headers: h("access-control-allow-origin", rabbit), ok: true},
		{name: "acao header name upper case", anchor: "fetch#concept-header-list-get", origin: rabbit, cred: omit, headers: h("ACCESS-CONTROL-ALLOW-ORIGIN", "*"), ok: true},

		// Step 3: "*" passes without include.
		{name: "same-origin mode star", anchor: "fetch#concept-cors-check step 3", origin: rabbit, cred: same, headers: acao("*"), ok: true},
		{name: "star for null origin", anchor: "fetch#concept-cors-check step 3", origin: "null", cred: omit, headers: acao("*"), ok: true},
		{name: "star include null origin", anchor: "fetch#concept-cors-check step 3", origin: "null", cred: inc, headers: acaoC("*", "true"), ok: false, chromium: algorithm.WildcardOriginNotAllowed},
		{name: "star include no acac", anchor: "fetch#concept-cors-check step 3", origin: rabbit, cred: inc, headers: acao("*"), ok: false, chromium: algorithm.WildcardOriginNotAllowed},
		{name: "star star one line", anchor: "fetch#concept-cors-check step 3", origin: rabbit, cred: omit, headers: acao("*, *"), ok: false, chromium: algorithm.MultipleAllowOriginValues},
		{name: "star twice two lines", anchor: "fetch#concept-cors-check step 1", origin: rabbit, cred: omit, headers: h("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Origin", "*"), ok: false, chromium: algorithm.MultipleAllowOriginValues},

		// Step 4: byte-for-byte comparison with the serialized origin.
		{name: "null acao for tuple origin", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao("null"), ok: false},
		{name: "null acao for null origin", anchor: "fetch#concept-cors-check step 4", origin: "null", cred: omit, headers: acao("null"), ok: true},
		{name: "NULL acao for null origin", anchor: "fetch#concept-cors-check step 4", origin: "null", cred: omit, headers: acao("NULL"), ok: false},
		{name: "tuple acao for null origin", anchor: "fetch#concept-cors-check step 4", origin: "null", cred: omit, headers: acao(rabbit), ok: false, chromium: algorithm.AllowOriginMismatch},
		{name: "upper-case scheme", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao("HTTPS://rabbit.invalid"), ok: false, chromium: algorithm.AllowOriginMismatch},
		{name: "upper-case host", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao("https://Rabbit.invalid"), ok: false, chromium: algorithm.AllowOriginMismatch},
		{name: "explicit default port", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao("https://rabbit.invalid:443"), ok: false, chromium: algorithm.AllowOriginMismatch},
		{name: "missing non-default port", anchor: "fetch#concept-cors-check step 4", origin: "https://rabbit.invalid:8443", cred: omit, headers: acao(rabbit), ok: false, chromium: algorithm.AllowOriginMismatch},
		{name: "matching non-default port", anchor: "fetch#concept-cors-check step 4", origin: "https://rabbit.invalid:8443", cred: omit, headers: acao("https://rabbit.invalid:8443"), ok: true},
		{name: "wrong port", anchor: "fetch#concept-cors-check step 4", origin: "https://rabbit.invalid:8443", cred: omit, headers: acao("https://rabbit.invalid:8444"), ok: false, chromium: algorithm.AllowOriginMismatch},
		{name: "wrong scheme", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao("http://rabbit.invalid"), ok: false, chromium: algorithm.AllowOriginMismatch},
		{name: "subdomain", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao("https://www.rabbit.invalid"), ok: false, chromium: algorithm.AllowOriginMismatch},
		{name: "suffix attack", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao("https://rabbit.invalid.evil.example"), ok: false, chromium: algorithm.AllowOriginMismatch},
		{name: "inner space", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao("https:// rabbit.invalid"), ok: false, chromium: algorithm.MultipleAllowOriginValues},
		{name: "host only", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao("rabbit.invalid"), ok: false, chromium: algorithm.InvalidAllowOriginValue},
		{name: "not a url", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao("foo"), ok: false, chromium: algorithm.InvalidAllowOriginValue},
		{name: "empty value", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao(""), ok: false},
		{name: "quoted origin", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao(`"https://rabbit.invalid"`), ok: false},
		{name: "two origins one line", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao(rabbit + ", https://other.invalid"), ok: false, chromium: algorithm.MultipleAllowOriginValues},
		{name: "own origin twice one line", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao(rabbit + ", " + rabbit), ok: false, chromium: algorithm.MultipleAllowOriginValues},
		{name: "own origin twice two lines", anchor: "fetch#concept-cors-check step 1", origin: rabbit, cred: omit, headers: h("Access-Control-Allow-Origin", rabbit, "Access-Control-Allow-Origin", rabbit), ok: false, chromium: algorithm.MultipleAllowOriginValues},
		{name: "own origin then empty line", anchor: "fetch#concept-cors-check step 1", origin: rabbit, cred: omit, headers: h("Access-Control-Allow-Origin", rabbit, "Access-Control-Allow-Origin", ""), ok: false},
		{name: "punycode vs unicode", anchor: "fetch#concept-cors-check step 4", origin: "https://xn--fa-hia.example", cred: omit, headers: acao("https://faß.example"), ok: false},
		{name: "ipv6 origin exact", anchor: "fetch#concept-cors-check step 4", origin: "http://[::1]:8080", cred: omit, headers: acao("http://[::1]:8080"), ok: true},
		{name: "ipv6 origin uncompressed", anchor: "fetch#concept-cors-check step 4", origin: "http://[::1]:8080", cred: omit, headers: acao("http://[0:0:0:0:0:0:0:1]:8080"), ok: false},
		{name: "acao 1 MiB", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao(mib), ok: false},
		{name: "acao thousands of commas", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao(commas), ok: false},
		{name: "acao control byte", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao(rabbit + "\x01"), ok: false},
		{name: "acao invalid utf-8", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: omit, headers: acao("https://rabbit.invalid\xff"), ok: false},
		{name: "empty serialized origin", anchor: "fetch#concept-cors-check step 4", origin: "", cred: omit, headers: acao(rabbit), ok: false},

		// Step 5: no credentials check unless include.
		{name: "omit exact acac false", anchor: "fetch#concept-cors-check step 5", origin: rabbit, cred: omit, headers: acaoC(rabbit, "false"), ok: true},
		{name: "same-origin mode exact no acac", anchor: "fetch#concept-cors-check step 5", origin: rabbit, cred: same, headers: acao(rabbit), ok: true},

		// Steps 6–8: Access-Control-Allow-Credentials must be exactly "true".
		{name: "include exact no acac", anchor: "fetch#concept-cors-check step 8", origin: rabbit, cred: inc, headers: acao(rabbit), ok: false, chromium: algorithm.InvalidAllowCredentials},
		{name: "include acac TRUE", anchor: "fetch#concept-cors-check step 7", origin: rabbit, cred: inc, headers: acaoC(rabbit, "TRUE"), ok: false, chromium: algorithm.InvalidAllowCredentials},
		{name: "include acac empty", anchor: "fetch#concept-cors-check step 7", origin: rabbit, cred: inc, headers: acaoC(rabbit, ""), ok: false, chromium: algorithm.InvalidAllowCredentials},
		{name: "include acac true true one line", anchor: "fetch#concept-cors-check step 7", origin: rabbit, cred: inc, headers: acaoC(rabbit, "true, true"), ok: false, chromium: algorithm.InvalidAllowCredentials},
		{name: "include acac true two lines", anchor: "fetch#concept-cors-check step 6", origin: rabbit, cred: inc, headers: h("Access-Control-Allow-Origin", rabbit, "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Credentials", "true"), ok: false, chromium: algorithm.InvalidAllowCredentials},
		{name: "include acac 1", anchor: "fetch#concept-cors-check step 7", origin: rabbit, cred: inc, headers: acaoC(rabbit, "1"), ok: false, chromium: algorithm.InvalidAllowCredentials},
		{name: "include acac quoted", anchor: "fetch#concept-cors-check step 7", origin: rabbit, cred: inc, headers: acaoC(rabbit, `"true"`), ok: false, chromium: algorithm.InvalidAllowCredentials},
		{name: "include acac 1 MiB", anchor: "fetch#concept-cors-check step 7", origin: rabbit, cred: inc, headers: acaoC(rabbit, mib), ok: false, chromium: algorithm.InvalidAllowCredentials},
		{name: "include acac name lower case", anchor: "fetch#concept-header-list-get", origin: rabbit, cred: inc, headers: h("access-control-allow-origin", rabbit, "access-control-allow-credentials", "true"), ok: true},
		{name: "include null origin null acao", anchor: "fetch#concept-cors-check step 7", origin: "null", cred: inc, headers: acaoC("null", "true"), ok: true},
		{name: "include mismatch with acac", anchor: "fetch#concept-cors-check step 4", origin: rabbit, cred: inc, headers: acaoC("https://other.invalid", "true"), ok: false, chromium: algorithm.AllowOriginMismatch},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			for _, p := range allProfiles {
				f := algorithm.CORSCheck(p, c.origin, c.cred, c.headers)
				if f.OK() != c.ok {
					t.Errorf("%s: CORSCheck(%q, %v, %q).OK() = %v (reason %s), want %v", p, c.origin, c.cred, c.headers, f.OK(), f.Reason, c.ok)
				}
				if f.OK() && f != (algorithm.Failure{}) {
					t.Errorf("%s: a pass must be the zero Failure, got %+v", p, f)
				}
				if !f.OK() && f.Reason == "" {
					t.Errorf("%s: a failure must carry a reason", p)
				}
				if p == algorithm.Chromium && c.chromium != "" && f.Reason != c.chromium {
					t.Errorf("chromium: reason = %s, want %s", f.Reason, c.chromium)
				}
			}
		})
	}
}
