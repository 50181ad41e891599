package cache

import (
	"hash/maphash"
	"sync"
	"time"
)

// Key identifies the requests that share preflight results (Fetch
// §concept-cache-key, §concept-cache-origin, §concept-cache-url). Keys are
// compared byte for byte.
type Key struct {
	// Partition is the network partition key, e.g. the top-level site, or
	// "" when the simulation does not partition.
	Partition string
	// Origin is the byte-serialized request origin; "null" for tainted or
	// opaque requesters, who then all share entries.
	Origin string
	// URL is the request's current URL, serialized without its fragment.
	URL string
}

// Result is what one preflight allows: the parsed Access-Control-Allow-Methods
// and Access-Control-Allow-Headers values of a successful preflight (or, for
// a WebKit-like policy with StoreRejected, of one whose method or header check
// failed).
type Result struct {
	// Methods are the allowed methods, exact bytes; may contain "*".
	Methods []string
	// Headers are the allowed header names in any case; may contain "*".
	Headers []string
	// Credentials is true when the request's credentials mode was "include".
	Credentials bool
	// MaxAge is the lifetime from [Policy.MaxAge]. Store caps it again and
	// treats a negative value as zero.
	MaxAge time.Duration
}

// Query is what a request needs from the cache to skip its preflight
// (Fetch §concept-http-fetch step 4.1).
type Query struct {
	// Method is the request's normalized method.
	Method string
	// UnsafeHeaders are the request's CORS-unsafe request-header names
	// (Fetch §cors-unsafe-request-header-names): lower-case, sorted,
	// unique. Upper-case bytes are tolerated at some cost.
	UnsafeHeaders []string
	// Credentials is true when the credentials mode is "include".
	Credentials bool
	// Forced is the request's use-CORS-preflight flag.
	Forced bool
}

// Cache is a CORS-preflight cache run by one [Policy]. It is safe for
// concurrent use; every method takes one mutex. Time never advances by
// itself: callers pass now, so a simulation controls the clock.
type Cache struct {
	mu        sync.Mutex
	p         Policy
	idx       index                      // packed key → record
	recs      slab[rec]                  // records by number; free ones are zero
	pexps     slab[[pexpsInline]entries] // PerToken: the inline tokens' entries, by record
	free      []uint32                   // numbers of free records
	spills    []spill                    // tokens beyond a record's inline ones
	spillFree []uint32
	names     names
	all       pool              // every record, for Capacity
	lru       [2]bool           // whether the pools of each kind keep recency (see linkAll)
	links     [2]slab[link]     // recency links by record, where lru says so
	parts     map[string]uint32 // partition numbers plus one
	partv     []partition
	partFree  []uint32
	partLRU   partList
	slots     int // PerToken entries held
	rng       splitmix
	scratch   []uint32
	oldToks   []uint32  // storeWhole's scratch
	kbuf      []byte    // the last packed key (see find)
	ktag      uint32    // its hash
	epoch     time.Time // see tick
	clockSet  bool
}

// New returns an empty cache that follows p.
func New(p Policy) *Cache {
	c := &Cache{p: p}
	c.init()
	return c
}

func (c *Cache) init() {
	c.idx = index{seed: maphash.MakeSeed()}
	c.recs, c.pexps, c.free = slab[rec]{}, slab[[pexpsInline]entries]{}, nil
	c.spills, c.spillFree = nil, nil
	c.names = names{}
	c.all = pool{which: linkAll}
	// Only a bounded pool under EvictLRU ever asks for its least recently
	// used record.
	lru := c.p.Eviction != EvictRandomPurge
	c.lru = [2]bool{lru && c.p.Capacity > 0, lru && c.p.PartitionCapacity > 0}
	c.links = [2]slab[link]{}
	c.parts, c.partv, c.partFree, c.partLRU = nil, nil, nil, partList{}
	c.slots = 0
	c.rng = splitmix{state: c.p.Seed}
	c.scratch = c.scratch[:0]
	c.epoch, c.clockSet = time.Time{}, false
}

// Policy returns the policy the cache was created with.
func (c *Cache) Policy() Policy { return c.p }

// Lookup reports whether the cache holds what q needs, so that no preflight
// is needed (Fetch §concept-http-fetch step 4.1, with
// §concept-cache-match-method and §concept-cache-match-header), applying the
// policy's credentials, wildcard and method-exemption rules. A query that
// needs nothing (an exempt method, not forced, no unsafe header) is covered
// even by an empty cache.
//
// Lookup drops a record whose entries have all expired and, with
// EraseOnMiss, the record it found but could not use. A hit does not
// allocate.
func (c *Cache) Lookup(k Key, q Query, now time.Time) bool {
	// Fetch §concept-http-fetch step 4.1: the method needs an entry only
	// when it is not a CORS-safelisted method or the use-CORS-preflight
	// flag is set.
	needMethod := q.Forced || !c.p.exempt(q.Method)
	if !needMethod && len(q.UnsafeHeaders) == 0 {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.find(k, c.p.CredentialsInKey && q.Credentials)
	if !ok {
		return false
	}
	t := c.tick(now)
	// Fetch §concept-cache: entries must be removed once max-age
	// has passed.
	if t >= c.recs.at(id).deadline {
		c.remove(id)
		return false
	}
	c.touch(id)
	if c.covers(id, q, needMethod, t) {
		return true
	}
	if c.p.EraseOnMiss {
		c.remove(id)
	}
	return false
}

// Store records what one preflight allowed (Fetch §cors-preflight-fetch-0
// steps 7.12–7.15 with §concept-cache-create-entry). Under PerToken it
// refreshes the entries the preflight repeats and creates the others; under
// WholeResult it replaces the key's result. A zero MaxAge creates nothing:
// under PerToken it ends the entries it would refresh, under WholeResult it
// removes the key's result. A new record may evict others per Capacity,
// PartitionCapacity and MaxPartitions. Keys whose URL is MaxURLLength bytes
// or longer are not stored.
func (c *Cache) Store(k Key, r Result, now time.Time) {
	if c.p.MaxURLLength > 0 && len(k.URL) >= c.p.MaxURLLength {
		return
	}
	d := c.p.capAge(r.MaxAge)
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.tick(now)
	id, found := c.find(k, c.p.CredentialsInKey && r.Credentials)
	if found && t >= c.recs.at(id).deadline {
		c.remove(id)
		found = false
	}
	if c.p.Granularity == WholeResult {
		c.storeWhole(id, found, k, r, d, t)
		return
	}
	c.storeTokens(id, found, k, r, d, t)
}

// Clear removes every entry for k, credentialed or not, whatever its method
// or header name (Fetch §concept-cache-clear).
func (c *Cache) Clear(k Key) {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Fetch §concept-cache-clear: key, origin and URL must match; method,
	// header name and credentials are ignored.
	for _, cred := range [2]bool{false, true} {
		if id, ok := c.find(k, cred); ok {
			c.remove(id)
		}
	}
}

// Reset empties the cache and reseeds its pseudo-random source, so that it
// behaves like a cache just returned by [New].
func (c *Cache) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.init()
}

// Len returns the number of entries held: one per record under WholeResult,
// one per (method or header name, credentials) entry under PerToken.
// Expired entries count until an operation removes them; see [Cache.Purge].
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lenLocked()
}

// Purge removes every entry that has expired at now and returns how many
// entries it removed (counted as [Cache.Len] counts them). Long-running
// embedders can call it to bound memory; the simulation never needs to.
func (c *Cache) Purge(now time.Time) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	before := c.lenLocked()
	t := c.tick(now)
	c.scratch = c.scratch[:0]
	// Walk the table, not the map, so that the order of removals (and so
	// the table order EvictRandomPurge draws from) is deterministic.
	for _, id := range c.all.table {
		if c.p.Granularity == PerToken {
			c.dropExpiredSlots(id, t)
			if c.recs.at(id).n == 0 {
				c.scratch = append(c.scratch, id)
			}
		} else if t >= c.recs.at(id).deadline {
			c.scratch = append(c.scratch, id)
		}
	}
	for _, id := range c.scratch {
		c.remove(id)
	}
	c.scratch = c.scratch[:0]
	return before - c.lenLocked()
}

func (c *Cache) lenLocked() int {
	if c.p.Granularity == WholeResult {
		return c.all.len()
	}
	return c.slots
}
