package cache

import (
	"fmt"
	"testing"

	"pgregory.net/rapid"
)

func keyIn(part string, i int) Key {
	return Key{Partition: part, Origin: "https://app.test", URL: fmt.Sprintf("https://api.test/%d", i)}
}

var putPUT = allow(list("PUT"), nil, false, 600)

// has reports whether k still allows PUT at second s; it counts as a use.
func has(c *Cache, k Key, s int) bool { return c.Lookup(k, ask("PUT"), at(s)) }

func TestEvictLRU(t *testing.T) {
	lru := Policy{Capacity: 2}
	for _, tc := range []struct {
		name string
		run  func(c *Cache) []bool
		want []bool
	}{
		// Gecko nsCORSListenerProxy.cpp: the least recently used entry goes.
		{name: "oldest-goes", run: func(c *Cache) []bool {
			c.Store(keyIn("", 0), putPUT, at(0))
			c.Store(keyIn("", 1), putPUT, at(0))
			c.Store(keyIn("", 2), putPUT, at(1))
			return []bool{has(c, keyIn("", 0), 2), has(c, keyIn("", 1), 2), has(c, keyIn("", 2), 2)}
		}, want: []bool{false, true, true}},
		{name: "lookup-counts-as-use", run: func(c *Cache) []bool {
			c.Store(keyIn("", 0), putPUT, at(0))
			c.Store(keyIn("", 1), putPUT, at(0))
			has(c, keyIn("", 0), 1)
			c.Store(keyIn("", 2), putPUT, at(2))
			return []bool{has(c, keyIn("", 0), 3), has(c, keyIn("", 1), 3), has(c, keyIn("", 2), 3)}
		}, want: []bool{true, false, true}},
		{name: "missed-lookup-counts-as-use", run: func(c *Cache) []bool {
			c.Store(keyIn("", 0), putPUT, at(0))
			c.Store(keyIn("", 1), putPUT, at(0))
			c.Lookup(keyIn("", 0), ask("DELETE"), at(1))
			c.Store(keyIn("", 2), putPUT, at(2))
			return []bool{has(c, keyIn("", 0), 3), has(c, keyIn("", 1), 3)}
		}, want: []bool{true, false}},
		{name: "store-counts-as-use", run: func(c *Cache) []bool {
			c.Store(keyIn("", 0), putPUT, at(0))
			c.Store(keyIn("", 1), putPUT, at(0))
			c.Store(keyIn("", 0), putPUT, at(1))
			c.Store(keyIn("", 2), putPUT, at(2))
			return []bool{has(c, keyIn("", 0), 3), has(c, keyIn("", 1), 3)}
		}, want: []bool{true, false}},
		// Gecko nsCORSListenerProxy.cpp: expired entries go before the LRU one.
		{name: "expired-first", run: func(c *Cache) []bool {
			c.Store(keyIn("", 0), allow(list("PUT"), nil, false, 5), at(0))
			c.Store(keyIn("", 1), putPUT, at(0))
			has(c, keyIn("", 0), 1) // keyIn 1 is now least recently used
			c.Store(keyIn("", 2), putPUT, at(10))
			return []bool{has(c, keyIn("", 1), 11), has(c, keyIn("", 2), 11)}
		}, want: []bool{true, true}},
		{name: "refresh-to-shorter-counts-as-expired", run: func(c *Cache) []bool {
			c.Store(keyIn("", 0), putPUT, at(0))
			c.Store(keyIn("", 0), allow(list("PUT"), nil, false, 5), at(1))
			c.Store(keyIn("", 1), putPUT, at(2))
			has(c, keyIn("", 0), 3)
			c.Store(keyIn("", 2), putPUT, at(10))
			return []bool{has(c, keyIn("", 1), 11), has(c, keyIn("", 2), 11)}
		}, want: []bool{true, true}},
		{name: "replacing-does-not-evict", run: func(c *Cache) []bool {
			c.Store(keyIn("", 0), putPUT, at(0))
			c.Store(keyIn("", 1), putPUT, at(0))
			c.Store(keyIn("", 1), allow(list("PUT", "DELETE"), nil, false, 600), at(1))
			return []bool{has(c, keyIn("", 0), 2), has(c, keyIn("", 1), 2)}
		}, want: []bool{true, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(lru)
			got := tc.run(c)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("present = %v, want %v", got, tc.want)
			}
			checkInvariants(t, c)
		})
	}
}

// survivors stores n keys into a fresh cache and lists which remain.
func survivors(c *Cache, n int) []int {
	for i := 0; i < n; i++ {
		c.Store(keyIn("", i), putPUT, at(0))
	}
	return present(c, n)
}

// present lists which of the first n keys have a record.
func present(c *Cache, n int) []int {
	var out []int
	for i := 0; i < n; i++ {
		if _, ok := c.find(keyIn("", i), false); ok {
			out = append(out, i)
		}
	}
	return out
}

func TestEvictRandomPurge(t *testing.T) {
	p := Policy{Granularity: WholeResult, Capacity: 20, Eviction: EvictRandomPurge, PurgeUnit: 10, Seed: 7}
	for _, tc := range []struct {
		name    string
		p       Policy
		stores  int
		wantLen int
	}{
		// Chromium preflight_cache.cc: kMaxCacheEntries, kPurgeUnit contiguous entries.
		{name: "purge-10-of-20", p: p, stores: 21, wantLen: 11},
		{name: "under-capacity", p: p, stores: 20, wantLen: 20},
		{name: "two-purges", p: p, stores: 31, wantLen: 11},
		{name: "unit-0-means-1", p: Policy{Granularity: WholeResult, Capacity: 3, Eviction: EvictRandomPurge}, stores: 4, wantLen: 3},
		{name: "unit-above-capacity", p: Policy{Granularity: WholeResult, Capacity: 3, Eviction: EvictRandomPurge, PurgeUnit: 10}, stores: 4, wantLen: 1},
		{name: "chromium-1024", p: chromiumPolicy, stores: 1025, wantLen: 1015},
		{name: "per-token-records", p: Policy{Capacity: 5, Eviction: EvictRandomPurge, PurgeUnit: 2}, stores: 6, wantLen: 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(tc.p)
			survivors(c, tc.stores)
			if got := c.Len(); got != tc.wantLen {
				t.Errorf("Len() = %d, want %d", got, tc.wantLen)
			}
			checkInvariants(t, c)
		})
	}

	t.Run("same-seed-same-victims", func(t *testing.T) {
		a, b := survivors(New(p), 45), survivors(New(p), 45)
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("survivors differ: %v vs %v", a, b)
		}
	})
	t.Run("reset-reseeds", func(t *testing.T) {
		c := New(p)
		a := survivors(c, 45)
		c.Reset()
		if b := survivors(c, 45); fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("after Reset: %v, want %v", b, a)
		}
	})
	t.Run("same-seed-same-victims-with-purge-and-clear", func(t *testing.T) {
		run := func() string {
			c := New(p)
			for i := 0; i < 200; i++ {
				age := 5 + i%3*100
				c.Store(keyIn("", i%60), allow(list("PUT"), nil, false, age), at(i))
				if i%17 == 0 {
					c.Purge(at(i))
				}
				if i%23 == 0 {
					c.Clear(keyIn("", i%60/2))
				}
			}
			return fmt.Sprintf("%v %q %d", present(c, 60), keyOf(c, c.all.table[0]), c.Len())
		}
		first := run()
		for i := 0; i < 5; i++ {
			if got := run(); got != first {
				t.Fatalf("run %d differs: %s vs %s", i, got, first)
			}
		}
	})
	t.Run("seed-matters", func(t *testing.T) {
		a := fmt.Sprint(survivors(New(p), 45))
		for seed := uint64(8); seed < 40; seed++ {
			q := p
			q.Seed = seed
			if fmt.Sprint(survivors(New(q), 45)) != a {
				return
			}
		}
		t.Error("32 seeds all evicted the same records")
	})
}

func TestEvictPartitions(t *testing.T) {
	perPart := Policy{PartitionCapacity: 2}
	twoParts := Policy{MaxPartitions: 2}
	global := Policy{Capacity: 2, PartitionCapacity: 10}
	for _, tc := range []struct {
		name string
		p    Policy
		run  func(c *Cache) []bool
		want []bool
	}{
		{name: "partition-evicts-inside", p: perPart, run: func(c *Cache) []bool {
			c.Store(keyIn("p1", 0), putPUT, at(0))
			c.Store(keyIn("p1", 1), putPUT, at(0))
			c.Store(keyIn("p2", 2), putPUT, at(0))
			c.Store(keyIn("p1", 3), putPUT, at(1))
			return []bool{has(c, keyIn("p1", 0), 2), has(c, keyIn("p1", 1), 2), has(c, keyIn("p2", 2), 2), has(c, keyIn("p1", 3), 2)}
		}, want: []bool{false, true, true, true}},
		// Chromium preflight_cache.cc: base::LRUCache of top-frame sites.
		{name: "lru-partition-dropped-whole", p: twoParts, run: func(c *Cache) []bool {
			c.Store(keyIn("p1", 0), putPUT, at(0))
			c.Store(keyIn("p2", 1), putPUT, at(0))
			c.Store(keyIn("p2", 2), putPUT, at(0))
			has(c, keyIn("p1", 0), 1)
			c.Store(keyIn("p3", 3), putPUT, at(2))
			return []bool{has(c, keyIn("p1", 0), 3), has(c, keyIn("p2", 1), 3), has(c, keyIn("p2", 2), 3), has(c, keyIn("p3", 3), 3)}
		}, want: []bool{true, false, false, true}},
		{name: "global-bound-across-partitions", p: global, run: func(c *Cache) []bool {
			c.Store(keyIn("p1", 0), putPUT, at(0))
			c.Store(keyIn("p2", 1), putPUT, at(0))
			c.Store(keyIn("p3", 2), putPUT, at(1))
			return []bool{has(c, keyIn("p1", 0), 2), has(c, keyIn("p2", 1), 2), has(c, keyIn("p3", 2), 2)}
		}, want: []bool{false, true, true}},
		{name: "partition-of-one-refills", p: Policy{PartitionCapacity: 1}, run: func(c *Cache) []bool {
			c.Store(keyIn("p1", 0), putPUT, at(0))
			c.Store(keyIn("p1", 1), putPUT, at(1))
			return []bool{has(c, keyIn("p1", 0), 2), has(c, keyIn("p1", 1), 2), len(c.parts) == 1}
		}, want: []bool{false, true, true}},
		{name: "empty-partition-forgotten", p: perPart, run: func(c *Cache) []bool {
			c.Store(keyIn("p1", 0), putPUT, at(0))
			c.Clear(keyIn("p1", 0))
			return []bool{len(c.parts) == 0}
		}, want: []bool{true}},
		{name: "random-purge-in-partition", p: Policy{PartitionCapacity: 4, PurgeUnit: 2, Eviction: EvictRandomPurge, Granularity: WholeResult}, run: func(c *Cache) []bool {
			for i := 0; i < 5; i++ {
				c.Store(keyIn("p1", i), putPUT, at(0))
			}
			c.Store(keyIn("p2", 9), putPUT, at(0))
			return []bool{c.Len() == 4, has(c, keyIn("p1", 4), 1), has(c, keyIn("p2", 9), 1)}
		}, want: []bool{true, true, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(tc.p)
			got := tc.run(c)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			checkInvariants(t, c)
		})
	}

	t.Run("chromium-newest-bounds", func(t *testing.T) {
		// Chromium preflight_cache.cc: 32 per top-frame site (purge 4), 128 sites.
		c := New(chromiumPartitionedPolicy)
		for i := 0; i < 33; i++ {
			c.Store(keyIn("site", i), putPUT, at(0))
		}
		if got := c.Len(); got != 29 {
			t.Errorf("after 33 stores in one site: Len() = %d, want 29", got)
		}
		c.Reset()
		for i := 0; i < 129; i++ {
			c.Store(keyIn(fmt.Sprint("site", i), i), putPUT, at(0))
		}
		if got := len(c.parts); got != 128 {
			t.Errorf("partitions = %d, want 128", got)
		}
		if has(c, keyIn("site0", 0), 1) || !has(c, keyIn("site128", 128), 1) {
			t.Error("the least recently used site was not the one dropped")
		}
		checkInvariants(t, c)
	})
}

// TestBoundsHold drives random stores, look-ups and clears through bounded
// policies and checks the bounds and the internal bookkeeping after each.
func TestBoundsHold(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Policy{
			Granularity:       Granularity(rapid.IntRange(0, 1).Draw(t, "granularity")),
			CredentialsInKey:  rapid.Bool().Draw(t, "credInKey"),
			Capacity:          rapid.IntRange(0, 6).Draw(t, "capacity"),
			Eviction:          Eviction(rapid.IntRange(0, 1).Draw(t, "eviction")),
			PurgeUnit:         rapid.IntRange(0, 4).Draw(t, "unit"),
			Seed:              rapid.Uint64().Draw(t, "seed"),
			PartitionCapacity: rapid.IntRange(0, 3).Draw(t, "partCap"),
			MaxPartitions:     rapid.IntRange(0, 3).Draw(t, "maxParts"),
			EraseOnMiss:       rapid.Bool().Draw(t, "erase"),
		}
		c := New(p)
		now := 0
		for i := rapid.IntRange(0, 60).Draw(t, "n"); i > 0; i-- {
			k := keyIn(rapid.SampledFrom([]string{"a", "b", "c", "d"}).Draw(t, "part"), rapid.IntRange(0, 5).Draw(t, "url"))
			switch rapid.IntRange(0, 5).Draw(t, "op") {
			case 0, 1, 2:
				r := allow(rapid.SliceOfN(rapid.SampledFrom(smMethods), 0, 3).Draw(t, "methods"), nil, rapid.Bool().Draw(t, "cred"), rapid.IntRange(0, 20).Draw(t, "age"))
				c.Store(k, r, at(now))
			case 3:
				c.Lookup(k, ask(rapid.SampledFrom(smMethods).Draw(t, "method")), at(now))
			case 4:
				c.Clear(k)
			case 5:
				now += rapid.IntRange(0, 10).Draw(t, "advance")
			}
			checkInvariants(t, c)
		}
	})
}

type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// keyOf returns the packed key record id is filed under.
func keyOf(c *Cache, id uint32) string {
	for _, s := range c.idx.slots {
		if s.id == id+1 {
			return s.key
		}
	}
	return ""
}

// checkInvariants verifies the cache's internal bookkeeping and bounds.
func checkInvariants(t fataler, c *Cache) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.p
	if c.idx.n != c.all.len() {
		t.Fatalf("%d records in the index, %d in the table", c.idx.n, c.all.len())
	}
	if p.Capacity > 0 && c.all.len() > p.Capacity {
		t.Fatalf("%d records exceed Capacity %d", c.all.len(), p.Capacity)
	}
	checkPool(t, c, &c.all, 0)
	live := map[uint32]bool{}
	filed := 0
	for i, s := range c.idx.slots {
		if s.id == 0 {
			continue
		}
		filed++
		id := s.id - 1
		if live[id] {
			t.Fatalf("record %d filed twice", id)
		}
		live[id] = true
		if s.tag != c.idx.hash([]byte(s.key)) || c.recs.at(id).tag != s.tag {
			t.Fatalf("record filed under the wrong key")
		}
		if got, ok := c.idx.find([]byte(s.key), s.tag); !ok || got != id {
			t.Fatalf("slot %d not found from its key", i)
		}
	}
	if filed != c.idx.n {
		t.Fatalf("index counts %d records, holds %d", c.idx.n, filed)
	}
	for _, id := range c.free {
		if live[id] || *c.recs.at(id) != (rec{}) {
			t.Fatalf("free record %d in use", id)
		}
	}
	if int(c.recs.len()) != len(live)+len(c.free) {
		t.Fatalf("%d records, %d live and %d free", c.recs.len(), len(live), len(c.free))
	}
	refs := map[uint32]uint32{}
	slots, inParts := 0, 0
	for id := range live {
		r := c.recs.at(id)
		n := 0
		seen := map[uint32]bool{}
		for pos := 0; pos < c.ntoks(r); pos++ {
			tok := c.tokAt(r, pos)
			if seen[tok] {
				t.Fatalf("token %d held twice", tok)
			}
			seen[tok] = true
			refs[tok>>1]++
			if c.findTok(r, tok) != pos {
				t.Fatalf("token %d not found at %d", tok, pos)
			}
			if p.Granularity == WholeResult {
				continue
			}
			ts := c.expsAt(id, r, pos)
			if ts[0] == 0 && ts[1] == 0 {
				t.Fatalf("empty token kept")
			}
			for _, s := range ts {
				if s != 0 {
					n++
					if s > r.deadline {
						t.Fatalf("entry outlives its record's deadline")
					}
				}
			}
		}
		if int(r.ntok) < len(r.toks) {
			for _, tok := range r.toks[r.ntok:] {
				if tok != 0 {
					t.Fatalf("stale inline token")
				}
			}
		}
		if p.Granularity != WholeResult {
			for _, e := range c.pexps.at(id)[min(int(r.ntok), pexpsInline):] {
				if e != (entries{}) {
					t.Fatalf("stale inline entries")
				}
			}
		}
		if sp := c.spillOf(r); sp != nil {
			if int(r.ntok) != c.inlineTokens() || len(sp.toks) == 0 {
				t.Fatalf("spill of %d tokens with %d inline", len(sp.toks), r.ntok)
			}
			if len(sp.toks) >= spillMapMin && sp.pos == nil {
				t.Fatalf("spill of %d tokens without a map", len(sp.toks))
			}
			if sp.pos != nil && len(sp.pos) != len(sp.toks) {
				t.Fatalf("spill map holds %d of %d tokens", len(sp.pos), len(sp.toks))
			}
		}
		if p.Granularity == PerToken && n != int(r.n) {
			t.Fatalf("record counts %d entries, holds %d", r.n, n)
		}
		slots += int(r.n)
		if c.partitioned() != (r.part != 0) {
			t.Fatalf("partition membership wrong")
		}
	}
	if p.Granularity == PerToken && slots != c.slots {
		t.Fatalf("cache counts %d entries, records hold %d", c.slots, slots)
	}
	named := 0
	for id, s := range c.names.strs {
		if c.names.refs[id] != refs[uint32(id)] {
			t.Fatalf("name %q counted %d times, used %d", s, c.names.refs[id], refs[uint32(id)])
		}
		if refs[uint32(id)] > 0 {
			named++
			if got, ok := c.names.ids[s]; !ok || got != uint32(id) {
				t.Fatalf("name %q not interned", s)
			}
		}
	}
	if named != len(c.names.ids) {
		t.Fatalf("%d names interned, %d in use", len(c.names.ids), named)
	}
	if p.MaxPartitions > 0 && len(c.parts) > p.MaxPartitions {
		t.Fatalf("%d partitions exceed MaxPartitions %d", len(c.parts), p.MaxPartitions)
	}
	if p.MaxPartitions > 0 {
		listed := 0
		for q := c.partLRU.head; q != 0; q = c.partv[q-1].next {
			listed++
			if c.parts[c.partv[q-1].name] != q {
				t.Fatalf("listed partition %q not in the map", c.partv[q-1].name)
			}
			if listed > len(c.partv) {
				t.Fatalf("partition list loops")
			}
		}
		if listed != len(c.parts) {
			t.Fatalf("%d partitions listed, %d in the map", listed, len(c.parts))
		}
	}
	for name, n := range c.parts {
		q := &c.partv[n-1]
		if q.name != name {
			t.Fatalf("partition %q filed as %q", q.name, name)
		}
		if q.recs.len() == 0 {
			t.Fatalf("empty partition %q kept", q.name)
		}
		if p.PartitionCapacity > 0 && q.recs.len() > p.PartitionCapacity {
			t.Fatalf("partition %q holds %d records, cap %d", q.name, q.recs.len(), p.PartitionCapacity)
		}
		checkPool(t, c, &q.recs, n)
		inParts += q.recs.len()
	}
	if c.partitioned() && inParts != c.idx.n {
		t.Fatalf("%d records in partitions, %d in the cache", inParts, c.idx.n)
	}
}

// checkPool verifies one pool; part is its partition's number plus one, or
// 0 for the whole cache.
func checkPool(t fataler, c *Cache, p *pool, part uint32) {
	t.Helper()
	for i, id := range p.table {
		r := c.recs.at(id)
		if *posIn(r, p.which) != uint32(i) {
			t.Fatalf("record at %d thinks it is at %d", i, *posIn(r, p.which))
		}
		if part != 0 && r.part != part {
			t.Fatalf("record in the wrong partition")
		}
	}
	if c.lru[p.which] {
		n := 0
		var prev uint32
		for r := p.head; r != 0; r = c.links[p.which].at(r - 1).next {
			if c.links[p.which].at(r-1).prev != prev {
				t.Fatalf("broken back link")
			}
			prev = r
			n++
			if n > len(p.table) {
				t.Fatalf("recency list longer than the table")
			}
		}
		if n != len(p.table) || p.tail != prev {
			t.Fatalf("recency list has %d records, table %d", n, len(p.table))
		}
	} else if p.head != 0 || p.tail != 0 {
		t.Fatalf("recency kept for a pool that never evicts by it")
	}
	for _, id := range p.table {
		if d := c.recs.at(id).deadline; d < p.minDeadline {
			t.Fatalf("pool's lower bound %v above a deadline %v", p.minDeadline, d)
		}
	}
}
