package cache

import "time"

// recKey names one record. cred is set only under CredentialsInKey.
type recKey struct {
	k    Key
	cred bool
}

// slot is one cache entry (Fetch §concept-cache) for a method or header
// name: present or not, and when it stops being usable.
type slot struct {
	exp time.Time
	ok  bool
}

func (s slot) live(now time.Time) bool { return s.ok && now.Before(s.exp) }

// tokenState holds the entries for one method or header name: index 0 the
// entry stored by a non-credentialed preflight, index 1 a credentialed one
// (Fetch §concept-cache-credentials).
type tokenState [2]slot

// serves reports whether a live entry matches a request with the given
// credentials (Fetch §concept-cache-match): a credentialed entry serves both
// kinds of request, a non-credentialed entry only non-credentialed ones.
// Under CredentialsInKey a record only ever fills the index of its own
// credentials mode, so the same test gives Gecko's separation.
func (t *tokenState) serves(cred bool, now time.Time) bool {
	if cred {
		return t[1].live(now)
	}
	return t[0].live(now) || t[1].live(now)
}

// record is everything cached for one recKey.
type record struct {
	rk       recKey
	methods  map[string]tokenState // exact bytes
	headers  map[string]tokenState // byte-lowercased
	n        int                   // slots present (PerToken)
	deadline time.Time             // no entry of the record is live at or after it
	part     *partition
	links    [2]link
}

// newRecord returns an empty record; its maps are made when first written.
func newRecord(rk recKey) *record { return &record{rk: rk} }

// makeMaps makes r's token maps that a result with nm methods and nh headers
// is about to write.
func (r *record) makeMaps(nm, nh int) {
	if r.methods == nil && nm > 0 {
		r.methods = make(map[string]tokenState, nm)
	}
	if r.headers == nil && nh > 0 {
		r.headers = make(map[string]tokenState, nh)
	}
}

// dropExpiredSlots removes r's expired PerToken entries.
func (c *Cache) dropExpiredSlots(r *record, now time.Time) {
	for _, tokens := range [2]map[string]tokenState{r.methods, r.headers} {
		for name, t := range tokens {
			c.dropExpired(r, tokens, name, t, now)
		}
	}
}

// dropExpired removes the expired entries of t, the state of name in tokens
// (one of r's maps), and returns what is left; name leaves the map when
// nothing is. Fetch §concept-cache: an expired entry must already be
// gone.
func (c *Cache) dropExpired(r *record, tokens map[string]tokenState, name string, t tokenState, now time.Time) tokenState {
	changed := false
	for i := range t {
		if t[i].ok && !t[i].live(now) {
			t[i] = slot{}
			r.n--
			c.slots--
			changed = true
		}
	}
	switch {
	case !t[0].ok && !t[1].ok:
		delete(tokens, name)
	case changed:
		tokens[name] = t
	}
	return t
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

// expiry returns now+d. time.Time.Add saturates at the latest representable
// time instead of wrapping, so a huge max-age never lands in the past.
func expiry(now time.Time, d time.Duration) time.Time { return now.Add(d) }
