package cache

import (
	"time"

	"github.com/corsim/corsim/internal/ascii"
)

// storeWhole replaces the key's result (Chromium preflight_cache.cc
// cache_[key] = result, WebKit CrossOriginPreflightResultCache.cpp
// HashMap::set). found says whether record id exists.
func (c *Cache) storeWhole(id uint32, found bool, k Key, r Result, d time.Duration, t uint64) {
	if d <= 0 {
		// An already-expired result replaces the old one: nothing is left.
		if found {
			c.remove(id)
		}
		return
	}
	old := c.oldToks[:0]
	if !found {
		id = c.insert(k, t)
	} else {
		// The old names are counted out only once the new ones are in,
		// so that a name both hold stays interned.
		rec := c.recs.at(id)
		for p := c.ntoks(rec) - 1; p >= 0; p-- {
			old = append(old, c.tokAt(rec, p))
		}
		c.detachToks(id, rec)
	}
	rec := c.recs.at(id)
	for _, m := range r.Methods {
		c.addOnce(id, rec, m, false)
	}
	for _, h := range r.Headers {
		c.addOnce(id, rec, ascii.Lower(h), true)
	}
	for _, tok := range old {
		c.names.unref(tok)
	}
	c.oldToks = old[:0]
	c.fitSpill(rec)
	rec.cred = r.Credentials
	rec.deadline = expiry(t, d)
	c.noteDeadline(id)
	c.touch(id)
}

// addOnce gives WholeResult record id the token for name unless it has it.
func (c *Cache) addOnce(id uint32, rec *rec, name string, header bool) {
	if tok, ok := c.names.token(name, header); ok && c.findTok(rec, tok) >= 0 {
		return
	}
	c.addTok(id, rec, c.names.ref(name, header), entries{})
}

// fitSpill gives back the room a spill's growth left over, so that a
// record costs what its distinct names need.
func (c *Cache) fitSpill(rec *rec) {
	s := c.spillOf(rec)
	if s == nil || cap(s.toks) <= len(s.toks)+len(s.toks)/4 {
		return
	}
	s.toks = append([]uint32(nil), s.toks...)
	if s.exps != nil {
		s.exps = append([]entries(nil), s.exps...)
	}
}

// storeTokens merges a result into per-token entries.
func (c *Cache) storeTokens(id uint32, found bool, k Key, r Result, d time.Duration, t uint64) {
	if !found {
		if d <= 0 || len(r.Methods)+len(r.Headers) == 0 {
			// Nothing to refresh and nothing live to create.
			return
		}
		id = c.insert(k, t)
	}
	m := merge{c: c, id: id, rec: c.recs.at(id), cred: r.Credentials, d: d, exp: expiry(t, d), now: t}
	// Fetch §cors-preflight-fetch-0 steps 7.12 and 7.13. Running both steps
	// in one pass gives the same entries: a refresh never changes whether
	// a later name has a match, and a creation only adds matches that the
	// two-step order would also see in step 7.13.
	for _, name := range r.Methods {
		m.token(name, false)
	}
	// Fetch §cors-preflight-fetch-0 steps 7.14 and 7.15.
	for _, name := range r.Headers {
		m.token(ascii.Lower(name), true)
	}
	rec := m.rec
	if rec.n == 0 {
		c.remove(id)
		return
	}
	c.fitSpill(rec)
	if m.shortened {
		rec.deadline = c.latest(id)
	}
	c.noteDeadline(id)
	c.touch(id)
}

// merge carries one Store of a PerToken result.
type merge struct {
	c         *Cache
	id        uint32
	rec       *rec
	cred      bool
	d         time.Duration
	exp, now  uint64
	shortened bool // some entry now ends earlier than before
}

// token refreshes the entry that matches name for the preflight's request,
// or creates one when none does. The standard says "set matching entry's
// max-age" without saying which entry when several match; this picks, in
// order, the literal entry with the request's credentials, the literal
// credentialed entry (for a non-credentialed request), then a `*` entry the
// policy's WildcardRule would honour.
func (m *merge) token(name string, header bool) {
	own := credIndex(m.cred)
	t := m.fresh(name, header)
	switch {
	case t[own] != 0:
		// Fetch §cors-preflight-fetch-0 step 7.12/7.14.
		m.set(name, header, own)
		return
	case !m.cred && t[1] != 0:
		// Fetch §concept-cache-match: a credentialed entry matches a
		// non-credentialed request.
		m.set(name, header, 1)
		return
	}
	if i, ok := m.wildcard(name, header); ok {
		// Fetch §concept-cache-match-method / -header: a `*` entry is a
		// match, so it is the one refreshed.
		m.set("*", header, i)
		return
	}
	if m.d > 0 {
		// Fetch §cors-preflight-fetch-0 step 7.13/7.15 with
		// §concept-cache-create-entry; a max-age of 0 would create an
		// entry that is never usable.
		m.set(name, header, own)
	}
}

// wildcard returns which `*` entry matches name for the preflight's request
// under the policy's WildcardRule, if any.
func (m *merge) wildcard(name string, header bool) (int, bool) {
	p := &m.c.p
	if name == "*" || p.Wildcards == WildcardsNever {
		return 0, false
	}
	if header && !p.WildcardCoversAuthorization && name == "authorization" {
		return 0, false
	}
	w := m.fresh("*", header)
	if p.Wildcards == WildcardsAlways {
		if own := credIndex(m.cred); w[own] != 0 {
			return own, true
		}
		if !m.cred && w[1] != 0 {
			return 1, true
		}
		return 0, false
	}
	// WildcardsUncredentialed.
	if !m.cred && w[0] != 0 {
		return 0, true
	}
	return 0, false
}

// at returns the position of name's token in the record, or -1.
func (m *merge) at(name string, header bool) int {
	tok, ok := m.c.names.token(name, header)
	if !ok {
		return -1
	}
	return m.c.findTok(m.rec, tok)
}

// fresh drops name's expired entries and returns what is left.
func (m *merge) fresh(name string, header bool) entries {
	p := m.at(name, header)
	if p < 0 {
		return entries{}
	}
	return m.c.dropExpired(m.id, m.rec, p, m.now)
}

// set gives entry i of name the new max-age; a max-age of 0 ends it.
func (m *merge) set(name string, header bool, i int) {
	p := m.at(name, header)
	var t entries
	if p >= 0 {
		t = *m.c.expsAt(m.id, m.rec, p)
	}
	switch {
	case m.d <= 0:
		if t[i] != 0 {
			t[i] = 0
			m.rec.n--
			m.c.slots--
			m.shortened = true
		}
	default:
		if t[i] == 0 {
			m.rec.n++
			m.c.slots++
		} else if m.exp < t[i] {
			m.shortened = true
		}
		// Spec gap: Fetch §cors-preflight-fetch-0 steps 7.12 and 7.14 do not
		// say whether a refresh restarts the entry's timer; it does here.
		t[i] = m.exp
		if m.exp > m.rec.deadline {
			m.rec.deadline = m.exp
		}
	}
	switch {
	case t[0] == 0 && t[1] == 0:
		if p >= 0 {
			m.c.dropTok(m.id, m.rec, p)
		}
	case p >= 0:
		*m.c.expsAt(m.id, m.rec, p) = t
	default:
		m.c.addTok(m.id, m.rec, m.c.names.ref(name, header), t)
	}
}

// latest returns the expiry of record id's longest-lived entry.
func (c *Cache) latest(id uint32) uint64 {
	r := c.recs.at(id)
	var d uint64
	for p := c.ntoks(r) - 1; p >= 0; p-- {
		for _, s := range c.expsAt(id, r, p) {
			d = max(d, s)
		}
	}
	return d
}
