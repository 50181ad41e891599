package grammar

import "math"

// Range is a parsed single byte range, "bytes=Start-End". A missing bound has
// its Has flag false and its number 0: "bytes=0-" has no end, "bytes=-500"
// (a suffix range) has no start.
type Range struct {
	Start, End       int64
	HasStart, HasEnd bool
}

// ParseSingleRange parses value with "parse a single range header value"
// (Fetch §simple-range-header-value). "bytes" and "=" are matched
// case-sensitively; allowWhitespace permits HTTP tab or space bytes around
// "=", "-" and the numbers. Failures: anything but one range, no bound at
// all, a start after the end, or a bound beyond the int64 range (the standard
// has no bound; [ScanSingleRange] has none either). Errors are *[ListError].
func ParseSingleRange(value string, allowWhitespace bool) (Range, error) {
	r, ok := scanSingleRange(value, allowWhitespace)
	if !ok {
		return Range{}, newListError("Range", value, "", r.reason)
	}
	return r.toRange(value)
}

// ScanSingleRange runs "parse a single range header value" (Fetch
// §simple-range-header-value) as [ParseSingleRange] does, but without
// converting the numbers, so that it is exact whatever their size: start and
// end are the digits of the bounds as written, "" for a null bound, and ok is
// false on failure. It does not allocate.
func ScanSingleRange(value string, allowWhitespace bool) (start, end string, ok bool) {
	r, ok := scanSingleRange(value, allowWhitespace)
	return r.start, r.end, ok
}

// rawRange holds the digits of each bound (empty when absent), or why the
// scan failed.
type rawRange struct {
	start, end string
	reason     string
}

// scanSingleRange runs Fetch §simple-range-header-value without converting
// the numbers, so that it is exact whatever their size and never allocates.
func scanSingleRange(value string, allowWhitespace bool) (r rawRange, ok bool) {
	// Fetch §simple-range-header-value step 1: isomorphic decoding is the
	// identity here; pos is the position variable.
	pos := 0
	skip := func() {
		if allowWhitespace {
			for pos < len(value) && isTabOrSpace(value[pos]) {
				pos++
			}
		}
	}
	digits := func() string {
		start := pos
		for pos < len(value) && isDigit(value[pos]) {
			pos++
		}
		return value[start:pos]
	}
	// Step 2: "bytes" is matched case-sensitively.
	if len(value) < 5 || value[:5] != "bytes" {
		return rawRange{reason: `does not start with "bytes"`}, false
	}
	// Step 3: position is just after "bytes".
	pos = 5
	// Step 4.
	skip()
	// Steps 5–6.
	if pos >= len(value) || value[pos] != '=' {
		return rawRange{reason: `missing "=" after "bytes"`}, false
	}
	pos++
	// Step 7.
	skip()
	// Steps 8–9: rangeStart; empty means null.
	r.start = digits()
	// Step 10.
	skip()
	// Steps 11–12.
	if pos >= len(value) || value[pos] != '-' {
		return rawRange{reason: `missing "-" after the start`}, false
	}
	pos++
	// Step 13.
	skip()
	// Steps 14–15: rangeEnd; empty means null.
	r.end = digits()
	// Step 16.
	if pos < len(value) {
		return rawRange{reason: "unexpected data after the range"}, false
	}
	// Step 17.
	if r.start == "" && r.end == "" {
		return rawRange{reason: "neither start nor end"}, false
	}
	// Step 18.
	if r.start != "" && r.end != "" && compareDecimal(r.start, r.end) > 0 {
		return rawRange{reason: "start after end"}, false
	}
	// Step 19.
	return r, true
}

// toRange converts the bounds to int64s; a bound beyond math.MaxInt64 is an
// error.
func (r rawRange) toRange(value string) (Range, error) {
	var out Range
	var ok bool
	if r.start != "" {
		if out.Start, ok = DecimalInt64(r.start); !ok {
			return Range{}, newListError("Range", value, r.start, "start out of the int64 range")
		}
		out.HasStart = true
	}
	if r.end != "" {
		if out.End, ok = DecimalInt64(r.end); !ok {
			return Range{}, newListError("Range", value, r.end, "end out of the int64 range")
		}
		out.HasEnd = true
	}
	return out, nil
}

// compareDecimal compares two non-empty strings of ASCII digits by numeric
// value, in time linear in their length.
func compareDecimal(a, b string) int {
	a, b = trimLeadingZeros(a), trimLeadingZeros(b)
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// trimLeadingZeros removes leading '0' bytes.
func trimLeadingZeros(s string) string {
	for len(s) > 0 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

// DecimalInt64 converts a string of ASCII digits (the empty string is 0); ok
// is false when the number exceeds math.MaxInt64, and the result then
// saturates at math.MaxInt64.
func DecimalInt64(s string) (n int64, ok bool) {
	for i := 0; i < len(s); i++ {
		d := int64(s[i] - '0')
		if n > (math.MaxInt64-d)/10 {
			return math.MaxInt64, false
		}
		n = n*10 + d
	}
	return n, true
}

// DecimalAtMost reports whether a string of ASCII digits (the empty string is
// 0) names a number no greater than max, in time linear in its length and
// without allocating.
func DecimalAtMost(s string, max uint64) bool {
	var n uint64
	for i := 0; i < len(s); i++ {
		d := uint64(s[i] - '0')
		if d > max || n > (max-d)/10 {
			return false
		}
		n = n*10 + d
	}
	return n <= max
}
