package cache

import "github.com/corsim/corsim/internal/ascii"

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

// covers reports whether record id has a live entry for every name q needs.
func (c *Cache) covers(id uint32, q Query, needMethod bool, t uint64) bool {
	// Fetch §concept-http-fetch step 4.1, first condition, with
	// Fetch §concept-cache-match-method.
	if needMethod && !c.allows(id, q.Method, false, q.Credentials, t) {
		return false
	}
	// Fetch §concept-http-fetch step 4.1, second condition, with
	// Fetch §concept-cache-match-header.
	for _, h := range q.UnsafeHeaders {
		h = ascii.Lower(h)
		if !c.allows(id, h, true, q.Credentials, t) {
			return false
		}
	}
	return true
}

// allows reports whether record id has a live entry matching name, either
// literally or through a `*` entry that the policy honours.
func (c *Cache) allows(id uint32, name string, header, cred bool, t uint64) bool {
	r := c.recs.at(id)
	// Fetch §concept-cache-match-method: method is method (exact bytes);
	// Fetch §concept-cache-match-header: header name matches
	// case-insensitively (both sides are lower-case here).
	if p := c.findName(r, name, header); p >= 0 && c.serves(id, r, p, cred, t) {
		return true
	}
	// Fetch §concept-cache-match-header: `*` never matches
	// `Authorization`, a CORS non-wildcard request-header name.
	if header && !c.p.WildcardCoversAuthorization && name == "authorization" {
		return false
	}
	p := c.findName(r, "*", header)
	if p < 0 {
		return false
	}
	switch c.p.Wildcards {
	case WildcardsAlways:
		// Fetch §concept-cache-match-method / -header: "or `*`".
		return c.serves(id, r, p, cred, t)
	case WildcardsNever:
		// Gecko: a cached `*` is never reused (observed in Firefox ESR 153).
		return false
	default:
		// Spec gap (Fetch §concept-cache-match-header): a `*` stored by a
		// credentialed preflight was a literal name, and a credentialed
		// request may not rely on a wildcard (Fetch §cors-preflight-fetch-0
		// steps 7.5 and 7.7), so only non-credentialed pairs count.
		return !cred && c.plainLive(id, r, p, t)
	}
}

// findName returns the position of the token for name in r, or -1. A record
// with few tokens compares their names, which is quicker than hashing name.
func (c *Cache) findName(r *rec, name string, header bool) int {
	if r.spill != 0 {
		tok, ok := c.names.token(name, header)
		if !ok {
			return -1
		}
		return c.findTok(r, tok)
	}
	kind := uint32(0)
	if header {
		kind = headerBit
	}
	for p, tok := range r.toks[:r.ntok] {
		if tok&headerBit == kind && c.names.strs[tok>>1] == name {
			return p
		}
	}
	return -1
}
