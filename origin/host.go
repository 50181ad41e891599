package origin

import (
	"unicode/utf8"

	"github.com/corsim/corsim/internal/ascii"
	"golang.org/x/net/idna"
)

// appendHost runs URL §concept-host-parser on input with isOpaque set to
// !special, and appends the serialized host (URL §concept-host-serializer)
// to b. On failure it returns the part ("host", "ipv4", "ipv6" or "domain")
// and a reason.
func appendHost(b []byte, input string, special bool) (_ []byte, part, reason string) {
	// URL §concept-host-parser step 1: an IPv6 address in brackets.
	if len(input) > 0 && input[0] == '[' {
		if input[len(input)-1] != ']' || len(input) < 2 {
			return b, "ipv6", "unclosed bracket"
		}
		addr, ok := parseIPv6(input[1 : len(input)-1])
		if !ok {
			return b, "ipv6", "invalid IPv6 address"
		}
		b = append(b, '[')
		b = appendIPv6(b, &addr)
		return append(b, ']'), "", ""
	}
	// Step 2: non-special URLs get an opaque host.
	if !special {
		return appendOpaqueHost(b, input)
	}
	// Step 3 asserts a non-empty input; the callers fail before.
	if input == "" {
		return b, "host", "empty host"
	}
	// Step 5: percent-decode, then UTF-8 decode (in appendDomain).
	domain := percentDecode(input)
	// Steps 6-7: the domain parser.
	start := len(b)
	b, reason = appendDomain(b, domain)
	if reason != "" {
		return b[:start], "domain", reason
	}
	// Step 8: a domain that ends in a number is an IPv4 address or nothing.
	ascii := b[start:]
	if endsInNumber(string(ascii)) {
		v4, ok := parseIPv4(string(ascii))
		if !ok {
			return b[:start], "ipv4", "invalid IPv4 address"
		}
		return appendIPv4(b[:start], v4), "", ""
	}
	// Step 9.
	return b, "", ""
}

// appendOpaqueHost is URL §concept-opaque-host-parser.
func appendOpaqueHost(b []byte, input string) ([]byte, string, string) {
	// Step 1: forbidden host code points fail.
	for i := 0; i < len(input); i++ {
		if forbiddenHost[input[i]] {
			return b, "host", "forbidden host code point " + quoteByte(input[i])
		}
	}
	// Step 4: UTF-8 percent-encode with the C0 control percent-encode set.
	return appendEncoded(b, input, c0ControlSet), "", ""
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendDomain runs URL §concept-domain-to-ascii (the domain parser, with
// beStrict false) on domain and appends the result to b. It reports the
// failure reason, or "" on success.
func appendDomain(b []byte, domain string) ([]byte, string) {
	start := len(b)
	if isASCII(domain) {
		// URL §concept-domain-to-ascii step 5: an ASCII domain is only
		// lowercased; UTS #46 errors are ignored. Step 8 is checked in the
		// same pass.
		for i := 0; i < len(domain); i++ {
			c := domain[i]
			if forbiddenDomain[c] {
				return b[:start], "forbidden domain code point " + quoteByte(c)
			}
			b = append(b, ascii.LowerByte(c))
		}
	} else {
		// Step 6: UTS #46 ToASCII; failure fails. Invalid UTF-8 decodes to
		// U+FFFD (URL §concept-host-parser step 5), which UTS #46 disallows.
		if !utf8.ValidString(domain) {
			return b, "invalid UTF-8"
		}
		result, err := uts46ToASCII(domain)
		if err != nil {
			return b, "UTS #46 ToASCII failed"
		}
		// Step 8.
		for i := 0; i < len(result); i++ {
			if forbiddenDomain[result[i]] {
				return b, "forbidden domain code point " + quoteByte(result[i])
			}
		}
		b = append(b, result...)
	}
	// Step 7: an empty result fails.
	if len(b) == start {
		return b, "empty domain"
	}
	return b, ""
}

// quoteByte renders c for an error reason.
func quoteByte(c byte) string {
	if c >= 0x21 && c < 0x7f && c != '"' {
		return `"` + string(rune(c)) + `"`
	}
	return "0x" + string([]byte{upperHex[c>>4], upperHex[c&15]})
}

// uts46 is "domain parser ToASCII" with beStrict false (URL
// §concept-domain-to-ascii): UTS #46 ToASCII with CheckHyphens=false,
// CheckBidi=true, CheckJoiners=true, UseSTD3ASCIIRules=false,
// Transitional_Processing=false and VerifyDnsLength=false.
var uts46 = idna.New(
	idna.MapForLookup(),
	idna.BidiRule(),
	idna.CheckJoiners(true),
	idna.CheckHyphens(false),
	idna.StrictDomainName(false),
	idna.Transitional(false),
	idna.VerifyDNSLength(false),
)

// uts46ToASCII runs UTS #46 ToASCII on a non-ASCII domain.
func uts46ToASCII(domain string) (string, error) {
	return uts46.ToASCII(domain)
}
