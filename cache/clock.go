package cache

import "time"

// The cache keeps instants as ticks: nanoseconds since the cache's epoch
// (the first instant it was given) plus tickOff, in a uint64. Every instant
// passed in lies within tickOff of the epoch, so its tick is in (0, 2^63),
// and adding any Duration to it cannot overflow; 0 is never a tick, so it
// can mean "no entry". Comparing ticks then gives exactly what comparing the
// time.Time values did (Sub and Before agree on the monotonic reading as
// long as the caller's clock either always or never carries one). An instant
// further from the epoch moves the epoch to it; see rebase.
const tickOff = 1 << 62

// tick returns now on the cache's clock.
func (c *Cache) tick(now time.Time) uint64 {
	if !c.clockSet {
		c.epoch, c.clockSet = now, true
		return tickOff
	}
	d := now.Sub(c.epoch)
	if d <= -tickOff || d >= tickOff {
		c.rebase(now)
		return tickOff
	}
	return uint64(int64(d) + tickOff)
}

// expiry returns t+d for d >= 0 (Fetch §concept-cache-create-entry: max-age
// from now). t < 2^63 and d < 2^63, so the sum never wraps.
func expiry(t uint64, d time.Duration) uint64 { return t + uint64(d) }

// rebase makes now the epoch and moves every stored tick with it. A tick is
// exact unless its instant lies more than tickOff before now (it then
// becomes 1, an instant before every tick the cache can be given, so an
// entry that had expired stays expired) or more than 2^63 ns after it (it
// then becomes the latest tick, after every instant the cache can be given).
// So for a clock that never goes back by more than tickOff (146 years) the
// cache behaves exactly as it would with time.Time values.
func (c *Cache) rebase(now time.Time) {
	old := c.epoch
	move := func(v *uint64) {
		if *v == 0 {
			return
		}
		half := time.Duration(int64(*v>>1) - tickOff/2)
		at := old.Add(half).Add(half).Add(time.Duration(*v & 1))
		d := at.Sub(now)
		if d <= -tickOff {
			*v = 1
			return
		}
		*v = uint64(int64(d)) + tickOff
	}
	move(&c.all.minDeadline)
	for i := range c.partv {
		move(&c.partv[i].recs.minDeadline)
	}
	for i := uint32(0); i < c.recs.len(); i++ {
		move(&c.recs.at(i).deadline)
	}
	for i := uint32(0); i < c.pexps.len(); i++ {
		e := c.pexps.at(i)
		for j := range e {
			move(&e[j][0])
			move(&e[j][1])
		}
	}
	for i := range c.spills {
		for j := range c.spills[i].exps {
			move(&c.spills[i].exps[j][0])
			move(&c.spills[i].exps[j][1])
		}
	}
	c.epoch = now
}
