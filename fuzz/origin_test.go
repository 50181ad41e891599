package fuzz

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/internal/urloracle"
	"github.com/corsim/corsim/origin"
)

// originSeeds are taken from the origin package's table tests; each
// comment says what the seed exercises.
var originSeeds = []string{
	"https://api.shop.test/cart/items/17", // canonical input: the zero-copy fast path
	"HTTPS://EXAMPLE.com:443/x",           // scheme and host lowercasing, default port nulled
	"http://example.com:8080",             // non-default port kept, no path
	"http://a.test:0080/",                 // leading zeros in the port
	"http://a.test:65536/",                // port out of range
	"http://a.test:/",                     // empty port is null
	"https://example.com:demo",            // non-digit port fails
	"  https://a.\tte\nst/ ",              // clean-up: trim and remove tab/newline
	"https:\\\\a.test\\x",                 // backslashes as slashes in special URLs
	"https://user:pass@a.test/",           // userinfo skipped for the origin
	"https://a@b@c.test/",                 // several @: the last one ends the userinfo
	"https://user:pass@/",                 // credentials without a host fail
	"http://ex%41mple.com/",               // host percent-decoding
	"http://example%2525.com/",            // % after decoding is a forbidden domain code point
	"http://a_b.example/",                 // _ is allowed in hosts
	"https://faß.example/",                // UTS #46 non-transitional mapping
	"https://xn--a/",                      // ASCII xn-- label only lowercased (2026 rule)
	"https://xn--a.ß/",                    // non-ASCII domain: xn-- labels validated
	"https://a\xffb.test/",                // invalid UTF-8 in a host fails
	"https://a_b.ü/",                      // UseSTD3ASCIIRules=false with a non-ASCII domain
	"http://0x7f.1/",                      // IPv4 hex and shorthand
	"http://2130706433/",                  // IPv4 single number
	"http://0177.0.0.1/",                  // IPv4 octal
	"http://0x/",                          // bare 0x is zero
	"http://127.0.0.1./",                  // IPv4 trailing dot
	"http://1.2.3.4.5/",                   // more than four IPv4 parts fail
	"http://example.1/",                   // ends in a number but is not IPv4
	"http://09/",                          // invalid octal digit
	"http://[0:0::1]:80/",                 // IPv6 compression and default port
	"http://[::ffff:127.0.0.1]/",          // IPv6 with embedded IPv4
	"http://[1:0:0:2:0:0:3:4]/",           // first longest zero run compressed
	"http://[fe80::1%25eth0]/",            // zone identifiers fail
	"http://[::127.0.0.01]/",              // leading zero in embedded IPv4 fails
	"blob:https://a.test:8443/uuid",       // blob: takes the inner http(s) origin
	"blob:ws://a.test/x",                  // blob: with a ws inner URL is opaque
	"blob:not a url",                      // blob: with an unparsable inner URL
	"data:,x",                             // opaque scheme
	"file:///C|/demo",                     // file URLs are opaque here; drive letters
	"sc://a b/",                           // opaque host with a forbidden code point fails
	"sc://:12/",                           // port without host fails for non-special URLs
	"javascript:alert(1)",                 // opaque path
	"",                                    // empty input
	"https://a.test/\xed\xa0\x80",         // UTF-8-encoded surrogate in the path
	"http:Xn--",                           // ASCII xn-- label that UTS #46 would empty (oracle class)
	"BloB:http:000000 #00000000",          // opaque-path space before "#" becomes %20 (oracle class)
	"http:0X-0",                           // a sign is not part of an IPv4 number: a domain
	"http:+0.0",                           // a signed IPv4 part fails
	"http:/100000000000000000000000000A",  // long digit run then a letter: a domain, not IPv4
}

// oracleParse is the origin package as internal/urloracle sees it.
var oracleParse = urloracle.Parser(origin.Parse, origin.ParseURL)

// FuzzParseOrigin checks Parse against the whatwg-url oracle: both must
// succeed or fail together and agree on the origin serialization. It also
// checks that Parse and ParseURL agree with each other.
func FuzzParseOrigin(f *testing.F) {
	for _, s := range originSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		o, err := origin.Parse(raw)
		u, uerr := origin.ParseURL(raw)
		if (err == nil) != (uerr == nil) {
			t.Fatalf("Parse err %v, ParseURL err %v", err, uerr)
		}
		if origin.CanParseURL(raw) != (uerr == nil) {
			t.Fatalf("CanParseURL = %v, ParseURL err %v", origin.CanParseURL(raw), uerr)
		}
		if err == nil {
			if o.IsOpaque() != u.Origin().IsOpaque() || (!o.IsOpaque() && o != u.Origin()) {
				t.Fatalf("Parse = %q, ParseURL(...).Origin() = %q", o.String(), u.Origin().String())
			}
			if !strings.HasPrefix(u.String(), u.Scheme()+":") {
				t.Fatalf("href %q does not start with the scheme", u.String())
			}
			// The serialization is a fixed point of the parser.
			if again, err := origin.ParseURL(u.String()); err != nil || again.String() != u.String() {
				t.Fatalf("ParseURL(%q) = %q, %v; want a fixed point", u.String(), again.String(), err)
			}
		} else if !strings.HasPrefix(err.Error(), "corsim: ") {
			t.Fatalf("error text %q lacks the corsim: prefix", err.Error())
		}
		// Differential oracle: disagreements in a documented class are excused.
		if diff, _ := urloracle.Compare(raw, oracleParse); diff != "" {
			t.Fatalf("%q: %s", raw, diff)
		}
	})
}

// FuzzOriginRoundTrip checks that a tuple origin's serialization parses
// back to the same origin with ParseSerialized and Parse, that its text
// marshaling round-trips, and that its registrable domain is null or its
// host's suffix at a label boundary.
func FuzzOriginRoundTrip(f *testing.F) {
	for _, s := range originSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		o, err := origin.Parse(raw)
		if err != nil || o.IsOpaque() {
			return
		}
		s := o.String()
		if p, err := origin.ParseSerialized(s); err != nil || p != o {
			t.Fatalf("ParseSerialized(%q) = %#v, %v; want %#v", s, p, err, o)
		}
		if p, err := origin.Parse(s); err != nil || p != o {
			t.Fatalf("Parse(%q) = %#v, %v; want %#v", s, p, err, o)
		}
		text, _ := o.MarshalText()
		var back origin.Origin
		if err := back.UnmarshalText(text); err != nil || back != o {
			t.Fatalf("UnmarshalText(%q) = %#v, %v; want %#v", text, back, err, o)
		}
		if string(o.AppendTo(nil)) != s {
			t.Fatalf("AppendTo = %q; want %q", o.AppendTo(nil), s)
		}
		if rd, h := o.RegistrableDomain(), o.Host(); rd != "" && rd != h && !strings.HasSuffix(h, "."+rd) {
			t.Fatalf("RegistrableDomain = %q for host %q", rd, h)
		}
		if !origin.SameSite(o, o) || !origin.SchemelesslySameSite(o, o) {
			t.Fatalf("%q is not same site with itself", s)
		}
	})
}

// serializedSeeds are taken from the ParseSerialized table tests.
var serializedSeeds = []string{
	"https://a.test",          // plain tuple origin
	"http://a.test:8080",      // with a port
	"HTTPS://Example.COM:443", // normalized: case and default port
	"http://[::1]:8080",       // IPv6 host with a port
	"null",                    // opaque origin
	"Null",                    // "null" is case-sensitive
	"https://a.test/",         // a path, even "/", is rejected
	"https://u:p@a.test",      // userinfo is rejected
	"https://a.test:",         // empty port is rejected
	"https:a.test",            // "://" is required
	"file://a.test",           // no tuple origin for file
	" https://a.test",         // surrounding space is rejected
	"",                        // empty input
}

// FuzzParseSerialized checks that ParseSerialized never panics, that its
// errors carry the corsim: prefix, and that what it accepts round-trips.
func FuzzParseSerialized(f *testing.F) {
	for _, s := range serializedSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := origin.ParseSerialized(s)
		if err != nil {
			if o.IsValid() || !strings.HasPrefix(err.Error(), "corsim: ") {
				t.Fatalf("ParseSerialized(%q) = %#v, %v", s, o, err)
			}
			return
		}
		if o.IsOpaque() {
			if s != "null" {
				t.Fatalf("ParseSerialized(%q) is opaque", s)
			}
			return
		}
		if again, err := origin.ParseSerialized(o.String()); err != nil || again != o {
			t.Fatalf("ParseSerialized(%q) = %#v, %v; want %#v", o.String(), again, err, o)
		}
	})
}

// resolveSeeds pair a base URL with a reference, as a Location header.
var resolveSeeds = [][2]string{
	{"https://a.test/x/y?q#f", "../z"},           // path-relative with dot segments
	{"https://a.test/x", "//b.test/p"},           // scheme-relative
	{"https://a.test/x", "?new"},                 // query only
	{"https://a.test/x?q", "#frag"},              // fragment only
	{"https://a.test/x", "https:z"},              // same special scheme without slashes
	{"file:///C:/a/b", "D|/x"},                   // Windows drive letter quirk
	{"file://h/a", "/x"},                         // file base keeps its host
	{"sc:/.//a/b", "c"},                          // host-less non-special base
	{"data:x,y", "#f"},                           // opaque base takes only a fragment
	{"data:x,y", "z"},                            // opaque base rejects paths
	{"https://a.test/", "http://[::1"},           // failing absolute reference
	{"https://u:p@a.test:8443/a/b", "c\\d/../e"}, // credentials, port and backslash kept
}

// FuzzResolve checks that URL.Resolve never panics, that its result is a
// fixed point of the parser, and that it agrees with ParseURL on absolute
// references with a scheme-relative authority.
func FuzzResolve(f *testing.F) {
	for _, s := range resolveSeeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, base, ref string) {
		b, err := origin.ParseURL(base)
		if err != nil {
			return
		}
		u, err := b.Resolve(ref)
		if err != nil {
			if u.IsValid() || !strings.HasPrefix(err.Error(), "corsim: ") {
				t.Fatalf("Resolve(%q) = %#v, %v", ref, u, err)
			}
			return
		}
		if again, err := origin.ParseURL(u.String()); err != nil || again.String() != u.String() {
			t.Fatalf("ParseURL(%q) = %q, %v; want a fixed point", u.String(), again.String(), err)
		}
		if self, err := b.Resolve(b.String()); err != nil || self.String() != b.String() {
			t.Fatalf("Resolve(base) = %q, %v; want %q", self.String(), err, b.String())
		}
	})
}
