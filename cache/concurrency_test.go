package cache

import (
	"sync"
	"testing"
)

// TestConcurrentUse hammers one cache from several goroutines; run it with
// -race. The cache must stay consistent and never panic.
func TestConcurrentUse(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Policy
	}{
		{name: "policy=spec", p: specPolicy},
		{name: "policy=chromium-partitioned", p: chromiumPartitionedPolicy},
		{name: "policy=firefox", p: firefoxPolicy},
		{name: "policy=webkit", p: webkitPolicy},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(tc.p)
			var wg sync.WaitGroup
			for g := 0; g < 8; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					rng := splitmix{state: uint64(g)}
					for i := 0; i < 2000; i++ {
						k := keyIn(string(rune('a'+rng.intn(3))), rng.intn(40))
						now := at(i / 10)
						switch rng.intn(10) {
						case 0, 1, 2:
							c.Store(k, allow(list(smMethods[rng.intn(len(smMethods))]), list("x-a"), rng.intn(2) == 0, rng.intn(30)), now)
						case 3, 4, 5, 6:
							c.Lookup(k, ask(smMethods[rng.intn(len(smMethods))], "x-a"), now)
						case 7:
							c.Clear(k)
						case 8:
							_ = c.Len()
							_ = c.Policy()
						case 9:
							if rng.intn(50) == 0 {
								c.Reset()
							} else {
								c.Purge(now)
							}
						}
					}
				}(g)
			}
			wg.Wait()
			checkInvariants(t, c)
		})
	}
}
