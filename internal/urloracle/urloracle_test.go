package urloracle

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

var errRejected = errors.New("corsim: stub: rejected")

// stub is a parser under test that knows the inputs in m and rejects the
// rest.
func stub(m map[string]Ours) ParseFunc {
	return func(raw string) Ours {
		if o, ok := m[raw]; ok {
			return o
		}
		return Ours{Origin: "", Err: errRejected, URLErr: errRejected}
	}
}

func TestSignedIPv4Label(t *testing.T) {
	tests := []struct {
		name string
		h    string
		want bool
	}{
		{name: "empty", h: "", want: false},
		{name: "plain domain", h: "a.test", want: false},
		{name: "plain IPv4", h: "127.0.0.1", want: false},
		{name: "hex with minus", h: "0x-0", want: true},
		{name: "upper hex with plus", h: "a.0X+1", want: true},
		{name: "decimal with plus", h: "+0.0", want: true},
		{name: "octal with minus", h: "0-7", want: true},
		{name: "sign mid-label", h: "1-2", want: false},
		{name: "19 decimal digits then a letter", h: strings.Repeat("1", 19) + "a", want: true},
		{name: "18 decimal digits then a letter", h: strings.Repeat("1", 18) + "a", want: false},
		{name: "16 hex digits then g", h: "0x" + strings.Repeat("f", 16) + "g", want: true},
		{name: "long digit run alone", h: strings.Repeat("9", 40), want: false},
		{name: "invalid UTF-8 then a signed label", h: "\xff.-1", want: true},
		{name: "thousands of dots", h: strings.Repeat(".", 5000), want: false},
		{name: "1 MiB label", h: strings.Repeat("a", 1<<20), want: false},
	}
	for _, tc := range tests {
		if got := signedIPv4Label(tc.h); got != tc.want {
			t.Errorf("%s: signedIPv4Label(%.40q) = %v, want %v", tc.name, tc.h, got, tc.want)
		}
	}
}

func TestRawHosts(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want []string
	}{
		{name: "empty", raw: "", want: nil},
		{name: "no scheme", raw: "abc", want: nil},
		{name: "userinfo and port dropped", raw: "http://u@a.test:80/x", want: []string{"a.test", "80"}},
		{name: "blob inner host", raw: "blob:https://a.test/x", want: []string{"https", "a.test"}},
		{name: "percent-decoded", raw: "http:%2B0.0", want: []string{"+0.0"}},
		{name: "bad escape kept", raw: "http:%zz/", want: []string{"%zz"}},
		{name: "IPv6 port kept", raw: "http://[::1]:8/", want: []string{"[::1]:8", ":1]:8"}},
		{name: "control bytes removed", raw: " \thttp://a\n.test/ ", want: []string{"a.test"}},
	}
	for _, tc := range tests {
		if got := rawHosts(tc.raw); !slices.Equal(got, tc.want) {
			t.Errorf("%s: rawHosts(%q) = %q, want %q", tc.name, tc.raw, got, tc.want)
		}
	}
}

func TestHasXNLabel(t *testing.T) {
	tests := []struct {
		name string
		h    string
		want bool
	}{
		{name: "empty", h: "", want: false},
		{name: "first label", h: "xn--a.test", want: true},
		{name: "upper case last label", h: "a.XN--b", want: true},
		{name: "inside a label", h: "axn--b.test", want: false},
		{name: "prefix only", h: "xn-", want: false},
	}
	for _, tc := range tests {
		if got := hasXNLabel(tc.h); got != tc.want {
			t.Errorf("%s: hasXNLabel(%q) = %v, want %v", tc.name, tc.h, got, tc.want)
		}
	}
}

func TestOrigin(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		want    string
		wantErr bool
	}{
		{name: "tuple, default port", raw: "HTTPS://A.test:443/x", want: "https://a.test"},
		{name: "blob with https inside", raw: "blob:https://a.test/u", want: "https://a.test"},
		{name: "blob with ws inside", raw: "blob:ws://a/x", want: "null"},
		{name: "opaque scheme", raw: "data:,x", want: "null"},
		{name: "file", raw: "file:///x", want: "null"},
		{name: "oracle's signed IPv4", raw: "http:0X-0", want: "http://0.0.0.0"},
		{name: "unclosed IPv6", raw: "http://[::1", wantErr: true},
		{name: "empty", raw: "", wantErr: true},
	}
	for _, tc := range tests {
		got, err := Origin(tc.raw)
		if got != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("%s: Origin(%q) = %q, %v; want %q, error %v", tc.name, tc.raw, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestClass(t *testing.T) {
	parse := stub(map[string]Ours{
		"http://xn--a/":          {Origin: "http://xn--a", Scheme: "http", Host: "xn--a", OriginHost: "xn--a"},
		"http://a_b.ü/":          {Origin: "http://a_b.xn--tda", Scheme: "http", Host: "a_b.xn--tda", OriginHost: "a_b.xn--tda"},
		"blob:http://a/x #f":     {Origin: "http://a", Scheme: "blob", PathQuery: "http://a/x%20", OriginHost: "a"},
		"blob:http://a/x":        {Origin: "http://a", Scheme: "blob", PathQuery: "http://a/x", OriginHost: "a"},
		"http://a.test/":         {Origin: "http://a.test", Scheme: "http", Host: "a.test", OriginHost: "a.test"},
		"http://[::1]/":          {Origin: "http://[::1]", Scheme: "http", Host: "[::1]", OriginHost: "[::1]"},
		"http://b/":              {Origin: "http://b", Err: errRejected, URLErr: errRejected},
		"https://a.test/x/0x+1/": {Origin: "https://a.test", Scheme: "https", Host: "a.test", OriginHost: "a.test"},
	})
	tests := []struct {
		name string
		raw  string
		want string
		to   string // the oracle's origin
	}{
		{name: "signed label in the raw text", raw: "http:0X-0", to: "http://0.0.0.0", want: "ipv4-sign"},
		{name: "signed label in a path is not a host", raw: "https://a.test/x/0x+1/", to: "https://b", want: ""},
		{name: "invalid ASCII xn-- label", raw: "http://xn--a/", to: "", want: "ascii-xn"},
		{name: "underscore in a non-ASCII domain", raw: "http://a_b.ü/", to: "", want: "std3"},
		{name: "opaque path space, old origin matches", raw: "blob:http://a/x #f", to: "http://a", want: "opaque-path-space"},
		{name: "opaque path space, old origin differs", raw: "blob:http://a/x #f", to: "http://c", want: ""},
		{name: "plain host", raw: "http://a.test/", to: "http://b.test", want: ""},
		{name: "IPv6 host skipped", raw: "http://[::1]/", to: "", want: ""},
		{name: "rejected by us", raw: "http://b/", to: "http://b", want: ""},
		{name: "empty", raw: "", to: "", want: ""},
		{name: "1 MiB input", raw: "http://" + strings.Repeat("a", 1<<20), to: "", want: ""},
	}
	for _, tc := range tests {
		if got := Class(tc.raw, tc.to, parse); got != tc.want {
			t.Errorf("%s: Class(%.40q, %q) = %q, want %q", tc.name, tc.raw, tc.to, got, tc.want)
		}
	}
}

func TestCompare(t *testing.T) {
	parse := stub(map[string]Ours{
		"https://a.test/":  {Origin: "https://a.test", Scheme: "https", Host: "a.test", OriginHost: "a.test"},
		"https://b.test/":  {Origin: "https://c.test", Scheme: "https", Host: "c.test", OriginHost: "c.test"},
		"http://a_b.ü/":    {Origin: "http://a_b.xn--tda", Scheme: "http", Host: "a_b.xn--tda", OriginHost: "a_b.xn--tda"},
		"blob:ws://a.test": {Origin: "null", Scheme: "blob", PathQuery: "ws://a.test"},
	})
	tests := []struct {
		name      string
		raw       string
		wantDiff  string
		wantClass string
	}{
		{name: "agree on a tuple origin", raw: "https://a.test/"},
		{name: "agree on an opaque origin", raw: "blob:ws://a.test"},
		{name: "both reject", raw: "http://[::1"},
		{name: "excused", raw: "http://a_b.ü/", wantClass: "std3"},
		{name: "different origins", raw: "https://b.test/",
			wantDiff: `Parse = "https://c.test", err nil; oracle = "https://b.test", err nil`},
		{name: "only we reject", raw: "data:,x",
			wantDiff: `Parse = "", err corsim: stub: rejected; oracle = "null", err nil`},
	}
	for _, tc := range tests {
		diff, class := Compare(tc.raw, parse)
		if diff != tc.wantDiff || class != tc.wantClass {
			t.Errorf("%s: Compare(%q) = %q, %q; want %q, %q", tc.name, tc.raw, diff, class, tc.wantDiff, tc.wantClass)
		}
	}
}

// fakeOrigin and fakeURL stand in for corsim's origin.Origin and
// origin.URL.
type fakeOrigin struct{ s, host string }

func (o fakeOrigin) String() string { return o.s }
func (o fakeOrigin) Host() string   { return o.host }

type fakeURL struct{ scheme, pathQuery, host string }

func (u fakeURL) Scheme() string     { return u.scheme }
func (u fakeURL) PathQuery() string  { return u.pathQuery }
func (u fakeURL) Host() string       { return u.host }
func (u fakeURL) Origin() fakeOrigin { return fakeOrigin{"https://" + u.host, u.host} }

func TestParser(t *testing.T) {
	parse := Parser(
		func(raw string) (fakeOrigin, error) {
			if raw == "" {
				return fakeOrigin{}, errRejected
			}
			return fakeOrigin{"https://" + raw, raw}, nil
		},
		func(raw string) (*fakeURL, error) {
			if raw == "" {
				return nil, errRejected // a nil *fakeURL: its methods must not be called
			}
			return &fakeURL{"https", "/p", raw}, nil
		},
	)
	tests := []struct {
		name string
		raw  string
		want Ours
	}{
		{name: "accepted", raw: "a.test", want: Ours{Origin: "https://a.test", Scheme: "https", PathQuery: "/p", Host: "a.test", OriginHost: "a.test"}},
		{name: "rejected", raw: "", want: Ours{Err: errRejected, URLErr: errRejected}},
	}
	for _, tc := range tests {
		if got := parse(tc.raw); got != tc.want {
			t.Errorf("%s: parse(%q) = %+v, want %+v", tc.name, tc.raw, got, tc.want)
		}
	}
}

func ExampleOrigin() {
	fmt.Println(Origin("HTTPS://Example.COM:443/x"))
	fmt.Println(Origin("blob:https://a.test/uuid"))
	fmt.Println(Origin("data:,x"))
	// Output:
	// https://example.com <nil>
	// https://a.test <nil>
	// null <nil>
}
