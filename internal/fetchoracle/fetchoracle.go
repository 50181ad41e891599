// Package fetchoracle holds naive re-implementations of Fetch rules that
// tests and fuzz targets compare corsim's engine with. Each is written from
// the standard's text, in the plainest way (strings.Split, maps), and shares
// no code with fetchmode, internal/grammar or internal/ascii, so that a bug
// there is not repeated here. Only tests import it.
package fetchoracle

import (
	"strings"

	"github.com/corsim/corsim/fetchmode"
)

// IsToken reports whether s is an RFC 9110 token (§5.6.2): one or more of
// "!#$%&'*+-.^_`|~", DIGIT and ALPHA.
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
		if !alnum && !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c)) {
			return false
		}
	}
	return true
}

// TokenList parses a #token list spread over header lines (Fetch
// §http-new-header-syntax, RFC 9110 §5.6.1): split on commas, trim SP and
// HTAB, drop empty elements. On the first element that is not a token it
// returns the elements before it, that element and false.
func TokenList(lines []string) (elems []string, bad string, ok bool) {
	for _, line := range lines {
		for _, e := range strings.Split(line, ",") {
			e = strings.Trim(e, " \t")
			if e == "" {
				continue
			}
			if !IsToken(e) {
				return elems, e, false
			}
			elems = append(elems, e)
		}
	}
	return elems, "", true
}

// Lower byte-lowercases s: A–Z only, other bytes untouched.
func Lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

// ExposedNames parses the Access-Control-Expose-Headers lines of l as
// #field-name: the names lower-cased, and whether one of them is "*". ok is
// false when a line does not parse, and then the response exposes nothing
// beyond the safelist.
func ExposedNames(l fetchmode.HeaderList) (names map[string]bool, star, ok bool) {
	elems, _, ok := TokenList(l.Values("Access-Control-Expose-Headers"))
	if !ok {
		return nil, false, false
	}
	names = map[string]bool{}
	for _, e := range elems {
		names[Lower(e)] = true
		star = star || e == "*"
	}
	return names, star, true
}

// IsSafelistedResponseName reports whether the lower-case name n is one of
// the fixed CORS-safelisted response-header names (Fetch
// §cors-safelisted-response-header-name).
func IsSafelistedResponseName(n string) bool {
	switch n {
	case "cache-control", "content-language", "content-length", "content-type", "expires",
		"last-modified", "pragma":
		return true
	}
	return false
}
