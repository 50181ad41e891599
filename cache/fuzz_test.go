package cache

import (
	"testing"
	"time"
)

// FuzzCacheAgainstModel reads a policy and a run of operations from the
// input and requires the cache to answer every look-up (and, under
// PerToken, every Len after Purge) as the naive model does, with its
// bookkeeping intact after each step.
func FuzzCacheAgainstModel(f *testing.F) {
	f.Add([]byte{0, 0, 3, 1, 2, 3, 1, 0, 2, 1, 5})
	f.Add([]byte{1, 0, 7, 7, 7, 7, 1, 0, 3, 3, 2, 9, 4})
	f.Add([]byte{2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	f.Add([]byte{3, 0, 255, 254, 253, 1, 2, 2, 200, 1, 1})
	// The model evicts only by LRU, so random purge stays out of reach.
	policies := []Policy{specPolicy, chromiumPolicy, firefoxPolicy, webkitPolicy, chromiumPartitionedPolicy, {Capacity: 2}}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		p := policies[int(data[0])%len(policies)]
		data = data[1:]
		next := func() int {
			if len(data) == 0 {
				return 0
			}
			b := data[0]
			data = data[1:]
			return int(b)
		}
		names := func(from []string) []string {
			n := next() % 5
			out := make([]string, 0, n)
			for ; n > 0; n-- {
				out = append(out, from[next()%len(from)])
			}
			return out
		}
		c := New(p)
		m := &model{p: p}
		now := t0
		for steps := 0; len(data) > 0 && steps < 200; steps++ {
			k := smKeys[next()%len(smKeys)]
			switch next() % 5 {
			case 0:
				d, ok := p.MaxAge(smMaxAge[next()%len(smMaxAge)])
				if !ok {
					continue
				}
				r := Result{Methods: names(smMethods), Headers: names(smHeaders), Credentials: next()%2 == 1, MaxAge: d}
				c.Store(k, r, now)
				m.store(k, r, now)
			case 1:
				q := Query{Method: smMethods[next()%len(smMethods)], UnsafeHeaders: sortedUnique(names(smQHeaders)), Credentials: next()%2 == 1, Forced: next()%2 == 1}
				if got, want := c.Lookup(k, q, now), m.lookup(k, q, now); got != want {
					t.Fatalf("Lookup(%+v, %+v) at +%v = %v, model says %v", k, q, now.Sub(t0), got, want)
				}
			case 2:
				now = now.Add(smAdvance[next()%len(smAdvance)] + time.Duration(next()))
			case 3:
				c.Clear(k)
				m.clear(k)
			case 4:
				if p.Granularity == PerToken {
					c.Purge(now)
					if got, want := c.Len(), m.len(now); got != want {
						t.Fatalf("Len after Purge = %d, model has %d", got, want)
					}
				}
			}
			checkInvariants(t, c)
		}
	})
}
