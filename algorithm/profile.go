package algorithm

import (
	"fmt"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchmode"
)

// Profile selects whose behaviour corsim models: the Fetch standard itself, or one browser engine.
// Every place where a browser differs from the standard is a named rule of its profile (see the
// rule* fields of rules below and docs in profiles.md), each citing where the behaviour was read or
// observed. The zero Profile is Spec.
type Profile uint8

const (
	// Spec is the WHATWG Fetch standard, read strictly: "*" never covers Authorization, the
	// 1024-byte safelist rule applies, the preflight cache clears on failure.
	Spec Profile = iota
	// Chromium models Chromium's network service (Chrome, Edge; observed in Chromium 156).
	Chromium
	// Firefox models Gecko (observed in Firefox ESR 153).
	Firefox
	// WebKit models WebKit (Safari; observed in WebKitGTK 2.50).
	WebKit
)

// Profiles returns every profile, Spec first, in a new slice.
func Profiles() []Profile { return []Profile{Spec, Chromium, Firefox, WebKit} }

// String returns the profile's name as the CLI spells it: "spec", "chromium", "firefox", "webkit".
func (p Profile) String() string {
	if int(p) < len(profileRules) {
		return profileRules[p].name
	}
	return fmt.Sprintf("Profile(%d)", uint8(p))
}

// IsValid reports whether p is one of the defined profiles.
func (p Profile) IsValid() bool { return int(p) < len(profileRules) }

// ParseProfile parses a profile name, case-insensitively.
func ParseProfile(s string) (Profile, error) {
	for i := range profileRules {
		if equalFold(s, profileRules[i].name) {
			return Profile(i), nil
		}
	}
	return 0, fmt.Errorf("corsim: unknown browser profile %q (want spec, chromium, firefox or webkit)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (p Profile) MarshalText() ([]byte, error) {
	if !p.IsValid() {
		return nil, fmt.Errorf("corsim: invalid profile %d", uint8(p))
	}
	return []byte(p.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *Profile) UnmarshalText(b []byte) error {
	q, err := ParseProfile(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// CachePolicy is the preflight-cache behaviour of the profile's browser, for cache.New.
func (p Profile) CachePolicy() cache.Policy { return p.rules().cachePolicy }

// NewCache returns an empty preflight cache that behaves as the profile's browser's does.
func (p Profile) NewCache() *cache.Cache { return cache.New(p.CachePolicy()) }

func (p Profile) rules() *rules {
	if int(p) < len(profileRules) {
		return &profileRules[p]
	}
	return &profileRules[Spec]
}

// preflightOrder is the order of checks inside preflight validation, which decides the reason reported
// when a response has several problems (browsers.md §2.4).
type preflightOrder uint8

const (
	// orderSpec: Fetch §cors-preflight-fetch-0 step 7: CORS check and ok status, then ACAM and ACAH
	// parsing, then method (7.5), Authorization (7.6), headers (7.7).
	orderSpec preflightOrder = iota
	// orderChromium: ACAO, ACAC, status, parse ACAM, parse ACAH, method, headers in request order
	// (services/network/cors/preflight_controller.cc, preflight_result.cc). Chromium's "request order"
	// is the iteration order of Blink's HTTPHeaderMap, a hash table of case-folded names, which corsim
	// does not reproduce: with two or more disallowed headers it may name another of them (harness,
	// probe-hdr-order-*: script order matched 6 of 12; docs/fidelity.md).
	orderChromium
	// orderFirefox: ACAO, ACAC, status, ACAM tokens then method, ACAH tokens then headers in sorted
	// order (nsCORSListenerProxy.cpp CheckPreflightRequestApproved).
	orderFirefox
	// orderWebKit: status first, then ACAO, ACAC, parse ACAM, parse ACAH, method, headers
	// (CrossOriginAccessControl.cpp validatePreflightResponse).
	orderWebKit
)

// acaoStyle is how an engine classifies a failed Access-Control-Allow-Origin comparison
// (browsers.md §2.1).
type acaoStyle uint8

const (
	// acaoSpec: the standard only compares bytes; corsim still names several header lines
	// MultipleAllowOriginValues, since that is what went wrong.
	acaoSpec acaoStyle = iota
	// acaoChromium: a value with a space or a comma is "multiple values"; a value that is not a valid
	// URL is "invalid" (cors.cc CheckAccessInternal).
	acaoChromium
	// acaoFirefox: several header lines are "multiple"; everything else is a mismatch.
	acaoFirefox
	// acaoWebKit: a joined value with a comma is "more than one origin"; everything else a mismatch.
	acaoWebKit
)

// rules are a profile's behaviours. Each field other than name is a named divergence from the
// standard (false/zero = the standard's behaviour) and cites its source.
type rules struct {
	name string
	// safelist: Chromium safelists client hints and keeps the 1024-byte rule; Firefox and WebKit lack
	// the 1024-byte rule (browsers.md §3.1; observed §9, §10).
	safelist fetchmode.Safelist
	// ruleForbidUserAgent: Chromium still treats User-Agent and Access-Control-Request-Private-Network
	// as forbidden request-headers and drops them silently (net/http/http_util.cc kForbiddenHeaderFields,
	// crbug.com/571722; browsers.md §3.2).
	ruleForbidUserAgent bool
	// ruleWildcardCoversAuthorization: "Access-Control-Allow-Headers: *" lets Authorization through
	// on a fresh preflight without credentials, against Fetch §cors-preflight-fetch-0 step 7.6, in all
	// three engines (browsers.md §2.3, §7.1; observed §9, §10).
	ruleWildcardCoversAuthorization bool
	// order is the order of the checks in preflight validation, which decides the reason reported
	// when a preflight response has several faults.
	order preflightOrder
	// console is whose wording the console messages use.
	console consoleDialect
	// ruleListParameterFirstToken: when Access-Control-Allow-Methods or -Headers does not parse,
	// Firefox reports the first invalid token as the failed parameter, where the others give the
	// whole value (nsCORSListenerProxy.cpp CheckPreflightRequestApproved).
	ruleListParameterFirstToken bool
	// ruleReportRequestOrder: with several headers the preflight did not allow, Chromium and WebKit
	// name the first in the order of the request's header list, where the standard's step is silent
	// and Firefox names the first in sorted order (preflight_result.cc, CrossOriginPreflightResultCache.cpp).
	ruleReportRequestOrder bool
	// acao: how a failed ACAO comparison is classified (browsers.md §2.1).
	acao acaoStyle
	// ruleBypassCacheModes: cache modes whose requests skip the preflight-cache look-up; Chromium:
	// no-store, reload, no-cache (LOAD_DISABLE_CACHE/BYPASS/VALIDATE, browsers.md §1.1).
	ruleBypassCacheModes cacheModeSet
	// ruleNoStoreCacheModes: cache modes whose preflights are not stored; Chromium: no-store.
	ruleNoStoreCacheModes cacheModeSet
	// ruleCrossOriginDeleteAsGET: WebKitGTK turns a DELETE into a GET without a body when a redirect
	// of any status (307 and 308 included) leads to another scheme, host or port; on 301 and 302 it
	// changes only POST, as the standard does (WebKit's NetworkDataTaskSoup::shouldRedirectAsGET,
	// "crossOrigin && method == DELETE"; measured by corsim's harness in WebKitGTK 2.50.6 over every
	// method × 301/302/307/308 × same/cross-origin, gen-6-0965-redirect). browsers.md §10's "301 and
	// 302 turn PUT, PATCH and DELETE into GET" did not hold there: PUT and PATCH keep their method.
	ruleCrossOriginDeleteAsGET bool
	// rulePreflightOriginUntainted: after a cross-origin redirect, Firefox's preflight carries the
	// page's origin where the standard (and Chromium) send "null" (observed, browsers.md §10).
	rulePreflightOriginUntainted bool
	// rulePreflightAfterRedirect: Firefox preflights every redirected hop of a request whose method or
	// headers as script made them were not all CORS-safelisted, even when the redirected request no
	// longer needs a preflight (a 302 made it a GET, or a cross-origin hop removed Authorization)
	// (observed, browsers.md §10; corsim's browser harness, Firefox ESR 153, gen-6-0155-redirect).
	rulePreflightAfterRedirect bool
	// ruleListStrippedAuthorization: WebKit removes Authorization from the request after a
	// cross-origin redirect, yet its next preflight still lists authorization in
	// Access-Control-Request-Headers (observed, browsers.md §10; harness, WebKitGTK 2.50.6).
	ruleListStrippedAuthorization bool
	// ruleKeepOriginOnRewrite: when a redirect turns a request into a GET, WebKit keeps the Origin
	// header the request carried, so a same-origin GET after a POST, PUT or DELETE still sends Origin
	// (browsers.md §10; harness, WebKitGTK 2.50.6, probe-origin-after-* and gen-6s-0176-redirect; Fetch
	// §append-a-request-origin-header sends none for a GET unless the tainting is cors).
	ruleKeepOriginOnRewrite bool
	// ruleKeepBodyHeadersOnRedirect: WebKit keeps the request-body headers script set when a redirect
	// turns the request into a GET, so the GET may need a preflight; it drops only a Content-Type it
	// derived from the body (harness, WebKitGTK 2.50.6, redir-post-json-302-drops-preflight,
	// redir-post-302-get; Fetch §http-redirect-fetch step 12.2 removes them all).
	ruleKeepBodyHeadersOnRedirect bool
	// ruleLoopbackIsMixedContent: WebKit blocks http://localhost and http://127.0.0.1 from an https page
	// as mixed content; it does not treat loopback as potentially trustworthy (WebKit bug 171934,
	// browsers.md §6.3; harness, WebKitGTK 2.50.6).
	ruleLoopbackIsMixedContent bool
	// ruleSafelistCombined: WebKit judges the safelist on each header's combined value (its header map
	// joins repeated names with ", "), so nine short Accept values over 128 bytes together need a
	// preflight (harness, WebKitGTK 2.50.6, trigger-1024-total; Fetch judges each entry).
	ruleSafelistCombined bool
	// ruleUTF8HeaderValues: WebKitGTK sends each header-value byte of 0x80 or more (a code point of the
	// script's ByteString) UTF-8-encoded on the wire (harness, WebKitGTK 2.50.6).
	ruleUTF8HeaderValues bool
	// ruleStreamBodyAsString: Firefox does not support ReadableStream request bodies; it sends the
	// string "[object ReadableStream]" as a text/plain body, with no forced preflight (harness,
	// Firefox ESR 153).
	ruleStreamBodyAsString bool
	// ruleStreamBodyUnsupported: WebKit rejects a fetch() with a ReadableStream body and sends nothing
	// (harness, WebKitGTK 2.50.6).
	ruleStreamBodyUnsupported bool
	// ruleStreamNeedsHTTP2: Chromium uploads a ReadableStream body only over HTTP/2 or QUIC, which it
	// negotiates only over TLS, so a stream body to an http: URL fails where the request would be sent
	// (after its preflight), with net::ERR_ALPN_NEGOTIATION_FAILED. Over https the profile assumes the
	// server speaks HTTP/2; against an HTTP/1.1-only server the upload fails the same way (harness,
	// Chromium 156, probe-stream-http-cross, probe-stream-http-same; the https stream scenarios pass
	// over the harness's HTTP/2).
	ruleStreamNeedsHTTP2 bool
	// ruleDataURLContentLength: Firefox's data: responses carry Content-Length (harness, Firefox ESR 153).
	ruleDataURLContentLength bool
	// ruleEscapeSpaceInHost: Chromium's host canonicalizer percent-encodes a space in the host of an
	// http(s) URL ("https://exa mple.com/" has host "exa%20mple.com") where the URL Standard's host
	// parser fails on a forbidden host code point, so the Request constructor does not throw and the
	// fetch fails later: no name with "%20" resolves (url/url_canon_host.cc, kHostCharLookup; every
	// ASCII byte in a host measured in Chromium 156 — only the space and "*" differ from the URL
	// Standard, and "*" is left alone here; harness, js-url-invalid-host: net::ERR_NAME_NOT_RESOLVED).
	ruleEscapeSpaceInHost bool
	// ruleMixedContentFirst: Chromium checks mixed content in the renderer, before the network stack
	// looks at the port (harness, Chromium 156, mixed-badport-first).
	ruleMixedContentFirst bool
	// ruleAllowedPorts: ports on the standard's bad-port list that the browser still fetches; Chromium
	// 156 fetches 6679 (harness, badport-6679).
	ruleAllowedPorts []uint16
	// ruleEmptyParameter: reasons for which the browser's DevTools report an empty failed parameter
	// (Chromium 156's corsErrorStatus.failedParameter, harness).
	ruleEmptyParameter []Reason
	// cachePolicy is the browser's preflight cache, including whether it clears on failure
	// (KeepOnFailure) and stores rejected preflights (StoreRejected, WebKit).
	cachePolicy cache.Policy
}

// cacheModeSet is a set of fetchmode.CacheMode values.
type cacheModeSet uint8

func cacheModes(ms ...fetchmode.CacheMode) cacheModeSet {
	var s cacheModeSet
	for _, m := range ms {
		s |= 1 << m
	}
	return s
}

func (s cacheModeSet) has(m fetchmode.CacheMode) bool { return m < 8 && s&(1<<m) != 0 }
