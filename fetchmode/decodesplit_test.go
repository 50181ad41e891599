package fetchmode

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGetDecodeSplit(t *testing.T) {
	tests := []struct {
		name string
		list HeaderList
		want []string // nil means absent
	}{
		// The examples of Fetch §concept-header-list-get-decode-split.
		{name: "trailing comma", list: HeaderList{{"A", "nosniff,"}}, want: []string{"nosniff", ""}},
		{name: "empty second line", list: HeaderList{{"A", "nosniff"}, {"B", "sniff"}, {"A", ""}}, want: []string{"nosniff", ""}},
		{name: "one empty line", list: HeaderList{{"A", ""}, {"B", "sniff"}}, want: []string{""}},
		{name: "absent", list: HeaderList{{"B", "sniff"}}},
		{name: "unclosed quote swallows commas", list: HeaderList{{"A", `text/html;", x/x`}}, want: []string{`text/html;", x/x`}},
		{name: "unclosed quote over two lines", list: HeaderList{{"A", `text/html;"`}, {"A", "x/x"}}, want: []string{`text/html;", x/x`}},
		{name: "quoted parameter", list: HeaderList{{"A", `x/x;test="hi",y/y`}}, want: []string{`x/x;test="hi"`, "y/y"}},
		{name: "quoted parameter over lines", list: HeaderList{{"A", `x/x;test="hi"`}, {"C", "**bingo**"}, {"A", "y/y"}}, want: []string{`x/x;test="hi"`, "y/y"}},
		{name: "empty items kept", list: HeaderList{{"A", "x / x,,,1"}}, want: []string{"x / x", "", "", "1"}},
		{name: "empty items over lines", list: HeaderList{{"A", "x / x"}, {"A", ","}, {"A", "1"}}, want: []string{"x / x", "", "", "1"}},
		{name: "comma inside quotes", list: HeaderList{{"A", `"1,2", 3`}}, want: []string{`"1,2"`, "3"}},
		{name: "comma inside quotes over lines", list: HeaderList{{"A", `"1,2"`}, {"D", "4"}, {"A", "3"}}, want: []string{`"1,2"`, "3"}},
		// More.
		{name: "escaped quote", list: HeaderList{{"A", `"a\"b,c", d`}}, want: []string{`"a\"b,c"`, "d"}},
		{name: "backslash at end", list: HeaderList{{"A", `"a\`}}, want: []string{`"a\`}},
		{name: "tabs trimmed", list: HeaderList{{"A", "\ta\t,\t b \t"}}, want: []string{"a", "b"}},
		{name: "CR not trimmed", list: HeaderList{{"A", "\ra\r"}}, want: []string{"\ra\r"}},
		{name: "two quoted strings", list: HeaderList{{"A", `"a"x"b", c`}}, want: []string{`"a"x"b"`, "c"}},
		{name: "only a comma", list: HeaderList{{"A", ","}}, want: []string{"", ""}},
		{name: "high bytes kept", list: HeaderList{{"A", highBytes}}, want: []string{highBytes}},
		{name: "5000 commas", list: HeaderList{{"A", thousands}}, want: append(make([]string, 5000), "GET")},
		{name: "1 MiB of quotes", list: HeaderList{{"A", mibQuotes}}, want: []string{mibQuotes}},
		{name: "1 MiB of backslashes", list: HeaderList{{"A", mibEscape}}, want: []string{mibEscape}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := GetDecodeSplit(tt.list, "a")
			if ok != (tt.want != nil) {
				t.Fatalf("ok = %v", ok)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%.2000s", diff)
			}
		})
	}
}

func TestGetDecodeSplitMiBCommas(t *testing.T) {
	got, ok := GetDecodeSplit(HeaderList{{"A", mibCommas}}, "A")
	if !ok || len(got) != mib+1 {
		t.Errorf("got %d items, %v", len(got), ok)
	}
}
