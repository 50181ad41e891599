package fetchmode

import (
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/internal/grammar"
)

// IsMethod reports whether s is a method: a byte sequence that matches the
// HTTP token production (Fetch §concept-method; RFC 9110 §9.1).
func IsMethod(s string) bool { return grammar.IsToken(s) }

// IsForbiddenMethod reports whether s is a byte-case-insensitive match for
// CONNECT, TRACE or TRACK (Fetch §forbidden-method).
func IsForbiddenMethod(s string) bool {
	return ascii.EqualFold(s, "CONNECT") || ascii.EqualFold(s, "TRACE") || ascii.EqualFold(s, "TRACK")
}

// normalizedMethods are the methods Fetch §concept-method-normalize
// upper-cases.
var normalizedMethods = [...]string{"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"}

// NormalizeMethod normalizes a method (Fetch §concept-method-normalize): a
// byte-case-insensitive match for DELETE, GET, HEAD, OPTIONS, POST or PUT is
// byte-uppercased, and any other method is returned unchanged ("patch" stays
// "patch"). It does not allocate.
func NormalizeMethod(s string) string {
	for _, m := range normalizedMethods {
		if ascii.EqualFold(s, m) {
			return m
		}
	}
	return s
}

// IsCORSSafelistedMethod reports whether s is GET, HEAD or POST, compared
// case-sensitively (Fetch §cors-safelisted-method).
func IsCORSSafelistedMethod(s string) bool {
	return s == "GET" || s == "HEAD" || s == "POST"
}

// IsHeaderName reports whether s is a header name: a byte sequence that
// matches the field-name (token) production (Fetch §header-name; RFC 9110
// §5.1).
func IsHeaderName(s string) bool { return grammar.IsToken(s) }

// IsHeaderValue reports whether s is a header value (Fetch §header-value): it
// has no leading or trailing HTTP tab or space byte, and contains no 0x00
// (NUL) and no HTTP newline byte (0x0A LF, 0x0D CR). The empty string is a
// header value.
func IsHeaderValue(s string) bool {
	if s == "" {
		return true
	}
	if isTabOrSpace(s[0]) || isTabOrSpace(s[len(s)-1]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0 || c == '\n' || c == '\r' {
			return false
		}
	}
	return true
}

// NormalizeHeaderValue strips leading and trailing HTTP whitespace bytes
// (0x09, 0x0A, 0x0D, 0x20) from s (Fetch §concept-header-value-normalize). The
// result is a substring of s.
func NormalizeHeaderValue(s string) string { return grammar.TrimHTTPWhitespace(s) }
