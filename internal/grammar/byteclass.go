package grammar

// Byte classes, as [256]bool tables built once at start-up.
var (
	// tcharTable holds RFC 9110 §5.6.2 tchar: "!#$%&'*+-.^_`|~", DIGIT and
	// ALPHA. A token is 1*tchar; Fetch §concept-method and §header-name use it,
	// as does MIME Sniffing's "HTTP token code point".
	tcharTable = makeTable("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

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

	// tabOrSpaceTable holds the HTTP tab or space bytes (Fetch
	// §http-tab-or-space-byte), 0x09 and 0x20; they are also RFC 9110's OWS.
	tabOrSpaceTable = makeTable("\t ")

	// httpWhitespaceTable holds the HTTP whitespace bytes (Fetch
	// §http-whitespace-byte): 0x09, 0x0A, 0x0D and 0x20.
	httpWhitespaceTable = makeTable("\t\n\r ")
)

// makeTable returns a table true exactly for the bytes of s.
func makeTable(s string) (t [256]bool) {
	for i := 0; i < len(s); i++ {
		t[s[i]] = true
	}
	return t
}

// isTabOrSpace reports whether b is an HTTP tab or space byte.
func isTabOrSpace(b byte) bool { return b == ' ' || b == '\t' }

// isDigit reports whether b is an ASCII digit.
func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// IsToken reports whether s is an RFC 9110 token (§5.6.2): one or more
// tchar. Methods (Fetch §concept-method) and header names (Fetch
// §header-name) are tokens.
func IsToken(s string) bool {
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

// IsDigits reports whether s is 1*DIGIT: one or more ASCII digits.
func IsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// trim removes the leading and trailing bytes of s that are in set.
func trim(s string, set *[256]bool) string {
	i, j := 0, len(s)
	for i < j && set[s[i]] {
		i++
	}
	for j > i && set[s[j-1]] {
		j--
	}
	return s[i:j]
}

// trimTabOrSpace removes leading and trailing HTTP tab or space bytes.
func trimTabOrSpace(s string) string { return trim(s, &tabOrSpaceTable) }

// TrimHTTPWhitespace removes leading and trailing HTTP whitespace bytes
// (0x09, 0x0A, 0x0D, 0x20), as Fetch §concept-header-value-normalize does.
// The result is a substring of s.
func TrimHTTPWhitespace(s string) string { return trim(s, &httpWhitespaceTable) }

// trimTrailingHTTPWhitespace removes trailing HTTP whitespace bytes.
func trimTrailingHTTPWhitespace(s string) string {
	j := len(s)
	for j > 0 && httpWhitespaceTable[s[j-1]] {
		j--
	}
	return s[:j]
}
