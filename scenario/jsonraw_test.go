package scenario

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestObjectMembers(t *testing.T) {
	tests := []struct {
		name string
		in   string
		keys []string
		vals []string
	}{
		{name: "empty", in: `{}`},
		{name: "spaces", in: " { \"a\" : 1 , \"b\" :[ 1 , 2 ] } ", keys: []string{"a", "b"}, vals: []string{"1", "[ 1 , 2 ]"}},
		{name: "nested strings with brackets", in: `{"a":"}]{[","b":{"c":"\"}"}}`, keys: []string{"a", "b"}, vals: []string{`"}]{["`, `{"c":"\"}"}`}},
		{name: "escaped key", in: `{"\u0069d":"x","a\"b":true}`, keys: []string{"id", `a"b`}, vals: []string{`"x"`, `true`}},
		{name: "literals and numbers", in: `{"a":null,"b":-1.5e+3,"c":false}`, keys: []string{"a", "b", "c"}, vals: []string{"null", "-1.5e+3", "false"}},
		{name: "duplicate keys kept", in: `{"a":1,"a":2}`, keys: []string{"a", "a"}, vals: []string{"1", "2"}},
		{name: "deep nesting", in: `{"a":` + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + `}`, keys: []string{"a"}, vals: []string{strings.Repeat("[", 9000) + strings.Repeat("]", 9000)}},
		{name: "invalid UTF-8 in value", in: "{\"a\":\"\xff\xfe\"}", keys: []string{"a"}, vals: []string{"\"\xff\xfe\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !json.Valid([]byte(tt.in)) {
				t.Fatalf("test input is not valid JSON")
			}
			ms, err := objectMembers([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) != len(tt.keys) {
				t.Fatalf("got %d members, want %d", len(ms), len(tt.keys))
			}
			for i, m := range ms {
				if m.key != tt.keys[i] || string(m.value) != tt.vals[i] {
					t.Errorf("member %d = %q: %q, want %q: %q", i, m.key, m.value, tt.keys[i], tt.vals[i])
				}
			}
		})
	}
	for _, notObject := range []string{``, `[]`, `"x"`, `null`, `  `} {
		if _, err := objectMembers([]byte(notObject)); err == nil {
			t.Errorf("objectMembers(%q) accepted a non-object", notObject)
		}
	}
}

func TestArrayElements(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{name: "empty", in: `[]`},
		{name: "mixed", in: `[1, "a,b", {"x":[1,2]}, [], null]`, want: []string{"1", `"a,b"`, `{"x":[1,2]}`, `[]`, `null`}},
		{name: "thousands", in: "[" + strings.Repeat(`"",`, 5000) + `""]`, want: strings.Split(strings.Repeat(`"",`, 5000)+`""`, ",")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, err := arrayElements([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(es) != len(tt.want) {
				t.Fatalf("got %d elements, want %d", len(es), len(tt.want))
			}
			for i := range es {
				if string(es[i]) != tt.want[i] {
					t.Errorf("element %d = %s, want %s", i, es[i], tt.want[i])
				}
			}
		})
	}
	if _, err := arrayElements([]byte(`{}`)); err == nil {
		t.Error("arrayElements accepted an object")
	}
}

func TestUnquote(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{name: "plain", in: `"abc"`, want: "abc"},
		{name: "empty", in: `""`, want: ""},
		{name: "simple escapes", in: `"a\"b\\c\/d\b\f\n\r\t"`, want: "a\"b\\c/d\b\f\n\r\t"},
		{name: "bmp escape", in: `"\u00e9\u4e2d"`, want: "é中"},
		{name: "surrogate pair", in: `"\ud83d\ude00"`, want: "😀"},
		{name: "lone high surrogate", in: `"\ud83dx"`, want: "\ufffdx"},
		{name: "lone low surrogate", in: `"\ude00"`, want: "\ufffd"},
		{name: "high then non-low escape", in: `"\ud83d\u0041"`, want: "\ufffdA"},
		{name: "nul escape", in: `"a\u0000b"`, want: "a\x00b"},
		{name: "invalid UTF-8 kept", in: "\"\xff\\n\"", want: "\xff\n"},
		{name: "raw UTF-8", in: `"Zoë"`, want: "Zoë"},
		{name: "1 MiB", in: `"` + strings.Repeat("x", 1<<20) + `"`, want: strings.Repeat("x", 1<<20)},
		{name: "1 MiB escapes", in: `"` + strings.Repeat(`\n`, 1<<19) + `"`, want: strings.Repeat("\n", 1<<19)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unquote([]byte(tt.in)); got != tt.want {
				if len(got) > 80 {
					got = got[:80] + "…"
				}
				t.Errorf("unquote = %q", got)
			}
		})
	}
}

// unquote agrees with encoding/json on valid UTF-8.
func TestUnquoteMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "a", "é", "\u2028", "<&>", "\x7f", "tab\there", "😀 and \\ and \""} {
		lit, _ := json.Marshal(s)
		if got := unquote(lit); got != s {
			t.Errorf("unquote(%s) = %q, want %q", lit, got, s)
		}
	}
}

func TestStringPair(t *testing.T) {
	tests := []struct {
		name, in string
		a, b     string
		ok       bool
	}{
		{name: "plain", in: `["a","b"]`, a: `"a"`, b: `"b"`, ok: true},
		{name: "spaces", in: `[ "a" ,  "b\"]" ]`, a: `"a"`, b: `"b\"]"`, ok: true},
		{name: "one", in: `["a"]`},
		{name: "three", in: `["a","b","c"]`},
		{name: "number", in: `["a",1]`},
		{name: "nested", in: `[["a"],"b"]`},
		{name: "empty", in: `[]`},
		{name: "object", in: `{}`},
		{name: "nothing", in: ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b, ok := stringPair([]byte(tt.in))
			if ok != tt.ok || (ok && (string(a) != tt.a || string(b) != tt.b)) {
				t.Errorf("stringPair(%s) = %s, %s, %v", tt.in, a, b, ok)
			}
		})
	}
}
