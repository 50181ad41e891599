package lint

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/grammar"
)

// checkPreflight judges one preflight's response, when it allows the origin that sent it (the
// server means to answer it): its status, its method and header lists, its max-age, and what "*"
// does there. Each question is put to ValidatePreflight in every profile; where the question is
// about one list, the check is built so that the other parts pass, and a status outside 200–299 is
// judged once, on its own.
func (l *linter) checkPreflight(x *Exchange) {
	h := x.Response.Headers
	o := x.Request.Origin()
	if o == "" || !h.Contains(hACAO) {
		return
	}
	creds := fetchmode.CredentialsOmit
	if credentialsTrue(h) {
		creds = fetchmode.CredentialsInclude
	}
	if len(profilesWhere(l.corsCheck(o, creds, h), passed)) == 0 {
		return // the origin is refused; what else the answer says does not matter to it
	}
	method, asked := x.Request.requestMethod(), x.Request.requestHeaders()
	slices.Sort(asked)
	asked = slices.Compact(asked)
	check := algorithm.PreflightCheck{Origin: o, Method: method, Headers: asked, Credentials: creds}

	resp := x.Response
	if s := resp.Status; s < 200 || s > 299 {
		vs := l.validate(check, resp)
		bad := profilesWhere(vs, func(v verdict) bool {
			return v.f.Reason == algorithm.PreflightInvalidStatus || v.f.Reason == algorithm.PreflightDisallowedRedirect
		})
		l.report(IDPreflightStatusNotOK, x, true, bad, fmt.Sprintf(
			"The preflight from %s was answered %d. Its headers allow the origin, but a preflight needs a "+
				"status from 200 to 299, so the actual request is never sent (%s).", o, s, reasons(vs)))
		resp.Status = 204 // judge the rest as if the status were right
	}

	if _, err := grammar.AppendTokenList(nil, hACAM, h.Values(hACAM)...); err != nil {
		vs := l.validate(algorithm.PreflightCheck{Origin: o, Method: "GET", Credentials: creds}, resp)
		l.report(IDACAMInvalid, x, true, profilesWhere(vs, reasonIs(algorithm.InvalidAllowMethodsPreflightResponse)), fmt.Sprintf(
			"Access-Control-Allow-Methods is %s: %v. Browsers fail the whole preflight on it (%s).",
			quoteAll(h.Values(hACAM)), err, reasons(vs)))
	} else {
		l.checkMethodCase(x, o, creds, resp)
	}
	if _, err := grammar.AppendTokenList(nil, hACAH, h.Values(hACAH)...); err != nil {
		alone := resp
		alone.Headers = without(h, hACAM)
		vs := l.validate(algorithm.PreflightCheck{Origin: o, Method: "GET", Credentials: creds}, alone)
		l.report(IDACAHInvalid, x, true, profilesWhere(vs, reasonIs(algorithm.InvalidAllowHeadersPreflightResponse)), fmt.Sprintf(
			"Access-Control-Allow-Headers is %s: %v. Browsers fail the whole preflight on it (%s).",
			quoteAll(h.Values(hACAH)), err, reasons(vs)))
	}
	l.checkMaxAge(x, o, creds, resp)
	if slices.Contains(asked, "authorization") {
		vs := l.validate(algorithm.PreflightCheck{Origin: o, Method: "GET", Headers: []string{"authorization"}, Credentials: creds}, resp)
		relies := profilesWhere(vs, func(v verdict) bool { return v.f.OK() && v.r.AuthorizationByWildcard })
		explanation := "The preflight asks for Authorization and Access-Control-Allow-Headers does not name it: it passes " +
			"only because of *, in " + names(relies) + "."
		if r := reasons(vs); r != "" {
			explanation += " The Fetch standard never lets * cover Authorization (" + r + "), and browsers mean to follow it."
		}
		l.report(IDAuthorizationByWildcard, x, true, relies, explanation)
	}
	if creds == fetchmode.CredentialsInclude {
		l.checkLiteralStar(x, o, resp)
	}
}

// checkMethodCase finds methods listed in another case than scripts send them. Methods compare
// byte for byte (Fetch §cors-preflight-fetch-0 step 7.5), and fetch() upper-cases only the six
// methods of §concept-method-normalize, so "put" never matches and "patch" matches only a script
// that writes patch.
func (l *linter) checkMethodCase(x *Exchange, o string, creds fetchmode.Credentials, resp algorithm.Response) {
	listed, _ := grammar.AppendTokenList(nil, hACAM, resp.Headers.Values(hACAM)...)
	var notes []string
	var bad []algorithm.Profile
	for _, m := range listed {
		up := strings.ToUpper(m)
		if up == m || slices.Contains(listed, up) || fetchmode.IsForbiddenMethod(up) {
			continue
		}
		vs := l.validate(algorithm.PreflightCheck{Origin: o, Method: up, Credentials: creds}, resp)
		ps := profilesWhere(vs, reasonIs(algorithm.MethodDisallowedByPreflightResponse))
		if len(ps) == 0 {
			continue
		}
		bad = append(bad, ps...)
		if fetchmode.NormalizeMethod(m) == up {
			notes = append(notes, fmt.Sprintf("%q never matches: fetch() always sends %s", m, up))
		} else {
			notes = append(notes, fmt.Sprintf("%q matches only a script that writes %q; one that writes %s fails", m, m, up))
		}
	}
	bad = l.ordered(bad)
	l.report(IDACAMMethodCase, x, true, bad, "Access-Control-Allow-Methods is "+quoteAll(resp.Headers.Values(hACAM))+
		"; browsers compare methods case-sensitively: "+strings.Join(notes, "; ")+" (in "+names(bad)+").")
}

// checkMaxAge compares Access-Control-Max-Age with what each profile's preflight cache keeps.
func (l *linter) checkMaxAge(x *Exchange, o string, creds fetchmode.Credentials, resp algorithm.Response) {
	lines := resp.Headers.Values(hACMA)
	if len(lines) == 0 {
		return
	}
	secs, err := grammar.ParseMaxAge(lines)
	vs := l.validate(algorithm.PreflightCheck{Origin: o, Method: "GET", Credentials: creds}, resp)
	ok := profilesWhere(vs, passed)
	lifetime := func(v verdict) string {
		if !v.r.Cacheable {
			return v.p.String() + " does not cache it"
		}
		return v.p.String() + " caches it " + seconds(v.r.MaxAge)
	}
	var each []string
	for _, v := range vs {
		if v.f.OK() {
			each = append(each, lifetime(v))
		}
	}
	switch {
	case err != nil:
		l.report(IDMaxAgeInvalid, x, true, ok, fmt.Sprintf(
			"Access-Control-Max-Age is %s, which is not delta-seconds (%v); %s.", quoteAll(lines), err, strings.Join(each, ", ")))
	case secs == 0:
		l.report(IDMaxAgeZero, x, true, ok,
			"Access-Control-Max-Age is 0: no browser keeps the preflight's result, so every request that needs a "+
				"preflight sends one first.")
	default:
		capped := profilesWhere(vs, func(v verdict) bool {
			return v.f.OK() && v.r.Cacheable && v.r.MaxAge < time.Duration(min(secs, 1<<32))*time.Second
		})
		var caps []string
		for _, v := range vs {
			if slices.Contains(capped, v.p) {
				caps = append(caps, v.p.String()+" keeps it "+seconds(v.r.MaxAge))
			}
		}
		l.report(IDMaxAgeCapped, x, true, capped, fmt.Sprintf(
			"Access-Control-Max-Age is %d s, more than some browsers keep a preflight: %s.", secs, strings.Join(caps, ", ")))
	}
}

// checkLiteralStar finds "*" in the method and header lists of a credentialed preflight, where it is
// the literal name "*" (Fetch §cors-preflight-fetch-0 steps 7.5 and 7.7).
func (l *linter) checkLiteralStar(x *Exchange, o string, resp algorithm.Response) {
	var ps []algorithm.Profile
	var where []string
	if listHasStar(resp.Headers, hACAM) {
		listed, _ := grammar.AppendTokenList(nil, hACAM, resp.Headers.Values(hACAM)...)
		for _, m := range []string{"PUT", "PATCH", "DELETE", "PROPFIND"} {
			if slices.Contains(listed, m) {
				continue
			}
			vs := l.validate(algorithm.PreflightCheck{Origin: o, Method: m, Credentials: fetchmode.CredentialsInclude}, resp)
			if bad := profilesWhere(vs, reasonIs(algorithm.MethodDisallowedByPreflightResponse)); len(bad) > 0 {
				ps = append(ps, bad...)
				where = append(where, "Access-Control-Allow-Methods (a "+m+" is refused)")
			}
			break
		}
	}
	if listHasStar(resp.Headers, hACAH) {
		vs := l.validate(algorithm.PreflightCheck{Origin: o, Method: "GET", Headers: []string{"x-corsim-probe"}, Credentials: fetchmode.CredentialsInclude}, resp)
		if bad := profilesWhere(vs, reasonIs(algorithm.HeaderDisallowedByPreflightResponse)); len(bad) > 0 {
			ps = append(ps, bad...)
			where = append(where, "Access-Control-Allow-Headers (a header it does not name is refused)")
		}
	}
	ps = l.ordered(ps)
	l.report(IDWildcardLiteralWithCredentials, x, true, ps, "The preflight allows credentials and has * in "+
		strings.Join(where, " and ")+": with credentials * is the literal name *, in "+names(ps)+".")
}

// checkPlainOptions finds an OPTIONS request without Access-Control-Request-Method answered with
// the headers only a preflight's response has: the server takes every OPTIONS for a preflight.
func (l *linter) checkPlainOptions(x *Exchange) {
	h := x.Response.Headers
	var got []string
	for _, n := range []string{hACAM, hACAH, hACMA} {
		if h.Contains(n) {
			got = append(got, n)
		}
	}
	if len(got) == 0 {
		return
	}
	l.report(IDPlainOptionsAsPreflight, x, false, nil, fmt.Sprintf(
		"OPTIONS %s without Access-Control-Request-Method is not a preflight (Fetch §cors-preflight-request), "+
			"yet the answer (status %d) carries %s: the server answers every OPTIONS as one, so an OPTIONS "+
			"request meant for the application never reaches it.", x.Request.URL, x.Response.Status, strings.Join(got, ", ")))
}

func reasonIs(r algorithm.Reason) func(verdict) bool {
	return func(v verdict) bool { return v.f.Reason == r }
}

// without returns h without the lines named name.
func without(h fetchmode.HeaderList, name string) fetchmode.HeaderList {
	out := h.Clone()
	out.Delete(name)
	return out
}

// seconds writes a duration in whole seconds: "600 s".
func seconds(d time.Duration) string {
	return strconv.FormatInt(int64(d/time.Second), 10) + " s"
}
