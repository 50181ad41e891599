package cache

import (
	"fmt"
	"testing"
)

var benchPolicies = []struct {
	name string
	p    Policy
}{
	{name: "spec", p: specPolicy},
	{name: "chromium", p: chromiumPolicy},
	{name: "firefox", p: firefoxPolicy},
	{name: "webkit", p: webkitPolicy},
}

var (
	benchResult = allow(list("PUT", "DELETE", "PATCH"), list("x-a", "x-b", "content-type"), false, 600)
	benchHit    = ask("PUT", "content-type", "x-a", "x-b")
	benchMiss   = ask("PUT", "x-a", "x-zzz")
)

func BenchmarkLookup(b *testing.B) {
	for _, bp := range benchPolicies {
		for _, tc := range []struct {
			name string
			q    Query
		}{
			{name: "hit", q: benchHit},
			{name: "miss", q: benchMiss},
		} {
			b.Run(fmt.Sprintf("policy=%s/result=%s", bp.name, tc.name), func(b *testing.B) {
				p := bp.p
				p.EraseOnMiss = false // keep the entry so every iteration sees the same cache
				c := New(p)
				c.Store(keyA, benchResult, at(0))
				now := at(1)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					c.Lookup(keyA, tc.q, now)
				}
			})
		}
	}
}

func BenchmarkStore(b *testing.B) {
	for _, bp := range benchPolicies {
		for _, tc := range []struct {
			name string
			keys int
		}{
			{name: "same", keys: 1},
			{name: "distinct", keys: 4096},
		} {
			b.Run(fmt.Sprintf("policy=%s/keys=%s", bp.name, tc.name), func(b *testing.B) {
				keys := make([]Key, tc.keys)
				for i := range keys {
					keys[i] = keyIn("", i)
				}
				c := New(bp.p)
				now := at(1)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					c.Store(keys[i%len(keys)], benchResult, now)
				}
			})
		}
	}
}

func TestLookupHitDoesNotAllocate(t *testing.T) {
	for _, bp := range benchPolicies {
		c := New(bp.p)
		c.Store(keyA, benchResult, at(0))
		now := at(1)
		allocs := testing.AllocsPerRun(200, func() {
			if !c.Lookup(keyA, benchHit, now) {
				t.Fatal("expected a hit")
			}
		})
		if allocs != 0 {
			t.Errorf("policy=%s: Lookup hit allocates %v times", bp.name, allocs)
		}
	}
}
