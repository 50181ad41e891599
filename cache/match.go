package cache

import (
	"time"

	"github.com/corsim/corsim/internal/ascii"
)

// exempt reports whether method needs no method entry at look-up.
func (p Policy) exempt(method string) bool {
	// Fetch §concept-http-fetch step 4.1 with Fetch §cors-safelisted-method.
	switch method {
	case "GET", "POST":
		return true
	case "HEAD":
		// Gecko CheckRequest exempts only GET and POST (nsCORSListenerProxy.cpp).
		return p.ExemptMethods != ExemptGetPost
	}
	return false
}

// covers reports whether r has a live entry for every name q needs.
func (c *Cache) covers(r *record, q Query, needMethod bool, now time.Time) bool {
	// Fetch §concept-http-fetch step 4.1, first condition, with
	// Fetch §concept-cache-match-method.
	if needMethod && !c.allows(r.methods, q.Method, false, q.Credentials, now) {
		return false
	}
	// Fetch §concept-http-fetch step 4.1, second condition, with
	// Fetch §concept-cache-match-header.
	for _, h := range q.UnsafeHeaders {
		h = ascii.Lower(h)
		if !c.allows(r.headers, h, true, q.Credentials, now) {
			return false
		}
	}
	return true
}

// allows reports whether tokens has a live entry matching name, either
// literally or through a `*` entry that the policy honours.
func (c *Cache) allows(tokens map[string]tokenState, name string, header, cred bool, now time.Time) bool {
	// Fetch §concept-cache-match-method: method is method (exact bytes);
	// Fetch §concept-cache-match-header: header name matches
	// case-insensitively (both sides are lower-case here).
	if t, ok := tokens[name]; ok && t.serves(cred, now) {
		return true
	}
	// Fetch §concept-cache-match-header: `*` never matches
	// `Authorization`, a CORS non-wildcard request-header name.
	if header && !c.p.WildcardCoversAuthorization && name == "authorization" {
		return false
	}
	t, ok := tokens["*"]
	if !ok {
		return false
	}
	switch c.p.Wildcards {
	case WildcardsAlways:
		// Fetch §concept-cache-match-method / -header: "or `*`".
		return t.serves(cred, now)
	case WildcardsNever:
		// Gecko: a cached `*` is never reused (observed in Firefox ESR 153).
		return false
	default:
		// Spec gap (Fetch §concept-cache-match-header): a `*` stored by a
		// credentialed preflight was a literal name, and a credentialed
		// request may not rely on a wildcard (Fetch §cors-preflight-fetch-0
		// steps 7.5 and 7.7), so only non-credentialed pairs count.
		return !cred && t[0].live(now)
	}
}
