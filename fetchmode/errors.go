package fetchmode

import "strconv"

// KeywordError reports a keyword that does not name a value of an enum, or an
// enum value that has no keyword.
type KeywordError struct {
	// Type is the Go type: "Mode", "Credentials", "Redirect", "Tainting" or
	// "CacheMode".
	Type string
	// Keyword is the rejected input (or, when marshalling, the value printed
	// as "Type(n)").
	Keyword string
	// Reason is "empty keyword", "unknown keyword" or "value out of range".
	Reason string
}

// Error returns text of the form
// `corsim: fetchmode: Mode: unknown keyword "x"`.
func (e *KeywordError) Error() string {
	return "corsim: fetchmode: " + e.Type + ": " + e.Reason + " " + quoteShort(e.Keyword)
}

// maxQuoted bounds how much of an input an error message shows.
const maxQuoted = 64

// quoteShort quotes s for an error message, shortened to maxQuoted bytes.
// strconv.Quote escapes control bytes and invalid UTF-8.
func quoteShort(s string) string {
	if len(s) > maxQuoted {
		return strconv.Quote(s[:maxQuoted]) + "..."
	}
	return strconv.Quote(s)
}
