package origin_test

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/origin"
)

// hrefTests check ParseURL's serialization and parts.
var hrefTests = []struct {
	name, in, href string
	host           string
	port           int // -1 for null
	pathQuery      string
	query, frag    string // "-" for null
	creds, special bool
}{
	{name: "canonical", in: "https://api.shop.test/cart/items/17", href: "https://api.shop.test/cart/items/17", host: "api.shop.test", port: -1, pathQuery: "/cart/items/17", query: "-", frag: "-", special: true},
	{name: "brief-example", in: "https://A.test/x/../y?a b#f", href: "https://a.test/y?a%20b#f", host: "a.test", port: -1, pathQuery: "/y?a%20b", query: "a%20b", frag: "f", special: true},
	{name: "empty-path-gets-slash", in: "http://a.test", href: "http://a.test/", host: "a.test", port: -1, pathQuery: "/", query: "-", frag: "-", special: true},
	{name: "query-without-path", in: "http://a.test?x", href: "http://a.test/?x", host: "a.test", port: -1, pathQuery: "/?x", query: "x", frag: "-", special: true},
	{name: "empty-query-and-fragment", in: "http://a.test/?#", href: "http://a.test/?#", host: "a.test", port: -1, pathQuery: "/?", query: "", frag: "", special: true},
	{name: "port", in: "http://a.test:8080/p", href: "http://a.test:8080/p", host: "a.test", port: 8080, pathQuery: "/p", query: "-", frag: "-", special: true},
	{name: "credentials", in: "https://us er:p@ss@a.test/", href: "https://us%20er:p%40ss@a.test/", host: "a.test", port: -1, pathQuery: "/", query: "-", frag: "-", creds: true, special: true},
	{name: "password-only", in: "https://:pw@a.test/", href: "https://:pw@a.test/", host: "a.test", port: -1, pathQuery: "/", query: "-", frag: "-", creds: true, special: true},
	{name: "empty-credentials", in: "https://:@a.test/", href: "https://a.test/", host: "a.test", port: -1, pathQuery: "/", query: "-", frag: "-", special: true},
	{name: "backslashes", in: "https:\\\\a.test\\x\\y", href: "https://a.test/x/y", host: "a.test", port: -1, pathQuery: "/x/y", query: "-", frag: "-", special: true},
	{name: "dot-segments", in: "https://a.test/a/./b/%2e%2E/c/.%2e/d/..", href: "https://a.test/a/", host: "a.test", port: -1, pathQuery: "/a/", query: "-", frag: "-", special: true},
	{name: "dotdot-above-root", in: "https://a.test/../../x", href: "https://a.test/x", host: "a.test", port: -1, pathQuery: "/x", query: "-", frag: "-", special: true},
	{name: "path-encode-set", in: "https://a.test/\"<>`{}^|%", href: "https://a.test/%22%3C%3E%60%7B%7D%5E|%", host: "a.test", port: -1, pathQuery: "/%22%3C%3E%60%7B%7D%5E|%", query: "-", frag: "-", special: true},
	{name: "special-query-set", in: "https://a.test/?'\"<>`", href: "https://a.test/?%27%22%3C%3E`", host: "a.test", port: -1, pathQuery: "/?%27%22%3C%3E`", query: "%27%22%3C%3E`", frag: "-", special: true},
	{name: "fragment-set", in: "https://a.test/#'\"<>` #", href: "https://a.test/#'%22%3C%3E%60%20#", host: "a.test", port: -1, pathQuery: "/", query: "-", frag: "'%22%3C%3E%60%20#", special: true},
	{name: "non-ascii-path", in: "https://a.test/ü", href: "https://a.test/%C3%BC", host: "a.test", port: -1, pathQuery: "/%C3%BC", query: "-", frag: "-", special: true},
	{name: "invalid-utf8-path", in: "https://a.test/\xff", href: "https://a.test/%EF%BF%BD", host: "a.test", port: -1, pathQuery: "/%EF%BF%BD", query: "-", frag: "-", special: true},
	{name: "ipv6-host", in: "http://[0:0::1]:81/", href: "http://[::1]:81/", host: "[::1]", port: 81, pathQuery: "/", query: "-", frag: "-", special: true},
	{name: "file-drive-letter", in: "file:///C|/demo", href: "file:///C:/demo", host: "", port: -1, pathQuery: "/C:/demo", query: "-", frag: "-", special: true},
	{name: "file-localhost", in: "file://localhost/x", href: "file:///x", host: "", port: -1, pathQuery: "/x", query: "-", frag: "-", special: true},
	{name: "file-host", in: "file://Server/share", href: "file://server/share", host: "server", port: -1, pathQuery: "/share", query: "-", frag: "-", special: true},
	{name: "file-no-slashes", in: "file:x", href: "file:///x", host: "", port: -1, pathQuery: "/x", query: "-", frag: "-", special: true},
	{name: "file-drive-host", in: "file://c:/x", href: "file:///c:/x", host: "", port: -1, pathQuery: "/c:/x", query: "-", frag: "-", special: true},
	{name: "file-drive-dotdot", in: "file:///C:/..", href: "file:///C:/", host: "", port: -1, pathQuery: "/C:/", query: "-", frag: "-", special: true},
	{name: "data", in: "data:text/plain,a b", href: "data:text/plain,a b", host: "", port: -1, pathQuery: "text/plain,a b", query: "-", frag: "-"},
	{name: "opaque-space-before-query", in: "data:a ?b", href: "data:a%20?b", host: "", port: -1, pathQuery: "a%20?b", query: "b", frag: "-"},
	{name: "opaque-trailing-space", in: "data:a ", href: "data:a", host: "", port: -1, pathQuery: "a", query: "-", frag: "-"},
	{name: "opaque-controls", in: "javascript:\x01é", href: "javascript:%01%C3%A9", host: "", port: -1, pathQuery: "%01%C3%A9", query: "-", frag: "-"},
	{name: "about-blank", in: "About:blank#x", href: "about:blank#x", host: "", port: -1, pathQuery: "blank", query: "-", frag: "x"},
	{name: "non-special-host", in: "foo://EXAMPLE.com:0/a b?c d#e f", href: "foo://EXAMPLE.com:0/a%20b?c%20d#e%20f", host: "", port: 0, pathQuery: "/a%20b?c%20d", query: "c%20d", frag: "e%20f"},
	{name: "non-special-empty-host", in: "sc:///x", href: "sc:///x", host: "", port: -1, pathQuery: "/x", query: "-", frag: "-"},
	{name: "non-special-no-host-dot-slash", in: "web+demo:/.//not-a-host/", href: "web+demo:/.//not-a-host/", host: "", port: -1, pathQuery: "//not-a-host/", query: "-", frag: "-"},
	{name: "non-special-dotdot-dot-slash", in: "web+demo:/path/..//not-a-host/", href: "web+demo:/.//not-a-host/", host: "", port: -1, pathQuery: "//not-a-host/", query: "-", frag: "-"},
	{name: "non-special-query-set", in: "sc:x?'", href: "sc:x?'", host: "", port: -1, pathQuery: "x?'", query: "'", frag: "-"},
	{name: "non-special-backslash-kept", in: "sc://a/b\\c", href: "sc://a/b\\c", host: "", port: -1, pathQuery: "/b\\c", query: "-", frag: "-"},
	{name: "non-special-opaque-host-encoded", in: "sc://ü/", href: "sc://%C3%BC/", host: "", port: -1, pathQuery: "/", query: "-", frag: "-"},
	{name: "blob", in: "blob:https://a.test/uuid", href: "blob:https://a.test/uuid", host: "", port: -1, pathQuery: "https://a.test/uuid", query: "-", frag: "-"},
	{name: "1MiB-path", in: "https://a.test/" + strings.Repeat("x", 1<<20), href: "https://a.test/" + strings.Repeat("x", 1<<20), host: "a.test", port: -1, pathQuery: "/" + strings.Repeat("x", 1<<20), query: "-", frag: "-", special: true},
	{name: "10000-commas-query", in: "https://a.test/?" + strings.Repeat(",", 10000), href: "https://a.test/?" + strings.Repeat(",", 10000), host: "a.test", port: -1, pathQuery: "/?" + strings.Repeat(",", 10000), query: strings.Repeat(",", 10000), frag: "-", special: true},
}

func TestParseURL(t *testing.T) {
	for _, tc := range hrefTests {
		t.Run(tc.name, func(t *testing.T) {
			u, err := origin.ParseURL(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if !u.IsValid() {
				t.Error("IsValid() = false")
			}
			if got := u.String(); got != tc.href {
				t.Errorf("String() = %q; want %q", short(got), short(tc.href))
			}
			if got := u.Host(); got != tc.host {
				t.Errorf("Host() = %q; want %q", got, tc.host)
			}
			port, ok := u.Port()
			if (tc.port < 0 && ok) || (tc.port >= 0 && (!ok || int(port) != tc.port)) {
				t.Errorf("Port() = %d, %v; want %d", port, ok, tc.port)
			}
			if got := u.PathQuery(); got != tc.pathQuery {
				t.Errorf("PathQuery() = %q; want %q", short(got), short(tc.pathQuery))
			}
			checkOptional(t, "Query", tc.query, u.Query)
			checkOptional(t, "Fragment", tc.frag, u.Fragment)
			if u.HasCredentials() != tc.creds {
				t.Errorf("HasCredentials() = %v", u.HasCredentials())
			}
			if u.IsSpecial() != tc.special {
				t.Errorf("IsSpecial() = %v", u.IsSpecial())
			}
			if !strings.HasPrefix(tc.href, u.Scheme()+":") {
				t.Errorf("Scheme() = %q", u.Scheme())
			}
			if want := strings.SplitN(tc.href, "#", 2)[0]; u.StringNoFragment() != want {
				t.Errorf("StringNoFragment() = %q; want %q", short(u.StringNoFragment()), short(want))
			}
			// The serialization is a fixed point, and the origin is stable.
			again, err := origin.ParseURL(u.String())
			if err != nil || again.String() != u.String() {
				t.Errorf("reparse = %q, %v", short(again.String()), err)
			}
			if u.Origin() != u.Origin() || (u.Origin().IsOpaque() && again.Origin() == u.Origin()) {
				t.Errorf("origin identity broken")
			}
		})
	}
}

func checkOptional(t *testing.T, name, want string, get func() (string, bool)) {
	t.Helper()
	got, ok := get()
	switch {
	case want == "-" && ok:
		t.Errorf("%s() = %q, true; want null", name, short(got))
	case want != "-" && (!ok || got != want):
		t.Errorf("%s() = %q, %v; want %q", name, short(got), ok, short(want))
	}
}

func TestWithFragment(t *testing.T) {
	u := origin.MustParseURL("https://a.test/p?q#old")
	for _, tc := range []struct {
		name, frag string
		ok         bool
		want       string
	}{
		{name: "replace", frag: "new", ok: true, want: "https://a.test/p?q#new"},
		{name: "empty", frag: "", ok: true, want: "https://a.test/p?q#"},
		{name: "remove", frag: "ignored", ok: false, want: "https://a.test/p?q"},
		{name: "encoded-kept", frag: "a%20b", ok: true, want: "https://a.test/p?q#a%20b"},
		{name: "encodes", frag: "a b<\x00é", ok: true, want: "https://a.test/p?q#a%20b%3C%00%C3%A9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := u.WithFragment(tc.frag, tc.ok)
			if got.String() != tc.want {
				t.Errorf("WithFragment = %q; want %q", got.String(), tc.want)
			}
			if f, ok := got.Fragment(); ok != tc.ok || got.StringNoFragment() != "https://a.test/p?q" || (ok && "#"+f != tc.want[len("https://a.test/p?q"):]) {
				t.Errorf("Fragment() = %q, %v; StringNoFragment() = %q", f, ok, got.StringNoFragment())
			}
			if got.Origin() != u.Origin() || got.PathQuery() != "/p?q" {
				t.Errorf("WithFragment changed other parts")
			}
		})
	}
	if z := (origin.URL{}).WithFragment("x", true); z.IsValid() {
		t.Error("zero URL became valid")
	}
}

func TestURLZeroValue(t *testing.T) {
	var u origin.URL
	if u.IsValid() || u.String() != "" || u.Scheme() != "" || u.Host() != "" || u.IsSpecial() || u.IsHTTPScheme() || u.HasCredentials() {
		t.Error("zero URL is not empty")
	}
	if u.Origin().IsValid() || u.PathQuery() != "" || u.StringNoFragment() != "" {
		t.Error("zero URL has parts")
	}
	if _, ok := u.Port(); ok {
		t.Error("zero URL has a port")
	}
	if _, ok := u.Query(); ok {
		t.Error("zero URL has a query")
	}
	if _, ok := u.Fragment(); ok {
		t.Error("zero URL has a fragment")
	}
}

func TestIsHTTPScheme(t *testing.T) {
	for in, want := range map[string]bool{
		"http://a/": true, "HTTPS://a/": true, "ws://a/": false, "wss://a/": false, "ftp://a/": false,
		"file:///": false, "data:,": false, "blob:https://a/": false, "httpx://a/": false,
	} {
		if got := origin.MustParseURL(in).IsHTTPScheme(); got != want {
			t.Errorf("IsHTTPScheme(%q) = %v; want %v", in, got, want)
		}
	}
}

func TestMustParseURLPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParseURL did not panic")
		}
	}()
	origin.MustParseURL("not a url")
}

// TestCanParseURL checks that CanParseURL answers as ParseURL does on every input the oracle test
// compares, so its allocation-free fast path never accepts what the parser refuses.
func TestCanParseURL(t *testing.T) {
	for _, in := range oracleInputs(t) {
		_, err := origin.ParseURL(in)
		if got := origin.CanParseURL(in); got != (err == nil) {
			t.Errorf("CanParseURL(%q) = %v, ParseURL error %v", in, got, err)
		}
	}
	if n := testing.AllocsPerRun(100, func() { origin.CanParseURL("https://evil.test") }); n != 0 {
		t.Errorf("CanParseURL of a serialized origin allocates %v times", n)
	}
}
