package algorithm

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/corsim/corsim/fetchmode"
)

// TestAppendElementsDedupe checks the lists the cache is given: every element once, methods compared
// byte for byte and header names ignoring case, below and above the point where a map takes over.
func TestAppendElementsDedupe(t *testing.T) {
	many := make([]string, 0, 3*dedupeAbove)
	for i := 0; i < dedupeAbove+4; i++ {
		many = append(many, fmt.Sprintf("x-%d", i))
	}
	tests := []struct {
		name  string
		h     fetchmode.HeaderList
		list  string
		fold  bool
		want  []string
		plain []string
	}{
		{name: "methods keep case", list: hACAM, h: fetchmode.HeaderList{{Name: hACAM, Value: "PATCH, patch,PATCH"}},
			want: []string{"PATCH", "patch"}, plain: []string{"PATCH", "patch", "PATCH"}},
		{name: "headers fold case", list: hACAH, fold: true, h: fetchmode.HeaderList{{Name: hACAH, Value: "X-A, x-a"}, {Name: "access-control-allow-headers", Value: "x-b,X-A"}},
			want: []string{"X-A", "x-b"}, plain: []string{"X-A", "x-a", "x-b", "X-A"}},
		{name: "long list through the map", list: hACAH, fold: true,
			h:    fetchmode.HeaderList{{Name: hACAH, Value: strings.Join(many, ",") + "," + strings.ToUpper(strings.Join(many, ","))}},
			want: many},
	}
	for _, tt := range tests {
		if got := appendElements(nil, tt.h, tt.list, true, tt.fold); !slices.Equal(got, tt.want) {
			t.Errorf("%s: dedupe = %q, want %q", tt.name, got, tt.want)
		}
		if tt.plain != nil {
			if got := appendElements(nil, tt.h, tt.list, false, tt.fold); !slices.Equal(got, tt.plain) {
				t.Errorf("%s: plain = %q, want %q", tt.name, got, tt.plain)
			}
		}
	}
}

// TestHeadersInRequestOrderNeverPanics: a request-order list shorter than the names the preflight
// asked for is walked as it is, never indexed past its end.
func TestHeadersInRequestOrderNeverPanics(t *testing.T) {
	c := PreflightCheck{Origin: "https://a.test", Method: "GET", Headers: []string{"authorization", "x-b"},
		requestOrder: []string{"x-b"}}
	resp := Response{Status: 204, Headers: fetchmode.HeaderList{{Name: hACAO, Value: "https://a.test"}, {Name: hACAH, Value: "x-b"}}}
	for _, p := range Profiles() {
		validatePreflight(p.rules(), &c, &resp)
	}
}

// TestLongListsMatchLikeShortOnes checks the map path of exposedBy and parseHeaders (more than
// scanAtMost names) against a plain case-insensitive scan, on lists with repeated and mixed-case
// names and a response with repeated header names.
func TestLongListsMatchLikeShortOnes(t *testing.T) {
	var h fetchmode.HeaderList
	var asked []string
	for i := 0; i < 3*scanAtMost; i++ {
		h = append(h, fetchmode.Header{Name: fmt.Sprintf("X-H%d", i%(2*scanAtMost)), Value: "v"})
		asked = append(asked, fmt.Sprintf("x-h%d", i))
	}
	list := "X-H1, x-h3,x-H5 , " + strings.Repeat("x-h7,", 50) + "x-h40, x-h-none, X-H200"
	h = append(h, fetchmode.Header{Name: hACEH, Value: list}, fetchmode.Header{Name: hACAH, Value: list})
	listed := map[string]bool{}
	for _, e := range strings.Split(list, ",") {
		listed[strings.ToLower(strings.TrimSpace(e))] = true
	}
	e := exposedBy(h)
	for i, hd := range h {
		if got, want := e.names(i), listed[strings.ToLower(hd.Name)]; got != want {
			t.Errorf("exposedBy: header %d %q: %v, want %v", i, hd.Name, got, want)
		}
	}
	c := PreflightCheck{Origin: "https://a.test", Method: "GET", Headers: asked}
	resp := Response{Status: 204, Headers: h}
	v := preflightValidator{r: Spec.rules(), c: &c, resp: &resp, res: &PreflightResult{}}
	if f := v.parseHeaders(); !f.OK() {
		t.Fatal(f)
	}
	for i, n := range asked {
		if got, want := v.listed(i), listed[n]; got != want {
			t.Errorf("parseHeaders: %q: %v, want %v", n, got, want)
		}
	}
}
