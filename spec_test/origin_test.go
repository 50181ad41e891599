package spec_test

import (
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/scenario"
)

// TestOriginSerialization checks the origin of a URL and its serialization (URL §concept-url-origin,
// HTML §ascii-serialisation-of-an-origin) with the examples of the URL Standard's parser: the value
// the browser puts in Origin and compares Access-Control-Allow-Origin with. want "null" means an
// opaque origin; "!" means the URL does not parse.
func TestOriginSerialization(t *testing.T) {
	cases := []struct {
		name   string
		anchor string
		url    string
		want   string
	}{
		{name: "upper-case scheme host default port", anchor: "url#concept-url-origin", url: "HTTPS://EXAMPLE.com:443/x", want: "https://example.com"},
		{name: "non-default port kept", anchor: "html#ascii-serialisation-of-an-origin step 5", url: "http://example.com:8080", want: "http://example.com:8080"},
		{name: "leading zeros in port", anchor: "url#port-state", url: "http://example.com:0080/", want: "http://example.com"},
		{name: "empty port", anchor: "url#port-state", url: "http://example.com:/", want: "http://example.com"},
		{name: "port too big", anchor: "url#port-state", url: "http://example.com:65536/", want: "!"},
		{name: "port letters", anchor: "url#port-state", url: "http://example.com:8o/", want: "!"},
		{name: "ipv6 compressed", anchor: "url#concept-host-serializer", url: "http://[0:0::1]:80/", want: "http://[::1]"},
		{name: "ipv6 first longest run", anchor: "url#concept-ipv6-serializer", url: "http://[1:0:0:2:0:0:0:3]/", want: "http://[1:0:0:2::3]"},
		{name: "ipv4-in-ipv6 as hex", anchor: "url#concept-ipv6-serializer", url: "http://[::ffff:127.0.0.1]/", want: "http://[::ffff:7f00:1]"},
		{name: "ipv6 zone id fails", anchor: "url#concept-ipv6-parser", url: "http://[fe80::1%25eth0]/", want: "!"},
		{name: "ipv4 hex and short", anchor: "url#concept-ipv4-parser", url: "http://0x7f.1/", want: "http://127.0.0.1"},
		{name: "ipv4 two parts", anchor: "url#concept-ipv4-parser", url: "http://127.1/", want: "http://127.0.0.1"},
		{name: "ipv4 one number", anchor: "url#concept-ipv4-parser", url: "http://2130706433/", want: "http://127.0.0.1"},
		{name: "ipv4 octal", anchor: "url#ipv4-number-parser", url: "http://0177.0.0.1/", want: "http://127.0.0.1"},
		{name: "ipv4 zero", anchor: "url#concept-ipv4-parser", url: "http://0/", want: "http://0.0.0.0"},
		{name: "ipv4 all ones", anchor: "url#concept-ipv4-parser", url: "http://0xffffffff/", want: "http://255.255.255.255"},
		{name: "ipv4 trailing dot", anchor: "url#concept-ipv4-parser step 2", url: "http://127.0.0.1./", want: "http://127.0.0.1"},
		{name: "ipv4 bare 0x", anchor: "url#ipv4-number-parser step 6", url: "http://0x/", want: "http://0.0.0.0"},
		{name: "ipv4 five parts", anchor: "url#concept-ipv4-parser step 4", url: "http://1.2.3.4.5/", want: "!"},
		{name: "ipv4 part over 255", anchor: "url#concept-ipv4-parser step 8", url: "http://256.1.1.1/", want: "!"},
		{name: "ipv4 last part too big", anchor: "url#concept-ipv4-parser step 9", url: "http://1.2.3.256./", want: "!"},
		{name: "ipv4 bad octal", anchor: "url#ipv4-number-parser step 7", url: "http://09/", want: "!"},
		{name: "ends in a number not ipv4", anchor: "url#ends-in-a-number-checker", url: "http://example.1/", want: "!"},
		{name: "0xg stays a domain", anchor: "url#ends-in-a-number-checker step 6", url: "http://0xg/", want: "http://0xg"},
		{name: "percent-decoded host", anchor: "url#concept-host-parser step 5", url: "http://ex%41mple.com/", want: "http://example.com"},
		{name: "percent-encoded dot", anchor: "url#concept-host-parser step 5", url: "http://example%2Ecom/", want: "http://example.com"},
		{name: "forbidden domain code point", anchor: "url#forbidden-domain-code-point", url: "http://example^example/", want: "!"},
		{name: "decoded percent is fatal", anchor: "url#forbidden-domain-code-point", url: "http://example%2525.com/", want: "!"},
		{name: "underscore allowed", anchor: "url#forbidden-host-code-point", url: "https://a_b.example/", want: "https://a_b.example"},
		{name: "trailing dot host kept", anchor: "url#concept-host-serializer", url: "https://example.com./", want: "https://example.com."},
		{name: "tab and newline removed", anchor: "url#concept-basic-url-parser step 3", url: "https://exa\tmple.com\n/", want: "https://example.com"},
		{name: "leading control and space stripped", anchor: "url#concept-basic-url-parser step 1", url: "\x01 https://example.com/ ", want: "https://example.com"},
		{name: "idna non-transitional", anchor: "url#concept-domain-to-ascii step 6", url: "https://faß.example/", want: "https://xn--fa-hia.example"},
		{name: "ascii xn-- kept", anchor: "url#concept-domain-to-ascii step 5", url: "https://xn--a.example/", want: "https://xn--a.example"},
		{name: "ws default port", anchor: "url#default-port", url: "ws://a.test:80", want: "ws://a.test"},
		{name: "wss default port", anchor: "url#default-port", url: "wss://a.test:443", want: "wss://a.test"},
		{name: "ftp default port", anchor: "url#default-port", url: "ftp://a.test:21", want: "ftp://a.test"},
		{name: "https port 80 kept", anchor: "url#default-port", url: "https://a.test:80/", want: "https://a.test:80"},
		{name: "blob of https", anchor: "url#concept-url-origin", url: "blob:https://a.test:8443/uuid", want: "https://a.test:8443"},
		{name: "blob of data opaque", anchor: "url#concept-url-origin", url: "blob:data:,x", want: "null"},
		{name: "data opaque", anchor: "url#concept-url-origin", url: "data:,x", want: "null"},
		{name: "about opaque", anchor: "url#concept-url-origin", url: "about:blank", want: "null"},
		{name: "javascript opaque", anchor: "url#concept-url-origin", url: "javascript:alert(1)", want: "null"},
		{name: "custom scheme opaque", anchor: "url#concept-url-origin", url: "foo://bar/", want: "null"},
		{name: "file opaque", anchor: "url#concept-url-origin", url: "file:///x", want: "null"},
		{name: "extra slashes skipped", anchor: "url#special-authority-ignore-slashes-state", url: "https:///x", want: "https://x"},
		{name: "no scheme fails", anchor: "url#concept-basic-url-parser", url: "//example.com/", want: "!"},
		{name: "empty input fails", anchor: "url#concept-basic-url-parser", url: "", want: "!"},
		{name: "1 MiB host", anchor: "url#concept-host-parser", url: "https://" + mib + "/", want: "https://" + mib},
		{name: "invalid utf-8 host", anchor: "url#concept-host-parser step 5", url: "https://\xff.example/", want: "!"},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			o, err := origin.Parse(c.url)
			switch {
			case c.want == "!":
				if err == nil {
					t.Errorf("Parse(%q) = %q, want an error", c.url, o)
				}
			case err != nil:
				t.Errorf("Parse(%q): %v", c.url, err)
			case c.want == "null":
				if !o.IsOpaque() || o.String() != "null" {
					t.Errorf("Parse(%q) = %q, want an opaque origin", c.url, o)
				}
			case o.String() != c.want:
				t.Errorf("Parse(%q) = %q, want %q", c.url, o, c.want)
			}
		})
	}
}

// TestOriginComparison checks same origin, same site and schemelessly same site (HTML §same-origin,
// §same-site, §schemelessly-same-site) and what they mean for a fetch: a same-origin URL is basic,
// anything else a CORS request.
func TestOriginComparison(t *testing.T) {
	cases := []struct {
		name       string
		anchor     string
		a, b       string
		sameOrigin bool
		sameSite   bool
		schemeless bool
	}{
		{name: "identical", anchor: "html#same-origin", a: "https://a.example", b: "https://a.example/x", sameOrigin: true, sameSite: true, schemeless: true},
		{name: "default port", anchor: "html#same-origin", a: "https://a.example", b: "https://a.example:443/", sameOrigin: true, sameSite: true, schemeless: true},
		{name: "other port", anchor: "html#same-origin", a: "https://a.example", b: "https://a.example:8443/", sameOrigin: false, sameSite: true, schemeless: true},
		{name: "other scheme", anchor: "html#same-site", a: "https://a.example", b: "http://a.example/", sameOrigin: false, sameSite: false, schemeless: true},
		{name: "sibling subdomains", anchor: "html#same-site", a: "https://a.example.com", b: "https://b.example.com/", sameOrigin: false, sameSite: true, schemeless: true},
		{name: "public suffix hosts", anchor: "url#host-registrable-domain", a: "https://a.github.io", b: "https://b.github.io/", sameOrigin: false, sameSite: false, schemeless: false},
		{name: "ip addresses", anchor: "html#same-site", a: "http://127.0.0.1", b: "http://127.0.0.1:8080/", sameOrigin: false, sameSite: true, schemeless: true},
		{name: "trailing dot differs", anchor: "url#concept-host-serializer", a: "https://example.com", b: "https://example.com./", sameOrigin: false, sameSite: false, schemeless: false},
		{name: "other registrable domain", anchor: "html#same-site", a: "https://app.example", b: "https://api.other/", sameOrigin: false, sameSite: false, schemeless: false},
		{name: "upper-case host", anchor: "html#same-origin", a: "https://a.example", b: "HTTPS://A.EXAMPLE/", sameOrigin: true, sameSite: true, schemeless: true},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			a, err := origin.Parse(c.a)
			if err != nil {
				t.Fatal(err)
			}
			b, err := origin.Parse(c.b)
			if err != nil {
				t.Fatal(err)
			}
			if got := origin.SameOrigin(a, b); got != c.sameOrigin {
				t.Errorf("SameOrigin = %v, want %v", got, c.sameOrigin)
			}
			if got := origin.SameSite(a, b); got != c.sameSite {
				t.Errorf("SameSite = %v, want %v", got, c.sameSite)
			}
			if got := origin.SchemelesslySameSite(a, b); got != c.schemeless {
				t.Errorf("SchemelesslySameSite = %v, want %v", got, c.schemeless)
			}
			// A fetch from a to b's URL: basic when same origin, CORS otherwise.
			want := algorithm.TypeCORS
			if c.sameOrigin {
				want = algorithm.TypeBasic
			}
			routes := map[string]scenario.Route{c.b: {Actual: rsp(200, "Access-Control-Allow-Origin", "*")}}
			v := fetch(t, algorithm.Spec, algorithm.Request{Origin: a, URL: c.b}, routes)
			if v.Outcome == algorithm.OK && v.ResponseType != want {
				t.Errorf("fetch from %s to %s: type %s, want %s", a, c.b, v.ResponseType, want)
			}
		})
	}
}

// TestOpaqueOrigins checks opaque origins: each new one is distinct, serializes as "null", and the
// serialized-origin parser turns "null" into a new opaque origin (HTML §concept-origin-opaque).
func TestOpaqueOrigins(t *testing.T) {
	runCase(t, "new opaque origins differ", "html#concept-origin-opaque", func(t *testing.T) {
		a, b := origin.NewOpaque(), origin.NewOpaque()
		if origin.SameOrigin(a, b) || !origin.SameOrigin(a, a) || a.String() != "null" {
			t.Errorf("opaque origins: a==b %v, a==a %v, %q", origin.SameOrigin(a, b), origin.SameOrigin(a, a), a)
		}
	})
	runCase(t, "parse serialized null", "html#concept-origin-opaque", func(t *testing.T) {
		o, err := origin.ParseSerialized("null")
		if err != nil || !o.IsOpaque() {
			t.Errorf("ParseSerialized(null) = %v, %v", o, err)
		}
		if _, err := origin.ParseSerialized("NULL"); err == nil {
			t.Errorf("ParseSerialized(NULL) succeeded; null is case-sensitive")
		}
	})
	runCase(t, "serialized origin rejects path", "fetch#http-origin", func(t *testing.T) {
		for _, s := range []string{"https://a.example/", "https://a.example/x", "https://u@a.example", "https://a.example?q", "https://a.example#f", "file:///x", ""} {
			if o, err := origin.ParseSerialized(s); err == nil {
				t.Errorf("ParseSerialized(%q) = %q, want an error", s, o)
			}
		}
	})
	runCase(t, "serialized origin normalizes", "fetch#http-origin", func(t *testing.T) {
		o, err := origin.ParseSerialized("HTTPS://Example.COM:443")
		if err != nil || o.String() != "https://example.com" {
			t.Errorf("ParseSerialized = %q, %v", o, err)
		}
	})
}
