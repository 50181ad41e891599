package cache

import (
	"time"

	"github.com/corsim/corsim/internal/ascii"
)

// storeWhole replaces the key's result (Chromium preflight_cache.cc
// cache_[key] = result, WebKit CrossOriginPreflightResultCache.cpp
// HashMap::set).
func (c *Cache) storeWhole(rec *record, rk recKey, r Result, d time.Duration, now time.Time) {
	if d <= 0 {
		// An already-expired result replaces the old one: nothing is left.
		if rec != nil {
			c.remove(rec)
		}
		return
	}
	if rec == nil {
		rec = c.insert(rk, now)
	} else {
		clear(rec.methods)
		clear(rec.headers)
	}
	rec.makeMaps(len(r.Methods), len(r.Headers))
	s := slot{exp: expiry(now, d), ok: true}
	i := credIndex(r.Credentials)
	for _, m := range r.Methods {
		t := rec.methods[m]
		t[i] = s
		rec.methods[m] = t
	}
	for _, h := range r.Headers {
		h = ascii.Lower(h)
		t := rec.headers[h]
		t[i] = s
		rec.headers[h] = t
	}
	rec.deadline = s.exp
	c.noteDeadline(rec)
	c.touch(rec)
}

// storeTokens merges a result into per-token entries.
func (c *Cache) storeTokens(rec *record, rk recKey, r Result, d time.Duration, now time.Time) {
	if rec == nil {
		if d <= 0 || len(r.Methods)+len(r.Headers) == 0 {
			// Nothing to refresh and nothing live to create.
			return
		}
		rec = c.insert(rk, now)
	}
	rec.makeMaps(len(r.Methods), len(r.Headers))
	m := merge{c: c, rec: rec, cred: r.Credentials, d: d, exp: expiry(now, d), now: now}
	// Fetch §cors-preflight-fetch-0 steps 7.12 and 7.13. Running both steps
	// in one pass gives the same entries: a refresh never changes whether
	// a later name has a match, and a creation only adds matches that the
	// two-step order would also see in step 7.13.
	for _, name := range r.Methods {
		m.token(rec.methods, name, false)
	}
	// Fetch §cors-preflight-fetch-0 steps 7.14 and 7.15.
	for _, name := range r.Headers {
		m.token(rec.headers, ascii.Lower(name), true)
	}
	if rec.n == 0 {
		c.remove(rec)
		return
	}
	if m.shortened {
		rec.deadline = rec.latest()
	}
	c.noteDeadline(rec)
	c.touch(rec)
}

// merge carries one Store of a PerToken result.
type merge struct {
	c         *Cache
	rec       *record
	cred      bool
	d         time.Duration
	exp, now  time.Time
	shortened bool // some entry now ends earlier than before
}

// token refreshes the entry that matches name for the preflight's request,
// or creates one when none does. The standard says "set matching entry's
// max-age" without saying which entry when several match; this picks, in
// order, the literal entry with the request's credentials, the literal
// credentialed entry (for a non-credentialed request), then a `*` entry the
// policy's WildcardRule would honour.
func (m *merge) token(tokens map[string]tokenState, name string, header bool) {
	own := credIndex(m.cred)
	t := m.fresh(tokens, name)
	switch {
	case t[own].ok:
		// Fetch §cors-preflight-fetch-0 step 7.12/7.14.
		m.set(tokens, name, own)
		return
	case !m.cred && t[1].ok:
		// Fetch §concept-cache-match: a credentialed entry matches a
		// non-credentialed request.
		m.set(tokens, name, 1)
		return
	}
	if i, ok := m.wildcard(tokens, name, header); ok {
		// Fetch §concept-cache-match-method / -header: a `*` entry is a
		// match, so it is the one refreshed.
		m.set(tokens, "*", i)
		return
	}
	if m.d > 0 {
		// Fetch §cors-preflight-fetch-0 step 7.13/7.15 with
		// §concept-cache-create-entry; a max-age of 0 would create an
		// entry that is never usable.
		m.set(tokens, name, own)
	}
}

// wildcard returns which `*` entry matches name for the preflight's request
// under the policy's WildcardRule, if any.
func (m *merge) wildcard(tokens map[string]tokenState, name string, header bool) (int, bool) {
	p := &m.c.p
	if name == "*" || p.Wildcards == WildcardsNever {
		return 0, false
	}
	if header && !p.WildcardCoversAuthorization && name == "authorization" {
		return 0, false
	}
	w := m.fresh(tokens, "*")
	if p.Wildcards == WildcardsAlways {
		if own := credIndex(m.cred); w[own].ok {
			return own, true
		}
		if !m.cred && w[1].ok {
			return 1, true
		}
		return 0, false
	}
	// WildcardsUncredentialed.
	if !m.cred && w[0].ok {
		return 0, true
	}
	return 0, false
}

// fresh drops name's expired entries and returns what is left.
func (m *merge) fresh(tokens map[string]tokenState, name string) tokenState {
	t, ok := tokens[name]
	if !ok {
		return t
	}
	return m.c.dropExpired(m.rec, tokens, name, t, m.now)
}

// set gives entry i of name the new max-age; a max-age of 0 ends it.
func (m *merge) set(tokens map[string]tokenState, name string, i int) {
	t := tokens[name]
	switch {
	case m.d <= 0:
		if t[i].ok {
			t[i] = slot{}
			m.rec.n--
			m.c.slots--
			m.shortened = true
		}
	default:
		if !t[i].ok {
			m.rec.n++
			m.c.slots++
		} else if m.exp.Before(t[i].exp) {
			m.shortened = true
		}
		// Spec gap: Fetch §cors-preflight-fetch-0 steps 7.12 and 7.14 do not
		// say whether a refresh restarts the entry's timer; it does here.
		t[i] = slot{exp: m.exp, ok: true}
		if m.exp.After(m.rec.deadline) {
			m.rec.deadline = m.exp
		}
	}
	if t[0].ok || t[1].ok {
		tokens[name] = t
	} else {
		delete(tokens, name)
	}
}

// latest returns the expiry of r's longest-lived entry.
func (r *record) latest() time.Time {
	var d time.Time
	for _, tokens := range [2]map[string]tokenState{r.methods, r.headers} {
		for _, t := range tokens {
			for _, s := range t {
				if s.ok && s.exp.After(d) {
					d = s.exp
				}
			}
		}
	}
	return d
}
