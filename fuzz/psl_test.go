package fuzz

import (
	"net/netip"
	"strings"
	"testing"

	"golang.org/x/net/publicsuffix"

	"github.com/corsim/corsim/internal/psl"
)

// pslSeeds come from internal/psl's table tests; each comment says what the
// seed exercises.
var pslSeeds = []string{
	"www.example.co.uk",    // a two-label rule
	"a.www.ck",             // under an exception rule
	"www.foo.ck",           // under a wildcard rule
	"ck",                   // a wildcard's bare name: the implicit rule
	"x.whatwg.github.io",   // a private-section rule
	"app.internal.zzzz",    // an unlisted TLD
	"localhost",            // a single label
	"sub.example.xn--p1ai", // an A-label TLD
	"",                     // empty input
	"example.com.",         // a trailing dot: an empty last label
	"a..ck",                // an empty label matched by a wildcard
	".co.uk",               // a leading dot
	"EXAMPLE.COM",          // no case folding
	"a.\xff.com",           // bytes that are not ASCII
}

// xnetNewerNames are the names whose rules differ between x/net v0.62.0's
// copy of the list (2026-02-06) and internal/psl's (2026-03-02); hosts under
// them are not compared with x/net. internal/psl's xnet_test.go says what
// changed.
var xnetNewerNames = []string{
	"kh", "goo", "wolterskluwer", "begetcdn.cloud", "drive-platform.com", "drive-platform.io",
	"eu-west-1.convex.cloud", "eu-west-1.convex.site", "us-east-1.convex.cloud",
	"us-east-1.convex.site", "hue.vn", "imagine.diy", "intouch.email", "kdns.fr", "ms.fun",
	"ms.show", "my.be", "mybox.company", "mybox.me", "mybox.page", "sandbox.deno.net",
}

// FuzzPublicSuffix checks that internal/psl's look-up never panics, that it
// returns a suffix of its input starting at a label boundary, and that it
// agrees with golang.org/x/net/publicsuffix (which origin used before) on
// every input that is not an IP address (x/net returns those whole) and not
// under a name whose rules changed between the two lists.
func FuzzPublicSuffix(f *testing.F) {
	for _, s := range pslSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, domain string) {
		suffix := psl.PublicSuffix(domain)
		if !strings.HasSuffix(domain, suffix) {
			t.Fatalf("PublicSuffix(%q) = %q: not a suffix", domain, suffix)
		}
		if i := len(domain) - len(suffix); i > 0 && domain[i-1] != '.' {
			t.Fatalf("PublicSuffix(%q) = %q: not at a label boundary", domain, suffix)
		}
		if _, err := netip.ParseAddr(domain); err == nil {
			return
		}
		for _, n := range xnetNewerNames {
			if domain == n || strings.HasSuffix(domain, "."+n) {
				return
			}
		}
		if want, _ := publicsuffix.PublicSuffix(domain); suffix != want {
			t.Fatalf("PublicSuffix(%q) = %q; x/net says %q", domain, suffix, want)
		}
	})
}
