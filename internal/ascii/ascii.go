// Package ascii holds the ASCII case helpers of the Infra standard that the
// core packages share: byte-lowercasing (Infra §byte-lowercase) and
// byte-case-insensitive comparison (Infra §byte-case-insensitive). Only the
// bytes A–Z and a–z are folded; every other byte, including 0x80–0xFF, is
// compared as it is, so "K" never matches U+212A KELVIN SIGN.
//
// The functions are small enough to be inlined, and none allocates unless
// it must build a new string: [Lower] returns its argument when it is
// already lower-case.
package ascii

// LowerByte byte-lowercases b (Infra §byte-lowercase).
func LowerByte(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + ('a' - 'A')
	}
	return b
}

// IsLower reports whether s has no byte in A–Z.
func IsLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return false
		}
	}
	return true
}

// Lower byte-lowercases s (Infra §byte-lowercase), allocating only when s
// has an upper-case byte.
func Lower(s string) string {
	if IsLower(s) {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		b[i] = LowerByte(c)
	}
	return string(b)
}

// EqualFold reports whether a and b are a byte-case-insensitive match
// (Infra §byte-case-insensitive): equal after byte-lowercasing both.
func EqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	if a == b {
		// The common case, a name as the standard spells it: one vectorized comparison.
		return true
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && LowerByte(a[i]) != LowerByte(b[i]) {
			return false
		}
	}
	return true
}

// HasPrefixFold reports whether s starts with prefix, which must be
// lower-case, ignoring ASCII case.
func HasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && EqualFold(s[:len(prefix)], prefix)
}

// maxFoldSetName bounds the length of the names a FoldSet holds.
const maxFoldSetName = 40

// A FoldSet is a fixed set of lower-case names that finds a name ignoring
// ASCII case by comparing it only with the members of the same length, so a
// look-up costs one or two comparisons instead of one per member.
type FoldSet struct {
	byLen [maxFoldSetName + 1][]int // member indexes by length
	names []string
}

// NewFoldSet returns the set of names, which must be lower-case and at most
// 40 bytes long; it panics otherwise (the sets are package-level constants).
func NewFoldSet(names ...string) *FoldSet {
	s := &FoldSet{names: names}
	for i, n := range names {
		if len(n) > maxFoldSetName || !IsLower(n) {
			panic("ascii: FoldSet member " + n + " is too long or not lower-case")
		}
		s.byLen[len(n)] = append(s.byLen[len(n)], i)
	}
	return s
}

// Index returns the index of the member name matches ignoring ASCII case,
// or -1.
func (s *FoldSet) Index(name string) int {
	if len(name) > maxFoldSetName {
		return -1
	}
	for _, i := range s.byLen[len(name)] {
		if EqualFold(name, s.names[i]) {
			return i
		}
	}
	return -1
}

// Contains reports whether name matches a member ignoring ASCII case.
func (s *FoldSet) Contains(name string) bool { return s.Index(name) >= 0 }

// Member returns the i-th member, as given to NewFoldSet.
func (s *FoldSet) Member(i int) string { return s.names[i] }
