package scenario

import (
	"encoding/json"
	"strconv"
)

// AppendJSON appends the scenario to dst as one line of JSON (without the newline): the input's keys
// in the input's order, each value byte for byte as it was written, except that every fetch that has
// a verdict carries it under "verdict" (in place of an input "verdict", or as its last key). Only the
// white space between the top-level keys and between a fetch's keys is not kept.
func (s *Scenario) AppendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	for i, m := range s.members {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, m.rawKey...)
		dst = append(dst, ':')
		if i != s.fetchesAt {
			dst = append(dst, m.value...)
			continue
		}
		dst = append(dst, '[')
		for j := range s.Fetches {
			if j > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = s.Fetches[j].appendJSON(dst); err != nil {
				return dst, err
			}
		}
		dst = append(dst, ']')
	}
	return append(dst, '}'), nil
}

// MarshalJSON implements json.Marshaler with AppendJSON.
func (s *Scenario) MarshalJSON() ([]byte, error) { return s.AppendJSON(nil) }

func (f *Fetch) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	for i, m := range f.members {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, m.rawKey...)
		dst = append(dst, ':')
		if i == f.verdictAt && f.Verdict != nil {
			var err error
			if dst, err = appendVerdict(dst, f.Verdict); err != nil {
				return dst, err
			}
			continue
		}
		dst = append(dst, m.value...)
	}
	if f.verdictAt < 0 && f.Verdict != nil {
		if len(f.members) > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `"verdict":`...)
		var err error
		if dst, err = appendVerdict(dst, f.Verdict); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

// appendUnescapedHTML appends b, valid JSON, with the escapes \u003c, \u003e and \u0026 replaced by
// <, > and &. An escaped backslash is copied as a pair, so "\\u0026" (a backslash, then u0026) stays.
func appendUnescapedHTML(dst, b []byte) []byte {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' || i+1 >= len(b) {
			dst = append(dst, c)
			continue
		}
		if b[i+1] == 'u' && i+5 < len(b) && b[i+2] == '0' && b[i+3] == '0' {
			switch string(b[i+4 : i+6]) {
			case "26":
				dst = append(dst, '&')
				i += 5
				continue
			case "3c":
				dst = append(dst, '<')
				i += 5
				continue
			case "3e":
				dst = append(dst, '>')
				i += 5
				continue
			}
		}
		dst = append(dst, c, b[i+1])
		i++
	}
	return dst
}

// AppendLineError appends the output line that stands in for an input line that could not be read:
// {"line": N, "error": "..."}, with "file" when the input was named and "id" when the scenario's id
// could be read.
func AppendLineError(dst []byte, e *LineError) []byte {
	dst = append(dst, `{"line":`...)
	dst = strconv.AppendInt(dst, int64(e.Line), 10)
	if e.Name != "" {
		dst = append(dst, `,"file":`...)
		dst = appendString(dst, e.Name)
	}
	if pe, ok := e.Err.(*ParseError); ok && pe.ID != "" {
		dst = append(dst, `,"id":`...)
		dst = appendString(dst, pe.ID)
	}
	dst = append(dst, `,"error":`...)
	dst = appendString(dst, e.Error())
	return append(dst, '}')
}

func appendString(dst []byte, s string) []byte {
	b, _ := json.Marshal(s) // marshalling a string cannot fail
	return append(dst, b...)
}
