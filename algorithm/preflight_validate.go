package algorithm

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/internal/grammar"
)

// PreflightCheck is what a preflight response is validated against: the request the preflight was
// sent for.
type PreflightCheck struct {
	// Origin is the byte-serialized request origin the preflight carried ("null" when tainted).
	Origin string
	// Method is the request's method, as sent in Access-Control-Request-Method.
	Method string
	// Headers are the request's CORS-unsafe request-header names (lower-case, sorted, unique), as sent
	// in Access-Control-Request-Headers.
	Headers     []string
	Credentials fetchmode.Credentials
	// Forced is the use-CORS-preflight flag (a ReadableStream body).
	Forced bool

	// requestOrder, when set, is Headers in the order the request listed them; Chromium and WebKit
	// report the first disallowed header in that order.
	requestOrder []string
}

// PreflightResult is what a preflight response allowed. Its lists are read from the response's header
// list when asked for, so validating a preflight copies nothing.
type PreflightResult struct {
	// MaxAge is how long the profile's browser caches the result; Cacheable is false when it does
	// not cache it at all (e.g. Firefox with an invalid Access-Control-Max-Age).
	MaxAge    time.Duration
	Cacheable bool
	// AuthorizationByWildcard reports that Authorization passed only through "*" (a browser rule the
	// standard forbids).
	AuthorizationByWildcard bool

	headers fetchmode.HeaderList // the preflight response's header list
	// forcedMethod is the method an absent Access-Control-Allow-Methods allows on a forced preflight
	// (Fetch §cors-preflight-fetch-0 step 7.4).
	forcedMethod string
	// methodsOK and headersOK are set once Access-Control-Allow-Methods and -Headers parsed; parsed
	// once both did (WebKit then caches the result even if the method or header check fails).
	methodsOK, headersOK, parsed bool
}

// Methods returns the Access-Control-Allow-Methods elements, or the request's method when the header
// is absent and the preflight was forced (Fetch §cors-preflight-fetch-0 step 7.4); nil when the list
// was not parsed (validation failed before it, or on it). The elements are read from the response's
// header list, which the result refers to: do not change that list while the result is in use.
func (r PreflightResult) Methods() []string {
	if !r.methodsOK {
		return nil
	}
	return r.appendMethods([]string{}, false)
}

// Headers returns the Access-Control-Allow-Headers elements; nil when the list was not parsed. Like
// Methods, it reads the response's header list.
func (r PreflightResult) Headers() []string {
	if !r.headersOK {
		return nil
	}
	return r.appendHeaders([]string{}, false)
}

// appendMethods appends the allowed methods to dst; with dedupe, each only once.
func (r *PreflightResult) appendMethods(dst []string, dedupe bool) []string {
	if !r.methodsOK {
		return dst
	}
	if r.forcedMethod != "" {
		return append(dst, r.forcedMethod)
	}
	return appendElements(dst, r.headers, hACAM, dedupe, false)
}

// appendHeaders appends the allowed header names to dst; with dedupe, each only once, ignoring case.
func (r *PreflightResult) appendHeaders(dst []string, dedupe bool) []string {
	if !r.headersOK {
		return dst
	}
	return appendElements(dst, r.headers, hACAH, dedupe, true)
}

// dedupeAbove is how many elements a list may have before appendElements drops repeats through a
// map instead of a scan, so that a megabyte of one repeated name costs time and memory linear in its
// distinct names.
const dedupeAbove = 16

// appendElements appends the elements of every line of h named name, which must have parsed. With
// dedupe, an element already appended is skipped: compared byte for byte, or ignoring ASCII case with
// fold (header names; methods are case-sensitive).
func appendElements(dst []string, h fetchmode.HeaderList, name string, dedupe, fold bool) []string {
	start := len(dst)
	var seen map[string]struct{}
	key := func(e string) string {
		if fold {
			return ascii.Lower(e)
		}
		return e
	}
	for i := range h {
		if !ascii.EqualFold(h[i].Name, name) {
			continue
		}
		el := grammar.NewElements(h[i].Value)
		for {
			e, more := el.Next()
			if !more {
				break
			}
			if dedupe {
				if seen != nil {
					k := key(e)
					if _, dup := seen[k]; dup {
						continue
					}
					seen[k] = struct{}{}
				} else if (fold && containsFold(dst[start:], e)) || (!fold && slices.Contains(dst[start:], e)) {
					continue
				} else if len(dst)-start == dedupeAbove {
					seen = make(map[string]struct{}, 2*dedupeAbove)
					for _, d := range dst[start:] {
						seen[key(d)] = struct{}{}
					}
					seen[key(e)] = struct{}{}
				}
			}
			dst = append(dst, e)
		}
	}
	return dst
}

// ValidatePreflight validates a preflight response (Fetch §cors-preflight-fetch-0 steps 7–8) in the
// order the profile's browser checks, which decides the reason reported when a
// response has several faults. The zero Failure means the actual request may follow.
func ValidatePreflight(p Profile, c PreflightCheck, resp Response) (PreflightResult, Failure) {
	return validatePreflight(p.rules(), &c, &resp)
}

// pfStep is one check of preflight validation.
type pfStep uint8

const (
	stEnd pfStep = iota
	stRedirect
	stCORS
	stStatus
	stParseMethods
	stMethod
	stParseHeaders
	stAuthorization
	stHeaders
)

// preflightSteps is each order's sequence of checks.
var preflightSteps = [...][8]pfStep{
	// Fetch §cors-preflight-fetch-0 step 7: the CORS check and an ok status, then 7.1–7.7.
	orderSpec:     {stCORS, stStatus, stParseMethods, stParseHeaders, stMethod, stAuthorization, stHeaders},
	orderChromium: {stRedirect, stCORS, stStatus, stParseMethods, stParseHeaders, stMethod, stHeaders},
	orderFirefox:  {stRedirect, stCORS, stStatus, stParseMethods, stMethod, stParseHeaders, stHeaders},
	orderWebKit:   {stStatus, stCORS, stParseMethods, stParseHeaders, stMethod, stHeaders},
}

func validatePreflight(r *rules, c *PreflightCheck, resp *Response) (res PreflightResult, f Failure) {
	res.headers = resp.Headers
	v := preflightValidator{r: r, c: c, resp: resp, include: c.Credentials == fetchmode.CredentialsInclude, res: &res}
	for _, st := range preflightSteps[r.order] {
		switch st {
		case stEnd:
			// Fetch §cors-preflight-fetch-0 steps 7.8–7.10: max-age, defaulted and capped per profile.
			var lb [2]string
			res.MaxAge, res.Cacheable = r.cachePolicy.MaxAge(appendHeaderLines(lb[:0], resp.Headers, hACMA))
			return res, Failure{}
		case stRedirect:
			f = v.redirect()
		case stCORS:
			f = v.cors()
		case stStatus:
			f = v.status()
		case stParseMethods:
			f = v.parseMethods()
		case stMethod:
			f = v.method()
		case stParseHeaders:
			f = v.parseHeaders()
		case stAuthorization:
			f = v.authorization()
		case stHeaders:
			f = v.headers()
		}
		if !f.OK() {
			return res, f
		}
	}
	return res, Failure{}
}

type preflightValidator struct {
	r       *rules
	c       *PreflightCheck
	resp    *Response
	include bool
	res     *PreflightResult
	// methodsParsed is set once ACAM parsed (Firefox parses it with the method check).
	methodsParsed bool
	// What the one pass over each list found: the request's method, "*" in either list, and which of
	// c.Headers Access-Control-Allow-Headers names (bit i for c.Headers[i]; more beyond 64).
	methodListed, methodStar, headerStar bool
	found                                marks
}

// listed reports whether Access-Control-Allow-Headers named c.Headers[i].
func (v *preflightValidator) listed(i int) bool { return v.found.has(i) }

func isRedirectStatus(s int) bool { return s == 301 || s == 302 || s == 303 || s == 307 || s == 308 }

// redirect: a preflight is never redirected (Fetch §cors-preflight-fetch-0 step 6 uses
// HTTP-network-or-cache fetch, which does not follow redirects). Chromium and Firefox see a 3xx with
// a Location as a redirect before they look at its headers.
func (v *preflightValidator) redirect() Failure {
	if isRedirectStatus(v.resp.Status) && v.resp.Headers.Contains(hLocation) {
		return Failure{Reason: PreflightDisallowedRedirect, Parameter: strconv.Itoa(v.resp.Status)}
	}
	return Failure{}
}

// cors: Fetch §cors-preflight-fetch-0 step 7, the CORS check against the original request.
func (v *preflightValidator) cors() Failure {
	f := corsCheck(v.r, v.c.Origin, v.include, v.resp.Headers)
	f.Reason = f.Reason.preflightVariant()
	return f
}

// status: Fetch §cors-preflight-fetch-0 step 7, an ok status (200–299); otherwise step 8.
func (v *preflightValidator) status() Failure {
	if v.resp.Status >= 200 && v.resp.Status <= 299 {
		return Failure{}
	}
	if f := v.redirect(); !f.OK() {
		return f
	}
	return Failure{Reason: PreflightInvalidStatus, Parameter: strconv.Itoa(v.resp.Status)}
}

// tokenList walks the elements of every line of one #token list header (Access-Control-Allow-Methods,
// -Allow-Headers, -Expose-Headers) in a header list, as Fetch §extract-header-list-values combines
// them, looking at each byte once and copying nothing.
type tokenList struct {
	h       fetchmode.HeaderList
	name    string
	i       int // the line being read is h[i-1]
	el      grammar.Elements
	present bool // some line has the name
}

func newTokenList(h fetchmode.HeaderList, name string) tokenList {
	return tokenList{h: h, name: name}
}

// next returns the next element; more is false at the end of the last line. An element that is not
// a token ends the walk with err, the error AppendTokenList reports for it.
func (l *tokenList) next() (elem string, more bool, err error) {
	for {
		if l.i > 0 {
			e, more, token := l.el.NextToken()
			if more {
				if !token {
					return e, false, grammar.CheckToken(l.name, l.h[l.i-1].Value, e)
				}
				return e, true, nil
			}
		}
		for l.i < len(l.h) && !ascii.EqualFold(l.h[l.i].Name, l.name) {
			l.i++
		}
		if l.i == len(l.h) {
			return "", false, nil
		}
		l.present = true
		l.el = grammar.NewElements(l.h[l.i].Value)
		l.i++
	}
}

// parseMethods and parseHeaders: Fetch §cors-preflight-fetch-0 steps 7.1–7.4, in one pass over each
// list that also notes what steps 7.5–7.7 look for, so a list is read once whatever its size.
func (v *preflightValidator) parseMethods() Failure {
	if v.methodsParsed {
		return Failure{}
	}
	v.methodsParsed = true
	// Fetch §cors-preflight-fetch-0 step 7.1: extract header list values.
	l := newTokenList(v.resp.Headers, hACAM)
	for {
		e, more, err := l.next()
		// Fetch §cors-preflight-fetch-0 step 7.3: failure → network error.
		if err != nil {
			return Failure{Reason: InvalidAllowMethodsPreflightResponse, Parameter: v.listParameter(err, hACAM)}
		}
		if !more {
			break
		}
		switch e {
		case v.c.Method:
			v.methodListed = true
		case "*":
			v.methodStar = true
		}
	}
	// Fetch §cors-preflight-fetch-0 step 7.4: an absent ACAM on a forced preflight allows the method.
	if !l.present && v.c.Forced {
		v.res.forcedMethod = v.c.Method
		v.methodListed = true
		v.methodStar = v.c.Method == "*"
	}
	v.res.methodsOK = true
	return Failure{}
}

func (v *preflightValidator) parseHeaders() Failure {
	names := v.c.Headers
	v.found = newMarks(len(names))
	var byName foldIndex
	if len(names) > scanAtMost {
		byName = newFoldIndex(len(names), func(i int) string { return names[i] })
	}
	// Fetch §cors-preflight-fetch-0 steps 7.2–7.3.
	l := newTokenList(v.resp.Headers, hACAH)
	for {
		e, more, err := l.next()
		if err != nil {
			return Failure{Reason: InvalidAllowHeadersPreflightResponse, Parameter: v.listParameter(err, hACAH)}
		}
		if !more {
			break
		}
		if e == "*" {
			v.headerStar = true
		}
		if byName != nil {
			for _, j := range byName.lookup(e) {
				v.found.set(j)
			}
			continue
		}
		for j, name := range names {
			if ascii.EqualFold(e, name) {
				v.found.set(j)
			}
		}
	}
	v.res.headersOK = true
	v.res.parsed = v.res.methodsOK
	return Failure{}
}

// listParameter is the failed parameter of an unparsable list: the first bad token for Firefox
// (ruleListParameterFirstToken), the whole value, its lines joined, for the others.
func (v *preflightValidator) listParameter(err error, name string) string {
	if le, ok := err.(*grammar.ListError); ok && v.r.ruleListParameterFirstToken {
		return le.Token
	}
	var lb [4]string
	return strings.Join(appendHeaderLines(lb[:0], v.resp.Headers, name), ", ")
}

// method: Fetch §cors-preflight-fetch-0 step 7.5.
func (v *preflightValidator) method() Failure {
	if f := v.parseMethods(); !f.OK() {
		return f
	}
	m := v.c.Method
	if fetchmode.IsCORSSafelistedMethod(m) || v.methodListed {
		return Failure{}
	}
	// "*" is a wildcard only when credentials mode is not "include".
	if !v.include && v.methodStar {
		return Failure{}
	}
	return Failure{Reason: MethodDisallowedByPreflightResponse, Parameter: m}
}

// authorization: Fetch §cors-preflight-fetch-0 step 7.6: Authorization must be listed by name; "*"
// never covers it. Browser profiles skip this step (ruleWildcardCoversAuthorization).
func (v *preflightValidator) authorization() Failure {
	if v.r.ruleWildcardCoversAuthorization {
		return Failure{}
	}
	for i, name := range v.c.Headers {
		if fetchmode.IsCORSNonWildcardRequestHeaderName(name) && !v.listed(i) {
			return Failure{Reason: HeaderDisallowedByPreflightResponse, Parameter: name}
		}
	}
	return Failure{}
}

// headers: Fetch §cors-preflight-fetch-0 step 7.7.
func (v *preflightValidator) headers() Failure {
	star := !v.include && v.headerStar
	names, order := v.c.Headers, false
	if v.c.requestOrder != nil && v.r.ruleReportRequestOrder {
		// The names as the request's header list orders them; a name the list no longer has (WebKit's
		// stripped Authorization, ruleListStrippedAuthorization) is not among them.
		names, order = v.c.requestOrder, true
	}
	for k, name := range names {
		i := k
		if order {
			i = slices.Index(v.c.Headers, name)
		}
		if i >= 0 && v.listed(i) {
			continue
		}
		if star {
			if !fetchmode.IsCORSNonWildcardRequestHeaderName(name) {
				continue
			}
			if v.r.ruleWildcardCoversAuthorization {
				v.res.AuthorizationByWildcard = true
				continue
			}
		}
		return Failure{Reason: HeaderDisallowedByPreflightResponse, Parameter: name}
	}
	return Failure{}
}

// appendHeaderLines appends the value of every line named name to dst, in order.
func appendHeaderLines(dst []string, h fetchmode.HeaderList, name string) []string {
	for i := range h {
		if ascii.EqualFold(h[i].Name, name) {
			dst = append(dst, h[i].Value)
		}
	}
	return dst
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if ascii.EqualFold(x, s) {
			return true
		}
	}
	return false
}
