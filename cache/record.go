package cache

import "time"

// rec is everything cached for one key (and, under CredentialsInKey, one
// credentials mode). It holds no pointers, so the collector never scans the
// records of a large cache.
//
// Its tokens (see headerBit) are its methods and header names: the first
// inlineTokens(policy) in toks, any more in a spill. Under WholeResult every
// token's entry is the one the record's preflight stored, usable before
// deadline by the requests cred allows (Fetch §concept-cache-credentials).
// Under PerToken each token has two entries, index 0 stored by a
// non-credentialed preflight and index 1 by a credentialed one, each an
// expiry tick or 0 when absent (Fetch §concept-cache); the inline tokens'
// entries are in Cache.pexps, the spilled ones' in the spill.
type rec struct {
	deadline uint64 // no entry of the record is live at or after it
	tag      uint32 // the key's hash, which finds its index slot
	all      uint32 // position in c.all.table
	part     uint32 // partition number plus one; 0 when not partitioned
	pidx     uint32 // position in the partition's table
	n        uint32 // entries present (PerToken)
	spill    uint32 // spill number plus one; 0 when none
	ntok     uint8  // tokens in toks
	cred     bool   // WholeResult: stored by a credentialed preflight
	toks     [6]uint32
}

// pexpsInline is how many tokens a PerToken record holds inline.
const pexpsInline = 4

// entries is what a PerToken record holds for one token.
type entries = [2]uint64

// spill holds the tokens of a record beyond its inline ones.
type spill struct {
	toks []uint32
	exps []entries         // PerToken
	pos  map[uint32]uint32 // token → position in toks, for long lists
}

// spillMapMin is the spill length from which a map finds tokens.
const spillMapMin = 16

func (c *Cache) inlineTokens() int {
	if c.p.Granularity == WholeResult {
		return len(rec{}.toks)
	}
	return pexpsInline
}

func (c *Cache) spillOf(r *rec) *spill {
	if r.spill == 0 {
		return nil
	}
	return &c.spills[r.spill-1]
}

// ntoks returns how many tokens record id holds.
func (c *Cache) ntoks(r *rec) int {
	n := int(r.ntok)
	if s := c.spillOf(r); s != nil {
		n += len(s.toks)
	}
	return n
}

func (c *Cache) tokAt(r *rec, p int) uint32 {
	if p < int(r.ntok) {
		return r.toks[p]
	}
	return c.spills[r.spill-1].toks[p-int(r.ntok)]
}

// expsAt returns the entries of the token at position p of PerToken record id.
func (c *Cache) expsAt(id uint32, r *rec, p int) *entries {
	if p < int(r.ntok) {
		return &c.pexps.at(id)[p]
	}
	return &c.spills[r.spill-1].exps[p-int(r.ntok)]
}

// findTok returns the position of tok in r, or -1.
func (c *Cache) findTok(r *rec, tok uint32) int {
	for p, t := range r.toks[:r.ntok] {
		if t == tok {
			return p
		}
	}
	s := c.spillOf(r)
	if s == nil {
		return -1
	}
	if s.pos != nil {
		if p, ok := s.pos[tok]; ok {
			return int(r.ntok) + int(p)
		}
		return -1
	}
	for p, t := range s.toks {
		if t == tok {
			return int(r.ntok) + p
		}
	}
	return -1
}

// addTok appends tok, already counted in c.names, with entries e (PerToken).
func (c *Cache) addTok(id uint32, r *rec, tok uint32, e entries) {
	if int(r.ntok) < c.inlineTokens() {
		r.toks[r.ntok] = tok
		if c.p.Granularity != WholeResult {
			c.pexps.at(id)[r.ntok] = e
		}
		r.ntok++
		return
	}
	if r.spill == 0 {
		if k := len(c.spillFree); k > 0 {
			r.spill = c.spillFree[k-1] + 1
			c.spillFree = c.spillFree[:k-1]
		} else {
			c.spills = append(c.spills, spill{})
			r.spill = uint32(len(c.spills))
		}
	}
	s := &c.spills[r.spill-1]
	s.toks = append(s.toks, tok)
	if c.p.Granularity != WholeResult {
		s.exps = append(s.exps, e)
	}
	switch {
	case s.pos != nil:
		s.pos[tok] = uint32(len(s.toks) - 1)
	case len(s.toks) >= spillMapMin:
		s.pos = make(map[uint32]uint32, len(s.toks))
		for p, t := range s.toks {
			s.pos[t] = uint32(p)
		}
	}
}

// dropTok removes the token at position p, moving the last token into its
// place.
func (c *Cache) dropTok(id uint32, r *rec, p int) {
	removed := c.tokAt(r, p)
	c.names.unref(removed)
	last := c.ntoks(r) - 1
	moved := c.tokAt(r, last)
	if p != last {
		c.setTokAt(r, p, moved)
		if c.p.Granularity != WholeResult {
			*c.expsAt(id, r, p) = *c.expsAt(id, r, last)
		}
	}
	if s := c.spillOf(r); s != nil {
		// The last token is a spilled one.
		if s.pos != nil {
			delete(s.pos, removed)
			delete(s.pos, moved)
			if p != last && p >= int(r.ntok) {
				s.pos[moved] = uint32(p - int(r.ntok))
			}
		}
		k := len(s.toks) - 1
		s.toks = s.toks[:k]
		if s.exps != nil {
			s.exps = s.exps[:k]
		}
		if k == 0 {
			c.freeSpill(r)
		}
		return
	}
	r.ntok--
	r.toks[r.ntok] = 0
	if c.p.Granularity != WholeResult {
		c.pexps.at(id)[r.ntok] = entries{}
	}
}

func (c *Cache) setTokAt(r *rec, p int, t uint32) {
	if p < int(r.ntok) {
		r.toks[p] = t
		return
	}
	c.spills[r.spill-1].toks[p-int(r.ntok)] = t
}

func (c *Cache) freeSpill(r *rec) {
	s := &c.spills[r.spill-1]
	// Keep short lists' room for the next record that spills.
	if cap(s.toks) > 4*spillMapMin {
		*s = spill{}
	}
	s.toks, s.exps, s.pos = s.toks[:0], s.exps[:0], nil
	c.spillFree = append(c.spillFree, r.spill-1)
	r.spill = 0
}

// clearToks removes every token of record id.
func (c *Cache) clearToks(id uint32, r *rec) {
	for p := c.ntoks(r) - 1; p >= 0; p-- {
		c.names.unref(c.tokAt(r, p))
	}
	c.detachToks(id, r)
}

// detachToks empties record id's token storage without counting its names
// out (see storeWhole).
func (c *Cache) detachToks(id uint32, r *rec) {
	if r.spill != 0 {
		c.freeSpill(r)
	}
	r.toks = [len(r.toks)]uint32{}
	r.ntok = 0
	if c.p.Granularity != WholeResult {
		*c.pexps.at(id) = [pexpsInline]entries{}
	}
}

// live reports whether an entry that ends at exp is usable at t.
func live(exp, t uint64) bool { return exp != 0 && t < exp }

// serves reports whether a live entry of the token at position p matches a
// request with the given credentials (Fetch §concept-cache-match): a
// credentialed entry serves both kinds of request, a non-credentialed entry
// only non-credentialed ones. Under CredentialsInKey a record only ever
// fills the index of its own credentials mode, so the same test gives
// Gecko's separation.
func (c *Cache) serves(id uint32, r *rec, p int, cred bool, t uint64) bool {
	if c.p.Granularity == WholeResult {
		return (r.cred || !cred) && t < r.deadline
	}
	e := c.expsAt(id, r, p)
	if cred {
		return live(e[1], t)
	}
	return live(e[0], t) || live(e[1], t)
}

// plainLive reports whether the non-credentialed entry of the token at
// position p is live.
func (c *Cache) plainLive(id uint32, r *rec, p int, t uint64) bool {
	if c.p.Granularity == WholeResult {
		return !r.cred && t < r.deadline
	}
	return live(c.expsAt(id, r, p)[0], t)
}

// dropExpiredSlots removes record id's expired PerToken entries.
func (c *Cache) dropExpiredSlots(id uint32, t uint64) {
	r := c.recs.at(id)
	// From the end, so that the token moved into a dropped one's place has
	// been seen already.
	for p := c.ntoks(r) - 1; p >= 0; p-- {
		c.dropExpired(id, r, p, t)
	}
}

// dropExpired removes the expired entries of the token at position p and
// returns what is left; the token leaves the record when nothing is. Fetch
// §concept-cache: an expired entry must already be gone.
func (c *Cache) dropExpired(id uint32, r *rec, p int, t uint64) entries {
	e := c.expsAt(id, r, p)
	for i := range e {
		if e[i] != 0 && !live(e[i], t) {
			e[i] = 0
			r.n--
			c.slots--
		}
	}
	left := *e
	if left[0] == 0 && left[1] == 0 {
		c.dropTok(id, r, p)
	}
	return left
}

func credIndex(cred bool) int {
	if cred {
		return 1
	}
	return 0
}

// capAge applies the policy's cap to a lifetime and treats a negative one as
// zero (Fetch §cors-preflight-fetch-0 step 7.10).
func (p Policy) capAge(d time.Duration) time.Duration {
	if d < 0 {
		return 0
	}
	if p.MaxAgeCap > 0 && d > p.MaxAgeCap {
		return p.MaxAgeCap
	}
	return d
}
