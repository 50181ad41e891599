package origin

import (
	"strings"
	"unicode/utf8"
)

// Byte-class lookup tables. Bytes >= 0x80 are members of every
// percent-encode set (URL §c0-control-percent-encode-set: "all code points
// greater than U+007E"), which the encoder handles before it looks here.

// byteSet is a set of bytes.
type byteSet [256]bool

// makeSet returns the set of the bytes in chars, plus every byte for which
// extra reports true.
func makeSet(chars string, extra func(b byte) bool) *byteSet {
	var s byteSet
	for i := 0; i < 256; i++ {
		if extra != nil && extra(byte(i)) {
			s[i] = true
		}
	}
	for i := 0; i < len(chars); i++ {
		s[chars[i]] = true
	}
	return &s
}

func isC0OrAbove7E(b byte) bool { return b < 0x20 || b > 0x7e }

var (
	// c0ControlSet is URL §c0-control-percent-encode-set.
	c0ControlSet = makeSet("", isC0OrAbove7E)
	// fragmentSet is URL §fragment-percent-encode-set.
	fragmentSet = makeSet(" \"<>`", isC0OrAbove7E)
	// querySet is URL §query-percent-encode-set.
	querySet = makeSet(" \"#<>", isC0OrAbove7E)
	// specialQuerySet is URL §special-query-percent-encode-set.
	specialQuerySet = makeSet(" \"#<>'", isC0OrAbove7E)
	// pathSet is URL §path-percent-encode-set.
	pathSet = makeSet(" \"#<>?^`{}", isC0OrAbove7E)
	// userinfoSet is URL §userinfo-percent-encode-set.
	userinfoSet = makeSet(" \"#<>?^`{}/:;=@[\\]|", isC0OrAbove7E)

	// forbiddenHost is URL §forbidden-host-code-point.
	forbiddenHost = makeSet("\x00\t\n\r #/:<>?@[\\]^|", nil)
	// forbiddenDomain is URL §forbidden-domain-code-point: the forbidden
	// host code points, C0 controls, "%" and U+007F.
	forbiddenDomain = makeSet("\x00\t\n\r #/:<>?@[\\]^|%\x7f", func(b byte) bool { return b < 0x20 })

	// c0OrSpace is Infra §c0-control-or-space: bytes 0x00 to 0x20.
	c0OrSpace = makeSet(" ", func(b byte) bool { return b < 0x20 })
	// tabOrNewline is Infra §ascii-tab-or-newline.
	tabOrNewline = makeSet("\t\n\r", nil)
	// schemeChar is what URL §scheme-state accepts after the first letter.
	schemeChar = makeSet("+-.", func(b byte) bool { return isAlpha(b) || isDigit(b) })
	// hexDigit is Infra §ascii-hex-digit.
	hexDigit = makeSet("0123456789abcdefABCDEF", nil)
	// canonicalHost is the set of bytes a host may hold for the fast path to
	// keep it unchanged: lowercase letters, digits, "-", "." and "_".
	canonicalHost = makeSet("-._", func(b byte) bool { return ('a' <= b && b <= 'z') || isDigit(b) })
)

func isAlpha(b byte) bool { return ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z') }
func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// hexVal returns the value of the ASCII hex digit b.
func hexVal(b byte) byte {
	switch {
	case b <= '9':
		return b - '0'
	case b <= 'F':
		return b - 'A' + 10
	}
	return b - 'a' + 10
}

const upperHex = "0123456789ABCDEF"

// appendEncoded appends s to b, UTF-8 percent-encoding every byte in set and
// every non-ASCII byte (URL §string-utf-8-percent-encode). Go strings may hold
// invalid UTF-8 while the URL parser works on scalar values: each byte that
// does not start a valid UTF-8 sequence stands for U+FFFD, as a Go []rune
// conversion would make it, and is encoded as "%EF%BF%BD".
func appendEncoded(b []byte, s string, set *byteSet) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if set[c] {
				b = append(b, '%', upperHex[c>>4], upperHex[c&15])
			} else {
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = append(b, "%EF%BF%BD"...)
			i++
			continue
		}
		for j := i; j < i+n; j++ {
			b = append(b, '%', upperHex[s[j]>>4], upperHex[s[j]&15])
		}
		i += n
	}
	return b
}

// appendFragment appends s encoded with the fragment percent-encode set.
func appendFragment(b []byte, s string) []byte {
	return appendEncoded(b, s, fragmentSet)
}

// percentDecode returns s percent-decoded (URL §string-percent-decode): each
// "%" followed by two ASCII hex digits becomes that byte; any other "%" is
// kept.
func percentDecode(s string) string {
	i := strings.IndexByte(s, '%')
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && hexDigit[s[i+1]] && hexDigit[s[i+2]] {
			b = append(b, hexVal(s[i+1])<<4|hexVal(s[i+2]))
			i += 2
			continue
		}
		b = append(b, c)
	}
	return string(b)
}
