package origin

import (
	"strconv"
	"strings"

	"github.com/corsim/corsim/internal/ascii"
)

// Parse returns the origin of the absolute URL rawURL (URL
// §concept-url-origin), parsing it with the URL Standard's basic URL parser.
//
// http, https, ws, wss and ftp URLs give tuple origins whose port is null for
// the scheme's default port. blob: URLs give the origin of the URL in their
// path when that URL is http or https, and a new opaque origin otherwise.
// file:, data:, about:, javascript: and every other scheme give a new opaque
// origin. An error of type [*ParseError] is returned when rawURL is not a
// valid absolute URL.
func Parse(rawURL string) (Origin, error) {
	return parseOrigin(rawURL)
}

// MustParse is like [Parse] but panics when rawURL cannot be parsed. It is
// meant for tests and package-level constants.
func MustParse(rawURL string) Origin {
	o, err := Parse(rawURL)
	if err != nil {
		panic(err)
	}
	return o
}

// ParseSerialized parses s as a serialized origin: the value of an Origin
// request header or a configured page origin. s must be exactly
// scheme "://" host [":" port] with no userinfo, path (not even "/"), query
// or fragment; "null" (case-sensitive) yields a new opaque origin.
//
// The scheme and host are parsed and normalized like [Parse] does, so
// "HTTPS://Example.COM:443" yields the same origin as "https://example.com".
// The scheme must be http, https, ws, wss or ftp, since no other scheme has a
// tuple origin.
func ParseSerialized(s string) (Origin, error) {
	return parseSerialized(s)
}

// parseSerialized is ParseSerialized.
func parseSerialized(s string) (Origin, error) {
	// HTML §ascii-serialisation-of-an-origin step 1: "null" is the
	// serialization of an opaque origin.
	if s == "null" {
		return NewOpaque(), nil
	}
	if s == "" {
		return Origin{}, newError(s, "input", "empty origin")
	}
	// Nothing that the URL parser's clean-up would silently remove.
	for i := 0; i < len(s); i++ {
		if c0OrSpace[s[i]] || s[i] == 0x7f {
			return Origin{}, newError(s, "input", "control or space character "+quoteByte(s[i]))
		}
	}
	// scheme "://" ...
	k := strings.Index(s, "://")
	if k <= 0 {
		return Origin{}, newError(s, "scheme", `missing "://" after the scheme`)
	}
	// ... host [":" port], with no userinfo, path, query or fragment.
	rest := s[k+3:]
	if i := strings.IndexAny(rest, "/\\?#@"); i >= 0 {
		part := map[byte]string{'/': "path", '\\': "path", '?': "query", '#': "fragment", '@': "userinfo"}[rest[i]]
		return Origin{}, newError(s, part, "a serialized origin has no "+part)
	}
	if strings.HasSuffix(rest, ":") {
		return Origin{}, newError(s, "port", "empty port")
	}
	// Only the schemes with tuple origins (URL §concept-url-origin).
	var scheme [5]byte
	if k > len(scheme) {
		return Origin{}, newError(s, "scheme", "scheme has no tuple origin")
	}
	for i := 0; i < k; i++ {
		scheme[i] = ascii.LowerByte(s[i])
	}
	if !hasTupleOrigin(string(scheme[:k])) {
		return Origin{}, newError(s, "scheme", "scheme "+strings.ToLower(s[:k])+" has no tuple origin")
	}
	return parseOrigin(s)
}

// ParseError reports why an input could not be parsed as a URL or an origin.
type ParseError struct {
	// Input is the string that was being parsed.
	Input string
	// Part names the component that failed: "scheme", "host", "port",
	// "ipv4", "ipv6", "domain", "userinfo", "path", "query", "fragment",
	// "base" or "input".
	Part string
	// Reason is a short, stable description of the failure.
	Reason string
}

// Error returns text of the form `corsim: origin: <part>: <reason> in "<input>"`.
// Inputs longer than 256 bytes are shortened in the text (not in Input).
func (e *ParseError) Error() string {
	in := e.Input
	if len(in) > maxQuotedInput {
		in = in[:maxQuotedInput] + "..."
	}
	return "corsim: origin: " + e.Part + ": " + e.Reason + " in " + strconv.Quote(in)
}

const maxQuotedInput = 256

func newError(input, part, reason string) *ParseError {
	return &ParseError{Input: input, Part: part, Reason: reason}
}
