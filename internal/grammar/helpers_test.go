package grammar

import "strings"

// Adversarial inputs shared by the tables: every parser must take linear
// time on them.
const mib = 1 << 20

var (
	mibCommas = strings.Repeat(",", mib)          // 1 MiB of commas
	mibOWS    = strings.Repeat(" \t", mib/2)      // 1 MiB of optional whitespace
	mibToken  = strings.Repeat("a", mib)          // one 1 MiB token
	mibDigits = strings.Repeat("9", mib)          // 1 MiB of digits
	mibSpaces = strings.Repeat(" ", mib)          // 1 MiB of spaces
	mibQuotes = strings.Repeat(`"`, mib)          // 1 MiB of double quotes
	mibEscape = `"` + strings.Repeat(`\`, mib)    // an unclosed quoted string of backslashes
	mibList   = strings.Repeat("a, ", mib/3)      // a long, well-formed token list
	invalidU8 = "\xff\xfe\xc3A"                   // invalid UTF-8
	highBytes = "caf\xe9 \x80\x9f\xa0\xff"        // bytes 0x80–0xFF
	thousands = strings.Repeat(",", 5000) + "GET" // thousands of commas, then a token
)

// repeat returns s repeated n times.
func repeat(s string, n int) string { return strings.Repeat(s, n) }
