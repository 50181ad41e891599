package fetchmode

import (
	"errors"
	"strconv"
)

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

// ListError reports a header value that does not match its grammar: an
// element of a #list that is not a token, an Access-Control-Max-Age that is
// not delta-seconds, a MIME type or a Range value that does not parse, an
// Access-Control-Allow-Origin that is not an origin.
type ListError struct {
	// Header is the header (or grammar) being parsed, e.g.
	// "Access-Control-Allow-Methods".
	Header string
	// Value is the header line that failed, in full.
	Value string
	// Token is the first offending element or part of Value; it may be empty
	// (for example when the whole value is empty).
	Token string
	// Reason is a short, stable description, e.g. "not a token".
	Reason string
}

// Error returns text of the form
// `corsim: fetchmode: Access-Control-Allow-Methods: not a token "PUT POST" in "GET, PUT POST"`.
// Token and Value are shortened to 64 bytes in the text (not in the fields).
func (e *ListError) Error() string {
	msg := "corsim: fetchmode: " + e.Header + ": " + e.Reason
	if e.Token != "" {
		msg += " " + quoteShort(e.Token)
	}
	if e.Reason != reasonAbsent {
		msg += " in " + quoteShort(e.Value)
	}
	return msg
}

// ErrAbsent is matched, with [errors.Is], by the error a parser returns when
// it is given no header line at all.
var ErrAbsent = errors.New("corsim: fetchmode: header absent")

// Is makes errors.Is(err, ErrAbsent) true for an absent header.
func (e *ListError) Is(target error) bool { return target == ErrAbsent && e.Reason == reasonAbsent }

// reasonAbsent is the Reason of the error for a missing header.
const reasonAbsent = "header absent"

// newListError returns a *ListError.
func newListError(header, value, token, reason string) *ListError {
	return &ListError{Header: header, Value: value, Token: token, Reason: reason}
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
