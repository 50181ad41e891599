package grammar

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// lines joins header lines as fetchmode's HeaderList.Get does, so that the
// examples of Fetch §concept-header-list-get-decode-split, which split the
// lines of one name, can be written as they are.
func lines(l ...string) string { return strings.Join(l, ", ") }

func TestDecodeSplit(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  []string
	}{
		// The examples of Fetch §concept-header-list-get-decode-split.
		{name: "trailing comma", value: "nosniff,", want: []string{"nosniff", ""}},
		{name: "empty second line", value: lines("nosniff", ""), want: []string{"nosniff", ""}},
		{name: "one empty line", value: "", want: []string{""}},
		{name: "unclosed quote swallows commas", value: `text/html;", x/x`, want: []string{`text/html;", x/x`}},
		{name: "unclosed quote over two lines", value: lines(`text/html;"`, "x/x"), want: []string{`text/html;", x/x`}},
		{name: "quoted parameter", value: `x/x;test="hi",y/y`, want: []string{`x/x;test="hi"`, "y/y"}},
		{name: "quoted parameter over lines", value: lines(`x/x;test="hi"`, "y/y"), want: []string{`x/x;test="hi"`, "y/y"}},
		{name: "empty items kept", value: "x / x,,,1", want: []string{"x / x", "", "", "1"}},
		{name: "empty items over lines", value: lines("x / x", ",", "1"), want: []string{"x / x", "", "", "1"}},
		{name: "comma inside quotes", value: `"1,2", 3`, want: []string{`"1,2"`, "3"}},
		{name: "comma inside quotes over lines", value: lines(`"1,2"`, "3"), want: []string{`"1,2"`, "3"}},
		// More.
		{name: "escaped quote", value: `"a\"b,c", d`, want: []string{`"a\"b,c"`, "d"}},
		{name: "backslash at end", value: `"a\`, want: []string{`"a\`}},
		{name: "tabs trimmed", value: "\ta\t,\t b \t", want: []string{"a", "b"}},
		{name: "CR not trimmed", value: "\ra\r", want: []string{"\ra\r"}},
		{name: "two quoted strings", value: `"a"x"b", c`, want: []string{`"a"x"b"`, "c"}},
		{name: "only a comma", value: ",", want: []string{"", ""}},
		{name: "high bytes kept", value: highBytes, want: []string{highBytes}},
		{name: "5000 commas", value: thousands, want: append(make([]string, 5000), "GET")},
		{name: "1 MiB of quotes", value: mibQuotes, want: []string{mibQuotes}},
		{name: "1 MiB of backslashes", value: mibEscape, want: []string{mibEscape}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DecodeSplit(tt.value)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%.2000s", diff)
			}
		})
	}
}

func TestDecodeSplitMiBCommas(t *testing.T) {
	if got := DecodeSplit(mibCommas); len(got) != mib+1 {
		t.Errorf("got %d items", len(got))
	}
}

func TestSplitterDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		n := 0
		for sp := NewSplitter(`get, "a,b", trace`); ; n++ {
			if _, more := sp.Next(); !more {
				break
			}
		}
		if n != 3 {
			t.Fatalf("%d items", n)
		}
	})
	if allocs != 0 {
		t.Errorf("allocates %v times", allocs)
	}
}
