package scenario

import (
	"errors"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

// fetchKeys are the keys of a fetch object that corsim interprets; every other key is carried
// through untouched.
var fetchKeys = [...]string{"wait_ms", "url", "method", "headers", "body", "stream_body",
	"mode", "credentials", "redirect", "cache", "verdict"}

// decodeFetch reads one element of "fetches" into f. An absent key, null, or (for the string keys)
// an empty string means fetch()'s default. Header names and values are passed to the engine as
// written: an invalid one is the Request constructor's TypeError (a js-error verdict), not a format
// error. An enumeration value fetch() does not know is a format error.
func decodeFetch(f *Fetch, raw []byte, page, parent origin.Origin) error {
	ms, err := objectMembers(raw)
	if err != nil {
		return errors.New("want a fetch object, got " + shape(raw))
	}
	f.members, f.verdictAt = ms, -1
	f.Request.Origin, f.Request.TopLevel = page, parent
	seenURL := false
	for i, m := range ms {
		known := false
		for _, k := range fetchKeys {
			if m.key == k {
				known = true
				break
			}
		}
		if !known {
			continue
		}
		if indexOf(ms, m.key) != i {
			return &ParseError{Path: "." + m.key, Err: errors.New("key appears more than once")}
		}
		if m.key == "verdict" {
			f.verdictAt = i
			continue
		}
		if m.key == "url" {
			seenURL = true
		}
		if isNull(m.value) {
			continue
		}
		if err := decodeFetchKey(f, m); err != nil {
			return &ParseError{Path: "." + m.key, Err: err}
		}
	}
	if !seenURL {
		return &ParseError{Path: ".url", Err: errors.New("missing; want the URL passed to fetch()")}
	}
	return nil
}

func decodeFetchKey(f *Fetch, m member) error {
	r := &f.Request
	var err error
	switch m.key {
	case "wait_ms":
		var ms int64
		ms, err = decodeInt(m.value, 0, maxWait)
		f.Wait = time.Duration(ms) * time.Millisecond
	case "url":
		r.URL, err = decodeString(m.value)
	case "method":
		r.Method, err = decodeString(m.value)
	case "headers":
		r.Headers, err = decodePairs(m.value)
	case "body":
		var s string
		if s, err = decodeString(m.value); err == nil {
			r.Body = &s
		}
	case "stream_body":
		r.StreamBody, err = decodeBool(m.value)
	case "mode":
		err = decodeKeyword(m.value, func(s string) (err error) { r.Mode, err = fetchmode.ParseMode(s); return })
	case "credentials":
		err = decodeKeyword(m.value, func(s string) (err error) { r.Credentials, err = fetchmode.ParseCredentials(s); return })
	case "redirect":
		err = decodeKeyword(m.value, func(s string) (err error) { r.Redirect, err = fetchmode.ParseRedirect(s); return })
	case "cache":
		err = decodeKeyword(m.value, func(s string) (err error) { r.Cache, err = fetchmode.ParseCacheMode(s); return })
	}
	return err
}

// decodeKeyword reads an enumeration string; "" keeps the zero value, which is fetch()'s default.
func decodeKeyword(raw []byte, parse func(string) error) error {
	s, err := decodeString(raw)
	if err != nil || s == "" {
		return err
	}
	return parse(s)
}

// decodeResponseHeaders reads a server's header list as written, and checks that an HTTP response can
// carry it.
func decodeResponseHeaders(raw []byte) (fetchmode.HeaderList, error) {
	l, err := decodePairs(raw)
	if err != nil {
		return nil, err
	}
	for i, h := range l {
		if !fetchmode.IsHeaderName(h.Name) {
			return nil, errors.New("[" + itoa(i) + "]: header name " + quoteClip(h.Name) + " is not a token, so no HTTP response can carry it")
		}
		if !fetchmode.IsHeaderValue(trimOWS(h.Value)) {
			return nil, errors.New("[" + itoa(i) + "]: value of " + h.Name + " holds CR, LF or NUL, which no HTTP response can carry")
		}
	}
	return l, nil
}

// received returns routes with their responses as the browser's HTTP parser delivers them: each
// header value without the optional white space around it, which is not part of the value (RFC 9110
// §5.5). When no value has any, that is routes itself.
func received(routes map[string]Route) map[string]Route {
	if !anyNeedsTrim(routes) {
		return routes
	}
	out := make(map[string]Route, len(routes))
	for u, r := range routes {
		if r.Options != nil {
			c := trimmed(*r.Options)
			r.Options = &c
		}
		if r.Actual != nil {
			c := trimmed(*r.Actual)
			r.Actual = &c
		}
		r.OptionsSeq, r.ActualSeq = trimmedSeq(r.OptionsSeq), trimmedSeq(r.ActualSeq)
		out[u] = r
	}
	return out
}

func anyNeedsTrim(routes map[string]Route) bool {
	for _, r := range routes {
		for _, p := range [...]*algorithm.Response{r.Options, r.Actual} {
			if p != nil && needsTrim(p.Headers) {
				return true
			}
		}
		for _, seq := range [...][]algorithm.Response{r.OptionsSeq, r.ActualSeq} {
			for _, x := range seq {
				if needsTrim(x.Headers) {
					return true
				}
			}
		}
	}
	return false
}

func needsTrim(l fetchmode.HeaderList) bool {
	for _, h := range l {
		if trimOWS(h.Value) != h.Value {
			return true
		}
	}
	return false
}

// trimmed returns r with a copy of its headers, each value trimmed.
func trimmed(r algorithm.Response) algorithm.Response {
	if r.Headers == nil {
		return r
	}
	l := make(fetchmode.HeaderList, len(r.Headers))
	for i, h := range r.Headers {
		l[i] = fetchmode.Header{Name: h.Name, Value: trimOWS(h.Value)}
	}
	r.Headers = l
	return r
}

func trimmedSeq(seq []algorithm.Response) []algorithm.Response {
	if seq == nil {
		return nil
	}
	out := make([]algorithm.Response, len(seq))
	for i, r := range seq {
		out[i] = trimmed(r)
	}
	return out
}

// trimOWS removes leading and trailing spaces and tabs (RFC 9110 §5.6.3 OWS).
func trimOWS(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
