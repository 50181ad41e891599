package fetchmode

// Byte classes, as [256]bool tables built once at start-up.
var (
	// tcharTable holds RFC 9110 §5.6.2 tchar: "!#$%&'*+-.^_`|~", DIGIT and
	// ALPHA. A token is 1*tchar; Fetch §concept-method and §header-name use it,
	// as does MIME Sniffing's "HTTP token code point".
	tcharTable = makeTable("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

	// unsafeByteTable holds Fetch §cors-unsafe-request-header-byte: a byte
	// below 0x20 other than 0x09, one of "():<>?@[\]{}, or 0x7F.
	unsafeByteTable = func() (t [256]bool) {
		for b := 0; b < 0x20; b++ {
			t[b] = b != '\t'
		}
		for _, b := range []byte("\"():<>?@[\\]{}\x7f") {
			t[b] = true
		}
		return t
	}()

	// languageByteTable holds the bytes Fetch §cors-safelisted-request-header
	// allows in Accept-Language and Content-Language: 0-9, A-Z, a-z, SP, "*",
	// ",", "-", ".", ";" and "=".
	languageByteTable = makeTable("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz *,-.;=")

	// quotedStringTable holds MIME Sniffing's "HTTP quoted-string token code
	// points": U+0009, U+0020–U+007E and U+0080–U+00FF (here, the bytes of
	// the same numbers).
	quotedStringTable = func() (t [256]bool) {
		t['\t'] = true
		for b := 0x20; b < 0x100; b++ {
			t[b] = b != 0x7f
		}
		return t
	}()
)

// makeTable returns a table true exactly for the bytes of s.
func makeTable(s string) (t [256]bool) {
	for i := 0; i < len(s); i++ {
		t[s[i]] = true
	}
	return t
}

// isTabOrSpace reports whether b is an HTTP tab or space byte (Fetch
// §http-tab-or-space-byte): 0x09 or 0x20. It is also RFC 9110's OWS byte.
func isTabOrSpace(b byte) bool { return b == ' ' || b == '\t' }

// isHTTPWhitespace reports whether b is an HTTP whitespace byte (Fetch
// §http-whitespace-byte): 0x09, 0x0A, 0x0D or 0x20.
func isHTTPWhitespace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// isDigit reports whether b is an ASCII digit.
func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// isToken reports whether s is an RFC 9110 token: one or more tchar.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !tcharTable[s[i]] {
			return false
		}
	}
	return true
}

// trimTabOrSpace removes leading and trailing HTTP tab or space bytes.
func trimTabOrSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isTabOrSpace(s[i]) {
		i++
	}
	for j > i && isTabOrSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

// trimHTTPWhitespace removes leading and trailing HTTP whitespace bytes.
func trimHTTPWhitespace(s string) string {
	i, j := 0, len(s)
	for i < j && isHTTPWhitespace(s[i]) {
		i++
	}
	for j > i && isHTTPWhitespace(s[j-1]) {
		j--
	}
	return s[i:j]
}
