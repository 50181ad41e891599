package fetchmode

import (
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/internal/grammar"
)

// Limits of Fetch §cors-safelisted-request-header and
// §cors-unsafe-request-header-names.
const (
	// maxSafelistedValueLen is the longest value, in bytes, a CORS-safelisted
	// request-header can have.
	maxSafelistedValueLen = 128
	// maxSafelistedTotalLen is the most value bytes the safelisted entries of
	// one request can have together before they all count as unsafe.
	maxSafelistedTotalLen = 1024
)

// Safelist is a variant of the CORS-safelisted request-header rules. The zero
// value is the Fetch Standard's rules; the fields turn on browser behaviour.
type Safelist struct {
	// NoTotalLimit drops the 1024-byte total of Fetch
	// §cors-unsafe-request-header-names step 5: Firefox
	// (nsContentUtils::IsCORSSafelistedRequestHeader) and WebKit
	// (isCrossOriginSafeRequestHeader) judge each entry alone.
	NoTotalLimit bool
	// ClientHints also safelists what Chromium's cors.cc
	// IsCorsSafelistedHeader does beyond the standard: "intervention", and
	// the client hints device-memory, dpr, width, viewport-width, rtt,
	// downlink, ect and save-data, each with its value grammar.
	ClientHints bool
	// RangeMax, when not zero, is the largest bound a safelisted Range entry
	// may name; the standard has none. Chromium's is math.MaxInt64-1
	// (net::HttpUtil::ParseRangeHeader saturates at math.MaxInt64 and cors.cc
	// refuses the saturated result), Firefox's and WebKit's math.MaxUint64.
	// Leading zeros do not count.
	RangeMax uint64
}

// IsCORSSafelistedRequestHeader reports whether the entry (name, value) is a
// CORS-safelisted request-header under the standard rules: it is
// Safelist{}.IsSafelisted(name, value).
func IsCORSSafelistedRequestHeader(name, value string) bool {
	return Safelist{}.IsSafelisted(name, value)
}

// IsSafelisted reports whether the single entry (name, value) is a
// CORS-safelisted request-header (Fetch §cors-safelisted-request-header) under
// the variant s: a value longer than 128 bytes never is. The 1024-byte total
// is not part of this test; see [Safelist.AppendUnsafeNames]. It does not
// allocate.
func (s Safelist) IsSafelisted(name, value string) bool {
	// Fetch §cors-safelisted-request-header step 1.
	if len(value) > maxSafelistedValueLen {
		return false
	}
	// Step 2: switch on the byte-lowercased name.
	switch {
	case ascii.EqualFold(name, "accept"):
		// Step 2, accept.
		return !hasUnsafeByte(value)
	case ascii.EqualFold(name, "accept-language"), ascii.EqualFold(name, "content-language"):
		// Step 2, accept-language and content-language.
		for i := 0; i < len(value); i++ {
			if !languageByteTable[value[i]] {
				return false
			}
		}
		return true
	case ascii.EqualFold(name, "content-type"):
		// Step 2, content-type, step 1.
		if hasUnsafeByte(value) {
			return false
		}
		// Steps 2–4.
		return isSafelistedContentType(value)
	case ascii.EqualFold(name, "range"):
		// Step 2, range, steps 1–3.
		start, end, ok := grammar.ScanSingleRange(value, false)
		if !ok || start == "" {
			return false
		}
		if s.RangeMax != 0 {
			return grammar.DecimalAtMost(start, s.RangeMax) && grammar.DecimalAtMost(end, s.RangeMax)
		}
		return true
	}
	if s.ClientHints {
		return isSafelistedClientHint(name, value)
	}
	// Step 2, otherwise.
	return false
}

// safelistedEssences are the essences Fetch §cors-safelisted-request-header
// allows for Content-Type.
var safelistedEssences = [...][2]string{
	{"application", "x-www-form-urlencoded"},
	{"multipart", "form-data"},
	{"text", "plain"},
}

// isSafelistedContentType runs Fetch §cors-safelisted-request-header,
// content-type, steps 2–4 without allocating: parameters can never make
// parsing fail, so only the essence is parsed.
func isSafelistedContentType(value string) bool {
	// Steps 2–3.
	typ, subtype, ok := grammar.ParseEssence(value)
	if !ok {
		return false
	}
	// Step 4.
	for _, e := range safelistedEssences {
		if ascii.EqualFold(typ, e[0]) && ascii.EqualFold(subtype, e[1]) {
			return true
		}
	}
	return false
}

// hasUnsafeByte reports whether value contains a CORS-unsafe request-header
// byte.
func hasUnsafeByte(value string) bool {
	for i := 0; i < len(value); i++ {
		if unsafeByteTable[value[i]] {
			return true
		}
	}
	return false
}

// IsCORSUnsafeRequestHeaderByte reports whether b is a CORS-unsafe
// request-header byte (Fetch §cors-unsafe-request-header-byte): a byte below
// 0x20 other than 0x09 (HT), one of "():<>?@[\]{}, or 0x7F (DEL). Bytes
// 0x80–0xFF are not unsafe.
func IsCORSUnsafeRequestHeaderByte(b byte) bool { return unsafeByteTable[b] }

// isSafelistedClientHint reports whether Chromium safelists (name, value)
// beyond the standard (services/network/public/cpp/cors/cors.cc,
// IsCorsSafelistedHeader, M132). The 128-byte limit has already been applied.
//
// Chromium's list also has many sec-ch-* client hints, accepted with any
// value; they are left out because a sec- name is a forbidden request-header
// (Fetch §forbidden-request-header step 2), so script can never put one in a
// request's header list, and the UA adds its own only per network attempt,
// after the preflight decision.
func isSafelistedClientHint(name, value string) bool {
	switch {
	case ascii.EqualFold(name, "intervention"):
		// Added by Chrome itself; any value.
		return true
	case ascii.EqualFold(name, "device-memory"), ascii.EqualFold(name, "dpr"), ascii.EqualFold(name, "downlink"):
		// cors.cc IsSimilarToDoubleABNF: 1*DIGIT [ "." 1*DIGIT ].
		return isDecimalNumber(value)
	case ascii.EqualFold(name, "width"), ascii.EqualFold(name, "viewport-width"), ascii.EqualFold(name, "rtt"):
		// cors.cc IsSimilarToIntABNF: 1*DIGIT.
		return grammar.IsDigits(value)
	case ascii.EqualFold(name, "ect"):
		// kWebEffectiveConnectionTypeMapping, compared case-sensitively.
		return value == "slow-2g" || value == "2g" || value == "3g" || value == "4g"
	case ascii.EqualFold(name, "save-data"):
		// Compared after ASCII lowercasing the value.
		return ascii.EqualFold(value, "on")
	}
	return false
}

// isDecimalNumber reports whether s is 1*DIGIT [ "." 1*DIGIT ].
func isDecimalNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return grammar.IsDigits(s[:i]) && grammar.IsDigits(s[i+1:])
		}
	}
	return grammar.IsDigits(s)
}
