package psl

import (
	"strings"
	"testing"
)

func TestPublicSuffix(t *testing.T) {
	for _, tc := range []struct{ name, domain, want string }{
		// Normal rules: the longest one that matches.
		{name: "tld", domain: "com", want: "com"},
		{name: "tld-plus-one", domain: "example.com", want: "com"},
		{name: "two-label-rule", domain: "co.uk", want: "co.uk"},
		{name: "under-two-label-rule", domain: "www.example.co.uk", want: "co.uk"},
		{name: "parent-of-two-label-rule", domain: "uk", want: "uk"},
		{name: "unlisted-second-level", domain: "example.uk", want: "uk"},
		{name: "many-labels", domain: "a.b.c.d.e.example.com", want: "com"},
		// Wildcard and exception rules: "*.ck" and "!www.ck".
		{name: "wildcard-parent-alone", domain: "ck", want: "ck"},
		{name: "wildcard", domain: "foo.ck", want: "foo.ck"},
		{name: "under-wildcard", domain: "www.foo.ck", want: "foo.ck"},
		{name: "exception", domain: "www.ck", want: "ck"},
		{name: "under-exception", domain: "a.www.ck", want: "ck"},
		{name: "wildcard-jp", domain: "x.y.kawasaki.jp", want: "y.kawasaki.jp"},
		{name: "exception-jp", domain: "city.kawasaki.jp", want: "kawasaki.jp"},
		{name: "wildcard-name-not-a-rule", domain: "kawasaki.jp", want: "jp"},
		// The private section is included.
		{name: "private-rule", domain: "github.io", want: "github.io"},
		{name: "under-private-rule", domain: "whatwg.github.io", want: "github.io"},
		{name: "deep-under-private-rule", domain: "x.whatwg.github.io", want: "github.io"},
		{name: "private-parent-icann", domain: "io", want: "io"},
		// The implicit rule "*": the last label.
		{name: "unlisted-tld", domain: "app.internal.zzzz", want: "zzzz"},
		{name: "unlisted-tld-alone", domain: "zzzz", want: "zzzz"},
		{name: "single-label", domain: "localhost", want: "localhost"},
		{name: "empty", domain: "", want: ""},
		// A-labels, as the host parser writes them.
		{name: "idna-tld", domain: "xn--p1ai", want: "xn--p1ai"},
		{name: "idna-tld-plus-one", domain: "example.xn--p1ai", want: "xn--p1ai"},
		{name: "idna-two-label-rule", domain: "www.example.xn--5dbhl8d.xn--4dbrk0ce", want: "xn--5dbhl8d.xn--4dbrk0ce"},
		{name: "idna-under-ascii-tld", domain: "shop.xn--55qx5d.cn", want: "xn--55qx5d.cn"},
		{name: "idna-unlisted", domain: "sub.example.xn--kgbechtv", want: "xn--kgbechtv"},
		// Trailing dots: the origin package strips one first, so a
		// trailing dot here is an empty last label.
		{name: "trailing-dot", domain: "example.com.", want: ""},
		{name: "only-dot", domain: ".", want: ""},
		// Empty labels are matched as they are.
		{name: "empty-label", domain: "a..example.com", want: "com"},
		{name: "leading-dot", domain: ".co.uk", want: "co.uk"},
		{name: "wildcard-empty-label", domain: "a..ck", want: ".ck"},
		// Byte for byte: no case folding, no IP address parsing.
		{name: "upper-case", domain: "EXAMPLE.COM", want: "COM"},
		{name: "mixed-case-rule", domain: "example.Co.uk", want: "uk"},
		{name: "ipv4-like", domain: "127.0.0.1", want: "1"},
		{name: "long-label", domain: strings.Repeat("a", 64) + ".com", want: "com"},
		{name: "long-tld", domain: "a." + strings.Repeat("b", 100), want: strings.Repeat("b", 100)},
		{name: "non-ascii", domain: "a.\xff.com", want: "com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := PublicSuffix(tc.domain); got != tc.want {
				t.Errorf("PublicSuffix(%q) = %q; want %q", tc.domain, got, tc.want)
			}
		})
	}
}

func TestPublicSuffixAllocs(t *testing.T) {
	for _, d := range []string{"www.example.co.uk", "a.www.ck", "x.whatwg.github.io", "app.internal.zzzz", ""} {
		if n := testing.AllocsPerRun(100, func() { PublicSuffix(d) }); n != 0 {
			t.Errorf("PublicSuffix(%q) allocates %v times", d, n)
		}
	}
}

// TestTable checks the generated table's structure: every slot's label lies
// in text and is found where it is from its parent, the parents form a tree
// whose names are what numNames counts, the rules what numRules counts, and
// every exception rule has two labels or more.
func TestTable(t *testing.T) {
	if len(text) > 1<<offsetBits {
		t.Fatalf("text is %d bytes; offsets have %d bits", len(text), offsetBits)
	}
	empty, names, rules := 0, 0, 0
	for i, n := range table {
		if n == 0 {
			empty++
			continue
		}
		names++
		label, ok := slotLabel(uint32(i))
		if !ok {
			t.Fatalf("slot %d: label out of text (%#x)", i, n)
		}
		p := uint32(parents[i])
		if p != root && table[p&(tableSize-1)] == 0 || p != root && p >= tableSize {
			t.Fatalf("slot %d (%q): parent %d is empty", i, label, p)
		}
		if slot, got := lookup(hash(p, label), p, label); got != n || slot != uint32(i) {
			t.Errorf("slot %d (%q): lookup finds slot %d", i, label, slot)
		}
		for f := uint32(flagNormal); f <= flagException; f <<= 1 {
			if n&f != 0 {
				rules++
			}
		}
		if n&flagException != 0 && p == root {
			t.Errorf("slot %d (%q): a one-label exception rule", i, label)
		}
		// The walk to the root ends within the tree's depth.
		depth := 0
		for q := p; q != root; q = uint32(parents[q]) {
			if depth++; depth > 64 {
				t.Fatalf("slot %d (%q): parents loop", i, label)
			}
		}
	}
	if names != numNames || rules != numRules {
		t.Errorf("table has %d names and %d rules; want %d and %d", names, rules, numNames, numRules)
	}
	if empty == 0 {
		t.Error("table has no empty slot")
	}
}

// TestEveryName looks up every name of the table, rebuilt from its labels,
// and checks what PublicSuffix makes of the name and of hosts under it.
func TestEveryName(t *testing.T) {
	for i, n := range table {
		if n == 0 {
			continue
		}
		name := fullName(uint32(i))
		switch {
		case n&flagException != 0:
			want := name[strings.IndexByte(name, '.')+1:]
			for _, d := range []string{name, "a." + name} {
				if got := PublicSuffix(d); got != want {
					t.Errorf("exception %q: PublicSuffix(%q) = %q; want %q", name, d, got, want)
				}
			}
		case n&flagWildcard != 0:
			if got := PublicSuffix("a.b." + name); got != "b."+name {
				t.Errorf("wildcard %q: PublicSuffix(%q) = %q", name, "a.b."+name, got)
			}
		case n&flagNormal != 0:
			if got := PublicSuffix(name); got != name {
				t.Errorf("rule %q: PublicSuffix(%q) = %q", name, name, got)
			}
		}
	}
}

// hash is the hash that the table was built with (tools/pslgen's hash).
func hash(parent uint32, label string) uint32 {
	h := (hashSeed ^ parent) * prime
	for i := len(label) - 1; i >= 0; i-- {
		h = (h ^ uint32(label[i])) * prime
	}
	return h
}

func slotLabel(i uint32) (string, bool) {
	n := table[i]
	off, l := int(n&(1<<offsetBits-1)), int(n>>offsetBits&(1<<lengthBits-1))
	if l == 0 || off+l > len(text) {
		return "", false
	}
	return text[off : off+l], true
}

func fullName(i uint32) string {
	name, _ := slotLabel(i)
	for p := uint32(parents[i]); p != root; p = uint32(parents[p]) {
		l, _ := slotLabel(p)
		name += "." + l
	}
	return name
}

// benchDomains are the inputs of BenchmarkPublicSuffix (xnet_test.go), one per path
// through the look-up.
var benchDomains = []string{
	"example.com",           // a TLD rule, one more label
	"www.example.co.uk",     // a two-label rule
	"alice.github.io",       // a private-section rule
	"a.b.c.d.e.example.com", // many labels before the suffix
	"city.kawasaki.jp",      // an exception rule
	"foo.bar.kawasaki.jp",   // a wildcard rule
	"app.internal.zzzz",     // an unlisted TLD: the implicit "*" rule
	"localhost",             // a single label
	"sub.example.xn--p1ai",  // an A-label TLD
}
