package algorithm

import (
	"fmt"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
)

// Profile selects whose behaviour corsim models: the Fetch standard itself, or one browser engine.
// Every place where a browser differs from the standard is a named rule of its profile, listed in
// docs/profiles.md with the engine source it was read from and the probes that pin it in the real
// browser. The zero Profile is Spec.
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
		if ascii.EqualFold(s, profileRules[i].name) {
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

// preflightOrder is the order of the checks in preflight validation, which decides the reason
// reported when a preflight response has several faults.
type preflightOrder uint8

const (
	// orderSpec: Fetch §cors-preflight-fetch-0 step 7: the CORS check and an ok status, then the
	// method and header lists, the method, Authorization, the other headers.
	orderSpec preflightOrder = iota
	// orderChromium: redirect, ACAO, ACAC, status, both lists, method, headers
	// (services/network/cors/preflight_controller.cc, preflight_result.cc).
	orderChromium
	// orderFirefox: redirect, ACAO, ACAC, status, the method list with the method, the header list
	// with the headers (nsCORSListenerProxy.cpp CheckPreflightRequestApproved).
	orderFirefox
	// orderWebKit: status, ACAO, ACAC, both lists, method, headers
	// (CrossOriginAccessControl.cpp validatePreflightResponse).
	orderWebKit
)

// acaoStyle is how an engine names a failed Access-Control-Allow-Origin comparison.
type acaoStyle uint8

const (
	// acaoSpec: the standard only compares bytes; corsim names several header lines
	// MultipleAllowOriginValues and anything else a mismatch. Gecko does the same.
	acaoSpec acaoStyle = iota
	// acaoChromium: a space or a comma is "multiple values", a value that is not a URL is "invalid"
	// (services/network/public/cpp/cors/cors.cc CheckAccessInternal).
	acaoChromium
	// acaoWebKit: a comma in the combined value is "more than one origin"
	// (CrossOriginAccessControl.cpp).
	acaoWebKit
)

// rules are a profile's behaviours. Each field but name is a named divergence from the standard (the
// zero value is the standard's behaviour); docs/profiles.md is the table of all of them, with the
// engine source each was read from and the probes that pin it in real browsers. Adding a rule is a
// field here, its value in profileRules, and one use site.
type rules struct {
	name string
	// safelist: Chromium safelists client hints, refuses Range bounds beyond int64 and keeps the
	// 1024-byte total; Firefox has no 1024-byte total (services/network/public/cpp/cors/cors.cc,
	// Gecko nsContentUtils::IsCORSSafelistedRequestHeader).
	safelist fetchmode.Safelist
	// ruleForbidUserAgent: Chromium still drops User-Agent and Access-Control-Request-Private-Network
	// as forbidden request-headers (net/http/http_util.cc, crbug.com/571722).
	ruleForbidUserAgent bool
	// ruleWildcardCoversAuthorization: "Access-Control-Allow-Headers: *" covers Authorization on a
	// preflight without credentials, which Fetch §cors-preflight-fetch-0 step 7.6 forbids.
	ruleWildcardCoversAuthorization bool
	// order is the order of the checks in preflight validation.
	order preflightOrder
	// console is whose wording the console messages use.
	console consoleDialect
	// ruleListParameterFirstToken: an unparsable Access-Control-Allow-Methods or -Headers is reported
	// by its first invalid token, not the whole value (nsCORSListenerProxy.cpp).
	ruleListParameterFirstToken bool
	// ruleReportRequestOrder: of several headers the preflight did not allow, the first in the
	// request's header list is reported, not the first in sorted order (preflight_result.cc,
	// CrossOriginPreflightResultCache.cpp).
	ruleReportRequestOrder bool
	// acao: how a failed ACAO comparison is named.
	acao acaoStyle
	// ruleBypassCacheModes: cache modes whose requests skip the preflight-cache look-up.
	ruleBypassCacheModes cacheModeSet
	// ruleNoStoreCacheModes: cache modes whose preflights are not stored.
	ruleNoStoreCacheModes cacheModeSet
	// ruleCrossOriginDeleteAsGET: a DELETE redirected to another origin becomes a GET without a body,
	// whatever the status (NetworkDataTaskSoup::shouldRedirectAsGET).
	ruleCrossOriginDeleteAsGET bool
	// rulePreflightOriginUntainted: after a cross-origin redirect the preflight carries the page's
	// origin where the standard sends "null".
	rulePreflightOriginUntainted bool
	// rulePreflightAfterRedirect: every redirected hop of a request that was not simple as script
	// made it is preflighted, even when the redirect made it simple.
	rulePreflightAfterRedirect bool
	// ruleListStrippedAuthorization: an Authorization removed by a cross-origin redirect is still
	// listed in the next preflight's Access-Control-Request-Headers, and that preflight must allow it.
	ruleListStrippedAuthorization bool
	// ruleKeepOriginOnRewrite: a request a redirect turns into a GET keeps its Origin header until a
	// hop to another origin (NetworkDataTaskSoup::continueHTTPRedirection).
	ruleKeepOriginOnRewrite bool
	// ruleKeepBodyHeadersOnRedirect: a request a redirect turns into a GET keeps the request-body
	// headers script set, dropping only a Content-Type derived from the body; Fetch
	// §concept-http-redirect-fetch removes them all.
	ruleKeepBodyHeadersOnRedirect bool
	// ruleLoopbackIsMixedContent: http://localhost and http://127.0.0.1 are mixed content on an https
	// page; loopback is not potentially trustworthy (WebKit bug 171934).
	ruleLoopbackIsMixedContent bool
	// ruleSafelistCombined: the safelist judges each name's combined value, so repeated names add up
	// against the 128-byte limit (WebKit's HTTPHeaderMap joins them).
	ruleSafelistCombined bool
	// ruleUTF8HeaderValues: header-value bytes of 0x80 or more go on the wire UTF-8-encoded.
	ruleUTF8HeaderValues bool
	// ruleStreamBodyAsString: a ReadableStream body is sent as the string "[object ReadableStream]",
	// with no forced preflight (Firefox has no stream uploads).
	ruleStreamBodyAsString bool
	// ruleStreamBodyUnsupported: a ReadableStream body fails the fetch; nothing is sent.
	ruleStreamBodyUnsupported bool
	// ruleStreamNeedsHTTP2: a ReadableStream body needs HTTP/2, which the browser speaks only over TLS:
	// to an http: URL the upload fails after its preflight (net::ERR_ALPN_NEGOTIATION_FAILED).
	ruleStreamNeedsHTTP2 bool
	// ruleDataURLContentLength: data: responses carry Content-Length.
	ruleDataURLContentLength bool
	// ruleEscapeSpaceInHost: a space in an http(s) host is percent-encoded where the URL Standard
	// fails, so fetch() does not throw and fails to resolve the name (url/url_canon_host.cc).
	ruleEscapeSpaceInHost bool
	// ruleMixedContentFirst: mixed content is checked before the port (in the renderer).
	ruleMixedContentFirst bool
	// ruleAllowedPorts: ports of the standard's bad-port list that the browser still fetches.
	ruleAllowedPorts []uint16
	// ruleEmptyParameter: reasons whose failed parameter DevTools report empty; the console message
	// is made from that empty parameter too.
	ruleEmptyParameter []Reason
	// cachePolicy is the browser's preflight cache (package cache).
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
