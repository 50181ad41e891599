package fetchmode

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// sample is a list with duplicates and mixed case.
var sample = HeaderList{
	{Name: "Accept", Value: "*/*"},
	{Name: "X-Trace", Value: "a"},
	{Name: "content-type", Value: "text/plain"},
	{Name: "x-trace", Value: "b"},
	{Name: "Set-Cookie", Value: "a=1"},
	{Name: "set-cookie", Value: "b=2"},
	{Name: "Empty", Value: ""},
}

func TestHeaderListLookups(t *testing.T) {
	tests := []struct {
		name, header string
		count        int
		get          string
		values       []string
	}{
		{name: "single", header: "accept", count: 1, get: "*/*", values: []string{"*/*"}},
		{name: "case-insensitive", header: "CONTENT-TYPE", count: 1, get: "text/plain", values: []string{"text/plain"}},
		{name: "duplicates joined", header: "X-TRACE", count: 2, get: "a, b", values: []string{"a", "b"}},
		{name: "set-cookie joined by get", header: "set-cookie", count: 2, get: "a=1, b=2", values: []string{"a=1", "b=2"}},
		{name: "empty value present", header: "empty", count: 1, get: "", values: []string{""}},
		{name: "absent", header: "origin", count: 0},
		{name: "empty name", header: "", count: 0},
		{name: "prefix is not a match", header: "x-tra", count: 0},
		{name: "non-ASCII fold is not a match", header: "\u212aEEP", count: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sample.Count(tt.header); got != tt.count {
				t.Errorf("Count = %d", got)
			}
			if got := sample.Contains(tt.header); got != (tt.count > 0) {
				t.Errorf("Contains = %v", got)
			}
			got, ok := sample.Get(tt.header)
			if ok != (tt.count > 0) || got != tt.get {
				t.Errorf("Get = %q, %v", got, ok)
			}
			if diff := cmp.Diff(tt.values, sample.Values(tt.header)); diff != "" {
				t.Errorf("Values (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHeaderListMutations(t *testing.T) {
	tests := []struct {
		name, op, header, value string
		list, want              HeaderList
	}{
		{name: "append to empty", op: "append", header: "X-A", value: "1", want: HeaderList{{"X-A", "1"}}},
		{name: "append reuses casing", op: "append", header: "x-a", value: "2", list: HeaderList{{"X-A", "1"}}, want: HeaderList{{"X-A", "1"}, {"X-A", "2"}}},
		{name: "append keeps duplicates apart", op: "append", header: "B", value: "", list: HeaderList{{"a", "1"}, {"b", "2"}}, want: HeaderList{{"a", "1"}, {"b", "2"}, {"b", ""}}},
		{name: "set replaces first and drops others", op: "set", header: "a", value: "9", list: HeaderList{{"A", "1"}, {"B", "x"}, {"a", "2"}, {"A", "3"}}, want: HeaderList{{"A", "9"}, {"B", "x"}}},
		{name: "set appends when absent", op: "set", header: "a", value: "9", list: HeaderList{{"B", "x"}}, want: HeaderList{{"B", "x"}, {"a", "9"}}},
		{name: "delete removes all", op: "delete", header: "A", list: HeaderList{{"A", "1"}, {"B", "x"}, {"a", "2"}}, want: HeaderList{{"B", "x"}}},
		{name: "delete absent is a no-op", op: "delete", header: "C", list: HeaderList{{"B", "x"}}, want: HeaderList{{"B", "x"}}},
		{name: "delete everything", op: "delete", header: "a", list: HeaderList{{"A", "1"}}, want: HeaderList{}},
		{name: "combine joins with comma space", op: "combine", header: "A", value: "3", list: HeaderList{{"A", "1"}, {"a", "2"}}, want: HeaderList{{"A", "1, 3"}, {"a", "2"}}},
		{name: "combine appends when absent", op: "combine", header: "A", value: "3", want: HeaderList{{"A", "3"}}},
		{name: "combine empty values", op: "combine", header: "A", list: HeaderList{{"A", ""}}, want: HeaderList{{"A", ", "}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.list.Clone()
			switch tt.op {
			case "append":
				l.Append(tt.header, tt.value)
			case "set":
				l.Set(tt.header, tt.value)
			case "delete":
				l.Delete(tt.header)
			case "combine":
				l.Combine(tt.header, tt.value)
			}
			if diff := cmp.Diff([]Header(tt.want), []Header(l), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSortAndCombine(t *testing.T) {
	want := HeaderList{
		{Name: "accept", Value: "*/*"},
		{Name: "content-type", Value: "text/plain"},
		{Name: "empty", Value: ""},
		{Name: "set-cookie", Value: "a=1"},
		{Name: "set-cookie", Value: "b=2"},
		{Name: "x-trace", Value: "a, b"},
	}
	before := sample.Clone()
	if diff := cmp.Diff(want, sample.SortAndCombine()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, sample); diff != "" {
		t.Errorf("SortAndCombine modified its receiver:\n%s", diff)
	}
	if got := HeaderList(nil).SortAndCombine(); len(got) != 0 {
		t.Errorf("nil list gave %v", got)
	}
}

func TestClone(t *testing.T) {
	c := sample.Clone()
	c[0].Value = "changed"
	if sample[0].Value == "changed" {
		t.Error("Clone shares storage")
	}
	if HeaderList(nil).Clone() != nil {
		t.Error("Clone(nil) != nil")
	}
}

func TestHeaderListLarge(t *testing.T) {
	// 10 000 header lines, half of them the same name.
	var l HeaderList
	for i := 0; i < 10000; i++ {
		if i%2 == 0 {
			l.Append("X-Dup", strconv.Itoa(i))
		} else {
			l = append(l, Header{Name: "X-" + strconv.Itoa(i), Value: "v"})
		}
	}
	if n := l.Count("x-dup"); n != 5000 {
		t.Errorf("Count = %d", n)
	}
	v, ok := l.Get("X-DUP")
	if !ok || len(v) < 5000 || v[:6] != "0, 2, " {
		t.Errorf("Get = %.20q, %v", v, ok)
	}
	if got := l.SortAndCombine(); len(got) != 5001 {
		t.Errorf("SortAndCombine has %d entries", len(got))
	}
	l.Set("x-dup", "one")
	if n := l.Count("X-Dup"); n != 1 || len(l) != 5001 {
		t.Errorf("after Set: Count = %d, len = %d", n, len(l))
	}
}

func TestGetDoesNotAllocate(t *testing.T) {
	l := HeaderList{{"Access-Control-Allow-Origin", "https://a.example"}, {"Vary", "Origin"}}
	allocs := testing.AllocsPerRun(100, func() {
		if _, ok := l.Get("access-control-allow-origin"); !ok {
			t.Fatal("missing")
		}
		if _, ok := l.Get("access-control-allow-credentials"); ok {
			t.Fatal("present")
		}
	})
	if allocs != 0 {
		t.Errorf("Get allocates %v times", allocs)
	}
}
