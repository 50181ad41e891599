package scenario

import (
	"errors"
	"strconv"
	"strings"
)

// ParseError reports a scenario that cannot be read: which part of it is wrong and why.
type ParseError struct {
	// ID is the scenario's id when it could be read, else "".
	ID string
	// Path locates the offending value, e.g. `fetches[1].mode` or
	// `servers["https://api.test/x"].options.status`; "" means the line as a whole.
	Path string
	// Err says what is wrong with it.
	Err error
}

// Error returns text of the form `corsim: scenario "id": fetches[1].mode: unknown keyword "x"`.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("corsim: scenario")
	if e.ID != "" {
		b.WriteString(" " + strconv.Quote(e.ID))
	}
	if e.Path != "" {
		b.WriteString(": " + e.Path)
	}
	b.WriteString(": " + trimPrefix(e.Err))
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// nest locates err at path: a *ParseError from deeper down gets path prefixed to its own.
func nest(path string, err error) *ParseError {
	var pe *ParseError
	if errors.As(err, &pe) {
		return &ParseError{ID: pe.ID, Path: path + pe.Path, Err: pe.Err}
	}
	return &ParseError{Path: path, Err: err}
}

// LineError reports an input line that could not be read: it was not a scenario, or was longer than
// the reader's limit. The other lines are unaffected.
type LineError struct {
	// Name is the input's name as given to the Reader ("" for an unnamed input).
	Name string
	// Line is the 1-based line number.
	Line int
	// Err is a *ParseError, or the reason the line could not be read at all.
	Err error
}

// Error returns text of the form `corsim: in.jsonl line 3: scenario "x": fetches[0].url: missing`.
func (e *LineError) Error() string {
	var b strings.Builder
	b.WriteString("corsim: ")
	if e.Name != "" {
		b.WriteString(e.Name + " ")
	}
	b.WriteString("line " + strconv.Itoa(e.Line) + ": " + trimPrefix(e.Err))
	return b.String()
}

// Unwrap returns the underlying error.
func (e *LineError) Unwrap() error { return e.Err }

// trimPrefix drops the "corsim: " every corsim error starts with, so nested errors read as one sentence.
func trimPrefix(err error) string {
	if err == nil {
		return "unknown error"
	}
	return strings.TrimPrefix(err.Error(), "corsim: ")
}
