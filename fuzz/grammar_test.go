package fuzz

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/fetchoracle"
	"github.com/corsim/corsim/internal/grammar"
)

// tokenListSeeds come from the grammar AppendTokenList table.
var tokenListSeeds = []struct{ a, b string }{
	{"GET, PATCH, OPTIONS", ""},         // the common case
	{"", ""},                            // empty lines are an empty list
	{" \ta \t,\t b\t ", "c"},            // OWS around elements, two lines
	{",,a,,,b,,", ","},                  // empty elements skipped
	{"GET, PUT POST", "x"},              // space inside an element: the first bad token
	{"X:1", ""},                         // a separator byte
	{`"GET"`, ""},                       // quotes are not token bytes
	{"a\r", "\na"},                      // CR and LF are not OWS
	{"caf\xe9", "\xff\xfe"},             // bytes 0x80–0xFF and invalid UTF-8
	{"a\x00b", "\x7f"},                  // NUL and DEL
	{strings.Repeat(",", 5000), "GET"},  // thousands of commas
	{strings.Repeat(" \t", 4096), "*"},  // long OWS, then the wildcard
	{strings.Repeat("a", 8192), "b, c"}, // a long single token
}

func FuzzAppendTokenList(f *testing.F) {
	for _, s := range tokenListSeeds {
		f.Add(s.a, s.b)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		lines := []string{a, b}
		got, err := grammar.AppendTokenList(nil, "Access-Control-Allow-Headers", lines...)
		want, bad, ok := fetchoracle.TokenList(lines)
		// Differential oracle: same elements, same verdict, same bad element.
		if !slices.Equal(got, want) {
			t.Fatalf("elements %q, oracle %q", got, want)
		}
		if ok != (err == nil) {
			t.Fatalf("error %v, oracle ok = %v", err, ok)
		}
		for _, e := range got {
			if !fetchoracle.IsToken(e) || !(strings.Contains(a, e) || strings.Contains(b, e)) {
				t.Fatalf("element %q is not a token of the input", e)
			}
		}
		if err != nil {
			var le *grammar.ListError
			if !errors.As(err, &le) || le.Token != bad || fetchoracle.IsToken(le.Token) ||
				(le.Value != a && le.Value != b) || !strings.Contains(le.Value, le.Token) ||
				!strings.HasPrefix(err.Error(), "corsim: ") {
				t.Fatalf("bad error %#v (oracle token %q)", err, bad)
			}
		}
		// Appending to a non-empty dst keeps its contents.
		pre := []string{"kept"}
		got2, _ := grammar.AppendTokenList(pre, "Access-Control-Allow-Headers", lines...)
		if got2[0] != "kept" || !slices.Equal(got2[1:], got) {
			t.Fatalf("with a prefix: %q", got2)
		}
	})
}

// maxAgeSeeds come from the grammar ParseMaxAge table; lines is the number
// of header lines the value is repeated on.
var maxAgeSeeds = []struct {
	v     string
	lines uint8
}{
	{"600", 1},                          // plain delta-seconds
	{"0007", 1},                         // leading zeros
	{" \t60 ", 1},                       // OWS around the value
	{"9223372036854775807", 1},          // int64 max
	{"9223372036854775808", 1},          // saturates
	{strings.Repeat("9", 4096), 1},      // long digits saturate
	{"5", 0},                            // absent header
	{"5", 2},                            // two lines: failure
	{"", 1},                             // empty value
	{"-1", 1},                           // a sign
	{"+60", 1},                          // a plus sign
	{"9.5", 1},                          // a fraction
	{"60, 60", 1},                       // a list
	{"\u0661", 1},                       // a non-ASCII digit
	{strings.Repeat(",", 5000), 1},      // thousands of commas
	{"60\r", 1},                         // a CR
	{strings.Repeat("9", 100) + "x", 1}, // digits then garbage
}

func FuzzParseMaxAge(f *testing.F) {
	for _, s := range maxAgeSeeds {
		f.Add(s.v, s.lines)
	}
	f.Fuzz(func(t *testing.T, v string, n uint8) {
		lines := make([]string, int(n%4))
		for i := range lines {
			lines[i] = v
		}
		got, err := grammar.ParseMaxAge(lines)
		// Oracle: exactly one line of 1*DIGIT after trimming SP/HTAB.
		trimmed := strings.Trim(v, " \t")
		digits := trimmed != "" && strings.Trim(trimmed, "0123456789") == ""
		if len(lines) != 1 || !digits {
			if err == nil {
				t.Fatalf("%d lines of %q gave %d, want an error", len(lines), v, got)
			}
			if errors.Is(err, grammar.ErrAbsent) != (len(lines) == 0) {
				t.Fatalf("ErrAbsent mismatch for %d lines: %v", len(lines), err)
			}
			return
		}
		want, perr := strconv.ParseInt(trimmed, 10, 64)
		if perr != nil {
			want = math.MaxInt64 // only a range error is possible here
		}
		if err != nil || got != want {
			t.Fatalf("%q gave %d, %v; want %d", v, got, err, want)
		}
	})
}

// mimeSeeds come from the grammar ParseMIMEType and fetchmode safelist tables.
var mimeSeeds = []string{
	"text/plain",                               // the simplest MIME type
	"TEXT/Plain;CharSet=UTF-8",                 // lowercasing of type, subtype and names
	"text/plain;",                              // a trailing semicolon
	"\r\n\t text/html \t\r\n",                  // HTTP whitespace stripped
	`text/html;a="b;c"`,                        // a quoted value with a semicolon
	`text/html;a="\"\\x"`,                      // escapes in a quoted value
	`text/html;charset="shift_jis"iso-2022-jp`, // garbage after a quoted value
	`text/html;a="b\`,                          // an unclosed quote ending in a backslash
	"text/html;a=;b=c",                         // an empty unquoted value
	"text/html;A=1;a=2",                        // duplicate names
	"text/html;a=\xe9\xff",                     // bytes 0x80–0xFF in a value
	"text/plain garbage",                       // a space in the subtype: failure
	"text/ plain",                              // a space after the slash: failure
	"text/",                                    // an empty subtype
	"/plain",                                   // an empty type
	"",                                         // empty input
	"multipart/form-data; boundary=----x",      // a safelisted essence with a parameter
	`text/plain; charset="utf-8"`,              // safelist: '"' is a CORS-unsafe byte
	"text/plain" + strings.Repeat(";", 4096),   // many semicolons
	"text/plain;a=" + strings.Repeat(`"`, 999), // many quotes
}

// fmSerializeMIME serializes a MIME type (MIME Sniffing §serialize-a-mime-type).
func fmSerializeMIME(m grammar.MIMEType) string {
	var b strings.Builder
	b.WriteString(m.Type + "/" + m.Subtype)
	for _, p := range m.Params {
		b.WriteString(";" + p.Name + "=")
		if fetchoracle.IsToken(p.Value) {
			b.WriteString(p.Value)
			continue
		}
		b.WriteByte('"')
		for i := 0; i < len(p.Value); i++ {
			if c := p.Value[i]; c == '"' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(p.Value[i])
		}
		b.WriteByte('"')
	}
	return b.String()
}

func FuzzParseMIMEType(f *testing.F) {
	for _, s := range mimeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := grammar.ParseMIMEType(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "corsim: ") {
				t.Fatalf("error text %q", err)
			}
			// A value that does not parse is never a safelisted Content-Type.
			if fetchmode.IsCORSSafelistedRequestHeader("Content-Type", s) {
				t.Fatalf("%q fails to parse but is safelisted", s)
			}
			return
		}
		if !fetchoracle.IsToken(m.Type) || !fetchoracle.IsToken(m.Subtype) || m.Type != strings.ToLower(m.Type) ||
			m.Subtype != strings.ToLower(m.Subtype) || m.Essence() != m.Type+"/"+m.Subtype {
			t.Fatalf("bad essence %+v", m)
		}
		seen := map[string]bool{}
		for _, p := range m.Params {
			if !fetchoracle.IsToken(p.Name) || p.Name != strings.ToLower(p.Name) || seen[p.Name] {
				t.Fatalf("bad parameter name %q in %+v", p.Name, m)
			}
			seen[p.Name] = true
			for i := 0; i < len(p.Value); i++ {
				if c := p.Value[i]; c != '\t' && (c < 0x20 || c == 0x7f) {
					t.Fatalf("bad parameter value %q", p.Value)
				}
			}
		}
		// Serializing and parsing again gives the same record.
		again, err := grammar.ParseMIMEType(fmSerializeMIME(m))
		if err != nil || again.Essence() != m.Essence() || !slices.Equal(again.Params, m.Params) {
			t.Fatalf("round trip of %+v gave %+v, %v", m, again, err)
		}
		// The safelist agrees with the parser.
		essenceOK := m.Essence() == "text/plain" || m.Essence() == "multipart/form-data" ||
			m.Essence() == "application/x-www-form-urlencoded"
		unsafeByte := false
		for i := 0; i < len(s); i++ {
			if fetchmode.IsCORSUnsafeRequestHeaderByte(s[i]) {
				unsafeByte = true
			}
		}
		want := essenceOK && !unsafeByte && len(s) <= 128
		if got := fetchmode.IsCORSSafelistedRequestHeader("content-type", s); got != want {
			t.Fatalf("safelisted(%q) = %v, want %v", s, got, want)
		}
	})
}

// rangeSeeds come from the grammar ParseSingleRange and fetchmode safelist tables.
var rangeSeeds = []struct {
	v  string
	ws bool
}{
	{"bytes=0-", false},                         // an open range
	{"bytes=0-499", false},                      // a closed range
	{"bytes=-500", false},                       // a suffix range
	{"bytes= 0-1", false},                       // whitespace without allowWhitespace
	{"bytes \t= 1 - 2", true},                   // whitespace with allowWhitespace
	{"bytes=0-1,2-3", false},                    // two ranges
	{"bytes 0-", false},                         // no "="
	{"Bytes=0-", false},                         // "bytes" is case-sensitive
	{"bytes=5-4", false},                        // start after end
	{"bytes=-", false},                          // no bounds
	{"bytes=9223372036854775808-", false},       // beyond int64
	{"bytes=" + strings.Repeat("9", 300), true}, // many digits, no dash
	{"", false},                                 // empty
}

func FuzzParseSingleRange(f *testing.F) {
	for _, s := range rangeSeeds {
		f.Add(s.v, s.ws)
	}
	f.Fuzz(func(t *testing.T, v string, ws bool) {
		r, err := grammar.ParseSingleRange(v, ws)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "corsim: ") || r != (grammar.Range{}) {
				t.Fatalf("error %v with range %+v", err, r)
			}
		} else {
			if !r.HasStart && !r.HasEnd {
				t.Fatalf("%q: a range without bounds", v)
			}
			if r.HasStart && r.HasEnd && r.Start > r.End {
				t.Fatalf("%q: start after end: %+v", v, r)
			}
			if r.Start < 0 || r.End < 0 || (!r.HasStart && r.Start != 0) || (!r.HasEnd && r.End != 0) {
				t.Fatalf("%q: bad range %+v", v, r)
			}
			// Allowing whitespace never rejects what the strict form accepts.
			if !ws {
				if r2, err := grammar.ParseSingleRange(v, true); err != nil || r2 != r {
					t.Fatalf("%q: lenient form gave %+v, %v", v, r2, err)
				}
			}
		}
		// The strict form is exactly bytes=DIGITS-DIGITS; oracle for it.
		if !ws {
			rest, found := strings.CutPrefix(v, "bytes=")
			start, end, dash := strings.Cut(rest, "-")
			shape := found && dash && strings.Trim(start, "0123456789") == "" &&
				strings.Trim(end, "0123456789") == "" && (start != "" || end != "")
			if err == nil && !shape {
				t.Fatalf("%q parsed but is not bytes=D*-D*", v)
			}
		}
		// The safelist wants a start, no whitespace, at most 128 bytes.
		safe := fetchmode.IsCORSSafelistedRequestHeader("Range", v)
		if safe && (len(v) > 128 || strings.ContainsAny(v, " \t,")) {
			t.Fatalf("%q is safelisted", v)
		}
		if !ws && err == nil && r.HasStart && len(v) <= 128 && !safe {
			t.Fatalf("%q has a start but is not safelisted", v)
		}
	})
}

// FuzzListElements checks that the one-pass token scanner the engine validates preflights with
// splits and judges every list as Next and IsToken do, and as AppendTokenList parses it.
func FuzzListElements(f *testing.F) {
	for _, s := range []string{"", ",", "a, b", " a ,\tb ", "a b", "a;", "*, x-a", strings.Repeat(",", 64)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		x, y := grammar.NewElements(line), grammar.NewElements(line)
		var tokens []string
		valid := true
		for n := 0; ; n++ {
			want, wantMore := x.Next()
			got, more, tok := y.NextToken()
			if got != want || more != wantMore || (more && tok != grammar.IsToken(want)) {
				t.Fatalf("NextToken = %q, %v, %v; Next = %q, %v", got, more, tok, want, wantMore)
			}
			if !more {
				break
			}
			if n > len(line) {
				t.Fatalf("more elements than bytes in %q", line)
			}
			if !tok && valid {
				valid = false
			}
			if valid {
				tokens = append(tokens, got)
			}
		}
		parsed, err := grammar.AppendTokenList(nil, "X", line)
		if (err == nil) != valid || (valid && !slices.Equal(parsed, tokens)) {
			t.Fatalf("AppendTokenList = %q, %v; scanner %q, valid %v", parsed, err, tokens, valid)
		}
	})
}
