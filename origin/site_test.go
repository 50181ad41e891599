package origin_test

import (
	"testing"

	"github.com/corsim/corsim/origin"
)

func TestSameOriginAndSite(t *testing.T) {
	opaque := origin.NewOpaque()
	other := origin.NewOpaque()
	for _, tc := range []struct {
		name               string
		a, b               origin.Origin
		origin, site, less bool // SameOrigin, SameSite, SchemelesslySameSite
	}{
		{name: "identical", a: mp("https://a.example"), b: mp("https://a.example:443/x"), origin: true, site: true, less: true},
		{name: "subdomains", a: mp("https://a.example.com"), b: mp("https://b.example.com"), site: true, less: true},
		{name: "subdomain-and-apex", a: mp("https://example.com"), b: mp("https://www.example.com"), site: true, less: true},
		{name: "ports-differ", a: mp("https://a.example:1"), b: mp("https://a.example:2"), site: true, less: true},
		{name: "schemes-differ", a: mp("http://a.example"), b: mp("https://a.example"), less: true},
		{name: "ws-and-http", a: mp("ws://a.example"), b: mp("http://a.example"), less: true},
		{name: "different-sites", a: mp("https://a.example"), b: mp("https://b.example")},
		{name: "github-io-public-suffix", a: mp("https://whatwg.github.io"), b: mp("https://other.github.io")},
		{name: "github-io-same-project", a: mp("https://x.whatwg.github.io"), b: mp("https://y.whatwg.github.io"), site: true, less: true},
		{name: "github-io-itself", a: mp("https://github.io"), b: mp("https://github.io"), origin: true, site: true, less: true},
		{name: "github-io-vs-project", a: mp("https://github.io"), b: mp("https://whatwg.github.io")},
		{name: "co-uk", a: mp("https://a.example.co.uk"), b: mp("https://b.example.co.uk"), site: true, less: true},
		{name: "co-uk-different", a: mp("https://a.co.uk"), b: mp("https://b.co.uk")},
		{name: "unknown-tld", a: mp("https://a.x.zzzz"), b: mp("https://b.x.zzzz"), site: true, less: true},
		{name: "single-label", a: mp("http://localhost"), b: mp("http://localhost:8080"), site: true, less: true},
		{name: "trailing-dot-differs", a: mp("https://example.com"), b: mp("https://example.com.")},
		{name: "trailing-dot-both", a: mp("https://a.example.com."), b: mp("https://b.example.com."), site: true, less: true},
		{name: "ipv4-same", a: mp("http://127.0.0.1"), b: mp("http://127.0.0.1:8080"), site: true, less: true},
		{name: "ipv4-different", a: mp("http://127.0.0.1"), b: mp("http://127.0.0.2")},
		{name: "ipv4-vs-schemes", a: mp("http://10.0.0.1"), b: mp("https://10.0.0.1"), less: true},
		{name: "ipv6-same", a: mp("http://[::1]"), b: mp("http://[0::1]:81"), site: true, less: true},
		{name: "ipv6-different", a: mp("http://[::1]"), b: mp("http://[::2]")},
		{name: "opaque-self", a: opaque, b: opaque, origin: true, site: true, less: true},
		{name: "opaque-others", a: opaque, b: other},
		{name: "opaque-vs-tuple", a: opaque, b: mp("https://a.example")},
		{name: "zero-values", a: origin.Origin{}, b: origin.Origin{}},
		{name: "zero-vs-tuple", a: origin.Origin{}, b: mp("https://a.example")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, pair := range [][2]origin.Origin{{tc.a, tc.b}, {tc.b, tc.a}} {
				if got := origin.SameOrigin(pair[0], pair[1]); got != tc.origin {
					t.Errorf("SameOrigin(%v, %v) = %v", pair[0], pair[1], got)
				}
				if got := origin.SameSite(pair[0], pair[1]); got != tc.site {
					t.Errorf("SameSite(%v, %v) = %v", pair[0], pair[1], got)
				}
				if got := origin.SchemelesslySameSite(pair[0], pair[1]); got != tc.less {
					t.Errorf("SchemelesslySameSite(%v, %v) = %v", pair[0], pair[1], got)
				}
			}
		})
	}
}

func mp(s string) origin.Origin { return origin.MustParse(s) }

func TestRegistrableDomain(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{name: "com", in: "https://com", want: ""},
		{name: "example-com", in: "https://example.com", want: "example.com"},
		{name: "www", in: "https://www.example.com", want: "example.com"},
		{name: "deep", in: "https://sub.www.example.com", want: "example.com"},
		{name: "uppercase", in: "https://EXAMPLE.COM", want: "example.com"},
		{name: "trailing-dot", in: "https://example.com.", want: "example.com."},
		{name: "github-io", in: "https://github.io", want: ""},
		{name: "github-io-project", in: "https://whatwg.github.io", want: "whatwg.github.io"},
		{name: "idn-tld", in: "https://إختبار", want: ""},
		{name: "idn-tld-second", in: "https://example.إختبار", want: "example.xn--kgbechtv"},
		{name: "idn-tld-third", in: "https://sub.example.إختبار", want: "example.xn--kgbechtv"},
		{name: "ipv6", in: "http://[2001:0db8:85a3:0000:0000:8a2e:0370:7334]", want: ""},
		{name: "ipv4", in: "http://192.168.0.1", want: ""},
		{name: "co-uk", in: "https://a.b.co.uk", want: "b.co.uk"},
		{name: "single-label", in: "http://localhost", want: ""},
		{name: "empty-labels", in: "https://a..example.com", want: "example.com"},
		{name: "only-dot", in: "https://.", want: ""},
		{name: "opaque", in: "data:,", want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mp(tc.in).RegistrableDomain(); got != tc.want {
				t.Errorf("RegistrableDomain(%q) = %q; want %q", tc.in, got, tc.want)
			}
		})
	}
	if (origin.Origin{}).RegistrableDomain() != "" {
		t.Error("zero Origin has a registrable domain")
	}
}

func TestIsPotentiallyTrustworthy(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want bool
	}{
		{name: "https", in: "https://a.example", want: true},
		{name: "wss", in: "wss://a.example", want: true},
		{name: "http", in: "http://a.example", want: false},
		{name: "ws", in: "ws://a.example", want: false},
		{name: "ftp", in: "ftp://a.example", want: false},
		{name: "loopback-v4", in: "http://127.0.0.1:8080", want: true},
		{name: "loopback-v4-range", in: "http://127.255.1.2", want: true},
		{name: "loopback-v4-shorthand", in: "http://127.1", want: true},
		{name: "not-loopback-v4", in: "http://128.0.0.1", want: false},
		{name: "loopback-v6", in: "http://[::1]", want: true},
		{name: "mapped-loopback-v6", in: "http://[::ffff:127.0.0.1]", want: false},
		{name: "other-v6", in: "http://[::2]", want: false},
		{name: "localhost", in: "http://localhost", want: true},
		{name: "localhost-dot", in: "http://localhost.", want: true},
		{name: "localhost-uppercase", in: "http://LOCALHOST:3000", want: true},
		{name: "sub-localhost", in: "http://app.localhost", want: true},
		{name: "sub-localhost-dot", in: "http://app.localhost.", want: true},
		{name: "localhost-suffix-only", in: "http://notlocalhost", want: false},
		{name: "localhost-as-subdomain", in: "http://localhost.example", want: false},
		{name: "127-domain", in: "http://127.example", want: false},
		{name: "opaque-data", in: "data:,x", want: false},
		{name: "opaque-file", in: "file:///x", want: false},
		{name: "blob-https", in: "blob:https://a.example/x", want: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mp(tc.in).IsPotentiallyTrustworthy(); got != tc.want {
				t.Errorf("IsPotentiallyTrustworthy(%q) = %v; want %v", tc.in, got, tc.want)
			}
		})
	}
	if origin.NewOpaque().IsPotentiallyTrustworthy() || (origin.Origin{}).IsPotentiallyTrustworthy() {
		t.Error("opaque or zero origin is trustworthy")
	}
}
