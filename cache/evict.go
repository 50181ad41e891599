package cache

import "strings"

// Which pool a record's links belong to.
const (
	linkAll  = 0 // the whole cache
	linkPart = 1 // the record's partition
)

// link places a record in one pool's recency order: its neighbours, as
// record numbers plus one (0 for none). Only pools whose eviction looks at
// recency keep links; see Cache.lru.
type link struct{ prev, next uint32 }

// pool is a set of records kept in a dense table (for EvictRandomPurge and
// for scans) and, when the pool is bounded under EvictLRU, in recency order.
type pool struct {
	which      int
	head, tail uint32 // record numbers plus one; head is the most recently used
	table      []uint32
	// minDeadline is at or before the earliest deadline in the pool, so
	// a full pool whose minDeadline lies in the future holds nothing
	// expired and need not be scanned.
	minDeadline uint64
}

func (p *pool) len() int { return len(p.table) }

// posIn returns where r records its place in the table of a pool of kind which.
func posIn(r *rec, which int) *uint32 {
	if which == linkAll {
		return &r.all
	}
	return &r.pidx
}

func (c *Cache) poolAdd(p *pool, id uint32) {
	*posIn(c.recs.at(id), p.which) = uint32(len(p.table))
	p.table = append(p.table, id)
	if !c.lru[p.which] {
		return
	}
	links := &c.links[p.which]
	*links.at(id) = link{next: p.head}
	if p.head != 0 {
		links.at(p.head - 1).prev = id + 1
	}
	p.head = id + 1
	if p.tail == 0 {
		p.tail = id + 1
	}
}

func (c *Cache) unlink(p *pool, id uint32) {
	links := &c.links[p.which]
	l := links.at(id)
	if l.prev != 0 {
		links.at(l.prev - 1).next = l.next
	} else {
		p.head = l.next
	}
	if l.next != 0 {
		links.at(l.next - 1).prev = l.prev
	} else {
		p.tail = l.prev
	}
	*l = link{}
}

func (c *Cache) poolDel(p *pool, id uint32) {
	if c.lru[p.which] {
		c.unlink(p, id)
	}
	i := *posIn(c.recs.at(id), p.which)
	last := uint32(len(p.table) - 1)
	if i != last {
		moved := p.table[last]
		p.table[i] = moved
		*posIn(c.recs.at(moved), p.which) = i
	}
	p.table = p.table[:last]
	if len(p.table) == 0 {
		p.minDeadline = 0
	}
}

func (c *Cache) moveToFront(p *pool, id uint32) {
	if p.head == id+1 {
		return
	}
	c.unlink(p, id)
	links := &c.links[p.which]
	links.at(id).next = p.head
	if p.head != 0 {
		links.at(p.head - 1).prev = id + 1
	}
	p.head = id + 1
}

func (p *pool) note(d uint64) {
	if len(p.table) == 1 || d < p.minDeadline {
		p.minDeadline = d
	}
}

// partition is the records of one Key.Partition, with its place in the
// partitions' recency list (kept when MaxPartitions bounds them).
type partition struct {
	name       string
	recs       pool
	prev, next uint32 // partition numbers plus one
}

// partList orders partitions by recency; head is the most recently used.
type partList struct{ head, tail uint32 }

func (c *Cache) partUnlink(n uint32) {
	p := &c.partv[n]
	if p.prev != 0 {
		c.partv[p.prev-1].next = p.next
	} else {
		c.partLRU.head = p.next
	}
	if p.next != 0 {
		c.partv[p.next-1].prev = p.prev
	} else {
		c.partLRU.tail = p.prev
	}
	p.prev, p.next = 0, 0
}

func (c *Cache) partPushFront(n uint32) {
	p := &c.partv[n]
	p.prev, p.next = 0, c.partLRU.head
	if c.partLRU.head != 0 {
		c.partv[c.partLRU.head-1].prev = n + 1
	}
	c.partLRU.head = n + 1
	if c.partLRU.tail == 0 {
		c.partLRU.tail = n + 1
	}
}

// splitmix is SplitMix64, a small deterministic generator; the cache never
// uses math/rand's global source.
type splitmix struct{ state uint64 }

func (s *splitmix) next() uint64 {
	s.state += 0x9e3779b97f4a7c15
	z := s.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n); n must be positive.
func (s *splitmix) intn(n int) int { return int(s.next() % uint64(n)) }

func (c *Cache) partitioned() bool {
	return c.p.PartitionCapacity > 0 || c.p.MaxPartitions > 0
}

// newRec returns the number of an empty record.
func (c *Cache) newRec() uint32 {
	if k := len(c.free); k > 0 {
		id := c.free[k-1]
		c.free = c.free[:k-1]
		return id
	}
	id := c.recs.push()
	if c.p.Granularity != WholeResult {
		c.pexps.push()
	}
	for w, on := range c.lru {
		if on {
			c.links[w].push()
		}
	}
	return id
}

// insert creates the record for k, evicting first when a bound is reached.
// c.kbuf and c.ktag hold its packed key and hash (see find).
func (c *Cache) insert(k Key, t uint64) uint32 {
	if c.p.Capacity > 0 {
		for c.all.len() >= c.p.Capacity && c.all.len() > 0 {
			c.evict(&c.all, t)
		}
	}
	part := uint32(0)
	if c.partitioned() {
		n := c.partitionFor(k.Partition)
		if c.p.PartitionCapacity > 0 {
			for c.partv[n].recs.len() >= c.p.PartitionCapacity && c.partv[n].recs.len() > 0 {
				c.evict(&c.partv[n].recs, t)
			}
		}
		// Evicting may have emptied and dropped the partition.
		part = c.partitionFor(k.Partition) + 1
	}
	id := c.newRec()
	r := c.recs.at(id)
	r.tag = c.ktag
	c.idx.insert(string(c.kbuf), c.ktag, id)
	c.poolAdd(&c.all, id)
	if part != 0 {
		r.part = part
		c.poolAdd(&c.partv[part-1].recs, id)
	}
	return id
}

// partitionFor returns the number of the named partition, creating it (and
// dropping the least recently used one when MaxPartitions is reached) if
// needed, and marks it used.
func (c *Cache) partitionFor(name string) uint32 {
	bounded := c.p.MaxPartitions > 0
	if n, ok := c.parts[name]; ok {
		if bounded {
			c.partUnlink(n - 1)
			c.partPushFront(n - 1)
		}
		return n - 1
	}
	if c.parts == nil {
		c.parts = make(map[string]uint32)
	}
	for bounded && len(c.parts) >= c.p.MaxPartitions && c.partLRU.tail != 0 {
		// Chromium: base::LRUCache of top-frame sites (preflight_cache.cc).
		c.dropPartition(c.partLRU.tail - 1)
	}
	var n uint32
	if k := len(c.partFree); k > 0 {
		n = c.partFree[k-1]
		c.partFree = c.partFree[:k-1]
	} else {
		n = uint32(len(c.partv))
		c.partv = append(c.partv, partition{})
	}
	// A copy, so that the cache never keeps the caller's string alive.
	name = strings.Clone(name)
	c.partv[n] = partition{name: name, recs: pool{which: linkPart}}
	c.parts[name] = n + 1
	if bounded {
		c.partPushFront(n)
	}
	return n
}

func (c *Cache) dropPartition(n uint32) {
	// A partition is never empty; remove drops it with its last record.
	for p := &c.partv[n]; p.recs.len() > 0; {
		c.remove(p.recs.table[p.recs.len()-1])
	}
}

// remove forgets record id entirely.
func (c *Cache) remove(id uint32) {
	r := c.recs.at(id)
	c.idx.delete(r.tag, id)
	c.slots -= int(r.n)
	c.clearToks(id, r)
	c.poolDel(&c.all, id)
	if r.part != 0 {
		n := r.part - 1
		p := &c.partv[n]
		c.poolDel(&p.recs, id)
		if p.recs.len() == 0 {
			delete(c.parts, p.name)
			if c.p.MaxPartitions > 0 {
				c.partUnlink(n)
			}
			c.partv[n] = partition{}
			c.partFree = append(c.partFree, n)
		}
	}
	*r = rec{}
	c.free = append(c.free, id)
}

// touch marks record id and its partition as just used.
func (c *Cache) touch(id uint32) {
	if c.lru[linkAll] {
		c.moveToFront(&c.all, id)
	}
	if part := c.recs.at(id).part; part != 0 {
		if c.lru[linkPart] {
			c.moveToFront(&c.partv[part-1].recs, id)
		}
		if c.p.MaxPartitions > 0 && c.partLRU.head != part {
			c.partUnlink(part - 1)
			c.partPushFront(part - 1)
		}
	}
}

// noteDeadline records record id's deadline in its pools' lower bounds.
func (c *Cache) noteDeadline(id uint32) {
	r := c.recs.at(id)
	c.all.note(r.deadline)
	if r.part != 0 {
		c.partv[r.part-1].recs.note(r.deadline)
	}
}

// evict removes at least one record from the full pool p.
func (c *Cache) evict(p *pool, t uint64) {
	if c.p.Eviction == EvictRandomPurge {
		c.randomPurge(p)
		return
	}
	// Gecko: purge expired entries first, then the least recently used
	// (nsCORSListenerProxy.cpp, nsPreflightCache).
	if t >= p.minDeadline {
		c.scratch = c.scratch[:0]
		var low uint64
		first := true
		for _, id := range p.table {
			d := c.recs.at(id).deadline
			if t >= d {
				c.scratch = append(c.scratch, id)
				continue
			}
			if first || d < low {
				low, first = d, false
			}
		}
		for _, id := range c.scratch {
			c.remove(id)
		}
		n := len(c.scratch)
		c.scratch = c.scratch[:0]
		p.minDeadline = low
		if n > 0 {
			return
		}
	}
	c.remove(p.tail - 1)
}

// randomPurge removes PurgeUnit contiguous records of p's table from a
// pseudo-random start (Chromium kPurgeUnit, preflight_cache.cc).
func (c *Cache) randomPurge(p *pool) {
	unit := c.p.PurgeUnit
	if unit < 1 {
		unit = 1
	}
	n := p.len()
	if unit > n {
		unit = n
	}
	start := c.rng.intn(n - unit + 1)
	c.scratch = append(c.scratch[:0], p.table[start:start+unit]...)
	for _, id := range c.scratch {
		c.remove(id)
	}
	c.scratch = c.scratch[:0]
}
