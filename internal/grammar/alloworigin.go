package grammar

import (
	"strconv"
	"strings"
)

// AllowOriginKind is the form of an Access-Control-Allow-Origin value.
type AllowOriginKind uint8

// The forms of Access-Control-Allow-Origin = origin-or-null / wildcard.
const (
	AllowOriginWildcard   AllowOriginKind = iota // "*"
	AllowOriginNull                              // "null"
	AllowOriginSerialized                        // a serialized origin, "scheme://host[:port]"
)

// allowOriginNames are the names of the AllowOriginKind values.
var allowOriginNames = []string{"wildcard", "null", "serialized"}

// String returns "wildcard", "null", "serialized" or "AllowOriginKind(n)".
func (k AllowOriginKind) String() string {
	if int(k) < len(allowOriginNames) {
		return allowOriginNames[k]
	}
	return "AllowOriginKind(" + strconv.Itoa(int(k)) + ")"
}

// ParseAllowOrigin classifies an Access-Control-Allow-Origin value by the
// Fetch ABNF (§http-new-header-syntax: origin-or-null / wildcard, with
// origin-or-null from §http-origin): "*", the case-sensitive "null", or
// serialized-scheme "://" serialized-host [":" serialized-port]. The scheme is
// a lower-case letter then lower-case letters, digits, "+", "-" or "."; the
// host is dotted-decimal IPv4 without leading zeros, IPv6 in brackets
// (lower-case hex without leading zeros, "::" standing for at least two
// groups, no embedded IPv4), or lower-case letter-digit-hyphen labels joined
// by dots; the port is 1 to 5 digits. Anything else is a *[ListError].
//
// The grammar is informative: the CORS check compares the value byte for byte
// with the request's serialized origin and never parses it, and a browser can
// serialize origins (a host with "_", say) that the grammar does not match. Use
// this function to lint server configuration, not to decide a CORS outcome.
// On error the returned kind means nothing.
func ParseAllowOrigin(value string) (AllowOriginKind, error) {
	kind, token, reason := classifyAllowOrigin(value)
	if reason != "" {
		return 0, newListError("Access-Control-Allow-Origin", value, token, reason)
	}
	return kind, nil
}

// ClassifyAllowOrigin is [ParseAllowOrigin] without the error: ok is false
// when value does not match the grammar, and then kind means nothing. It
// does not allocate, so a CORS check can name what it was given on its
// failure path for free.
func ClassifyAllowOrigin(value string) (kind AllowOriginKind, ok bool) {
	kind, _, reason := classifyAllowOrigin(value)
	return kind, reason == ""
}

// classifyAllowOrigin runs the grammar of [ParseAllowOrigin]: the kind, or
// the offending part of value and the reason it does not match.
func classifyAllowOrigin(value string) (kind AllowOriginKind, token, reason string) {
	// Fetch §http-new-header-syntax: Access-Control-Allow-Origin =
	// origin-or-null / wildcard; §http-origin: origin-or-null =
	// serialized-origin / %s"null".
	switch value {
	case "*":
		return AllowOriginWildcard, "", ""
	case "null":
		return AllowOriginNull, "", ""
	}
	// Fetch §http-origin: serialized-origin = serialized-scheme "://"
	// serialized-host [ ":" serialized-port ]. First serialized-scheme.
	i := 0
	for i < len(value) && isSchemeByte(value[i], i == 0) {
		i++
	}
	if i == 0 {
		return 0, "", "not *, null or a lower-case scheme"
	}
	// "://".
	if len(value)-i < 3 || value[i:i+3] != "://" {
		return 0, value[:i], `scheme not followed by "://"`
	}
	rest := value[i+3:]
	// serialized-host = serialized-ipv4 / "[" serialized-ipv6 "]" /
	// serialized-domain, then the optional ":" serialized-port.
	host, port, hasPort := rest, "", false
	if len(rest) > 0 && rest[0] == '[' {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return 0, rest, `IPv6 address without "]"`
		}
		host = rest[:end+1]
		if tail := rest[end+1:]; tail != "" {
			if tail[0] != ':' {
				return 0, tail, "data after the host"
			}
			port, hasPort = tail[1:], true
		}
		if !isSerializedIPv6(host[1 : len(host)-1]) {
			return 0, host, "not a serialized IPv6 address"
		}
	} else {
		if slash := strings.IndexByte(rest, '/'); slash >= 0 {
			// A serialized origin has no path, not even "/".
			return 0, rest[slash:], "path after the host"
		}
		if c := strings.IndexByte(rest, ':'); c >= 0 {
			host, port, hasPort = rest[:c], rest[c+1:], true
		}
		if !isSerializedIPv4(host) && !isSerializedDomain(host) {
			return 0, host, "not a serialized host"
		}
	}
	if hasPort && !isSerializedPort(port) {
		return 0, port, "port is not 1 to 5 digits"
	}
	return AllowOriginSerialized, "", ""
}

// isSchemeByte reports whether b may appear in a serialized-scheme: a
// lower-case letter first, then lower-case letters, digits, "+", "-", ".".
func isSchemeByte(b byte, first bool) bool {
	if 'a' <= b && b <= 'z' {
		return true
	}
	return !first && (isDigit(b) || b == '+' || b == '-' || b == '.')
}

// isLowerAlnum reports whether b is a lower-case ASCII letter or a digit.
func isLowerAlnum(b byte) bool { return isDigit(b) || ('a' <= b && b <= 'z') }

// isSerializedPort reports whether s is serialized-port, 1*5DIGIT (Fetch
// §http-origin).
func isSerializedPort(s string) bool { return len(s) <= 5 && IsDigits(s) }

// isSerializedDomain reports whether s is serialized-domain (Fetch
// §http-origin): one or more domain-labels joined by "."; each label is lower-case letters, digits and "-", neither starting nor
// ending with "-".
func isSerializedDomain(s string) bool {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '.' {
			if b := s[i]; !isLowerAlnum(b) && b != '-' {
				return false
			}
			continue
		}
		label := s[start:i]
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		start = i + 1
	}
	return true
}

// isSerializedIPv4 reports whether s is serialized-ipv4 (Fetch
// §http-origin): four dec-octets (0–255, no leading zeros) joined by ".".
func isSerializedIPv4(s string) bool {
	parts := 0
	for len(s) > 0 {
		n := 0
		for n < len(s) && isDigit(s[n]) {
			n++
		}
		if n == 0 || n > 3 || (n > 1 && s[0] == '0') {
			return false
		}
		if n == 3 && s[:3] > "255" {
			return false
		}
		parts++
		s = s[n:]
		if parts < 4 {
			if len(s) == 0 || s[0] != '.' {
				return false
			}
			s = s[1:]
		} else if len(s) > 0 {
			return false
		}
	}
	return parts == 4
}

// isSerializedIPv6 reports whether s matches serialized-ipv6 (Fetch
// §http-origin): groups (h16) of lower-case hex without leading zeros
// ("0" or a non-zero digit and up to three more), either eight of them, or at
// most six around a single "::". There is no embedded IPv4 form.
func isSerializedIPv6(s string) bool {
	groups, compressed := 0, false
	i := 0
	if len(s) >= 2 && s[:2] == "::" {
		compressed, i = true, 2
	}
	for i < len(s) {
		// h16 = "0" / ( non-zero-hex 0*3hex ).
		start := i
		for i < len(s) && i-start < 4 && isLowerHex(s[i]) {
			i++
		}
		if i == start || (s[start] == '0' && i-start > 1) {
			return false
		}
		groups++
		if i == len(s) {
			break
		}
		if s[i] != ':' {
			return false
		}
		i++
		switch {
		case i < len(s) && s[i] == ':':
			if compressed {
				return false
			}
			compressed = true
			i++
		case i == len(s):
			return false // a single trailing ":"
		}
	}
	if compressed {
		return groups <= 6
	}
	return groups == 8
}

// isLowerHex reports whether b is a digit or a–f.
func isLowerHex(b byte) bool { return isDigit(b) || ('a' <= b && b <= 'f') }
