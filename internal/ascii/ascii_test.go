package ascii

import (
	"strings"
	"testing"
)

func TestLowerByte(t *testing.T) {
	for b := 0; b < 256; b++ {
		want := byte(b)
		if 'A' <= b && b <= 'Z' {
			want = byte(b) + 32
		}
		if got := LowerByte(byte(b)); got != want {
			t.Errorf("LowerByte(%#x) = %#x, want %#x", b, got, want)
		}
	}
}

func TestLower(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{name: "empty", in: "", want: ""},
		{name: "lower", in: "content-type", want: "content-type"},
		{name: "mixed", in: "Content-Type", want: "content-type"},
		{name: "upper", in: "X-CSRF-TOKEN", want: "x-csrf-token"},
		{name: "digits and symbols", in: "A1-_@[`{", want: "a1-_@[`{"},
		{name: "high bytes untouched", in: "\xc9\xe9\xff", want: "\xc9\xe9\xff"},
		{name: "Kelvin sign untouched", in: "\u212aEEP", want: "\u212aeep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Lower(tt.in); got != tt.want {
				t.Errorf("Lower = %q", got)
			}
			if got := IsLower(tt.in); got != (tt.in == tt.want) {
				t.Errorf("IsLower = %v", got)
			}
		})
	}
}

func TestEqualFold(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       bool
	}{
		{name: "empty", a: "", b: "", want: true},
		{name: "equal", a: "accept", b: "accept", want: true},
		{name: "case differs", a: "Accept-Language", b: "accept-LANGUAGE", want: true},
		{name: "length differs", a: "accept", b: "accepts"},
		{name: "letters differ", a: "accept", b: "except"},
		{name: "@ is not `", a: "@", b: "`"},
		{name: "[ is not {", a: "[", b: "{"},
		{name: "high bytes exact", a: "\xc9", b: "\xe9"},
		{name: "Kelvin sign is not K", a: "\u212a", b: "k\x00\x00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EqualFold(tt.a, tt.b); got != tt.want {
				t.Errorf("EqualFold = %v", got)
			}
			if got := EqualFold(tt.b, tt.a); got != tt.want {
				t.Errorf("EqualFold reversed = %v", got)
			}
			if tt.want != (Lower(tt.a) == Lower(tt.b)) {
				t.Errorf("disagrees with Lower")
			}
		})
	}
}

func TestHasPrefixFold(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{{"Sec-Fetch-Mode", true}, {"sec-", true}, {"SEC", false}, {"x-sec-a", false}, {"", false}} {
		if got := HasPrefixFold(tt.s, "sec-"); got != tt.want {
			t.Errorf("HasPrefixFold(%q) = %v", tt.s, got)
		}
	}
}

func TestNoAllocation(t *testing.T) {
	long := strings.Repeat("x-custom-header-", 64)
	upper := strings.ToUpper(long)
	allocs := testing.AllocsPerRun(100, func() {
		if Lower(long) != long || !EqualFold(long, upper) || !HasPrefixFold(upper, "x-custom") {
			t.Fatal("wrong answer")
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per run", allocs)
	}
}

func TestFoldSet(t *testing.T) {
	names := []string{"accept", "content-type", "te", "origin", "cookie", "cookie2"}
	s := NewFoldSet(names...)
	for i, n := range names {
		if got := s.Index(n); got != i {
			t.Errorf("Index(%q) = %d, want %d", n, got, i)
		}
		if got := s.Index(strings.ToUpper(n)); got != i {
			t.Errorf("Index(%q) = %d, want %d", strings.ToUpper(n), got, i)
		}
	}
	for _, n := range []string{"", "accepts", "cookie3", "t", "content_type", strings.Repeat("a", 41), "ORIGIN "} {
		if s.Contains(n) {
			t.Errorf("Contains(%q) = true", n)
		}
	}
	if n := testing.AllocsPerRun(100, func() { s.Contains("Content-Type") }); n != 0 {
		t.Errorf("Contains allocates %v times", n)
	}
}
