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

// Profiles lists every profile, Spec first.
var Profiles = [...]Profile{Spec, Chromium, Firefox, WebKit}

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
	// (services/network/cors/preflight_controller.cc, preflight_result.cc).
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
	// order of checks in preflight validation (browsers.md §2.4).
	order preflightOrder
	// acao: how a failed ACAO comparison is classified (browsers.md §2.1).
	acao acaoStyle
	// ruleBypassCacheModes: cache modes whose requests skip the preflight-cache look-up; Chromium:
	// no-store, reload, no-cache (LOAD_DISABLE_CACHE/BYPASS/VALIDATE, browsers.md §1.1).
	ruleBypassCacheModes cacheModeSet
	// ruleNoStoreCacheModes: cache modes whose preflights are not stored; Chromium: no-store.
	ruleNoStoreCacheModes cacheModeSet
	// ruleRewriteAllMethodsOn301302: WebKit turns PUT, PATCH and DELETE into GET on 301 and 302,
	// not only POST (observed in WebKitGTK 2.50, browsers.md §10).
	ruleRewriteAllMethodsOn301302 bool
	// rulePreflightOriginUntainted: after a cross-origin redirect, Firefox's preflight carries the
	// page's origin where the standard (and Chromium) send "null" (observed, browsers.md §10).
	rulePreflightOriginUntainted bool
	// rulePreflightAfterRedirect: Firefox preflights every redirected hop of a request that needed a
	// preflight, even when the redirected request no longer needs one (observed, browsers.md §10).
	rulePreflightAfterRedirect bool
	// ruleKeepAuthorizationOnRedirect: WebKit keeps Authorization across a cross-origin redirect, so
	// the next preflight still lists it (observed, browsers.md §10; Fetch §http-redirect-fetch step 13
	// removes it).
	ruleKeepAuthorizationOnRedirect bool
	// ruleExposeAccept: WebKit's isCrossOriginSafeHeader also lets script read Accept (browsers.md §3.3).
	ruleExposeAccept bool
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
