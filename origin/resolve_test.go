package origin_test

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/origin"
)

// resolveTests check URL.Resolve, as for a Location header.
var resolveTests = []struct {
	name, base, ref, want string
}{
	{name: "absolute", base: "https://a.test/x/y", ref: "https://b.test/z", want: "https://b.test/z"},
	{name: "absolute-other-scheme", base: "https://a.test/x", ref: "HTTP://B.test", want: "http://b.test/"},
	{name: "scheme-relative", base: "https://a.test/x", ref: "//b.test/p", want: "https://b.test/p"},
	{name: "scheme-relative-backslash", base: "https://a.test/x", ref: "\\\\b.test\\p", want: "https://b.test/p"},
	{name: "path-absolute", base: "https://a.test:8443/x/y?q#f", ref: "/p/q", want: "https://a.test:8443/p/q"},
	{name: "path-relative", base: "https://a.test/x/y", ref: "z", want: "https://a.test/x/z"},
	{name: "path-relative-dotdot", base: "https://a.test/a/b/c", ref: "../../d", want: "https://a.test/d"},
	{name: "path-relative-dotdot-too-far", base: "https://a.test/a", ref: "../../../d", want: "https://a.test/d"},
	{name: "path-relative-dot", base: "https://a.test/a/b", ref: "./", want: "https://a.test/a/"},
	{name: "query-only", base: "https://a.test/p?old#f", ref: "?new", want: "https://a.test/p?new"},
	{name: "fragment-only", base: "https://a.test/p?q#old", ref: "#new", want: "https://a.test/p?q#new"},
	{name: "empty", base: "https://a.test/p?q#f", ref: "", want: "https://a.test/p?q"},
	{name: "keeps-credentials", base: "https://u:p@a.test/x", ref: "y", want: "https://u:p@a.test/y"},
	{name: "same-scheme-no-slashes", base: "https://a.test/x/y", ref: "https:z", want: "https://a.test/x/z"},
	{name: "other-special-scheme-no-slashes", base: "https://a.test/x", ref: "http:b.test", want: "http://b.test/"},
	{name: "whitespace", base: "https://a.test/x", ref: " \t/p\n ", want: "https://a.test/p"},
	{name: "file-relative", base: "file:///C:/demo", ref: "..", want: "file:///C:/"},
	{name: "file-path-absolute-keeps-drive", base: "file:///C:/a/b", ref: "/x", want: "file:///C:/x"},
	{name: "file-query", base: "file:///a?x", ref: "?y", want: "file:///a?y"},
	{name: "file-fragment", base: "file:///a?x", ref: "#y", want: "file:///a?x#y"},
	{name: "file-drive-ref", base: "file:///C:/a/b", ref: "D|/x", want: "file:///D:/x"},
	{name: "drive-like-scheme", base: "file:///C:/a/b", ref: "D:/x", want: "d:/x"},
	{name: "file-host", base: "file://h/a/b", ref: "c", want: "file://h/a/c"},
	{name: "file-empty", base: "file:///a?x#y", ref: "", want: "file:///a?x"},
	{name: "non-special-relative", base: "sc://h/a/b", ref: "../c", want: "sc://h/c"},
	{name: "non-special-hostless", base: "sc:/a/b", ref: "c", want: "sc:/a/c"},
	{name: "non-special-dot-slash-kept", base: "sc:/.//a/b", ref: "c", want: "sc:/.//a/c"},
	{name: "opaque-base-fragment", base: "data:x,y", ref: "#f", want: "data:x,y#f"},
	{name: "opaque-base-fragment-with-query", base: "mailto:a?b#c", ref: "#d", want: "mailto:a?b#d"},
	{name: "backslash-in-special", base: "https://a.test/x/y", ref: "..\\z", want: "https://a.test/z"},
	{name: "10000-dotdots", base: "https://a.test/a/b", ref: strings.Repeat("../", 10000) + "c", want: "https://a.test/c"},
}

func TestResolve(t *testing.T) {
	for _, tc := range resolveTests {
		t.Run(tc.name, func(t *testing.T) {
			base := origin.MustParseURL(tc.base)
			u, err := base.Resolve(tc.ref)
			if err != nil {
				t.Fatal(err)
			}
			if got := u.String(); got != tc.want {
				t.Errorf("Resolve(%q) = %q; want %q", tc.ref, got, tc.want)
			}
		})
	}
}

func TestResolveFailures(t *testing.T) {
	for _, tc := range []struct{ name, base, ref, part string }{
		{name: "opaque-base-path", base: "data:x,y", ref: "z", part: "scheme"},
		{name: "opaque-base-query", base: "mailto:a", ref: "?q", part: "scheme"},
		{name: "bad-host", base: "https://a.test/", ref: "//a b/", part: "domain"},
		{name: "bad-port", base: "https://a.test/", ref: "//b:99999/", part: "port"},
		{name: "empty-host", base: "https://a.test/", ref: "//", part: "host"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, err := origin.MustParseURL(tc.base).Resolve(tc.ref)
			if err == nil || !strings.Contains(err.Error(), tc.part) {
				t.Fatalf("Resolve = %q, %v; want failure in %s", u.String(), err, tc.part)
			}
		})
	}
	// Resolving against the zero URL is ParseURL.
	if _, err := (origin.URL{}).Resolve("x"); err == nil {
		t.Error("zero URL resolved a relative reference")
	}
	if u, err := (origin.URL{}).Resolve("https://a.test/"); err != nil || u.String() != "https://a.test/" {
		t.Errorf("zero URL Resolve = %q, %v", u.String(), err)
	}
}
