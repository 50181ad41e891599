package fetchmode

import (
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// safelisted is n Accept-Language entries whose values total size bytes.
func languageEntries(n, size int) HeaderList {
	l := make(HeaderList, n)
	for i := range l {
		w := size / n
		if i < size%n {
			w++
		}
		l[i] = Header{Name: "Accept-Language", Value: repeat("a", w)}
	}
	return l
}

func TestAppendUnsafeNames(t *testing.T) {
	tests := []struct {
		name           string
		list           HeaderList
		spec, chromium []string // also the want for NoTotalLimit: see noLimit
		noLimit        []string
	}{
		{name: "empty list", list: nil},
		{name: "typical fetch", list: HeaderList{{"Content-Type", "application/json"}, {"X-CSRF-Token", "abc"}},
			spec: []string{"content-type", "x-csrf-token"}, chromium: []string{"content-type", "x-csrf-token"}, noLimit: []string{"content-type", "x-csrf-token"}},
		{name: "all safelisted", list: HeaderList{{"Accept", "*/*"}, {"Content-Type", "text/plain"}, {"Range", "bytes=0-"}}},
		{name: "sorted and lower-cased", list: HeaderList{{"X-B", "1"}, {"x-a", "1"}, {"X-C", "1"}, {"Authorization", "x"}},
			spec: []string{"authorization", "x-a", "x-b", "x-c"}, chromium: []string{"authorization", "x-a", "x-b", "x-c"}, noLimit: []string{"authorization", "x-a", "x-b", "x-c"}},
		{name: "duplicates removed", list: HeaderList{{"X-A", "1"}, {"x-a", "2"}, {"X-a", "3"}},
			spec: []string{"x-a"}, chromium: []string{"x-a"}, noLimit: []string{"x-a"}},
		{name: "prefix sorts first", list: HeaderList{{"x-ab", "1"}, {"x-a", "1"}},
			spec: []string{"x-a", "x-ab"}, chromium: []string{"x-a", "x-ab"}, noLimit: []string{"x-a", "x-ab"}},
		{name: "entries judged one by one", list: HeaderList{{"Content-Type", "text/plain"}, {"Content-Type", "application/json"}},
			spec: []string{"content-type"}, chromium: []string{"content-type"}, noLimit: []string{"content-type"}},
		{name: "client hint", list: HeaderList{{"DPR", "2"}, {"Save-Data", "on"}},
			spec: []string{"dpr", "save-data"}, noLimit: []string{"dpr", "save-data"}},
		{name: "total exactly 1024", list: languageEntries(8, 1024)},
		{name: "total 1025", list: languageEntries(9, 1025),
			spec: []string{"accept-language"}, chromium: []string{"accept-language"}},
		{name: "eleven 100-byte values", list: append(languageEntries(10, 1000), Header{"Accept", repeat("b", 100)}),
			spec: []string{"accept", "accept-language"}, chromium: []string{"accept", "accept-language"}},
		{name: "unsafe values do not count", list: append(languageEntries(8, 1024), Header{"X-Big", repeat("b", 5000)}),
			spec: []string{"x-big"}, chromium: []string{"x-big"}, noLimit: []string{"x-big"}},
		{name: "over-long value does not count", list: append(languageEntries(8, 1024), Header{"Accept", repeat("b", 129)}),
			spec: []string{"accept"}, chromium: []string{"accept"}, noLimit: []string{"accept"}},
		{name: "client hints count toward the total in chromium", list: append(languageEntries(8, 1020), Header{"Width", "12345"}),
			spec: []string{"width"}, chromium: []string{"accept-language", "width"}, noLimit: []string{"width"}},
		{name: "non-ASCII name kept", list: HeaderList{{"X-\xc3\x89", "1"}},
			spec: []string{"x-\xc3\x89"}, chromium: []string{"x-\xc3\x89"}, noLimit: []string{"x-\xc3\x89"}},
		{name: "empty name", list: HeaderList{{"", "1"}},
			spec: []string{""}, chromium: []string{""}, noLimit: []string{""}},
	}
	variants := []struct {
		name string
		s    Safelist
		want func(i int) []string
	}{
		{name: "spec", s: spec, want: func(i int) []string { return tests[i].spec }},
		{name: "chromium", s: Safelist{ClientHints: true, RangeMax: math.MaxInt64 - 1}, want: func(i int) []string { return tests[i].chromium }},
		{name: "firefox", s: Safelist{NoTotalLimit: true}, want: func(i int) []string { return tests[i].noLimit }},
	}
	for i, tt := range tests {
		for _, v := range variants {
			t.Run(tt.name+"/"+v.name, func(t *testing.T) {
				got := v.s.AppendUnsafeNames(nil, tt.list)
				if diff := cmp.Diff(v.want(i), got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				// Appending keeps what dst held.
				pre := []string{"zzz", "aaa"}
				got = v.s.AppendUnsafeNames(pre, tt.list)
				if !slices.Equal(got[:2], []string{"zzz", "aaa"}) || !slices.Equal(got[2:], v.want(i)) {
					t.Errorf("with a prefix: %q", got)
				}
			})
		}
		if got := CORSUnsafeRequestHeaderNames(tt.list); !slices.Equal(got, tt.spec) {
			t.Errorf("%s: CORSUnsafeRequestHeaderNames = %q", tt.name, got)
		}
	}
}

func TestAppendUnsafeNamesLarge(t *testing.T) {
	// 10 000 header lines: 5 000 distinct custom names, 5 000 copies of one.
	var l HeaderList
	for i := 0; i < 10000; i++ {
		if i%2 == 0 {
			l = append(l, Header{Name: "X-Same", Value: "v"})
		} else {
			l = append(l, Header{Name: "X-" + strconv.Itoa(i), Value: "v"})
		}
	}
	got := CORSUnsafeRequestHeaderNames(l)
	if len(got) != 5001 || !slices.IsSorted(got) {
		t.Fatalf("got %d names, sorted = %v", len(got), slices.IsSorted(got))
	}
	// Past the 64 entries whose verdicts are cached, entries are still judged
	// one by one.
	l = l[:0]
	for i := 0; i < 100; i++ {
		l = append(l, Header{Name: "Accept", Value: "a"}, Header{Name: "X-" + strconv.Itoa(i%3), Value: "v"})
	}
	l = append(l, Header{Name: "Range", Value: "bytes=0-"}, Header{Name: "Content-Type", Value: "text/json"})
	if got := CORSUnsafeRequestHeaderNames(l); !slices.Equal(got, []string{"content-type", "x-0", "x-1", "x-2"}) {
		t.Errorf("201 entries: got %q", got)
	}
	// 10 000 safelisted entries of 1 byte: the total rule makes them unsafe.
	l = l[:0]
	for i := 0; i < 10000; i++ {
		l = append(l, Header{Name: "Accept", Value: "a"})
	}
	if got := CORSUnsafeRequestHeaderNames(l); !slices.Equal(got, []string{"accept"}) {
		t.Errorf("got %q", got)
	}
	if got := (Safelist{NoTotalLimit: true}).AppendUnsafeNames(nil, l); len(got) != 0 {
		t.Errorf("NoTotalLimit: got %q", got)
	}
}

func TestAppendUnsafeNamesAllocations(t *testing.T) {
	tests := []struct {
		name string
		list HeaderList
	}{
		{name: "lower-case names", list: HeaderList{{"content-type", "application/json"}, {"x-custom", "1"}, {"accept", "*/*"}}},
		{name: "common canonical names", list: HeaderList{{"Content-Type", "application/json"}, {"X-CSRF-Token", "abc"}, {"Authorization", "x"}}},
		{name: "nothing unsafe", list: HeaderList{{"Accept", "*/*"}, {"Content-Type", "text/plain"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf [8]string
			allocs := testing.AllocsPerRun(100, func() {
				_ = spec.AppendUnsafeNames(buf[:0], tt.list)
			})
			if allocs != 0 {
				t.Errorf("allocates %v times", allocs)
			}
		})
	}
}

func TestLowerName(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{name: "already lower", in: "x-foo", want: "x-foo"},
		{name: "common name", in: "X-Requested-With", want: "x-requested-with"},
		{name: "uncommon name", in: "X-Foo", want: "x-foo"},
		{name: "high bytes untouched", in: "X-\xc9", want: "x-\xc9"},
		{name: "empty", in: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lowerName(tt.in); got != tt.want {
				t.Errorf("got %q", got)
			}
		})
	}
}
