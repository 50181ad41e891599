package grammar

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseMIMEType(t *testing.T) {
	tests := []struct {
		name, in string
		want     *MIMEType // nil means failure
	}{
		{name: "plain", in: "text/plain", want: &MIMEType{Type: "text", Subtype: "plain"}},
		{name: "lower-cased", in: "TEXT/Plain;CharSet=UTF-8", want: &MIMEType{"text", "plain", []Param{{"charset", "UTF-8"}}}},
		{name: "trailing semicolon", in: "text/plain;", want: &MIMEType{Type: "text", Subtype: "plain"}},
		{name: "HTTP whitespace stripped", in: "\r\n\t text/html \t\r\n", want: &MIMEType{Type: "text", Subtype: "html"}},
		{name: "space before semicolon", in: "text/html ;a=b", want: &MIMEType{"text", "html", []Param{{"a", "b"}}}},
		{name: "whitespace before name", in: "text/html;\r\n a=b", want: &MIMEType{"text", "html", []Param{{"a", "b"}}}},
		{name: "quoted value", in: `text/html;a="b;c"`, want: &MIMEType{"text", "html", []Param{{"a", "b;c"}}}},
		{name: "quoted escapes", in: `text/html;a="\"\\x"`, want: &MIMEType{"text", "html", []Param{{"a", `"\x`}}}},
		{name: "quoted trailing garbage", in: `text/html;charset="shift_jis"iso-2022-jp`, want: &MIMEType{"text", "html", []Param{{"charset", "shift_jis"}}}},
		{name: "unclosed quote", in: `text/html;a="b`, want: &MIMEType{"text", "html", []Param{{"a", "b"}}}},
		{name: "unclosed quote ending in backslash", in: `text/html;a="b\`, want: &MIMEType{"text", "html", []Param{{"a", `b\`}}}},
		{name: "empty quoted value kept", in: `text/html;a=""`, want: &MIMEType{"text", "html", []Param{{"a", ""}}}},
		{name: "empty unquoted value skipped", in: "text/html;a=;b=c", want: &MIMEType{"text", "html", []Param{{"b", "c"}}}},
		{name: "value trailing whitespace removed", in: "text/html;a=b \t", want: &MIMEType{"text", "html", []Param{{"a", "b"}}}},
		{name: "name without value skipped", in: "text/html;a;b=c", want: &MIMEType{"text", "html", []Param{{"b", "c"}}}},
		{name: "name at end skipped", in: "text/html;a=", want: &MIMEType{Type: "text", Subtype: "html"}},
		{name: "empty name skipped", in: "text/html;=x", want: &MIMEType{Type: "text", Subtype: "html"}},
		{name: "name with space skipped", in: "text/html;a b=c", want: &MIMEType{Type: "text", Subtype: "html"}},
		{name: "duplicate name keeps first", in: "text/html;A=1;a=2", want: &MIMEType{"text", "html", []Param{{"a", "1"}}}},
		{name: "value with DEL skipped", in: "text/html;a=b\x7f", want: &MIMEType{Type: "text", Subtype: "html"}},
		{name: "value with high bytes kept", in: "text/html;a=\xe9\xff", want: &MIMEType{"text", "html", []Param{{"a", "\xe9\xff"}}}},
		{name: "value with NUL skipped", in: "text/html;a=\x00", want: &MIMEType{Type: "text", Subtype: "html"}},
		{name: "wildcard essence", in: "*/*", want: &MIMEType{Type: "*", Subtype: "*"}},
		{name: "empty", in: ""},
		{name: "only whitespace", in: " \t\r\n"},
		{name: "no slash", in: "text"},
		{name: "empty type", in: "/plain"},
		{name: "empty subtype", in: "text/"},
		{name: "subtype only whitespace", in: "text/ ;a=b"},
		{name: "space in type", in: "te xt/plain"},
		{name: "space after slash", in: "text/ plain"},
		{name: "space in subtype", in: "text/plain garbage"},
		{name: "second slash in subtype", in: "text/pl/ain"},
		{name: "high byte in type", in: "t\xe9xt/plain"},
		{name: "invalid UTF-8 subtype", in: "text/" + invalidU8},
		{name: "NUL subtype", in: "text/\x00"},
		{name: "1 MiB subtype", in: "text/" + mibToken, want: &MIMEType{Type: "text", Subtype: mibToken}},
		{name: "1 MiB of semicolons", in: "text/plain" + repeat(";", mib), want: &MIMEType{Type: "text", Subtype: "plain"}},
		{name: "1 MiB of quotes", in: "text/plain;a=" + mibQuotes, want: &MIMEType{"text", "plain", []Param{{"a", ""}}}},
		{name: "1 MiB of backslashes", in: "text/plain;a=" + mibEscape, want: &MIMEType{"text", "plain", []Param{{"a", repeat(`\`, mib/2)}}}},
		{name: "1 MiB of whitespace", in: mibSpaces},
		{name: "1 MiB of commas", in: mibCommas},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMIMEType(tt.in)
			if tt.want == nil {
				var le *ListError
				if !errors.As(err, &le) || le.Header != "MIME type" {
					t.Errorf("got %+v, %v; want a *ListError", got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error %v", err)
			}
			if diff := cmp.Diff(*tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%.1000s", diff)
			}
		})
	}
}

func TestParseMIMETypeManyParams(t *testing.T) {
	tests := []struct {
		name  string
		count int // distinct parameters written
		dups  int // then this many repeats of earlier names, in upper case
	}{
		{name: "below the scan limit", count: 10, dups: 5},
		{name: "at the scan limit", count: maxScannedParams, dups: maxScannedParams},
		{name: "above the scan limit", count: 40, dups: 40},
		{name: "1 MiB of distinct parameters", count: mib / 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("text/plain")
			for i := 0; i < tt.count; i++ {
				fmt.Fprintf(&b, ";p%d=v%d", i, i)
			}
			for i := 0; i < tt.dups; i++ {
				fmt.Fprintf(&b, ";P%d=dup", i)
			}
			m, err := ParseMIMEType(b.String())
			if err != nil || len(m.Params) != tt.count {
				t.Fatalf("got %d parameters, %v", len(m.Params), err)
			}
			for i, p := range m.Params {
				if p.Name != "p"+strconv.Itoa(i) || p.Value != "v"+strconv.Itoa(i) {
					t.Fatalf("parameter %d = %+v", i, p)
				}
			}
		})
	}
}

func TestMIMETypeEssence(t *testing.T) {
	m, err := ParseMIMEType("Multipart/Form-Data; boundary=x")
	if err != nil || m.Essence() != "multipart/form-data" {
		t.Errorf("Essence = %q, %v", m.Essence(), err)
	}
}
