package cache

import "strings"

// A token names one cached method or header name: the name's number in the
// cache's name table, shifted left once, with the low bit set for a header
// name. Records hold tokens instead of strings, so an entry costs four bytes
// per name and never keeps a response's header value alive.
const headerBit = 1

// names interns the method and header names that records hold, counting
// the tokens that use each so that a name leaves when no record needs it.
type names struct {
	ids  map[string]uint32
	strs []string
	refs []uint32
	free []uint32
}

// token returns the token for name, if any record holds the name.
func (n *names) token(name string, header bool) (uint32, bool) {
	id, ok := n.ids[name]
	if !ok {
		return 0, false
	}
	return tokenOf(id, header), true
}

func tokenOf(id uint32, header bool) uint32 {
	t := id << 1
	if header {
		t |= headerBit
	}
	return t
}

// ref returns the token for name and counts one more use of it, interning a
// copy of name if it is new.
func (n *names) ref(name string, header bool) uint32 {
	id, ok := n.ids[name]
	if !ok {
		if n.ids == nil {
			n.ids = make(map[string]uint32)
		}
		name = strings.Clone(name)
		if k := len(n.free); k > 0 {
			id = n.free[k-1]
			n.free = n.free[:k-1]
			n.strs[id] = name
		} else {
			id = uint32(len(n.strs))
			n.strs = append(n.strs, name)
			n.refs = append(n.refs, 0)
		}
		n.ids[name] = id
	}
	n.refs[id]++
	return tokenOf(id, header)
}

// unref counts one use of tok's name less.
func (n *names) unref(tok uint32) {
	id := tok >> 1
	if n.refs[id]--; n.refs[id] == 0 {
		delete(n.ids, n.strs[id])
		n.strs[id] = ""
		n.free = append(n.free, id)
	}
}
