package cache

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unsafe"

	"pgregory.net/rapid"
)

// TestManyNamesAgainstModel drives results with long name lists, so that
// records spill and look names up through a map, and compares every look-up
// and Len with the naive model.
func TestManyNamesAgainstModel(t *testing.T) {
	var pool []string
	for i := 0; i < 40; i++ {
		pool = append(pool, fmt.Sprintf("x-h%d", i))
	}
	pool = append(pool, "*", "authorization", "X-H1")
	for _, tc := range []struct {
		name string
		p    Policy
	}{
		{name: "policy=spec", p: specPolicy},
		{name: "policy=firefox-capacity-3", p: func() Policy { p := firefoxPolicy; p.Capacity = 3; return p }()},
		{name: "policy=webkit", p: webkitPolicy},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				c, m := New(tc.p), &model{p: tc.p}
				now := t0
				keys := smKeys[:3]
				for i := rapid.IntRange(1, 40).Draw(t, "steps"); i > 0; i-- {
					k := rapid.SampledFrom(keys).Draw(t, "key")
					switch rapid.IntRange(0, 3).Draw(t, "op") {
					case 0:
						r := Result{
							Methods:     rapid.SliceOfN(rapid.SampledFrom(smMethods), 0, 3).Draw(t, "methods"),
							Headers:     rapid.SliceOfN(rapid.SampledFrom(pool), 0, 30).Draw(t, "headers"),
							Credentials: rapid.Bool().Draw(t, "cred"),
							MaxAge:      sec(rapid.IntRange(0, 20).Draw(t, "age")),
						}
						c.Store(k, r, now)
						m.store(k, r, now)
					case 1:
						q := Query{
							Method:        rapid.SampledFrom(smMethods).Draw(t, "method"),
							UnsafeHeaders: sortedUnique(rapid.SliceOfN(rapid.SampledFrom(pool), 0, 5).Draw(t, "asked")),
							Credentials:   rapid.Bool().Draw(t, "qcred"),
						}
						if got, want := c.Lookup(k, q, now), m.lookup(k, q, now); got != want {
							t.Fatalf("Lookup(%+v, %+v) = %v, model says %v", k, q, got, want)
						}
					case 2:
						now = now.Add(sec(rapid.IntRange(0, 8).Draw(t, "advance")))
					case 3:
						if tc.p.Granularity == PerToken {
							c.Purge(now)
							if got, want := c.Len(), m.len(now); got != want {
								t.Fatalf("Len after Purge = %d, model has %d", got, want)
							}
						}
					}
					checkInvariants(t, c)
				}
			})
		})
	}
}

// TestClockFarJumps moves the clock by up to 200 years a step, so that the
// cache moves its epoch, and requires the same answers as the model, which
// compares time.Time values.
func TestClockFarJumps(t *testing.T) {
	const year = 365 * 24 * time.Hour
	for _, p := range []Policy{specPolicy, firefoxPolicy} {
		rapid.Check(t, func(t *rapid.T) {
			c, m := New(p), &model{p: p}
			now := t0
			k := keyA
			for i := rapid.IntRange(1, 30).Draw(t, "steps"); i > 0; i-- {
				switch rapid.IntRange(0, 2).Draw(t, "op") {
				case 0:
					r := allow(list(rapid.SampledFrom(smMethods).Draw(t, "method")), nil, rapid.Bool().Draw(t, "cred"), 0)
					r.MaxAge = rapid.SampledFrom([]time.Duration{sec(5), 100 * year, 200 * year, forever}).Draw(t, "age")
					c.Store(k, r, now)
					m.store(k, r, now)
				case 1:
					q := ask(rapid.SampledFrom(smMethods).Draw(t, "asked"))
					if got, want := c.Lookup(k, q, now), m.lookup(k, q, now); got != want {
						t.Fatalf("Lookup(%+v) at %v = %v, model says %v", q, now, got, want)
					}
				case 2:
					now = now.Add(rapid.SampledFrom([]time.Duration{sec(1), 50 * year, 150 * year, 200 * year}).Draw(t, "advance"))
				}
				checkInvariants(t, c)
			}
		})
	}
}

// TestZeroClock runs a cache on the zero time.Time, as an engine without a
// clock does.
func TestZeroClock(t *testing.T) {
	c := New(specPolicy)
	c.Store(keyA, allow(list("PUT"), nil, false, 5), time.Time{})
	if !c.Lookup(keyA, ask("PUT"), time.Time{}) {
		t.Error("entry stored at the zero time is not usable then")
	}
	if c.Lookup(keyA, ask("PUT"), time.Time{}.Add(sec(5))) {
		t.Error("entry outlived its max-age")
	}
}

// TestNamesAreCopied checks that the cache keeps its own copies of the
// names and partitions it stores, so that it never pins the header value
// or request they were cut from.
func TestNamesAreCopied(t *testing.T) {
	value := "x-a, " + strings.Repeat("z", 1<<20)
	header := value[:3]
	part := "https://top.test/" + strings.Repeat("p", 100)
	k := Key{Partition: part[:16], Origin: "https://app.test", URL: "https://api.test/r"}
	for _, p := range []Policy{specPolicy, chromiumPartitionedPolicy} {
		c := New(p)
		c.Store(k, allow(list("PUT"), list(header), false, 60), at(0))
		within := func(s, of string) bool {
			b, e := uintptr(unsafe.Pointer(unsafe.StringData(of))), uintptr(len(of))
			q := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			return q >= b && q < b+e
		}
		for _, s := range c.names.strs {
			if within(s, value) {
				t.Errorf("stored name %q shares the header value's bytes", s)
			}
		}
		for name := range c.parts {
			if within(name, part) {
				t.Errorf("stored partition %q shares the caller's bytes", name)
			}
		}
		for _, s := range c.idx.slots {
			if s.id != 0 && (within(s.key, k.URL) || within(s.key, part)) {
				t.Errorf("stored key shares the caller's bytes")
			}
		}
		if !c.Lookup(k, ask("PUT", "x-a"), at(1)) {
			t.Error("stored result not found")
		}
	}
}
