package urloracle

import (
	"encoding/json"

	whatwg "github.com/nlnwa/whatwg-url/url"
)

// parser is the oracle, with its default options.
var parser = whatwg.NewParser()

// Ours is what the parser under test made of one input. Origin and Err are
// its origin parse (corsim's origin.Parse); URLErr, Scheme, PathQuery, Host
// and OriginHost are its URL parse (origin.ParseURL), and are looked at only
// when URLErr is nil. [Parser] fills it in from the two parse functions.
type Ours struct {
	// Origin is the origin serialization; Err is the origin parse's error.
	Origin string
	Err    error
	// URLErr is the URL parse's error.
	URLErr error
	// Scheme is the URL's scheme and PathQuery its path and query, as
	// serialized.
	Scheme, PathQuery string
	// Host is the URL's host serialization, "" when it has none, and
	// OriginHost the host of its origin (for blob:, the inner URL's).
	Host, OriginHost string
}

// ParseFunc is the parser under test: it reports what it made of raw.
type ParseFunc func(raw string) Ours

// OriginRecord is the part of the parser under test's origin value that
// [Parser] reads; corsim's origin.Origin satisfies it.
type OriginRecord interface {
	// String returns the origin serialization.
	String() string
	// Host returns the host serialization of a tuple origin, or "".
	Host() string
}

// URLRecord is the part of the parser under test's URL value that [Parser]
// reads; corsim's origin.URL satisfies it, with O origin.Origin.
type URLRecord[O OriginRecord] interface {
	// Scheme returns the scheme.
	Scheme() string
	// PathQuery returns the path and query, as serialized.
	PathQuery() string
	// Host returns the host serialization, or "" when there is none.
	Host() string
	// Origin returns the URL's origin.
	Origin() O
}

// Parser makes a [ParseFunc] of the parser under test's origin parse and
// URL parse, such as corsim's origin.Parse and origin.ParseURL. The URL
// value's methods are called only when parseURL returns a nil error.
func Parser[O OriginRecord, U URLRecord[O]](parse func(string) (O, error), parseURL func(string) (U, error)) ParseFunc {
	return func(raw string) Ours {
		o, err := parse(raw)
		ours := Ours{Origin: o.String(), Err: err}
		u, uerr := parseURL(raw)
		if ours.URLErr = uerr; uerr == nil {
			ours.Scheme, ours.PathQuery = u.Scheme(), u.PathQuery()
			ours.Host, ours.OriginHost = u.Host(), u.Origin().Host()
		}
		return ours
	}
}

// Origin returns the origin serialization the oracle implies for raw: URL
// §concept-url-origin over the oracle's URL record. The error is the
// oracle's when it rejects raw.
func Origin(raw string) (string, error) {
	u, err := parser.Parse(raw)
	if err != nil {
		return "", err
	}
	// URL §concept-url-origin: a special non-file scheme has a tuple origin.
	switch u.Scheme() {
	case "http", "https", "ws", "wss", "ftp":
		return u.Scheme() + "://" + u.Host(), nil
	case "blob":
		// URL §concept-url-origin "blob": the origin of the parsed path,
		// when that is an http(s) URL.
		if u.OpaquePath() {
			inner, err := parser.Parse(u.Pathname())
			if err == nil && (inner.Scheme() == "http" || inner.Scheme() == "https") {
				return inner.Scheme() + "://" + inner.Host(), nil
			}
		}
	}
	return "null", nil
}

// Compare compares the parser under test, through parse, with the oracle on
// raw. diff describes a disagreement and is "" when they agree or the
// disagreement is excused; class then names the excusing class (see
// [Class]), or is "" when they agree. Both reject raw, or both accept it
// with the same origin, to agree.
func Compare(raw string, parse ParseFunc) (diff, class string) {
	want, werr := Origin(raw)
	got := parse(raw)
	switch {
	case werr != nil && got.Err != nil:
		return "", ""
	case werr == nil && got.Err == nil && got.Origin == want:
		return "", ""
	}
	if c := Class(raw, want, parse); c != "" {
		return "", c
	}
	return "Parse = " + quote(got.Origin) + ", err " + errString(got.Err) +
		"; oracle = " + quote(want) + ", err " + errString(werr), ""
}

// quote quotes s as a JSON string.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// errString is err's text, or "nil".
func errString(err error) string {
	if err == nil {
		return "nil"
	}
	return err.Error()
}
