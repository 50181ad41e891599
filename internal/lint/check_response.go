package lint

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/internal/grammar"
	"github.com/corsim/corsim/origin"
)

// checkResponse judges the CORS headers of one response, preflight or not: the shape of
// Access-Control-Allow-Origin and -Credentials, and * where it does not do what it seems to.
func (l *linter) checkResponse(x *Exchange) {
	h := x.Response.Headers
	vals := h.Values(hACAO)
	if len(vals) == 0 {
		return
	}
	sent := x.Request.Origin()
	creds := fetchmode.CredentialsOmit
	if credentialsTrue(h) {
		creds = fetchmode.CredentialsInclude
	}
	// Fetch §concept-cors-check step 2 gets the one value; several lines, or a list on one, match
	// no origin.
	if len(vals) > 1 || strings.ContainsAny(vals[0], ", ") {
		asker := sent
		if asker == "" {
			if f := strings.FieldsFunc(strings.Join(vals, ","), func(r rune) bool { return r == ',' || r == ' ' }); len(f) > 0 {
				asker = f[0]
			} else {
				asker = "null"
			}
		}
		vs := l.corsCheck(asker, creds, h)
		how := "as one line, " + quoteAll(vals)
		if len(vals) > 1 {
			how = "on " + strconv.Itoa(len(vals)) + " lines, " + quoteAll(vals)
		}
		l.report(IDACAOMultipleValues, x, true, profilesWhere(vs, failed), fmt.Sprintf(
			"Access-Control-Allow-Origin came %s. A browser wants exactly one origin, so the request from %s "+
				"fails the CORS check (%s).", how, asker, reasons(vs)))
		return
	}
	v := vals[0]
	switch {
	case v == "*":
		l.checkWildcardOrigin(x, creds)
		return
	case v != "null" && v != sent && serialized(v) != v:
		// What the value seems meant to be: the origin it would serialize to, or of the URL it is.
		meant := serialized(v)
		if meant == "" {
			if o, err := origin.Parse(v); err == nil && !o.IsOpaque() {
				meant = o.String()
			}
		}
		if meant == "" {
			meant = sent
		}
		if meant != "" {
			vs := l.corsCheck(meant, creds, h)
			l.report(IDACAOInvalid, x, true, profilesWhere(vs, failed), fmt.Sprintf(
				"Access-Control-Allow-Origin is %q, which is not how a browser serializes an origin; the CORS "+
					"check compares it byte for byte, so a page at %s is refused (%s).", v, meant, reasons(vs)))
		}
	}
	// Fetch §concept-cors-check step 7: credentials need the value true, byte for byte.
	if acac := h.Values(hACAC); len(acac) > 0 && !(len(acac) == 1 && (acac[0] == "true" || ascii.EqualFold(acac[0], "false"))) {
		vs := l.corsCheck(pageFor(v, sent), fetchmode.CredentialsInclude, h)
		l.report(IDACACInvalid, x, true, profilesWhere(vs, failed), fmt.Sprintf(
			"Access-Control-Allow-Credentials is %s; only the one value true (lower-case) counts, so a "+
				"credentialed fetch from %s fails (%s).", quoteAll(acac), pageFor(v, sent), reasons(vs)))
	}
	if creds == fetchmode.CredentialsInclude && !x.Request.Preflight() && listHasStar(h, hACEH) {
		// Fetch §concept-filtered-response: with credentials, "*" exposes only a header named "*".
		probe := x.Response
		probe.Headers = append(h.Clone(), fetchmode.Header{Name: "X-Corsim-Probe", Value: "1"})
		var ps []algorithm.Profile
		for _, p := range l.profiles {
			with := algorithm.FilterResponse(p, fetchmode.TaintingCORS, fetchmode.CredentialsInclude, probe)
			without := algorithm.FilterResponse(p, fetchmode.TaintingCORS, fetchmode.CredentialsOmit, probe)
			if len(with.VisibleHeaders) < len(without.VisibleHeaders) {
				ps = append(ps, p)
			}
		}
		l.report(IDWildcardLiteralWithCredentials, x, true, ps,
			"Access-Control-Expose-Headers is * on a response with Access-Control-Allow-Credentials: true; "+
				"with credentials * names a header called *, so script reads only the safelisted headers in "+names(ps)+".")
	}
}

// checkWildcardOrigin judges Access-Control-Allow-Origin: *.
func (l *linter) checkWildcardOrigin(x *Exchange, creds fetchmode.Credentials) {
	h := x.Response.Headers
	page := x.Request.Origin()
	if page == "" || page == "null" {
		page = target(x).Scheme() + "://corsim-attacker.test"
	}
	if creds == fetchmode.CredentialsInclude {
		// Fetch §concept-cors-check step 6: "*" never matches a credentialed request.
		vs := l.corsCheck(page, fetchmode.CredentialsInclude, h)
		l.report(IDWildcardWithCredentials, x, true, profilesWhere(vs, failed), fmt.Sprintf(
			"Access-Control-Allow-Origin: * comes with Access-Control-Allow-Credentials: true. * never "+
				"matches a credentialed request, so fetch() with credentials \"include\" fails (%s); without "+
				"credentials the response is readable by every site.", reasons(vs)))
		return
	}
	if x.Request.Method == "OPTIONS" {
		return // the actual response decides what is readable
	}
	ps := l.readers(page, x, nil, fetchmode.CredentialsOmit)
	l.report(IDWildcardOrigin, x, true, ps,
		"Access-Control-Allow-Origin: * lets script on every site read this response (without cookies) in "+
			names(ps)+". That is right for public data and wrong for anything a network position alone "+
			"should protect (an intranet, a service on localhost).")
}

// pageFor is the origin a response seems meant for: its Access-Control-Allow-Origin, or the
// request's Origin.
func pageFor(acao, sent string) string {
	if acao != "" && acao != "*" {
		return acao
	}
	return sent
}

// listHasStar reports whether a #token list header has the element "*".
func listHasStar(h fetchmode.HeaderList, name string) bool {
	els, _ := grammar.AppendTokenList(nil, name, h.Values(name)...)
	for _, e := range els {
		if e == "*" {
			return true
		}
	}
	return false
}

func quoteAll(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, " and ")
}
