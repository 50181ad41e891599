package grammar

import (
	"errors"
	"strconv"
)

// ListError reports a header value that does not match its grammar: an
// element of a #list that is not a token, an Access-Control-Max-Age that is
// not delta-seconds, a MIME type or a Range value that does not parse, an
// Access-Control-Allow-Origin that is not an origin.
//
// Its text keeps the "corsim: fetchmode: " prefix these grammars had when
// they were part of package fetchmode.
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
