package grammar

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAppendTokenList(t *testing.T) {
	tests := []struct {
		name    string
		lines   []string
		want    []string
		badTok  string // the Token of the expected *ListError, if any
		wantErr bool
	}{
		{name: "no lines", lines: nil},
		{name: "empty line", lines: []string{""}},
		{name: "methods", lines: []string{"GET, PATCH, OPTIONS"}, want: []string{"GET", "PATCH", "OPTIONS"}},
		{name: "no spaces", lines: []string{"a,b,c"}, want: []string{"a", "b", "c"}},
		{name: "tabs and spaces", lines: []string{" \ta \t,\t b\t "}, want: []string{"a", "b"}},
		{name: "empty elements skipped", lines: []string{",,a,,,b,,"}, want: []string{"a", "b"}},
		{name: "only commas", lines: []string{", , ,"}},
		{name: "star", lines: []string{"*"}, want: []string{"*"}},
		{name: "case kept", lines: []string{"X-Custom, x-custom"}, want: []string{"X-Custom", "x-custom"}},
		{name: "lines concatenated", lines: []string{"a, b", "", "c"}, want: []string{"a", "b", "c"}},
		{name: "line boundary is a separator", lines: []string{"a", "b"}, want: []string{"a", "b"}},
		{name: "space inside element", lines: []string{"GET, PUT POST"}, want: []string{"GET"}, badTok: "PUT POST", wantErr: true},
		{name: "colon", lines: []string{"X:1"}, badTok: "X:1", wantErr: true},
		{name: "quoted", lines: []string{`"GET"`}, badTok: `"GET"`, wantErr: true},
		{name: "semicolon", lines: []string{"a;b"}, badTok: "a;b", wantErr: true},
		{name: "NUL", lines: []string{"a\x00"}, badTok: "a\x00", wantErr: true},
		{name: "CR is not OWS", lines: []string{"a\r"}, badTok: "a\r", wantErr: true},
		{name: "LF is not OWS", lines: []string{"\na"}, badTok: "\na", wantErr: true},
		{name: "vertical tab", lines: []string{"a,\v"}, want: []string{"a"}, badTok: "\v", wantErr: true},
		{name: "DEL", lines: []string{"\x7f"}, badTok: "\x7f", wantErr: true},
		{name: "high bytes", lines: []string{"caf\xe9"}, badTok: "caf\xe9", wantErr: true},
		{name: "invalid UTF-8", lines: []string{invalidU8}, badTok: invalidU8, wantErr: true},
		{name: "error in second line", lines: []string{"a", "b c"}, want: []string{"a"}, badTok: "b c", wantErr: true},
		{name: "first bad element reported", lines: []string{"a b, c d"}, badTok: "a b", wantErr: true},
		{name: "thousands of commas", lines: []string{thousands}, want: []string{"GET"}},
		{name: "1 MiB of commas", lines: []string{mibCommas}},
		{name: "1 MiB of OWS", lines: []string{mibOWS}},
		{name: "1 MiB of OWS around a token", lines: []string{mibOWS + "a" + mibOWS}, want: []string{"a"}},
		{name: "a single 1 MiB token", lines: []string{mibToken}, want: []string{mibToken}},
		{name: "1 MiB of spaces inside an element", lines: []string{"a" + mibSpaces + "b"}, badTok: "a" + mibSpaces + "b", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AppendTokenList(nil, "Access-Control-Allow-Methods", tt.lines...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("elements (-want +got):\n%.500s", diff)
			}
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			var le *ListError
			if !errors.As(err, &le) {
				t.Fatalf("error %v, want a *ListError", err)
			}
			if le.Token != tt.badTok || le.Header != "Access-Control-Allow-Methods" || le.Reason != "not a token" {
				t.Errorf("ListError = {%q, %.20q, %.20q, %q}", le.Header, le.Value, le.Token, le.Reason)
			}
			if !strings.Contains(strings.Join(tt.lines, "\n"), le.Value) || !strings.Contains(le.Value, le.Token) {
				t.Errorf("Value %.20q does not hold Token %.20q", le.Value, le.Token)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "corsim: fetchmode: Access-Control-Allow-Methods: not a token ") || len(msg) > 300 {
				t.Errorf("error text %q", msg)
			}
		})
	}
}

func TestAppendTokenListManyLines(t *testing.T) {
	lines := make([]string, 10000)
	for i := range lines {
		lines[i] = "X-A, , x-b"
	}
	got, err := AppendTokenList(nil, "Access-Control-Allow-Headers", lines...)
	if err != nil || len(got) != 20000 {
		t.Errorf("got %d elements, %v", len(got), err)
	}
}

func TestAppendTokenListReusesDst(t *testing.T) {
	dst := make([]string, 1, 8)
	dst[0] = "kept"
	allocs := testing.AllocsPerRun(100, func() {
		out, err := AppendTokenList(dst, "Access-Control-Allow-Headers", "content-type, x-csrf-token", "authorization")
		if err != nil || len(out) != 4 || out[0] != "kept" {
			t.Fatalf("got %q, %v", out, err)
		}
	})
	if allocs != 0 {
		t.Errorf("allocates %v times", allocs)
	}
}

func TestListErrorText(t *testing.T) {
	tests := []struct {
		name string
		err  *ListError
		want string
	}{
		{name: "with token", err: &ListError{Header: "H", Value: "a b", Token: "a b", Reason: "not a token"},
			want: `corsim: fetchmode: H: not a token "a b" in "a b"`},
		{name: "without token", err: &ListError{Header: "H", Value: "", Reason: "empty value"},
			want: `corsim: fetchmode: H: empty value in ""`},
		{name: "absent", err: &ListError{Header: "H", Reason: reasonAbsent},
			want: `corsim: fetchmode: H: header absent`},
		{name: "control bytes escaped", err: &ListError{Header: "H", Value: "\x00\xff", Token: "\x00", Reason: "r"},
			want: `corsim: fetchmode: H: r "\x00" in "\x00\xff"`},
		{name: "long value shortened", err: &ListError{Header: "H", Value: repeat("v", 1000), Reason: "r"},
			want: `corsim: fetchmode: H: r in "` + repeat("v", 64) + `"...`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestParseMaxAge(t *testing.T) {
	tests := []struct {
		name    string
		lines   []string
		want    int64
		wantErr bool
		absent  bool
	}{
		{name: "zero", lines: []string{"0"}, want: 0},
		{name: "600", lines: []string{"600"}, want: 600},
		{name: "leading zeros", lines: []string{"0007"}, want: 7},
		{name: "OWS around", lines: []string{" \t60 "}, want: 60},
		{name: "int64 max", lines: []string{"9223372036854775807"}, want: math.MaxInt64},
		{name: "int64 max plus one saturates", lines: []string{"9223372036854775808"}, want: math.MaxInt64},
		{name: "20 digits saturate", lines: []string{"99999999999999999999"}, want: math.MaxInt64},
		{name: "1 MiB of digits saturate", lines: []string{mibDigits}, want: math.MaxInt64},
		{name: "no lines", lines: nil, wantErr: true, absent: true},
		{name: "two lines", lines: []string{"5", "5"}, wantErr: true},
		{name: "empty", lines: []string{""}, wantErr: true},
		{name: "only OWS", lines: []string{" \t "}, wantErr: true},
		{name: "negative", lines: []string{"-1"}, wantErr: true},
		{name: "plus sign", lines: []string{"+60"}, wantErr: true},
		{name: "fraction", lines: []string{"9.5"}, wantErr: true},
		{name: "trailing letters", lines: []string{"60abc"}, wantErr: true},
		{name: "list", lines: []string{"60, 60"}, wantErr: true},
		{name: "inner space", lines: []string{"6 0"}, wantErr: true},
		{name: "CR", lines: []string{"60\r"}, wantErr: true},
		{name: "NUL", lines: []string{"\x0060"}, wantErr: true},
		{name: "Arabic-Indic digit", lines: []string{"\u0661"}, wantErr: true},
		{name: "1 MiB of digits then x", lines: []string{mibDigits + "x"}, wantErr: true},
		{name: "1 MiB of commas", lines: []string{mibCommas}, wantErr: true},
		{name: "1 MiB of OWS", lines: []string{mibOWS}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMaxAge(tt.lines)
			if tt.wantErr {
				var le *ListError
				if !errors.As(err, &le) || le.Header != "Access-Control-Max-Age" || !strings.HasPrefix(err.Error(), "corsim: ") {
					t.Fatalf("got %d, %v; want a *ListError", got, err)
				}
				if errors.Is(err, ErrAbsent) != tt.absent {
					t.Errorf("errors.Is(err, ErrAbsent) = %v", !tt.absent)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %d, %v; want %d", got, err, tt.want)
			}
		})
	}
}

func TestParseMaxAgeDoesNotAllocate(t *testing.T) {
	lines := []string{"7200"}
	allocs := testing.AllocsPerRun(100, func() {
		if n, err := ParseMaxAge(lines); err != nil || n != 7200 {
			t.Fatal(n, err)
		}
	})
	if allocs != 0 {
		t.Errorf("allocates %v times", allocs)
	}
}

func TestIsAllowCredentialsTrue(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
	}{
		{name: "true", in: "true", want: true},
		{name: "True", in: "True"},
		{name: "TRUE", in: "TRUE"},
		{name: "padded", in: " true"},
		{name: "joined duplicates", in: "true, true"},
		{name: "empty", in: ""},
		{name: "NUL suffix", in: "true\x00"},
		{name: "1 MiB", in: mibToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsAllowCredentialsTrue(tt.in); got != tt.want {
				t.Errorf("got %v", got)
			}
		})
	}
}

// TestNextTokenAgreesWithNext checks NextToken against Next and IsToken on lists of every shape.
func TestNextTokenAgreesWithNext(t *testing.T) {
	parts := []string{"", ",", " ", "\t", "a", "B-c", "a b", "a;", ";", "é", "*", "x ,", " ,y", "a\x00", "\"q\""}
	var lines []string
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				lines = append(lines, a+b+c, a+","+b+" ,"+c)
			}
		}
	}
	for _, line := range lines {
		x, y := NewElements(line), NewElements(line)
		for {
			want, wantMore := x.Next()
			got, more, tok := y.NextToken()
			if got != want || more != wantMore || (more && tok != IsToken(want)) {
				t.Fatalf("%q: NextToken = %q, %v, %v; Next = %q, %v, IsToken %v", line, got, more, tok, want, wantMore, IsToken(want))
			}
			if !more {
				break
			}
		}
	}
}
