package grammar

import (
	"strings"

	"github.com/corsim/corsim/internal/ascii"
)

// MIMEType is a parsed MIME type (MIME Sniffing §mime-type). Type, Subtype and
// parameter names are ASCII-lowercase; parameter values are byte strings,
// with quoted strings unquoted.
type MIMEType struct {
	Type, Subtype string
	Params        []Param
}

// Param is one parameter of a [MIMEType], in the order it appeared.
type Param struct {
	Name, Value string
}

// Essence returns "type/subtype" (MIME Sniffing §mime-type-essence).
func (m MIMEType) Essence() string { return m.Type + "/" + m.Subtype }

// ParseMIMEType parses s with MIME Sniffing's strict "parse a MIME type"
// (§parse-a-mime-type), as Fetch §cors-safelisted-request-header uses it (not
// the lenient "extract a MIME type"). The type and subtype must be tokens;
// parameters that do not parse, repeat an earlier name or have an invalid
// value are skipped, never an error. Errors are *[ListError].
func ParseMIMEType(s string) (MIMEType, error) {
	typ, subtype, rest, reason := parseEssence(s)
	if reason != "" {
		return MIMEType{}, newListError("MIME type", s, "", reason)
	}
	m := MIMEType{Type: ascii.Lower(typ), Subtype: ascii.Lower(subtype)}
	parseParams(&m, rest)
	// MIME Sniffing §parse-a-mime-type step 12.
	return m, nil
}

// parseEssence runs MIME Sniffing §parse-a-mime-type steps 1–10: it returns
// the type and subtype (not yet lowercased) and the input after the subtype
// (empty or starting with ';'), or the reason for failure.
func parseEssence(s string) (typ, subtype, rest, reason string) {
	// §parse-a-mime-type step 1: remove leading and trailing HTTP whitespace.
	s = TrimHTTPWhitespace(s)
	// Steps 2–3: type is everything up to "/".
	slash := strings.IndexByte(s, '/')
	if slash < 0 {
		typ = s
	} else {
		typ = s[:slash]
	}
	// Step 4.
	if !IsToken(typ) {
		return "", "", "", "type is empty or not a token"
	}
	// Step 5.
	if slash < 0 {
		return "", "", "", `missing "/"`
	}
	// Steps 6–7: skip "/"; subtype is everything up to ";".
	s = s[slash+1:]
	semi := strings.IndexByte(s, ';')
	if semi < 0 {
		subtype, rest = s, ""
	} else {
		subtype, rest = s[:semi], s[semi:]
	}
	// Step 8: remove trailing HTTP whitespace from subtype.
	subtype = trimTrailingHTTPWhitespace(subtype)
	// Step 9.
	if !IsToken(subtype) {
		return "", "", "", "subtype is empty or not a token"
	}
	// Step 10: the caller lowercases.
	return typ, subtype, rest, ""
}

// parseParams runs MIME Sniffing §parse-a-mime-type step 11 on rest, which is
// empty or starts with ';', appending the valid parameters to m.
func parseParams(m *MIMEType, rest string) {
	// seen holds the parameter names once there are too many to look up by
	// scanning m.Params, so that many parameters still cost linear time.
	var seen map[string]struct{}
	pos := 0
	// Step 11: while position is not past the end of input.
	for pos < len(rest) {
		// Step 11.1: skip ";".
		pos++
		// Step 11.2: skip HTTP whitespace.
		for pos < len(rest) && httpWhitespaceTable[rest[pos]] {
			pos++
		}
		// Step 11.3: the name runs up to ";" or "=".
		start := pos
		for pos < len(rest) && rest[pos] != ';' && rest[pos] != '=' {
			pos++
		}
		// Step 11.4 (lowercasing) is done below, once the name is kept.
		name := rest[start:pos]
		// Step 11.5.
		if pos < len(rest) {
			// Step 11.5.1: a ";" ends this parameter.
			if rest[pos] == ';' {
				continue
			}
			// Step 11.5.2: skip "=".
			pos++
		}
		// Step 11.6.
		if pos >= len(rest) {
			break
		}
		var value string
		if rest[pos] == '"' {
			// Step 11.8.1: collect an HTTP quoted string, extracting the value.
			value, pos = collectQuotedValue(rest, pos)
			// Step 11.8.2: skip up to the next ";".
			for pos < len(rest) && rest[pos] != ';' {
				pos++
			}
		} else {
			// Step 11.9.1: the value runs up to ";".
			start := pos
			for pos < len(rest) && rest[pos] != ';' {
				pos++
			}
			// Step 11.9.2: remove trailing HTTP whitespace.
			value = trimTrailingHTTPWhitespace(rest[start:pos])
			// Step 11.9.3.
			if value == "" {
				continue
			}
		}
		// Step 11.10: keep the parameter if its name is a non-empty token,
		// its value is made of HTTP quoted-string token code points, and the
		// name is new.
		if !IsToken(name) || !isQuotedStringValue(value) {
			continue
		}
		name = ascii.Lower(name)
		if seen == nil && len(m.Params) >= maxScannedParams {
			seen = make(map[string]struct{}, 2*len(m.Params))
			for _, p := range m.Params {
				seen[p.Name] = struct{}{}
			}
		}
		if seen != nil {
			if _, dup := seen[name]; dup {
				continue
			}
			seen[name] = struct{}{}
		} else if m.hasParam(name) {
			continue
		}
		m.Params = append(m.Params, Param{Name: name, Value: value})
	}
}

// maxScannedParams is how many parameters parseParams checks for duplicates
// by scanning before it switches to a map.
const maxScannedParams = 16

// hasParam reports whether m already has a parameter called name, which is
// lower-case.
func (m *MIMEType) hasParam(name string) bool {
	for _, p := range m.Params {
		if p.Name == name {
			return true
		}
	}
	return false
}

// isQuotedStringValue reports whether every byte of s is an HTTP
// quoted-string token code point; the empty string qualifies.
func isQuotedStringValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if !quotedStringTable[s[i]] {
			return false
		}
	}
	return true
}

// collectQuotedValue collects the HTTP quoted string starting with the '"' at
// s[pos] and returns its value, unquoted and unescaped, and the position after
// it (Fetch §collect-an-http-quoted-string with extract-value true).
func collectQuotedValue(s string, pos int) (string, int) {
	end := skipQuotedString(s, pos)
	raw := s[pos+1 : end]
	if strings.IndexByte(raw, '\\') < 0 {
		// No escapes: the value is the run between the quotes.
		return strings.TrimSuffix(raw, `"`), end
	}
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '\\' && i+1 < len(raw):
			// Step 5.4: the escaped code point.
			i++
			b.WriteByte(raw[i])
		case c == '"' && i == len(raw)-1:
			// Step 5.5: the closing quote is not part of the value.
		default:
			// Step 5.4: a backslash at the end of input stays.
			b.WriteByte(c)
		}
	}
	return b.String(), end
}

// ParseEssence runs MIME Sniffing §parse-a-mime-type steps 1–10 only: the
// type and subtype of s as written (not yet lowercased), and false when
// parsing fails. Parameters can never make parsing fail, so they are not
// looked at. It does not allocate.
func ParseEssence(s string) (typ, subtype string, ok bool) {
	typ, subtype, _, reason := parseEssence(s)
	return typ, subtype, reason == ""
}
