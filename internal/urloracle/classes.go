package urloracle

import (
	"net/url"
	"strings"

	"golang.org/x/net/idna"
)

// urlProfile is UTS #46 ToASCII as URL §concept-domain-to-ascii step 6
// configures it.
var urlProfile = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.CheckJoiners(true),
	idna.CheckHyphens(false), idna.StrictDomainName(false), idna.Transitional(false), idna.VerifyDNSLength(false))

// std3Profile is the oracle's profile (UseSTD3ASCIIRules=true).
var std3Profile = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.VerifyDNSLength(false),
	idna.StrictDomainName(true), idna.ValidateLabels(true), idna.CheckHyphens(false),
	idna.CheckJoiners(true), idna.Transitional(false))

// Class names the documented class (see the package doc) that explains a
// disagreement on raw between the parser under test, reached through
// parse, and the oracle, whose origin for raw is want; it returns "" when
// none does. Only inputs the parser under test accepts can fall in a class,
// except "ipv4-sign", which is also recognized from raw's text alone.
func Class(raw, want string, parse ParseFunc) string {
	for _, h := range rawHosts(raw) {
		if signedIPv4Label(h) {
			return "ipv4-sign"
		}
	}
	u := parse(raw)
	if u.URLErr != nil {
		return ""
	}
	if u.Scheme == "blob" {
		// URL §cannot-be-a-base-url-path-state step 3: the old rule's inner
		// URL is the path without its trailing spaces.
		p := u.PathQuery
		if i := strings.IndexByte(p, '?'); i >= 0 {
			p = p[:i]
		}
		if strings.HasSuffix(p, "%20") {
			old := strings.TrimRight(strings.TrimSuffix(p, "%20"), " ")
			if o := parse("blob:" + old); o.Err == nil && o.Origin == want {
				return "opaque-path-space"
			}
		}
	}
	for _, h := range []string{u.Host, u.OriginHost} {
		if h == "" || h[0] == '[' {
			continue
		}
		if signedIPv4Label(h) {
			return "ipv4-sign"
		}
		// URL §concept-domain-to-ascii steps 5 and 6.
		out, errURL := urlProfile.ToASCII(h)
		_, errSTD3 := std3Profile.ToASCII(h)
		switch {
		case hasXNLabel(h) && (errURL != nil || out != h):
			return "ascii-xn"
		case errURL == nil && errSTD3 != nil:
			return "std3"
		}
	}
	return ""
}

// signedIPv4Label reports whether a label of the domain h trips the
// oracle's IPv4 number parsing, which uses strconv.ParseInt: after an
// optional "0x", "0X" or "0" prefix, a leading "+" or "-" is accepted, and a
// run of digits too long for an int64 reports a range error before the
// non-digit that follows is seen, so "0x-0" and "1000…000a" are taken for
// numbers. URL §ipv4-number-parser step 7 rejects both.
func signedIPv4Label(h string) bool {
	for _, label := range strings.Split(h, ".") {
		radix, limit := 10, 19
		switch {
		case len(label) > 2 && label[0] == '0' && (label[1] == 'x' || label[1] == 'X'):
			label, radix, limit = label[2:], 16, 16
		case len(label) > 1 && label[0] == '0':
			label, radix, limit = label[1:], 8, 21
		}
		if label != "" && (label[0] == '+' || label[0] == '-') {
			return true
		}
		n := 0
		for n < len(label) && strings.IndexByte("0123456789abcdefABCDEF"[:radix+max(0, radix-10)], label[n]) >= 0 {
			n++
		}
		if n >= limit && n < len(label) {
			return true
		}
	}
	return false
}

// rawHosts returns rough host texts of raw (and of its inner URL for
// blob:), percent-decoded: enough to recognize a signed IPv4 label when the
// parser under test failed and left no host to look at.
func rawHosts(raw string) []string {
	s := strings.TrimFunc(raw, func(r rune) bool { return r <= ' ' })
	s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	var hosts []string
	for k := 0; k < 2; k++ {
		i := strings.IndexByte(s, ':')
		if i < 0 {
			break
		}
		h := strings.TrimLeft(s[i+1:], "/\\")
		if j := strings.IndexAny(h, "/?#\\"); j >= 0 {
			h = h[:j]
		}
		if j := strings.LastIndexByte(h, '@'); j >= 0 {
			h = h[j+1:]
		}
		if j := strings.LastIndexByte(h, ':'); j >= 0 && !strings.Contains(h, "]") {
			h = h[:j]
		}
		if u, err := url.PathUnescape(h); err == nil {
			h = u
		}
		hosts = append(hosts, h)
		s = s[i+1:]
	}
	return hosts
}

// hasXNLabel reports whether the domain h has a label starting with "xn--",
// in any case.
func hasXNLabel(h string) bool {
	for _, label := range strings.Split(strings.ToLower(h), ".") {
		if strings.HasPrefix(label, "xn--") {
			return true
		}
	}
	return false
}
