package cache

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The at-scale benchmarks fill a cache with many keys and then look up or
// store keys drawn at random from that set, so that each operation touches
// memory the previous ones did not. The random draws and the query keys are
// made before the timer starts; the query keys' strings are fresh copies
// laid out one after another, as an engine builds a key per request, so the
// benchmark loop itself streams through memory instead of missing the cache.

// scaleEntries are the cache sizes measured.
var scaleEntries = []int{1000, 1000000}

// scalePolicies are the policies measured at scale. The bounded browser
// policies get their bound raised to the number of entries, so that the
// cache is full and its eviction machinery is in place.
func scalePolicies(entries int) []struct {
	name string
	p    Policy
	part bool // keys spread over partitions of 32
} {
	chromium := chromiumPolicy
	chromium.Capacity = entries
	partitioned := chromiumPartitionedPolicy
	partitioned.MaxPartitions = (entries + 31) / 32
	firefox := firefoxPolicy
	firefox.Capacity = entries
	return []struct {
		name string
		p    Policy
		part bool
	}{
		{name: "spec", p: specPolicy},
		{name: "chromium", p: chromium},
		{name: "chromium-partitioned", p: partitioned, part: true},
		{name: "firefox", p: firefox},
		{name: "webkit", p: webkitPolicy},
	}
}

var (
	scaleOrigins = func() []string {
		o := make([]string, 16)
		for i := range o {
			o[i] = "https://app" + strconv.Itoa(i) + ".test"
		}
		return o
	}()
	// scaleResult is one method and two header names.
	scaleResult = allow(list("PUT"), list("x-a", "content-type"), false, 600)
	scaleHit    = ask("PUT", "content-type", "x-a")
)

// scaleKeys returns the keys numbered by idx, their strings freshly
// allocated in one block in that order.
func scaleKeys(idx []int, part bool) []Key {
	var sb strings.Builder
	type span struct{ p0, p1, u0, u1 int }
	spans := make([]span, len(idx))
	for j, i := range idx {
		s := &spans[j]
		s.p0 = sb.Len()
		if part {
			sb.WriteString("https://site")
			sb.WriteString(strconv.Itoa(i / 32))
			sb.WriteString(".test")
		}
		s.p1 = sb.Len()
		s.u0 = s.p1
		sb.WriteString("https://api.test/resource/")
		sb.WriteString(strconv.Itoa(i))
		s.u1 = sb.Len()
	}
	all := sb.String()
	keys := make([]Key, len(idx))
	for j, i := range idx {
		s := spans[j]
		keys[j] = Key{Partition: all[s.p0:s.p1], Origin: scaleOrigins[i%len(scaleOrigins)], URL: all[s.u0:s.u1]}
	}
	return keys
}

// scaleFill returns a cache under p holding keys 0 to n-1.
func scaleFill(p Policy, n int, part bool) *Cache {
	c := New(p)
	now := at(0)
	for _, k := range scaleKeys(seq(0, n), part) {
		c.Store(k, scaleResult, now)
	}
	return c
}

func seq(from, to int) []int {
	s := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		s = append(s, i)
	}
	return s
}

// draws returns n numbers in [lo, lo+span) from a cheap PRNG.
func draws(n, lo, span int, seed uint64) []int {
	rng := splitmix{state: seed}
	d := make([]int, n)
	for i := range d {
		d[i] = lo + rng.intn(span)
	}
	return d
}

// streamLen bounds the precomputed query keys; past it the loop wraps.
const streamLen = 1 << 22

func BenchmarkLookupAtScale(b *testing.B) {
	for _, n := range scaleEntries {
		for _, sp := range scalePolicies(n) {
			b.Run(fmt.Sprintf("entries=%d/policy=%s", n, sp.name), func(b *testing.B) {
				c := scaleFill(sp.p, n, sp.part)
				if c.Len() == 0 {
					b.Fatal("empty cache")
				}
				for _, tc := range []struct {
					name string
					lo   int // draws come from [lo, lo+n): stored keys for a hit
					want bool
				}{
					{name: "hit", lo: 0, want: true},
					{name: "miss", lo: n, want: false},
				} {
					b.Run("result="+tc.name, func(b *testing.B) {
						qs := scaleKeys(draws(min(b.N, streamLen), tc.lo, n, uint64(b.N)), sp.part)
						now := at(1)
						if c.Lookup(qs[0], scaleHit, now) != tc.want {
							b.Fatalf("Lookup = %v, want %v", !tc.want, tc.want)
						}
						runtime.GC()
						b.ReportAllocs()
						b.ResetTimer()
						for i := 0; i < b.N; i++ {
							c.Lookup(qs[i%len(qs)], scaleHit, now)
						}
					})
				}
				runtime.KeepAlive(c)
			})
		}
	}
}

func BenchmarkStoreAtScale(b *testing.B) {
	for _, n := range scaleEntries {
		for _, sp := range scalePolicies(n) {
			b.Run(fmt.Sprintf("entries=%d/policy=%s", n, sp.name), func(b *testing.B) {
				c := scaleFill(sp.p, n, sp.part)
				bounded := sp.p.Capacity > 0 || sp.p.MaxPartitions > 0
				next := n // the first key never stored
				b.Run("op=refresh", func(b *testing.B) {
					// Keys already stored: a new result replaces or
					// merges into the old one.
					ks := scaleKeys(draws(min(b.N, streamLen), 0, n, uint64(b.N)), sp.part)
					now := at(1)
					runtime.GC()
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						c.Store(ks[i%len(ks)], scaleResult, now)
					}
				})
				b.Run("op=new", func(b *testing.B) {
					// Keys never stored before: a bounded cache evicts;
					// an unbounded one grows, and is brought back to n
					// entries afterwards.
					ks := scaleKeys(seq(next, next+min(b.N, streamLen)), sp.part)
					next += len(ks)
					now := at(1)
					runtime.GC()
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						c.Store(ks[i%len(ks)], scaleResult, now)
					}
					b.StopTimer()
					if !bounded {
						for _, k := range ks {
							c.Clear(k)
						}
					}
				})
				runtime.KeepAlive(c)
			})
		}
	}
}

// BenchmarkMemoryAtScale reports the heap a cache of n entries holds, per
// entry, beyond the bytes of its keys' strings (B/entry); ns/op is the time
// to fill it. Run it with -benchtime 1x.
func BenchmarkMemoryAtScale(b *testing.B) {
	for _, n := range []int{100000, 1000000} {
		for _, sp := range scalePolicies(n) {
			b.Run(fmt.Sprintf("entries=%d/policy=%s", n, sp.name), func(b *testing.B) {
				var perEntry float64
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					var before, after runtime.MemStats
					runtime.GC()
					runtime.ReadMemStats(&before)
					keyBytes := 0
					c := New(sp.p)
					now := at(0)
					b.StartTimer()
					for j := 0; j < n; j++ {
						k := Key{Origin: scaleOrigins[j%len(scaleOrigins)], URL: "https://api.test/resource/" + strconv.Itoa(j)}
						if sp.part {
							k.Partition = "https://site" + strconv.Itoa(j/32) + ".test"
						}
						keyBytes += len(k.Partition) + len(k.Origin) + len(k.URL)
						c.Store(k, scaleResult, now)
					}
					b.StopTimer()
					runtime.GC()
					runtime.ReadMemStats(&after)
					if c.Len() < n {
						b.Fatalf("Len() = %d, want at least %d", c.Len(), n)
					}
					perEntry = (float64(after.HeapAlloc) - float64(before.HeapAlloc) - float64(keyBytes)) / float64(n)
					runtime.KeepAlive(c)
				}
				b.ReportMetric(perEntry, "B/entry")
			})
		}
	}
}

// BenchmarkPlainMapAtScale is the floor the cache is compared with: a Go map
// from Key to a small value, with the same keys and draws.
func BenchmarkPlainMapAtScale(b *testing.B) {
	for _, n := range scaleEntries {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			m := make(map[Key]int32)
			for i, k := range scaleKeys(seq(0, n), false) {
				m[k] = int32(i)
			}
			qs := scaleKeys(draws(min(b.N, streamLen), 0, n, uint64(b.N)), false)
			runtime.GC()
			b.ResetTimer()
			var sum int32
			for i := 0; i < b.N; i++ {
				sum += m[qs[i%len(qs)]]
			}
			runtime.KeepAlive(sum)
		})
	}
}

// BenchmarkLockedMapAtScale is BenchmarkPlainMapAtScale with a mutex taken
// around each look-up, as Cache.Lookup takes one: the lock's atomic
// instructions stop the processor from overlapping one look-up's cache
// misses with the next one's, which the plain loop allows.
func BenchmarkLockedMapAtScale(b *testing.B) {
	for _, n := range scaleEntries {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			m := make(map[Key]int32)
			for i, k := range scaleKeys(seq(0, n), false) {
				m[k] = int32(i)
			}
			qs := scaleKeys(draws(min(b.N, streamLen), 0, n, uint64(b.N)), false)
			var mu sync.Mutex
			runtime.GC()
			b.ResetTimer()
			var sum int32
			for i := 0; i < b.N; i++ {
				mu.Lock()
				sum += m[qs[i%len(qs)]]
				mu.Unlock()
			}
			runtime.KeepAlive(sum)
		})
	}
}
