package psl

import (
	"testing"

	"golang.org/x/net/publicsuffix"
)

// The origin package used golang.org/x/net/publicsuffix before this
// package; these tests check that the answers stay the same. The two copies
// of the list are different versions: x/net v0.62.0's table is
// publicsuffix.org git d6c92f1 (2026-02-06), this package's is the one named
// by Version (2026-03-02). Between them the list dropped "goo" and
// "wolterskluwer" (which changes no public suffix: the implicit rule "*"
// gives the same answer), replaced "*.kh" with "kh" and five second-level
// rules, and added a few second-level and private rules (see xnetDiffer).

// xnetHosts are common hosts, and a few odd ones, on which both lists agree.
var xnetHosts = []string{
	// Large sites under generic TLDs.
	"google.com", "www.google.com", "mail.google.com", "youtube.com", "www.youtube.com",
	"facebook.com", "www.facebook.com", "wikipedia.org", "en.wikipedia.org", "en.m.wikipedia.org",
	"amazon.com", "www.amazon.com", "twitter.com", "x.com", "instagram.com", "linkedin.com",
	"www.linkedin.com", "reddit.com", "old.reddit.com", "netflix.com", "microsoft.com",
	"login.microsoftonline.com", "apple.com", "developer.apple.com", "yahoo.com", "bing.com",
	"github.com", "api.github.com", "gist.github.com", "stackoverflow.com", "cdn.jsdelivr.net",
	"fonts.googleapis.com", "fonts.gstatic.com", "ajax.googleapis.com", "cdnjs.cloudflare.com",
	"example.com", "www.example.com", "example.org", "example.net", "a.b.c.d.e.example.com",
	"golang.org", "pkg.go.dev", "go.dev", "mozilla.org", "developer.mozilla.org", "whatwg.org",
	"fetch.spec.whatwg.org", "w3.org", "www.w3.org",
	// Country codes and their second levels.
	"bbc.co.uk", "www.bbc.co.uk", "gov.uk", "www.gov.uk", "ox.ac.uk", "amazon.co.jp",
	"www.yahoo.co.jp", "city.kawasaki.jp", "foo.bar.kawasaki.jp", "baidu.com.cn", "www.gov.cn",
	"amazon.com.au", "abc.net.au", "google.com.br", "uol.com.br", "spiegel.de", "www.spiegel.de",
	"lemonde.fr", "www.service-public.gouv.fr", "corriere.it", "yandex.ru", "mail.ru",
	"naver.com", "news.naver.com", "gov.in", "www.irctc.co.in", "nic.ck", "www.ck", "a.www.ck",
	"foo.ck", "www.foo.ck", "bund.de", "nhs.uk",
	// Private-section rules.
	"github.io", "whatwg.github.io", "x.whatwg.github.io", "raw.githubusercontent.com",
	"user.gitlab.io", "app.herokuapp.com", "site.netlify.app", "app.vercel.app", "x.pages.dev",
	"w.workers.dev", "p.web.app", "p.firebaseapp.com", "p.appspot.com", "b.s3.amazonaws.com",
	"e.cloudfront.net", "s.azurewebsites.net", "b.blob.core.windows.net", "x.blogspot.com",
	// IDNA A-labels.
	"xn--p1ai", "example.xn--p1ai", "xn--e1afmkfd.xn--p1ai", "shop.xn--55qx5d.cn",
	"xn--fiqs8s", "example.xn--kgbechtv",
	// Unlisted TLDs and single labels: the implicit rule "*".
	"localhost", "app.localhost", "app.internal.zzzz", "zzzz", "corp", "printer.lan",
	// Odd inputs that origin can pass: empty labels and a second trailing dot.
	"", ".", "..", "a..example.com", ".co.uk", "..ck", "a..ck", "example.com.", "com.",
	// Bytes matched as they are.
	"EXAMPLE.COM", "example.Co.uk",
}

// xnetDiffer are hosts on which the two lists disagree, with this
// package's answer, x/net's and why.
var xnetDiffer = []struct{ domain, want, xnet, why string }{
	{"shop.example.kh", "kh", "example.kh", `"*.kh" became "kh" with com.kh, edu.kh, gov.kh, net.kh and org.kh`},
	{"www.my.be", "my.be", "be", `private rule "my.be" added`},
	{"a.b.kdns.fr", "kdns.fr", "fr", `private rule "kdns.fr" added`},
	{"x.hue.vn", "hue.vn", "vn", `rule "hue.vn" added`},
	{"app.sandbox.deno.net", "sandbox.deno.net", "deno.net", `private rule "sandbox.deno.net" added`},
	{"a.b.begetcdn.cloud", "b.begetcdn.cloud", "cloud", `private rule "*.begetcdn.cloud" added`},
}

func TestAgainstXNet(t *testing.T) {
	for _, d := range xnetHosts {
		want, _ := publicsuffix.PublicSuffix(d)
		if got := PublicSuffix(d); got != want {
			t.Errorf("PublicSuffix(%q) = %q; x/net says %q", d, got, want)
		}
	}
	for _, tc := range xnetDiffer {
		got := PublicSuffix(tc.domain)
		xnet, _ := publicsuffix.PublicSuffix(tc.domain)
		if got != tc.want || xnet != tc.xnet {
			t.Errorf("PublicSuffix(%q) = %q, x/net %q; want %q and %q (%s)", tc.domain, got, xnet, tc.want, tc.xnet, tc.why)
		}
	}
}

func BenchmarkPublicSuffix(b *testing.B) {
	for _, d := range benchDomains {
		b.Run("impl=corsim/host="+d, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				PublicSuffix(d)
			}
		})
		b.Run("impl=xnet/host="+d, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				publicsuffix.PublicSuffix(d)
			}
		})
	}
}
