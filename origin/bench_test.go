package origin_test

import (
	"net/url"
	"testing"

	whatwg "github.com/nlnwa/whatwg-url/url"

	"github.com/corsim/corsim/origin"
)

// benchURLs are the inputs of the parse benchmarks, named for -bench
// filtering and benchstat columns.
var benchURLs = []struct{ name, url string }{
	{name: "typical", url: "https://api.shop.test/cart/items/17"},
	{name: "port", url: "http://localhost:8080/api/v1/users?id=42"},
	{name: "ipv4", url: "http://127.0.0.1:3000/"},
	{name: "noncanonical", url: "HTTPS://API.Shop.Test:443/cart/../items/17?q=a b"},
	{name: "userinfo", url: "https://user:pass@api.shop.test/x"},
	{name: "ipv6", url: "http://[0:0::1]:8080/x"},
	{name: "idna", url: "https://faß.example/x"},
	{name: "blob", url: "blob:https://a.test:8443/0b8f-uuid"},
	{name: "opaque", url: "data:text/plain,hello"},
}

func BenchmarkParse(b *testing.B) {
	for _, bu := range benchURLs {
		b.Run("url="+bu.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := origin.Parse(bu.url); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseURL(b *testing.B) {
	for _, bu := range benchURLs {
		b.Run("impl=corsim/url="+bu.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := origin.ParseURL(bu.url); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("impl=neturl/url="+bu.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = url.Parse(bu.url)
			}
		})
		b.Run("impl=whatwg-url/url="+bu.name, func(b *testing.B) {
			b.ReportAllocs()
			p := whatwg.NewParser()
			for b.Loop() {
				if _, err := p.Parse(bu.url); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkResolve(b *testing.B) {
	base := origin.MustParseURL("https://api.shop.test/cart/items/17?x=1")
	for _, ref := range []struct{ name, ref string }{
		{name: "absolute", ref: "https://cdn.shop.test/a.js"},
		{name: "path-relative", ref: "../orders/9?y=2"},
		{name: "query", ref: "?page=2"},
	} {
		b.Run("ref="+ref.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := base.Resolve(ref.ref); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkString(b *testing.B) {
	o := origin.MustParse("https://api.shop.test:8443/x")
	b.ReportAllocs()
	for b.Loop() {
		_ = o.String()
	}
}

func BenchmarkParseSerialized(b *testing.B) {
	for _, tc := range []struct{ name, in string }{
		{name: "canonical", in: "https://app.example"},
		{name: "port", in: "http://localhost:8080"},
		{name: "normalized", in: "HTTPS://App.Example:443"},
		{name: "null", in: "null"},
	} {
		b.Run("origin="+tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := origin.ParseSerialized(tc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSameSite(b *testing.B) {
	x := origin.MustParse("https://app.example.com")
	y := origin.MustParse("https://api.example.com")
	b.ReportAllocs()
	for b.Loop() {
		if !origin.SameSite(x, y) {
			b.Fatal("not same site")
		}
	}
}

// benchSiteHosts are the hosts of the site benchmarks: each takes a
// different path through the Public Suffix List look-up.
var benchSiteHosts = []string{
	"example.com",           // a TLD rule, one more label
	"www.example.co.uk",     // a two-label rule
	"alice.github.io",       // a private-section rule
	"a.b.c.d.e.example.com", // many labels before the suffix
	"city.kawasaki.jp",      // an exception rule
	"foo.bar.kawasaki.jp",   // a wildcard rule
	"app.internal.zzzz",     // an unlisted TLD: the implicit "*" rule
	"localhost",             // a single label: its own public suffix
	"sub.example.xn--p1ai",  // an IDNA A-label TLD
	"127.0.0.1",             // an IP address: no look-up
	"www.example.com.",      // a trailing dot
}

func BenchmarkRegistrableDomain(b *testing.B) {
	for _, h := range benchSiteHosts {
		o := origin.MustParse("https://" + h)
		b.Run("host="+h, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = o.RegistrableDomain()
			}
		})
	}
}

func BenchmarkSchemelesslySameSite(b *testing.B) {
	x := origin.MustParse("https://app.example.co.uk")
	y := origin.MustParse("http://api.example.co.uk")
	b.ReportAllocs()
	for b.Loop() {
		if !origin.SchemelesslySameSite(x, y) {
			b.Fatal("not schemelessly same site")
		}
	}
}
