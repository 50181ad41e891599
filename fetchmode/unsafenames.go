package fetchmode

import (
	"slices"

	"github.com/corsim/corsim/internal/ascii"
)

// CORSUnsafeRequestHeaderNames returns the CORS-unsafe request-header names of
// l under the standard rules, as a sorted-lowercase set, or nil when there is
// none. It is Safelist{}.AppendUnsafeNames(nil, l).
func CORSUnsafeRequestHeaderNames(l HeaderList) []string {
	return Safelist{}.AppendUnsafeNames(nil, l)
}

// AppendUnsafeNames appends to dst the CORS-unsafe request-header names of l
// (Fetch §cors-unsafe-request-header-names) under the variant s: the names of
// the entries that are not safelisted and, when the safelisted entries' values
// total more than 1024 bytes, the names of those too. The appended names form
// a sorted-lowercase set: byte-lowercased, without duplicates, in byte order.
// Entries are judged one by one, so two Content-Type entries of which one is
// not safelisted make content-type unsafe.
//
// It does not allocate when dst has room for the names and they are already
// lower-case (common names such as "Content-Type" or "X-Requested-With" are
// lower-cased without allocating too).
func (s Safelist) AppendUnsafeNames(dst []string, l HeaderList) []string {
	// Fetch §cors-unsafe-request-header-names steps 1–4, counting only: the
	// names themselves are collected in a second pass, so that nothing is
	// stored for potentiallyUnsafeNames. The verdicts on the first 64 entries
	// are kept in a bit set for that pass.
	total := 0
	var safeBits uint64
	for i, h := range l {
		if s.IsSafelisted(h.Name, h.Value) {
			total += len(h.Value)
			if i < 64 {
				safeBits |= 1 << i
			}
		}
	}
	// Step 5.
	all := !s.NoTotalLimit && total > maxSafelistedTotalLen
	start := len(dst)
	for i, h := range l {
		safe := false
		if !all {
			if i < 64 {
				safe = safeBits&(1<<i) != 0
			} else {
				safe = s.IsSafelisted(h.Name, h.Value)
			}
		}
		if !safe {
			dst = append(dst, lowerName(h.Name))
		}
	}
	// Step 6: convert to a sorted-lowercase set
	// (§convert-header-names-to-a-sorted-lowercase-set).
	set := dst[start:]
	slices.Sort(set)
	set = slices.Compact(set)
	return dst[:start+len(set)]
}

// lowerName byte-lowercases a header name. Names that are already lower-case
// are returned as they are, and common request-header names are returned as
// constants, so neither allocates.
func lowerName(name string) string {
	if ascii.IsLower(name) {
		return name
	}
	if i := commonNames.Index(name); i >= 0 {
		return commonNames.Member(i)
	}
	return ascii.Lower(name)
}

// commonNames are request-header names scripts often set, lower-case.
var commonNames = ascii.NewFoldSet(
	"accept", "accept-language", "authorization", "cache-control", "content-language",
	"content-type", "dpr", "if-match", "if-modified-since", "if-none-match", "last-event-id",
	"pragma", "range", "save-data", "user-agent", "x-api-key", "x-csrf-token",
	"x-http-method-override", "x-request-id", "x-requested-with", "x-xsrf-token",
)
