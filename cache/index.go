package cache

import (
	"encoding/binary"
	"hash/maphash"
)

// index maps a record's packed key to the record. It is an open-addressing
// table with linear probing in Robin Hood order: each slot holds the key,
// 32 bits of its hash (whose top bits are its home slot) and the record, so
// that a look-up reads one run of slots and then, at once, the key's bytes
// and the record.
type index struct {
	slots []islot
	n     int
	seed  maphash.Seed
}

type islot struct {
	key string
	tag uint32
	id  uint32 // the record's number plus one; 0 marks an empty slot
}

func (x *index) hash(kb []byte) uint32 { return uint32(maphash.Bytes(x.seed, kb) >> 32) }

// home returns the slot where a key whose hash is tag belongs. Any table
// size works, so the table can grow by half instead of doubling.
func (x *index) home(tag uint32) int { return int(uint64(tag) * uint64(len(x.slots)) >> 32) }

// dist is how far slot i lies from the home of tag.
func (x *index) dist(i int, tag uint32) int {
	d := i - x.home(tag)
	if d < 0 {
		d += len(x.slots)
	}
	return d
}

// next returns the slot after i.
func (x *index) next(i int) int {
	if i++; i == len(x.slots) {
		return 0
	}
	return i
}

// find returns the record filed under kb, whose hash is tag.
func (x *index) find(kb []byte, tag uint32) (uint32, bool) {
	if x.n == 0 {
		return 0, false
	}
	i := x.home(tag)
	for d := 0; ; d++ {
		s := &x.slots[i]
		if s.id == 0 || x.dist(i, s.tag) < d {
			return 0, false
		}
		if s.tag == tag && s.key == string(kb) {
			return s.id - 1, true
		}
		i = x.next(i)
	}
}

// insert files record id under key, which must not be filed yet.
func (x *index) insert(key string, tag, id uint32) {
	if (x.n+1)*8 > len(x.slots)*7 {
		x.grow()
	}
	x.place(islot{key: key, tag: tag, id: id + 1})
	x.n++
}

func (x *index) place(cur islot) {
	i := x.home(cur.tag)
	for d := 0; ; d++ {
		s := &x.slots[i]
		if s.id == 0 {
			*s = cur
			return
		}
		if sd := x.dist(i, s.tag); sd < d {
			*s, cur = cur, *s
			d = sd
		}
		i = x.next(i)
	}
}

func (x *index) grow() {
	old := x.slots
	size := 8
	if len(old) > 0 {
		size = len(old) + len(old)/2
	}
	x.slots = make([]islot, size)
	for _, s := range old {
		if s.id != 0 {
			x.place(s)
		}
	}
}

// delete removes record id, whose hash is tag.
func (x *index) delete(tag, id uint32) {
	i := x.home(tag)
	for x.slots[i].id != id+1 {
		i = x.next(i)
	}
	for {
		j := x.next(i)
		s := x.slots[j]
		if s.id == 0 || x.dist(j, s.tag) == 0 {
			x.slots[i] = islot{}
			break
		}
		x.slots[i] = s
		i = j
	}
	x.n--
}

// packKey writes the bytes a record is filed under into c.kbuf: the
// credentials flag (set only under CredentialsInKey), then the partition and
// the origin, each after its length, then the URL. Different keys never pack
// to the same bytes.
func (c *Cache) packKey(k Key, cred bool) []byte {
	pl := uint64(len(k.Partition)) << 1
	if cred {
		pl |= 1
	}
	b := binary.AppendUvarint(c.kbuf[:0], pl)
	b = append(b, k.Partition...)
	b = binary.AppendUvarint(b, uint64(len(k.Origin)))
	b = append(b, k.Origin...)
	b = append(b, k.URL...)
	c.kbuf = b
	return b
}

// find returns the record for k and cred, leaving the packed key in c.kbuf
// and its hash in c.ktag for insert.
func (c *Cache) find(k Key, cred bool) (uint32, bool) {
	kb := c.packKey(k, cred)
	c.ktag = c.idx.hash(kb)
	return c.idx.find(kb, c.ktag)
}
