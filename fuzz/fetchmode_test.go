package fuzz

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/fetchoracle"
)

// safelistSeeds come from the fetchmode safelist and unsafe-names tables.
var safelistSeeds = []struct {
	name, value string
	variant     uint8
	copies      uint16
}{
	{"Content-Type", "TEXT/Plain;charset=UTF-8", 0, 1},    // safelisted despite case
	{"Content-Type", `text/plain; charset="utf-8"`, 0, 1}, // '"' is unsafe
	{"Content-Type", "text/plain garbage", 0, 1},          // MIME type failure
	{"Content-Type", "application/json", 1, 1},            // wrong essence
	{"Accept", strings.Repeat("a", 128), 0, 1},            // the per-value limit, exactly
	{"Accept", strings.Repeat("a", 129), 0, 1},            // one byte over the limit
	{"Accept-Language", strings.Repeat("a", 100), 0, 11},  // 1100 bytes: the total rule
	{"Accept-Language", strings.Repeat("a", 128), 2, 8},   // exactly 1024 bytes
	{"Accept-Language", "\x01", 0, 1},                     // a control byte
	{"Range", "bytes=0-", 0, 1},                           // a simple range
	{"Range", "bytes=-500", 0, 1},                         // a suffix range
	{"DPR", "2", 1, 1},                                    // Chromium client hint
	{"Save-Data", "on", 1, 3},                             // Chromium client hint, repeated
	{"X-CSRF-Token", "abc", 0, 2},                         // a custom header
	{"X-HTTP-Method-Override", "GET", 0, 1},               // allowed but not safelisted
	{"", "", 0, 1},                                        // empty name and value
	{"\xc9", "\xff", 2, 1},                                // non-ASCII bytes
}

func FuzzSafelist(f *testing.F) {
	for _, s := range safelistSeeds {
		f.Add(s.name, s.value, s.variant, s.copies)
	}
	variants := []fetchmode.Safelist{{}, {ClientHints: true, RangeMax: math.MaxInt64 - 1}, {NoTotalLimit: true}}
	f.Fuzz(func(t *testing.T, name, value string, variant uint8, copies uint16) {
		v := variants[int(variant)%len(variants)]
		safe := v.IsSafelisted(name, value)
		if safe && len(value) > 128 {
			t.Fatalf("(%q, %d bytes) safelisted", name, len(value))
		}
		if safe && !v.ClientHints && !fetchmode.IsCORSSafelistedRequestHeader(name, value) {
			t.Fatalf("variant %+v safelists (%q, %q) but the standard does not", v, name, value)
		}
		if fetchmode.IsNoCORSSafelistedRequestHeader(name, value) && !fetchmode.IsCORSSafelistedRequestHeader(name, value) {
			t.Fatalf("no-CORS-safelisted but not CORS-safelisted: (%q, %q)", name, value)
		}
		// A list of the entry repeated, plus a custom header.
		n := int(copies % 64)
		l := make(fetchmode.HeaderList, 0, n+1)
		for i := 0; i < n; i++ {
			l = append(l, fetchmode.Header{Name: name, Value: value})
		}
		l = append(l, fetchmode.Header{Name: "X-Other", Value: "1"})
		names := v.AppendUnsafeNames(nil, l)
		if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
			t.Fatalf("names %q are not a sorted set", names)
		}
		for _, nm := range names {
			if fetchoracle.Lower(nm) != nm {
				t.Fatalf("name %q is not lower-case", nm)
			}
			if !strings.EqualFold(nm, name) && nm != "x-other" {
				t.Fatalf("name %q is not from the list", nm)
			}
		}
		lower := fetchoracle.Lower(name)
		unsafeEntry := n > 0 && (!safe || (!v.NoTotalLimit && n*len(value) > 1024))
		if slices.Contains(names, lower) != unsafeEntry && lower != "x-other" {
			t.Fatalf("%d × (%q, %d bytes): names %q, want unsafe = %v", n, name, len(value), names, unsafeEntry)
		}
		if !slices.Contains(names, "x-other") {
			t.Fatalf("x-other missing from %q", names)
		}
		// Firefox's rules flag a subset of the standard's.
		if !v.ClientHints {
			for _, nm := range (fetchmode.Safelist{NoTotalLimit: true}).AppendUnsafeNames(nil, l) {
				if !slices.Contains(fetchmode.CORSUnsafeRequestHeaderNames(l), nm) {
					t.Fatalf("%q unsafe without the total rule but safe with it", nm)
				}
			}
		}
	})
}
