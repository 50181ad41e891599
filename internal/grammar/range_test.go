package grammar

import (
	"errors"
	"math"
	"testing"
)

func TestParseSingleRange(t *testing.T) {
	tests := []struct {
		name, in string
		ws       bool
		want     *Range // nil means failure
	}{
		{name: "open end", in: "bytes=0-", want: &Range{Start: 0, HasStart: true}},
		{name: "closed", in: "bytes=0-499", want: &Range{Start: 0, End: 499, HasStart: true, HasEnd: true}},
		{name: "suffix", in: "bytes=-500", want: &Range{End: 500, HasEnd: true}},
		{name: "equal bounds", in: "bytes=7-7", want: &Range{Start: 7, End: 7, HasStart: true, HasEnd: true}},
		{name: "leading zeros", in: "bytes=007-0010", want: &Range{Start: 7, End: 10, HasStart: true, HasEnd: true}},
		{name: "int64 max", in: "bytes=9223372036854775807-", want: &Range{Start: math.MaxInt64, HasStart: true}},
		{name: "whitespace allowed", in: "bytes \t= 1 - 2 ", ws: true},
		{name: "whitespace allowed no trailing", in: "bytes \t= 1 - 2", ws: true, want: &Range{Start: 1, End: 2, HasStart: true, HasEnd: true}},
		{name: "whitespace allowed suffix", in: "bytes= -5", ws: true, want: &Range{End: 5, HasEnd: true}},
		{name: "space after equals", in: "bytes= 0-1"},
		{name: "space before equals", in: "bytes =0-1"},
		{name: "space around dash", in: "bytes=0 - 1"},
		{name: "two ranges", in: "bytes=0-1,2-3"},
		{name: "two ranges with whitespace allowed", in: "bytes=0-1, 2-3", ws: true},
		{name: "no equals", in: "bytes 0-"},
		{name: "upper-case unit", in: "Bytes=0-"},
		{name: "other unit", in: "items=0-1"},
		{name: "empty", in: ""},
		{name: "bytes only", in: "bytes"},
		{name: "bytes= only", in: "bytes="},
		{name: "no bounds", in: "bytes=-"},
		{name: "no dash", in: "bytes=5"},
		{name: "start after end", in: "bytes=5-4"},
		{name: "start after end, long", in: "bytes=10-9"},
		{name: "negative", in: "bytes=--5"},
		{name: "plus", in: "bytes=+1-2"},
		{name: "trailing garbage", in: "bytes=0-1x"},
		{name: "trailing CR", in: "bytes=0-1\r"},
		{name: "NUL", in: "bytes=\x000-1"},
		{name: "high bytes", in: "bytes=\xe9-1"},
		{name: "start beyond int64", in: "bytes=9223372036854775808-"},
		{name: "end beyond int64", in: "bytes=0-9223372036854775808"},
		{name: "1 MiB of digits", in: "bytes=" + mibDigits + "-"},
		{name: "1 MiB of spaces, whitespace allowed", in: "bytes" + mibSpaces + "=" + mibSpaces + "0-", ws: true, want: &Range{HasStart: true}},
		{name: "1 MiB of commas", in: mibCommas},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSingleRange(tt.in, tt.ws)
			if tt.want == nil {
				var le *ListError
				if !errors.As(err, &le) || le.Header != "Range" {
					t.Errorf("got %+v, %v; want a *ListError", got, err)
				}
				return
			}
			if err != nil || got != *tt.want {
				t.Errorf("got %+v, %v; want %+v", got, err, *tt.want)
			}
		})
	}
}

func TestCompareDecimal(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       int
	}{
		{name: "equal", a: "5", b: "5", want: 0},
		{name: "leading zeros equal", a: "0005", b: "5", want: 0},
		{name: "zeros", a: "000", b: "0", want: 0},
		{name: "shorter is less", a: "99", b: "100", want: -1},
		{name: "same length", a: "19", b: "18", want: 1},
		{name: "leading zeros less", a: "009", b: "10", want: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := compareDecimal(tt.a, tt.b); got != tt.want {
				t.Errorf("got %d", got)
			}
		})
	}
}

func TestDecimalAtMost(t *testing.T) {
	tests := []struct {
		s    string
		max  uint64
		want bool
	}{
		{"", 0, true}, {"0", 0, true}, {"1", 0, false}, {"5", 5, true}, {"6", 5, false},
		{"10", 9, false}, {"09", 9, true}, {"18446744073709551615", math.MaxUint64, true},
		{"18446744073709551616", math.MaxUint64, false}, {"99999999999999999999", math.MaxUint64, false},
		{"9223372036854775806", math.MaxInt64 - 1, true}, {"9223372036854775807", math.MaxInt64 - 1, false},
	}
	for _, tt := range tests {
		if got := DecimalAtMost(tt.s, tt.max); got != tt.want {
			t.Errorf("DecimalAtMost(%q, %d) = %v, want %v", tt.s, tt.max, got, tt.want)
		}
	}
}
