package lint

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/corsim/corsim/origin"
)

// TestOrigin is an Origin value a live lint sends, and why.
type TestOrigin struct {
	Origin string
	// Why says what a server that trusts it gets wrong, or "the allowed origin" for ref itself.
	Why string
}

// specialHostChars are the bytes that scanners put right after an allowed host (CORScanner's
// special_characters_bypass, nuclei's cors-misconfig, Corsy's underscore and backtick tests): each is
// valid inside a browser's host name (URL §forbidden-host-code-point lists none of them), so a server
// that takes one for the end of the host trusts a host under the attacker's domain.
var specialHostChars = []string{"_", "`", "%60", "{", "}", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", "~", "\""}

// TestOrigins returns the origins a live lint sends for ref, the serialized origin the server means to
// trust (or the target's own origin when none is given): ref itself first, then an arbitrary origin,
// null, ref over http://, prefix, suffix, substring and unescaped-dot look-alikes, a sibling and a
// child subdomain, the special-character variants scanners try, and another port. Look-alikes of
// the host need a domain, so an IP address gets only the others. It returns nil when ref is not a
// serialized tuple origin.
func TestOrigins(ref string) []TestOrigin {
	o, err := origin.ParseSerialized(ref)
	if err != nil || o.IsOpaque() {
		return nil
	}
	scheme, host := o.Scheme(), o.Host()
	port := ""
	if p, ok := o.Port(); ok {
		port = ":" + strconv.Itoa(int(p))
	}
	var out []TestOrigin
	add := func(s, why string) {
		for _, t := range out {
			if t.Origin == s {
				return
			}
		}
		out = append(out, TestOrigin{Origin: s, Why: why})
	}
	add(o.String(), "the allowed origin")
	add(scheme+"://corsim-attacker.test", "an arbitrary origin")
	add("null", "the null origin")
	if scheme == "https" {
		add("http://"+host+port, "the allowed origin over http://")
	}
	if isDomain(host) {
		rd := o.RegistrableDomain()
		add(scheme+"://"+host+".evil.test"+port, "a prefix look-alike")
		add(scheme+"://"+host+"-evil.test"+port, "a prefix look-alike")
		add(scheme+"://evil"+host+port, "a suffix look-alike")
		if rd != "" && rd != host {
			add(scheme+"://evil"+rd+port, "a suffix look-alike of the site")
		}
		if i := strings.IndexByte(host, '.'); i > 0 {
			add(scheme+"://"+host[:i]+"x"+host[i+1:]+port, "a look-alike for an unescaped dot")
		}
		if i := strings.LastIndexByte(host, '.'); i > 0 && i != strings.IndexByte(host, '.') {
			add(scheme+"://"+host[:i]+"x"+host[i+1:]+port, "a look-alike for an unescaped dot")
		}
		if rd != "" && len(rd) > 3 && rd[len(rd)-2] != '.' {
			add(scheme+"://"+rd[:len(rd)-1]+port, "a substring of the allowed host")
		}
		if rd != "" && rd != host {
			add(scheme+"://evil."+rd+port, "a sibling subdomain")
		}
		add(scheme+"://evil."+host+port, "a child subdomain")
		for _, c := range specialHostChars {
			add(scheme+"://"+host+c+".evil.test"+port, "a special character after the allowed host")
		}
	}
	if port == ":8443" {
		add(scheme+"://"+host+":9443", "another port of the allowed host")
	} else {
		add(scheme+"://"+host+":8443", "another port of the allowed host")
	}
	return out
}

// class is how an origin relates to the origins the server means to trust.
type class uint8

const (
	classArbitrary    class = iota // unrelated to every allowed origin
	classNull                      // the opaque origin
	classInsecure                  // http:// where the allowed origin is https://, same host or site
	classOtherPort                 // the allowed host with another port, or another scheme but a downgrade
	classPrefix                    // the allowed host followed by more host
	classSpecial                   // the allowed host followed by a special character
	classSuffix                    // ends with the allowed host or site, without a label boundary
	classSubstring                 // a part of the allowed host
	classUnescapedDot              // the allowed host with a dot replaced
	classSubdomain                 // a subdomain of the allowed host or of its site
)

// describe names the class for an explanation.
func (c class) describe() string {
	switch c {
	case classNull:
		return "the null origin"
	case classInsecure:
		return "an http:// origin"
	case classOtherPort:
		return "another port or scheme of an allowed host"
	case classPrefix:
		return "a prefix look-alike"
	case classSpecial:
		return "a special-character look-alike"
	case classSuffix:
		return "a suffix look-alike"
	case classSubstring:
		return "a substring of an allowed host"
	case classUnescapedDot:
		return "an unescaped-dot look-alike"
	case classSubdomain:
		return "an unlisted subdomain"
	}
	return "an arbitrary origin"
}

// relation says how page relates to the allowed origin ref, as a sentence.
func (c class) relation(page, ref string) string {
	switch c {
	case classInsecure:
		return page + " is plain http://, next to the https:// origin " + ref + ": anyone on a visitor's network path can run script there."
	case classOtherPort:
		return page + " is the host of " + ref + " on another port or scheme, a different origin."
	case classPrefix:
		return page + " starts with " + ref + " but is a host of someone else's domain."
	case classSpecial:
		return page + " is " + ref + "'s host followed by a character a check took for its end; browsers take the whole as a host of someone else's domain."
	case classSuffix:
		return page + " ends with the host of " + ref + " (or its site) without being under it."
	case classSubstring:
		return page + "'s host is a part of " + ref + "'s host."
	case classUnescapedDot:
		return page + " is " + ref + "'s host with a dot replaced, as an unescaped dot in a pattern allows."
	case classSubdomain:
		return page + " is a subdomain of " + ref + "'s site that is not in the allow-list."
	}
	return page + " is " + c.describe() + "."
}

// id is the rule of a credentialed read by an origin of the class.
func (c class) id() string {
	switch c {
	case classNull:
		return IDNullOriginTrusted
	case classInsecure:
		return IDInsecureOriginTrusted
	case classOtherPort:
		return IDOtherPortTrusted
	case classPrefix:
		return IDOriginPrefixMatch
	case classSpecial:
		return IDOriginSpecialCharacters
	case classSuffix:
		return IDOriginSuffixMatch
	case classSubstring:
		return IDOriginSubstringMatch
	case classUnescapedDot:
		return IDOriginUnescapedDot
	case classSubdomain:
		return IDAnySubdomainTrusted
	}
	return IDOriginReflectedWithCredentials
}

// classify says how c relates to refs, the allowed origins and then the target's own: the first ref
// that c is a look-alike, downgrade or subdomain of decides, and is returned with the class.
func classify(c origin.Origin, refs []origin.Origin) (class, origin.Origin) {
	if c.IsOpaque() {
		return classNull, origin.Origin{}
	}
	for _, r := range refs {
		if !r.IsValid() || r.IsOpaque() {
			continue
		}
		if k := classifyAgainst(c, r); k != classArbitrary {
			return k, r
		}
	}
	return classArbitrary, origin.Origin{}
}

func classifyAgainst(c, r origin.Origin) class {
	ch, rh := c.Host(), r.Host()
	downgrade := c.Scheme() == "http" && r.Scheme() == "https"
	if ch == rh {
		if downgrade {
			return classInsecure
		}
		return classOtherPort
	}
	if !isDomain(ch) || !isDomain(rh) {
		return classArbitrary
	}
	rd := r.RegistrableDomain()
	sub := classSubdomain
	if downgrade {
		sub = classInsecure
	}
	// The host's own relations first, then the site's (its registrable domain).
	switch {
	case strings.HasPrefix(ch, rh):
		if isHostByte(ch[len(rh)]) {
			return classPrefix
		}
		return classSpecial
	case strings.HasSuffix(ch, "."+rh):
		return sub
	case strings.HasSuffix(ch, rh):
		return classSuffix
	case dotSwapped(ch, rh):
		return classUnescapedDot
	case rd == "":
	case ch == rd, strings.HasSuffix(ch, "."+rd):
		return sub
	case dotSwapped(ch, rd):
		return classUnescapedDot
	case strings.HasSuffix(ch, rd):
		return classSuffix
	}
	if len(ch) < len(rh) && strings.Contains(rh, ch) {
		return classSubstring
	}
	return classArbitrary
}

// dotSwapped reports whether a equals b except that one or more of b's dots are other bytes in a, as
// an unescaped "." in a regular expression lets through.
func dotSwapped(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && b[i] != '.' {
			return false
		}
	}
	return true
}

// isHostByte reports whether b is a letter, digit, dot or hyphen, the bytes of an ordinary host name.
func isHostByte(b byte) bool {
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '.' || b == '-'
}

// isDomain reports whether a serialized host is a domain rather than an IP address.
func isDomain(host string) bool {
	if host == "" || strings.HasPrefix(host, "[") {
		return false
	}
	_, err := netip.ParseAddr(host)
	return err != nil
}
