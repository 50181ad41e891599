// Package psl finds the public suffix of a domain with the Public Suffix
// List (https://publicsuffix.org/), as URL §host-public-suffix step 3 runs
// it for the origin package's registrable domains and sites: the whole list,
// private section included (so "github.io" is a public suffix), with the
// implicit rule "*" when no rule matches.
//
// [PublicSuffix] follows the list's formal algorithm
// (https://publicsuffix.org/list/): normal rules ("co.uk"), wildcard rules
// ("*.ck"), exception rules ("!www.ck"); the rule with the most labels
// prevails, and an exception rule prevails over all others and loses its
// leftmost label. Its answers are those of golang.org/x/net/publicsuffix's
// PublicSuffix for every domain that is not an IP address, as far as the
// two copies of the list agree, but it allocates nothing and imports
// nothing, so that the core packages do not depend on net/http (x/net's
// package imports net/http/cookiejar).
//
// The list is in table.go, generated from the rules of the Go module
// github.com/weppos/publicsuffix-go by tools/pslgen, a module of its own so
// that the main module does not depend on publicsuffix-go. To regenerate the
// table, after updating publicsuffix-go in tools/pslgen/go.mod:
//
//	cd tools/pslgen && go run . > ../../internal/psl/table.go
//
// then run `go test ./...` there: it checks that table.go is what the
// generator writes and compares this package with publicsuffix-go's own
// matcher on hosts derived from every rule. The list's data is subject to
// the Mozilla Public License, v. 2.0; see table.go.
package psl

// The list's names (the name of every rule, and every parent of one that is
// no rule itself, such as "ck" for "*.ck") form a tree of labels read from
// the right. table is an open-addressed hash table of those names, keyed by
// the slot of the parent name (root for a top-level label) and the leftmost
// label, with linear probing. The hash is 32-bit FNV-1a in which the parent's
// slot counts as one byte, XORed into hashSeed, followed by the label's bytes
// from the last to the first; a name's first probe is the hash's top
// tableBits bits.
// [PublicSuffix] walks a domain's labels from the right, hashing each label
// as it looks for the dot before it, and stops at the first label that the
// tree does not have. A slot of table is 0 when empty; otherwise:
//
//	bits 0-15   offset of the leftmost label in text
//	bits 16-21  length of that label, 1-63
//	bit 22      a normal rule names it ("co.uk")
//	bit 23      a wildcard rule names it ("*.ck" for the name "ck")
//	bit 24      an exception rule names it ("!www.ck" for "www.ck")
//
// and parents holds the slot of its parent name. tools/pslgen writes the
// same layout.
const (
	offsetBits    = 16
	lengthBits    = 6
	flagNormal    = 1 << (offsetBits + lengthBits)
	flagWildcard  = flagNormal << 1
	flagException = flagNormal << 2

	root      = 1<<16 - 1 // the parent of a top-level label
	tableSize = 1 << tableBits
	prime     = 16777619 // the 32-bit FNV prime
)

// PublicSuffix returns the public suffix of domain by the Public Suffix List
// algorithm (URL §host-public-suffix step 3): a suffix of domain that starts
// at a label boundary.
//
// domain is a domain as the URL Standard's host parser serializes it:
// ASCII-lowercased, with A-labels ("xn--p1ai"), and without the trailing
// dot that URL §host-public-suffix strips and puts back. Any other string is
// matched byte for byte: an upper-case label matches no rule, an empty label
// matches only a wildcard, and a trailing dot makes an empty last label,
// which is its own public suffix (""). An IP address is a domain to this
// function; the caller rules them out first.
//
// PublicSuffix does not allocate.
func PublicSuffix(domain string) string {
	found := -1 // where the prevailing rule's public suffix starts
	wildcard := false
	parent := uint32(root)
	end := len(domain) // the label being matched ends here
	for {
		h := (hashSeed ^ parent) * prime
		start := end
		for start > 0 && domain[start-1] != '.' {
			start--
			h = (h ^ uint32(domain[start])) * prime
		}
		if wildcard {
			// The parent's "*" rule matches this label, even an empty
			// one, and has more labels than any rule found so far.
			found = start
		}
		slot, n := lookup(h, parent, domain[start:end])
		if n == 0 {
			break
		}
		if n&flagException != 0 {
			// An exception rule prevails over every other rule, less its
			// leftmost label. Exception rules have two labels or more
			// (tools/pslgen checks), so end < len(domain).
			return domain[min(end+1, len(domain)):]
		}
		if n&flagNormal != 0 {
			found = start
		}
		wildcard = n&flagWildcard != 0
		if start == 0 {
			break
		}
		parent, end = slot, start-1
	}
	if found < 0 {
		// No rule matches: the implicit rule "*" makes the last label the
		// public suffix.
		i := len(domain)
		for i > 0 && domain[i-1] != '.' {
			i--
		}
		return domain[i:]
	}
	return domain[found:]
}

// lookup returns the slot and the entry of the name whose leftmost label is
// label and whose parent is in slot parent, or an entry of 0 when the list
// has no such name. h is the label's hash under parent.
func lookup(h, parent uint32, label string) (slot, n uint32) {
	if label == "" || len(label) >= 1<<lengthBits {
		return 0, 0
	}
	i := h >> (32 - tableBits)
	// The table always has empty slots (tools/pslgen fills at most 70 %),
	// so the loop ends at one; the bound is only a guard.
	for range tableSize {
		n := table[i]
		if n == 0 {
			break
		}
		if uint32(parents[i]) == parent && int(n>>offsetBits&(1<<lengthBits-1)) == len(label) {
			off := int(n & (1<<offsetBits - 1))
			if text[off:off+len(label)] == label {
				return i, n
			}
		}
		i = (i + 1) & (tableSize - 1)
	}
	return 0, 0
}
