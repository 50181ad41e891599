package cache

import (
	"sort"
	"time"

	"github.com/corsim/corsim/internal/ascii"
)

// model is a deliberately naive preflight cache: a plain slice of entries
// that follows Fetch §concept-cache line by line, with the policy's
// choices applied where the text leaves room. It is what the state-machine
// test compares Cache against.
type model struct {
	p       Policy
	entries []mEntry
	order   []bucket  // buckets, most recently used first (EvictLRU only)
	now     time.Time // the time of the current operation
}

// mEntry is one cache entry (Fetch §concept-cache).
type mEntry struct {
	key    Key
	cred   bool
	exp    time.Time
	header bool   // header-name entry; otherwise a method entry
	name   string // as received
}

// bucket is what one Cache record holds: a key, plus the credentials mode
// when the policy keys on it.
type bucket struct {
	key  Key
	cred bool
}

func (m *model) bucketOf(k Key, cred bool) bucket {
	return bucket{key: k, cred: m.p.CredentialsInKey && cred}
}

// purge removes entries whose max-age has passed (Fetch
// §concept-cache: "must be removed").
func (m *model) purge(now time.Time) {
	m.now = now
	kept := m.entries[:0]
	for _, e := range m.entries {
		if now.Before(e.exp) {
			kept = append(kept, e)
		}
	}
	m.entries = kept
	live := m.order[:0]
	for _, b := range m.order {
		if m.has(b) {
			live = append(live, b)
		}
	}
	m.order = live
}

func (m *model) has(b bucket) bool {
	for _, e := range m.entries {
		if m.bucketOf(e.key, e.cred) == b {
			return true
		}
	}
	return false
}

func (m *model) touch(b bucket) {
	for i, x := range m.order {
		if x == b {
			copy(m.order[1:i+1], m.order[:i])
			m.order[0] = b
			return
		}
	}
}

func (m *model) dropBucket(b bucket) {
	kept := m.entries[:0]
	for _, e := range m.entries {
		if m.bucketOf(e.key, e.cred) != b {
			kept = append(kept, e)
		}
	}
	m.entries = kept
	for i, x := range m.order {
		if x == b {
			m.order = append(m.order[:i], m.order[i+1:]...)
			break
		}
	}
}

// entryMatch is Fetch §concept-cache-match (and Gecko's key when the policy
// keys on credentials).
func (m *model) entryMatch(e *mEntry, k Key, cred bool) bool {
	// An entry whose max-age has passed is gone, even before purge runs.
	if e.key != k || !m.now.Before(e.exp) {
		return false
	}
	if m.p.CredentialsInKey {
		return e.cred == cred
	}
	return e.cred || !cred
}

// wildcardOK says whether a matching `*` entry e counts as a wildcard.
func (m *model) wildcardOK(e *mEntry, cred bool) bool {
	switch m.p.Wildcards {
	case WildcardsAlways:
		return true
	case WildcardsNever:
		return false
	}
	return !cred && !e.cred
}

// find returns the matching entry for name (Fetch §concept-cache-match-method
// and §concept-cache-match-header), preferring a literal entry with the
// request's own credentials, then another literal one, then a wildcard with
// the request's own credentials, then another wildcard; nil when none.
func (m *model) find(k Key, name string, header, cred bool) *mEntry {
	var best *mEntry
	bestRank := 99
	for i := range m.entries {
		e := &m.entries[i]
		if e.header != header || !m.entryMatch(e, k, cred) {
			continue
		}
		rank := 99
		literal := e.name == name
		if header {
			literal = asciiFold(e.name, name)
		}
		switch {
		case literal:
			rank = 0
		case e.name == "*" && m.wildcardOK(e, cred) &&
			!(header && !m.p.WildcardCoversAuthorization && asciiFold(name, "authorization")):
			rank = 2
		default:
			continue
		}
		if e.cred != cred {
			rank++
		}
		if rank < bestRank {
			best, bestRank = e, rank
		}
	}
	return best
}

func (m *model) exempt(method string) bool {
	switch method {
	case "GET", "POST":
		return true
	case "HEAD":
		return m.p.ExemptMethods != ExemptGetPost
	}
	return false
}

// lookup is Fetch §concept-http-fetch step 4.1, negated.
func (m *model) lookup(k Key, q Query, now time.Time) bool {
	m.purge(now)
	needMethod := q.Forced || !m.exempt(q.Method)
	if !needMethod && len(q.UnsafeHeaders) == 0 {
		return true
	}
	b := m.bucketOf(k, q.Credentials)
	m.touch(b)
	ok := !needMethod || m.find(k, q.Method, false, q.Credentials) != nil
	for _, h := range q.UnsafeHeaders {
		ok = ok && m.find(k, h, true, q.Credentials) != nil
	}
	if !ok && m.p.EraseOnMiss {
		m.dropBucket(b)
	}
	return ok
}

// store is Fetch §cors-preflight-fetch-0 steps 7.10–7.15, or a whole
// replacement under WholeResult.
func (m *model) store(k Key, r Result, now time.Time) {
	if m.p.MaxURLLength > 0 && len(k.URL) >= m.p.MaxURLLength {
		return
	}
	m.purge(now)
	d := r.MaxAge
	if d < 0 {
		d = 0
	}
	if m.p.MaxAgeCap > 0 && d > m.p.MaxAgeCap {
		d = m.p.MaxAgeCap
	}
	exp := now.Add(d)
	b := m.bucketOf(k, r.Credentials)
	existed := m.has(b)
	add := func(header bool, name string) {
		m.entries = append(m.entries, mEntry{key: k, cred: r.Credentials, exp: exp, header: header, name: name})
	}
	if m.p.Granularity == WholeResult {
		m.dropBucket(b)
		if d <= 0 {
			return
		}
		if !existed && len(r.Methods)+len(r.Headers) > 0 {
			m.makeRoom()
		}
		for _, x := range r.Methods {
			add(false, x)
		}
		for _, x := range r.Headers {
			add(true, x)
		}
		m.place(b, existed)
		return
	}
	if !existed && d > 0 && len(r.Methods)+len(r.Headers) > 0 {
		m.makeRoom()
	}
	lists := []struct {
		header bool
		names  []string
	}{{false, r.Methods}, {true, r.Headers}}
	for _, l := range lists {
		// Steps 7.12 / 7.14: refresh the matching entry.
		for _, x := range l.names {
			if e := m.find(k, x, l.header, r.Credentials); e != nil {
				e.exp = exp
			}
		}
		m.purge(now) // a max-age of 0 ends the entry
		// Steps 7.13 / 7.15: create an entry where nothing matches.
		for _, x := range l.names {
			if d > 0 && m.find(k, x, l.header, r.Credentials) == nil {
				add(l.header, x)
			}
		}
	}
	m.place(b, existed)
}

// place records b as just used, if it holds anything.
func (m *model) place(b bucket, existed bool) {
	if !m.has(b) {
		m.dropBucket(b)
		return
	}
	if !existed {
		m.order = append([]bucket{b}, m.order...)
		return
	}
	m.touch(b)
}

// makeRoom evicts the least recently used bucket when a new one would exceed
// Capacity (expired ones are already gone).
func (m *model) makeRoom() {
	if m.p.Capacity <= 0 || m.p.Eviction != EvictLRU {
		return
	}
	for len(m.order) >= m.p.Capacity {
		m.dropBucket(m.order[len(m.order)-1])
	}
}

// clear is Fetch §concept-cache-clear.
func (m *model) clear(k Key) {
	m.dropBucket(bucket{key: k})
	m.dropBucket(bucket{key: k, cred: true})
}

func (m *model) len(now time.Time) int {
	m.purge(now)
	return len(m.entries)
}

// asciiFold is Infra §byte-case-insensitive.
func asciiFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// sortedUnique lower-cases, sorts and de-duplicates header names, as the
// engine does for Query.UnsafeHeaders.
func sortedUnique(names []string) []string {
	out := make([]string, 0, len(names))
	seen := map[string]bool{}
	for _, n := range names {
		n = ascii.Lower(n)
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}
