package cache

import "time"

// Which pool a record's links belong to.
const (
	linkAll  = 0 // the whole cache
	linkPart = 1 // the record's partition
)

// link places a record in one pool: its neighbours in recency order and its
// index in the pool's dense table.
type link struct {
	prev, next *record
	idx        int
}

// pool is a set of records kept in recency order (for EvictLRU) and in a
// dense table (for EvictRandomPurge).
type pool struct {
	which      int
	head, tail *record // head is the most recently used
	table      []*record
	// minDeadline is at or before the earliest deadline in the pool, so
	// a full pool whose minDeadline lies in the future holds nothing
	// expired and need not be scanned.
	minDeadline time.Time
}

func (p *pool) len() int { return len(p.table) }

func (p *pool) add(r *record) {
	l := &r.links[p.which]
	l.idx = len(p.table)
	p.table = append(p.table, r)
	l.prev, l.next = nil, p.head
	if p.head != nil {
		p.head.links[p.which].prev = r
	}
	p.head = r
	if p.tail == nil {
		p.tail = r
	}
}

func (p *pool) unlink(r *record) {
	l := &r.links[p.which]
	if l.prev != nil {
		l.prev.links[p.which].next = l.next
	} else {
		p.head = l.next
	}
	if l.next != nil {
		l.next.links[p.which].prev = l.prev
	} else {
		p.tail = l.prev
	}
	l.prev, l.next = nil, nil
}

func (p *pool) del(r *record) {
	p.unlink(r)
	i := r.links[p.which].idx
	last := len(p.table) - 1
	if i != last {
		moved := p.table[last]
		p.table[i] = moved
		moved.links[p.which].idx = i
	}
	p.table[last] = nil
	p.table = p.table[:last]
	if len(p.table) == 0 {
		p.minDeadline = time.Time{}
	}
}

func (p *pool) moveToFront(r *record) {
	if p.head == r {
		return
	}
	p.unlink(r)
	l := &r.links[p.which]
	l.next = p.head
	if p.head != nil {
		p.head.links[p.which].prev = r
	}
	p.head = r
}

func (p *pool) note(d time.Time) {
	if len(p.table) == 1 || d.Before(p.minDeadline) {
		p.minDeadline = d
	}
}

// partition is the records of one Key.Partition, with its place in the
// partitions' recency list.
type partition struct {
	name       string
	recs       pool
	prev, next *partition
}

// partList orders partitions by recency; head is the most recently used.
type partList struct{ head, tail *partition }

func (l *partList) unlink(p *partition) {
	if p.prev != nil {
		p.prev.next = p.next
	} else {
		l.head = p.next
	}
	if p.next != nil {
		p.next.prev = p.prev
	} else {
		l.tail = p.prev
	}
	p.prev, p.next = nil, nil
}

func (l *partList) pushFront(p *partition) {
	p.prev, p.next = nil, l.head
	if l.head != nil {
		l.head.prev = p
	}
	l.head = p
	if l.tail == nil {
		l.tail = p
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

// insert creates the record for rk, evicting first when a bound is reached.
func (c *Cache) insert(rk recKey, now time.Time) *record {
	if c.p.Capacity > 0 {
		for c.all.len() >= c.p.Capacity && c.all.len() > 0 {
			c.evict(&c.all, now)
		}
	}
	var part *partition
	if c.partitioned() {
		part = c.partitionFor(rk.k.Partition)
		if c.p.PartitionCapacity > 0 {
			for part.recs.len() >= c.p.PartitionCapacity && part.recs.len() > 0 {
				c.evict(&part.recs, now)
			}
		}
		// Evicting may have emptied and dropped the partition.
		part = c.partitionFor(rk.k.Partition)
	}
	r := newRecord(rk)
	c.recs[rk] = r
	c.all.add(r)
	if part != nil {
		r.part = part
		part.recs.add(r)
	}
	return r
}

// partitionFor returns the named partition, creating it (and dropping the
// least recently used one when MaxPartitions is reached) if needed, and
// marks it used.
func (c *Cache) partitionFor(name string) *partition {
	if p := c.parts[name]; p != nil {
		c.partLRU.unlink(p)
		c.partLRU.pushFront(p)
		return p
	}
	if c.parts == nil {
		c.parts = make(map[string]*partition)
	}
	for c.p.MaxPartitions > 0 && len(c.parts) >= c.p.MaxPartitions && c.partLRU.tail != nil {
		// Chromium: base::LRUCache of top-frame sites (preflight_cache.cc).
		c.dropPartition(c.partLRU.tail)
	}
	p := &partition{name: name, recs: pool{which: linkPart}}
	c.parts[name] = p
	c.partLRU.pushFront(p)
	return p
}

func (c *Cache) dropPartition(p *partition) {
	// A partition is never empty; remove drops it with its last record.
	for p.recs.len() > 0 {
		c.remove(p.recs.table[p.recs.len()-1])
	}
}

// remove forgets r entirely.
func (c *Cache) remove(r *record) {
	delete(c.recs, r.rk)
	c.slots -= r.n
	r.n = 0
	c.all.del(r)
	if p := r.part; p != nil {
		p.recs.del(r)
		r.part = nil
		if p.recs.len() == 0 && c.parts[p.name] == p {
			delete(c.parts, p.name)
			c.partLRU.unlink(p)
		}
	}
}

// touch marks r and its partition as just used.
func (c *Cache) touch(r *record) {
	c.all.moveToFront(r)
	if p := r.part; p != nil {
		p.recs.moveToFront(r)
		if c.partLRU.head != p {
			c.partLRU.unlink(p)
			c.partLRU.pushFront(p)
		}
	}
}

// noteDeadline records r's deadline in its pools' lower bounds.
func (c *Cache) noteDeadline(r *record) {
	c.all.note(r.deadline)
	if r.part != nil {
		r.part.recs.note(r.deadline)
	}
}

// evict removes at least one record from the full pool p.
func (c *Cache) evict(p *pool, now time.Time) {
	if c.p.Eviction == EvictRandomPurge {
		c.randomPurge(p)
		return
	}
	// Gecko: purge expired entries first, then the least recently used
	// (nsCORSListenerProxy.cpp, nsPreflightCache).
	if !now.Before(p.minDeadline) {
		c.scratch = c.scratch[:0]
		var low time.Time
		first := true
		for _, r := range p.table {
			if !now.Before(r.deadline) {
				c.scratch = append(c.scratch, r)
				continue
			}
			if first || r.deadline.Before(low) {
				low, first = r.deadline, false
			}
		}
		for i, r := range c.scratch {
			c.remove(r)
			c.scratch[i] = nil
		}
		n := len(c.scratch)
		c.scratch = c.scratch[:0]
		p.minDeadline = low
		if n > 0 {
			return
		}
	}
	c.remove(p.tail)
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
	for i, r := range c.scratch {
		c.remove(r)
		c.scratch[i] = nil
	}
	c.scratch = c.scratch[:0]
}
