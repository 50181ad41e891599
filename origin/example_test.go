package origin_test

import (
	"fmt"

	"github.com/corsim/corsim/origin"
)

func ExampleParse() {
	for _, s := range []string{
		"HTTPS://EXAMPLE.com:443/x",
		"http://example.com:8080/a?b#c",
		"http://[0:0::1]:80/",
		"http://0x7f.1/",
		"https://faß.example/",
		"blob:https://a.test:8443/uuid",
		"data:,x",
	} {
		o, err := origin.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(o)
	}
	_, err := origin.Parse("https://example.com:demo")
	fmt.Println(err)
	// Output:
	// https://example.com
	// http://example.com:8080
	// http://[::1]
	// http://127.0.0.1
	// https://xn--fa-hia.example
	// https://a.test:8443
	// null
	// corsim: origin: port: invalid port character "d" in "https://example.com:demo"
}

func ExampleParseSerialized() {
	page, _ := origin.ParseSerialized("https://app.example")
	header, _ := origin.ParseSerialized("null")
	fmt.Println(page, header, header.IsOpaque())

	_, err := origin.ParseSerialized("https://app.example/")
	fmt.Println(err)
	// Output:
	// https://app.example null true
	// corsim: origin: path: a serialized origin has no path in "https://app.example/"
}

func ExampleSameSite() {
	a := origin.MustParse("https://app.example.com")
	b := origin.MustParse("https://api.example.com:8443")
	c := origin.MustParse("http://api.example.com")
	fmt.Println(origin.SameOrigin(a, b), origin.SameSite(a, b))
	fmt.Println(origin.SameSite(a, c), origin.SchemelesslySameSite(a, c))

	// github.io is a public suffix: its subdomains are different sites.
	x := origin.MustParse("https://alice.github.io")
	y := origin.MustParse("https://bob.github.io")
	fmt.Println(origin.SameSite(x, y), x.RegistrableDomain())
	// Output:
	// false true
	// false true
	// false alice.github.io
}

// Opaque origins are only equal to themselves. Parsing the same data: URL
// twice gives two different origins, so keep the Origin (or the URL, whose
// origin is fixed at parse time) rather than re-parsing the string.
func ExampleNewOpaque() {
	a := origin.MustParse("data:,hello")
	b := origin.MustParse("data:,hello")
	fmt.Println(a, b, a == b, origin.SameOrigin(a, a))

	u := origin.MustParseURL("data:,hello")
	fmt.Println(u.Origin() == u.Origin())
	// Output:
	// null null false true
	// true
}

// A trailing dot makes a different host, so a different origin and site;
// comparing serializations after trimming the dot would be wrong.
func ExampleOrigin_RegistrableDomain_trailingDot() {
	a := origin.MustParse("https://www.example.com")
	b := origin.MustParse("https://www.example.com.")
	fmt.Println(a.RegistrableDomain(), b.RegistrableDomain(), origin.SameSite(a, b))
	// Output:
	// example.com example.com. false
}

func ExampleOrigin_IsPotentiallyTrustworthy() {
	for _, s := range []string{"https://a.example", "http://a.example", "http://127.0.0.1:8080", "http://app.localhost", "http://[::1]"} {
		fmt.Println(s, origin.MustParse(s).IsPotentiallyTrustworthy())
	}
	// Output:
	// https://a.example true
	// http://a.example false
	// http://127.0.0.1:8080 true
	// http://app.localhost true
	// http://[::1] true
}

func ExampleParseURL() {
	u, err := origin.ParseURL("https://A.test/x/../y?a b#f")
	if err != nil {
		panic(err)
	}
	fmt.Println(u)
	fmt.Println(u.StringNoFragment())
	fmt.Println(u.Origin(), u.Host(), u.PathQuery())
	frag, ok := u.Fragment()
	fmt.Println(frag, ok)
	// Output:
	// https://a.test/y?a%20b#f
	// https://a.test/y?a%20b
	// https://a.test a.test /y?a%20b
	// f true
}

func ExampleURL_Resolve() {
	req := origin.MustParseURL("https://api.example/v1/items/17?x=1#top")
	for _, location := range []string{"../orders/9", "/login", "//cdn.example/a.js", "?page=2", "http://other.example/"} {
		next, err := req.Resolve(location)
		if err != nil {
			panic(err)
		}
		// HTTP-redirect fetch keeps the request's fragment when the
		// Location has none.
		if _, ok := next.Fragment(); !ok {
			next = next.WithFragment(req.Fragment())
		}
		fmt.Println(next, origin.SameOrigin(req.Origin(), next.Origin()))
	}
	// Output:
	// https://api.example/v1/orders/9#top true
	// https://api.example/login#top true
	// https://cdn.example/a.js#top false
	// https://api.example/v1/items/17?page=2#top true
	// http://other.example/#top false
}
