package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

// How far an untrusted origin got.
const (
	trustNone = iota
	trustOmit // script there reads responses fetched without credentials
	trustCred // script there reads responses fetched with the visitor's cookies
)

// trustHit is an untrusted origin that can read a response.
type trustHit struct {
	x         *Exchange
	page      string        // the origin trusted, as Access-Control-Allow-Origin names it
	host      string        // its host
	ref       origin.Origin // the allowed origin it imitates; zero for arbitrary and null
	reflected bool          // the server answered the request's own Origin (rather than a fixed value)
	level     int
	browsers  []algorithm.Profile
}

// trustOrder is the order the classes are reported in.
var trustOrder = []class{classNull, classPrefix, classSuffix, classSubstring, classUnescapedDot, classSpecial, classInsecure, classSubdomain, classOtherPort}

// checkTrust finds the origins outside the allow-list that can read the responses of one URL (the
// exchanges g): the request's Origin echoed back, or a fixed Access-Control-Allow-Origin that names
// null or an http:// origin. Whether script on that origin can read the response, and with
// credentials or not, is the engine's answer in each profile.
func (l *linter) checkTrust(g []*Exchange) {
	hits := map[class][]*trustHit{}
	for _, x := range g {
		if x.Request.Method == "OPTIONS" {
			continue // a preflight's answer lets nothing be read; the actual response's does
		}
		vals := x.Response.Headers.Values(hACAO)
		if len(vals) != 1 || vals[0] == "*" || l.allowed[vals[0]] {
			continue
		}
		v, sent := vals[0], x.Request.Origin()
		page, ok := parsePage(v)
		t := target(x)
		if !ok || (!page.IsOpaque() && page == t) {
			continue
		}
		// A server that answers the Origin it got, or that origin as a browser would serialize it
		// (%60 decoded to a backtick), reflects it; any other value is fixed.
		reflected := sent != "" && (v == sent || serialized(sent) == v)
		k, ref := classify(page, append(slices.Clip(l.refs), t))
		if k == classInsecure && t.Scheme() != "https" {
			k = classOtherPort // over http:// the target itself is as exposed as the origin it trusts
		}
		if !reflected {
			// A fixed value trusts one origin, chosen by someone: wrong only when it is null or
			// an http:// origin reading an https:// resource.
			switch {
			case k == classNull:
			case page.Scheme() == "http" && t.Scheme() == "https":
				k = classInsecure
			default:
				continue
			}
			if !ref.IsValid() {
				ref = t // an http:// origin unrelated to the allowed ones: compare it with the target
			}
		}
		h := &trustHit{x: x, page: v, host: page.Host(), ref: ref, reflected: reflected}
		if h.browsers = l.readers(v, x, nil, fetchmode.CredentialsInclude); len(h.browsers) > 0 {
			h.level = trustCred
		} else if h.browsers = l.readers(v, x, nil, fetchmode.CredentialsOmit); len(h.browsers) > 0 {
			h.level = trustOmit
		} else {
			continue
		}
		hits[k] = append(hits[k], h)
	}
	l.reportTrust(hits)
}

// reportTrust reports each class of origin trusted, except where a wider mistake explains it: an
// echo of any origin explains every look-alike; a prefix match the special characters and other
// ports (allowed origin + ":8443" is a prefix form too); a suffix match on the site
// (evilexample.com) its subdomains and dot look-alikes; trust in sibling subdomains a suffix
// look-alike that is itself a subdomain (evilapp.example.com). What explains a class must reach at
// least as far (with credentials, or without).
func (l *linter) reportTrust(hits map[class][]*trustHit) {
	best := func(k class, keep func(*trustHit) bool) *trustHit {
		var b *trustHit
		for _, h := range hits[k] {
			if (keep == nil || keep(h)) && (b == nil || h.level > b.level) {
				b = h
			}
		}
		return b
	}
	level := func(h *trustHit) int {
		if h == nil {
			return trustNone
		}
		return h.level
	}
	underSite := func(h *trustHit) bool {
		rd := h.ref.RegistrableDomain()
		return rd != "" && strings.HasSuffix(h.host, "."+rd)
	}
	arb := best(classArbitrary, nil)
	chosen := map[class]*trustHit{}
	for _, k := range trustOrder {
		chosen[k] = best(k, nil)
	}
	sibling := best(classSubdomain, func(h *trustHit) bool { return !strings.HasSuffix(h.host, "."+h.ref.Host()) })
	suffixOut := best(classSuffix, func(h *trustHit) bool { return !underSite(h) })
	if suffixIn := best(classSuffix, underSite); level(suffixOut) >= level(suffixIn) {
		chosen[classSuffix] = suffixOut
	} else if level(sibling) >= level(suffixIn) {
		chosen[classSuffix] = nil
	}
	explainedBy := map[class][]*trustHit{
		classSpecial:      {chosen[classPrefix]},
		classOtherPort:    {chosen[classPrefix], chosen[classSpecial]},
		classSubdomain:    {suffixOut},
		classUnescapedDot: {suffixOut},
	}

	subsumed := false
	var omitted []*trustHit
	var omittedClasses []class
	for _, k := range trustOrder {
		h := chosen[k]
		if h == nil {
			continue
		}
		wider := level(arb) >= h.level
		for _, w := range explainedBy[k] {
			wider = wider || level(w) >= h.level
		}
		switch {
		case wider:
			subsumed = true
		case h.level == trustCred:
			l.report(k.id(), h.x, true, h.browsers, l.trustExplanation(k, h, false))
		default:
			omitted = append(omitted, h)
			omittedClasses = append(omittedClasses, k)
		}
	}
	if arb != nil {
		id := IDOriginReflected
		if arb.level == trustCred {
			id = IDOriginReflectedWithCredentials
		}
		l.report(id, arb.x, true, arb.browsers, l.trustExplanation(classArbitrary, arb, subsumed))
	}
	if len(omitted) > 0 {
		var parts []string
		var browsers []algorithm.Profile
		for i, h := range omitted {
			parts = append(parts, h.page+" ("+omittedClasses[i].describe()+")")
			browsers = append(browsers, h.browsers...)
		}
		browsers = l.ordered(browsers)
		l.report(IDUntrustedOriginAllowed, omitted[0].x, true, browsers, fmt.Sprintf(
			"Access-Control-Allow-Origin named origins outside the allow-list (%s): %s. Without "+
				"Access-Control-Allow-Credentials: true script there reads only what it could read from any "+
				"site, in %s; the origin check is wrong all the same, and turning credentials on would expose "+
				"the visitor's data to those origins.",
			l.allowedText(), strings.Join(parts, ", "), names(browsers)))
	}
}

// trustExplanation says what the server answered the untrusted origin and who can read what.
func (l *linter) trustExplanation(k class, h *trustHit, subsumed bool) string {
	var b strings.Builder
	sent := h.x.Request.Origin()
	if h.reflected {
		fmt.Fprintf(&b, "The request with Origin: %s got Access-Control-Allow-Origin: %s", sent, h.page)
	} else {
		fmt.Fprintf(&b, "The response names %s in Access-Control-Allow-Origin whatever the request's Origin (it was %s)", h.page, orNone(sent))
	}
	if h.level == trustCred {
		b.WriteString(" and Access-Control-Allow-Credentials: true")
	}
	b.WriteString(". ")
	switch k {
	case classArbitrary:
		fmt.Fprintf(&b, "That origin is none of the allowed ones (%s): the server echoes whatever Origin it gets. ", l.allowedText())
	case classNull:
		b.WriteString("null is the origin of sandboxed iframes, data: URLs and requests after a cross-origin redirect, which any site can create. ")
	default:
		b.WriteString(k.relation(h.page, h.ref.String()) + " ")
	}
	reads := "without credentials"
	if h.level == trustCred {
		reads = "with the visitor's cookies"
	}
	who := "Script on " + h.page
	if h.page == "null" {
		who = "Script in any page whose origin is null"
	}
	fmt.Fprintf(&b, "%s can read %s %s in %s.", who, h.x.Request.URL, reads, names(h.browsers))
	if subsumed {
		b.WriteString(" The look-alike origins tried were trusted too; this finding covers them.")
	}
	return b.String()
}

// allowedText lists the allowed origins for an explanation.
func (l *linter) allowedText() string {
	if len(l.refs) == 0 {
		return "none given; only the target's own origin"
	}
	s := make([]string, len(l.refs))
	for i, r := range l.refs {
		s[i] = r.String()
	}
	return strings.Join(s, ", ")
}

// ordered returns the distinct profiles of ps in the order the lint judges them.
func (l *linter) ordered(ps []algorithm.Profile) []algorithm.Profile {
	var out []algorithm.Profile
	for _, p := range l.profiles {
		if slices.Contains(ps, p) {
			out = append(out, p)
		}
	}
	return out
}

// serialized returns s as a browser serializes the origin it names, "" when it names none.
func serialized(s string) string {
	o, err := origin.ParseSerialized(s)
	if err != nil || o.IsOpaque() {
		return ""
	}
	return o.String()
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
