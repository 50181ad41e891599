package scenario

import (
	"encoding/json"
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The scenario format promises that keys corsim does not interpret come back byte for byte. Decoding
// into Go values would lose that (number formats, escapes, key order, white space inside values), so
// objects are split into raw members here and only the members corsim reads are decoded. Every
// function below assumes its input already passed json.Valid; each one runs in time linear in the
// bytes it looks at and never recurses, so deep nesting costs no stack.

// member is one "key": value pair of a JSON object, kept as the bytes of the input line.
type member struct {
	key    string // the decoded key
	rawKey []byte // the key as written, quotes included
	value  []byte // the value as written, without surrounding white space
}

// isSpace is JSON's insignificant white space (RFC 8259 §2).
var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace[b[i]] {
		i++
	}
	return i
}

// skipString returns the index just past the string literal that starts at b[i] (a '"').
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the index just past the JSON value that starts at b[i].
func skipValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = skipString(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(b)
	}
	// A number or a literal (true, false, null): runs to the next delimiter.
	for i < len(b) {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

var (
	errNotObject = errors.New("not a JSON object")
	errNotArray  = errors.New("not a JSON array")
)

// objectMembers splits the JSON object raw into its members, in input order.
func objectMembers(raw []byte) ([]member, error) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, errNotObject
	}
	ms := make([]member, 0, 8)
	i = skipSpace(raw, i+1)
	for i < len(raw) && raw[i] != '}' {
		k := i
		i = skipString(raw, i)
		rawKey := raw[k:i]
		i = skipSpace(raw, i)
		i = skipSpace(raw, i+1) // the ':'
		v := i
		i = skipValue(raw, i)
		ms = append(ms, member{key: unquote(rawKey), rawKey: rawKey, value: raw[v:i]})
		i = skipSpace(raw, i)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	return ms, nil
}

// arrayElements splits the JSON array raw into its elements.
func arrayElements(raw []byte) ([][]byte, error) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '[' {
		return nil, errNotArray
	}
	es := make([][]byte, 0, 4)
	i = skipSpace(raw, i+1)
	for i < len(raw) && raw[i] != ']' {
		v := i
		i = skipValue(raw, i)
		es = append(es, raw[v:i])
		i = skipSpace(raw, i)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	return es, nil
}

// stringPair reads a two-element array of strings, ["a", "b"], returning the two string literals
// without allocating; ok is false for any other value.
func stringPair(raw []byte) (a, b []byte, ok bool) {
	if len(raw) == 0 || raw[0] != '[' {
		return nil, nil, false
	}
	i := skipSpace(raw, 1)
	if i >= len(raw) || raw[i] != '"' {
		return nil, nil, false
	}
	j := skipString(raw, i)
	a = raw[i:j]
	i = skipSpace(raw, j)
	if i >= len(raw) || raw[i] != ',' {
		return nil, nil, false
	}
	i = skipSpace(raw, i+1)
	if i >= len(raw) || raw[i] != '"' {
		return nil, nil, false
	}
	j = skipString(raw, i)
	b = raw[i:j]
	i = skipSpace(raw, j)
	return a, b, i == len(raw)-1 && raw[i] == ']'
}

// unquote decodes a valid JSON string literal. Unlike encoding/json it keeps bytes that are not
// UTF-8 as they are, since header values are byte strings (Fetch §concept-header-value); an escaped
// code point becomes its UTF-8 encoding, and a lone escaped surrogate becomes U+FFFD.
func unquote(lit []byte) string {
	if len(lit) < 2 {
		return ""
	}
	s := lit[1 : len(lit)-1]
	esc := false
	for _, c := range s {
		if c == '\\' {
			esc = true
			break
		}
	}
	if !esc {
		return string(s)
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			out = append(out, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n := hex4(s, i+1)
			i += n
			if utf16.IsSurrogate(r) {
				r2, n2 := rune(-1), 0
				if i+2 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					r2, n2 = hex4(s, i+3)
				}
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					r = d
					i += 2 + n2
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default: // '"', '\\', '/'
			out = append(out, s[i])
		}
	}
	return string(out)
}

// hex4 reads the four hex digits of a \u escape at s[i:]; n is how many bytes it consumed.
func hex4(s []byte, i int) (r rune, n int) {
	if i+4 > len(s) {
		return utf8.RuneError, len(s) - i
	}
	v, err := strconv.ParseUint(string(s[i:i+4]), 16, 32)
	if err != nil {
		return utf8.RuneError, 4
	}
	return rune(v), 4
}

// syntaxError describes why line is not valid JSON, with the byte offset encoding/json reports.
func syntaxError(line []byte) error {
	var raw json.RawMessage
	err := json.Unmarshal(line, &raw)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return errors.New("not valid JSON at byte " + strconv.FormatInt(se.Offset, 10) + ": " + se.Error())
	}
	if err != nil {
		return errors.New("not valid JSON: " + err.Error())
	}
	return errors.New("not valid JSON")
}
