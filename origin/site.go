package origin

import (
	"strings"

	"github.com/corsim/corsim/internal/psl"
)

// SameOrigin reports whether a and b are the same origin (HTML §same-origin):
// the same opaque origin, or tuples with identical scheme, host and port. It
// is the same as a == b for valid origins; two zero Origins are not the same
// origin.
func SameOrigin(a, b Origin) bool {
	return a.IsValid() && a == b
}

// SameSite reports whether a and b are same site (HTML §same-site), the
// schemeful comparison: the same opaque origin, or tuples with the same
// scheme whose hosts have the same registrable domain (or are equal when the
// registrable domain is null, as for IP addresses and public suffixes).
func SameSite(a, b Origin) bool {
	return sameSite(a, b)
}

// SchemelesslySameSite reports whether a and b are schemelessly same site
// (HTML §schemelessly-same-site): like [SameSite] but ignoring the scheme.
func SchemelesslySameSite(a, b Origin) bool {
	return schemelesslySameSite(a, b)
}

// RegistrableDomain returns the registrable domain of the host of a tuple
// origin (URL §host-registrable-domain), computed with the Public Suffix List
// (private section included, so "github.io" is a public suffix). It returns
// "" when the registrable domain is null: for IP addresses, for hosts that are
// public suffixes themselves, and for opaque and invalid origins. A trailing
// dot on the host is kept.
func (o Origin) RegistrableDomain() string {
	return registrableDomain(o.Host())
}

// IsPotentiallyTrustworthy reports whether o is a potentially trustworthy
// origin (Secure Contexts §is-origin-trustworthy): https and wss origins;
// hosts in 127.0.0.0/8 or ::1; "localhost", names ending in ".localhost"
// and their trailing-dot forms; and file origins. Opaque and invalid origins
// are not trustworthy.
func (o Origin) IsPotentiallyTrustworthy() bool {
	return isTrustworthy(o)
}

// isIPHost reports whether the serialized host h is an IP address: IPv6
// hosts are bracketed, and a domain never ends in a number (URL
// §concept-host-parser step 8 turns those into IPv4 addresses).
func isIPHost(h string) bool {
	return h != "" && (h[0] == '[' || endsInNumber(h))
}

// registrableDomain is URL §host-registrable-domain for a serialized host;
// "" stands for null.
func registrableDomain(host string) string {
	// URL §host-public-suffix step 1: only domains have one.
	if host == "" || isIPHost(host) {
		return ""
	}
	// Steps 2 and 4: the trailing dot is kept.
	domain := strings.TrimSuffix(host, ".")
	if domain == "" {
		return ""
	}
	// URL §host-public-suffix step 3: the Public Suffix List algorithm.
	suffix := psl.PublicSuffix(domain)
	// URL §host-registrable-domain step 1: null when the host is its own
	// public suffix.
	if len(suffix) >= len(domain) {
		return ""
	}
	// Step 3: the public suffix and the label before it.
	rest := domain[:len(domain)-len(suffix)-1]
	label := rest[strings.LastIndexByte(rest, '.')+1:]
	return host[len(rest)-len(label):]
}

// site is the host half of HTML §obtain-a-site for a tuple origin.
func siteHost(o Origin) string {
	h := o.Host()
	if rd := registrableDomain(h); rd != "" {
		return rd
	}
	return h
}

// compareSites runs the opaque-origin steps that open both same-site
// comparisons (HTML §concept-site-same-site steps 1-2, §schemelessly-same-site
// step 1). When a or b is not a tuple origin, done is true and same is the
// answer: a valid opaque origin is same site only with itself, an invalid
// origin with nothing. Otherwise the caller compares the tuples' sites.
func compareSites(a, b Origin) (same, done bool) {
	switch {
	case !a.IsValid() || !b.IsValid():
		return false, true
	case a.IsOpaque() || b.IsOpaque():
		return a == b, true
	}
	return false, false
}

// sameSite is HTML §same-site.
func sameSite(a, b Origin) bool {
	if same, done := compareSites(a, b); done {
		return same
	}
	// Steps 3-5, on the sites of HTML §obtain-a-site. Equal hosts give equal
	// sites without a Public Suffix List look-up.
	if a.Scheme() != b.Scheme() {
		return false
	}
	return a.Host() == b.Host() || siteHost(a) == siteHost(b)
}

// schemelesslySameSite is HTML §schemelessly-same-site.
func schemelesslySameSite(a, b Origin) bool {
	if same, done := compareSites(a, b); done {
		return same
	}
	// Step 2.2, and step 2.3 when the hosts are equal.
	ha, hb := a.Host(), b.Host()
	if ha == hb {
		return true
	}
	// Step 2.3.
	rdA := registrableDomain(ha)
	return rdA != "" && rdA == registrableDomain(hb)
}
