package gen

import (
	"fmt"
	"strconv"
	"strings"

	"pgregory.net/rapid"

	"github.com/corsim/corsim/origin"
)

// commonOrigins are page origins a policy meets in the wild when it names none: production hosts,
// development servers on loopback, an attacker's, and a homograph in punycode.
var commonOrigins = []string{
	"https://app.example",
	"https://www.example.com",
	"http://localhost:3000",
	"http://127.0.0.1:8080",
	"https://evil.test",
	"http://localhost:5173",
	"http://[::1]:8000",
	"https://app.example.evil.test",
	"https://xn--pp-6kc.example", // "аpp.example" with a Cyrillic а
	"https://staging.app.example:8443",
}

// Origins returns a generator of page origins as a browser serializes them in the Origin header:
// scheme "://" host [":" port], the host lower-case (a non-ASCII host in punycode), the scheme's
// default port left out; or "null", the origin of a sandboxed iframe or a data: page.
//
// With allowed origins (serialized origins or URLs; a value that is neither makes the draw fail the
// test), about a third of the values are one of them and half are near-misses of one: the page a
// policy that compares origins loosely lets in by mistake. For "https://app.example" they are
// http://app.example (a downgrade), https://app.example:8443 (another port),
// https://app.example.evil.test and https://evilapp.example (suffix and prefix matches),
// https://evil.example and https://evil.app.example (sibling and child subdomains),
// https://www.app.example, https://appxexample (an unescaped dot in a regular expression),
// https://app.example. (a trailing dot) and https://xn--pp-6kc.example (a homograph in punycode);
// for a loopback host, the other spellings of loopback. A near-miss is never itself one of the
// allowed origins. The rest is "null" and arbitrary origins.
//
// Without allowed origins it draws from common origins (production, localhost, an attacker's, a
// homograph), arbitrary ones and "null". Values shrink toward the first allowed origin.
func Origins(allowed ...string) *rapid.Generator[string] {
	var exact []string
	var bad error
	for _, a := range allowed {
		o, err := parseAllowed(a)
		if err != nil {
			bad = err
			break
		}
		exact = append(exact, o)
	}
	misses := nearMisses(exact)
	return rapid.Custom(func(t *rapid.T) string {
		if bad != nil {
			t.Fatalf("%v", bad)
		}
		if len(exact) == 0 {
			switch pick(t, "origin-kind", 6, 3, 1) {
			case 0:
				return rapid.SampledFrom(commonOrigins).Draw(t, "common-origin")
			case 1:
				return arbitraryOrigin(t)
			default:
				return "null"
			}
		}
		kinds := []int{3, 5, 1, 1}
		if len(misses) == 0 {
			kinds[1] = 0 // an allowed "null" only has no near-misses
		}
		switch pick(t, "origin-kind", kinds...) {
		case 0:
			return rapid.SampledFrom(exact).Draw(t, "allowed-origin")
		case 1:
			return rapid.SampledFrom(misses).Draw(t, "near-miss")
		case 2:
			return "null"
		default:
			return arbitraryOrigin(t)
		}
	})
}

// parseAllowed returns the serialization of an allowed origin given as a serialized origin, "null"
// or a URL.
func parseAllowed(s string) (string, error) {
	if s == "null" {
		return s, nil
	}
	o, err := origin.ParseSerialized(s)
	if err != nil {
		if o, err = origin.Parse(s); err != nil {
			return "", fmt.Errorf("corsim: gen: Origins: %q is neither a serialized origin nor a URL", s)
		}
	}
	return o.String(), nil
}

// arbitraryOrigin draws an origin unrelated to any allowed one.
func arbitraryOrigin(t *rapid.T) string {
	label := rapid.StringMatching(`[a-z][a-z0-9]{0,9}(-[a-z0-9]{1,4})?`).Draw(t, "host-label")
	tld := rapid.SampledFrom([]string{".test", ".example", ".com", ".co.uk", ".dev"}).Draw(t, "host-tld")
	scheme := rapid.SampledFrom([]string{"https", "https", "https", "http"}).Draw(t, "scheme")
	port := rapid.SampledFrom([]string{"", "", "", ":8080", ":3000", ":8443"}).Draw(t, "port")
	o, err := origin.ParseSerialized(scheme + "://" + label + tld + port)
	if err != nil {
		return "https://example.com"
	}
	return o.String()
}

// nearMisses returns the near-misses of the allowed origins, in their order, without duplicates and
// without any allowed origin.
func nearMisses(allowed []string) []string {
	skip := map[string]bool{}
	for _, a := range allowed {
		skip[a] = true
	}
	var out []string
	for _, a := range allowed {
		o, err := origin.ParseSerialized(a)
		if err != nil || o.IsOpaque() {
			continue
		}
		for _, c := range variants(o) {
			co, err := origin.ParseSerialized(c)
			if err != nil || co.IsOpaque() {
				continue
			}
			if s := co.String(); !skip[s] {
				skip[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// homoglyphs are Cyrillic letters that look like Latin ones.
var homoglyphs = map[byte]string{'a': "а", 'c': "с", 'e': "е", 'o': "о", 'p': "р", 'x': "х", 'y': "у", 'i': "і"}

// variants returns the candidate near-misses of o, some of which may not parse.
func variants(o origin.Origin) []string {
	scheme, host := o.Scheme(), o.Host()
	port := ""
	if p, ok := o.Port(); ok {
		port = ":" + strconv.Itoa(int(p))
	}
	at := func(s, h, p string) string { return s + "://" + h + p }
	other := "http"
	if scheme == "http" {
		other = "https"
	}
	otherPort := ":8443"
	switch {
	case port != "":
		otherPort = "" // the default port
	case scheme == "http":
		otherPort = ":8080"
	}
	v := []string{
		at(other, host, port),       // downgrade (or upgrade)
		at(scheme, host, otherPort), // another port
	}
	if port != "" {
		n, _ := strconv.Atoi(port[1:])
		v = append(v, at(scheme, host, ":"+strconv.Itoa(n%65535+1)))
	}
	switch host {
	case "localhost":
		return append(v, at(scheme, "127.0.0.1", port), at(scheme, "[::1]", port), at(scheme, "evil.localhost", port))
	case "127.0.0.1", "[::1]":
		return append(v, at(scheme, "localhost", port), at(scheme, "127.0.0.2", port))
	}
	if strings.HasPrefix(host, "[") || isIPv4(host) {
		return v
	}
	labels := strings.Split(host, ".")
	v = append(v,
		at(scheme, host+".evil.test", port), // suffix match
		at(scheme, "evil"+host, port),       // prefix match
		at(scheme, "evil."+host, port),      // child
	)
	if len(labels) >= 2 {
		v = append(v, at(scheme, "evil."+strings.Join(labels[1:], "."), port)) // sibling
	}
	if labels[0] == "www" {
		v = append(v, at(scheme, strings.Join(labels[1:], "."), port))
	} else {
		v = append(v, at(scheme, "www."+host, port))
	}
	if len(labels) >= 3 {
		v = append(v, at(scheme, strings.Join(labels[1:], "."), port)) // parent
	}
	if i := strings.IndexByte(host, '.'); i >= 0 {
		v = append(v, at(scheme, host[:i]+"x"+host[i+1:], port)) // an unescaped "." in a regexp
	}
	if !strings.HasSuffix(host, ".") {
		v = append(v, at(scheme, host+".", port))
	}
	for i := 0; i < len(host); i++ {
		if g, ok := homoglyphs[host[i]]; ok {
			v = append(v, at(scheme, host[:i]+g+host[i+1:], port)) // serialized in punycode
			break
		}
	}
	return v
}

// isIPv4 reports whether host is a dotted-decimal IPv4 address, as the URL parser serializes one.
func isIPv4(host string) bool {
	parts := strings.Split(host, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}
