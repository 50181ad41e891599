package fetchoracle

import (
	"slices"
	"testing"

	"github.com/corsim/corsim/fetchmode"
)

func TestTokenList(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string
		bad   string
	}{
		{name: "no lines"},
		{name: "list over lines", lines: []string{" a ,, b", "", "c"}, want: []string{"a", "b", "c"}},
		{name: "space inside", lines: []string{"GET, PUT POST, x"}, want: []string{"GET"}, bad: "PUT POST"},
		{name: "quote", lines: []string{`"a"`}, bad: `"a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bad, ok := TokenList(tt.lines)
			if !slices.Equal(got, tt.want) || bad != tt.bad || ok != (tt.bad == "") {
				t.Errorf("got %q, %q, %v", got, bad, ok)
			}
		})
	}
}

func TestExposedNames(t *testing.T) {
	l := fetchmode.HeaderList{{Name: "Access-Control-Expose-Headers", Value: "X-A, *"}, {Name: "access-control-expose-headers", Value: "x-b"}}
	names, star, ok := ExposedNames(l)
	if !ok || !star || len(names) != 3 || !names["x-a"] || !names["x-b"] {
		t.Errorf("got %v, %v, %v", names, star, ok)
	}
	if _, _, ok := ExposedNames(fetchmode.HeaderList{{Name: "Access-Control-Expose-Headers", Value: "a b"}}); ok {
		t.Error(`"a b" parsed`)
	}
}

func TestSmallOnes(t *testing.T) {
	if Lower("X-\xc9Ab") != "x-\xc9ab" || !IsToken("x-A") || IsToken("") || IsToken("a:b") {
		t.Error("Lower or IsToken")
	}
	if !IsSafelistedResponseName("content-type") || IsSafelistedResponseName("Content-Type") || IsSafelistedResponseName("set-cookie") {
		t.Error("IsSafelistedResponseName")
	}
}
