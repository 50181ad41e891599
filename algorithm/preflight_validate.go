package algorithm

import (
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

// PreflightResult is what a preflight response allowed.
type PreflightResult struct {
	// Methods and Headers are the parsed Access-Control-Allow-Methods and -Allow-Headers elements
	// (Methods is «Method» when the header is absent and the preflight was forced, Fetch
	// §cors-preflight-fetch-0 step 7.4).
	Methods []string
	Headers []string
	// MaxAge is how long the profile's browser caches the result; Cacheable is false when it does
	// not cache it at all (e.g. Firefox with an invalid Access-Control-Max-Age).
	MaxAge    time.Duration
	Cacheable bool
	// AuthorizationByWildcard reports that Authorization passed only through "*" (a browser rule the
	// standard forbids).
	AuthorizationByWildcard bool
	// parsed is true once both lists parsed (WebKit then caches the result even if the method or header
	// check fails).
	parsed bool
}

// ValidatePreflight validates a preflight response (Fetch §cors-preflight-fetch-0 steps 7–8) in the
// order the profile's browser checks, which decides the reason reported when a
// response has several faults. The zero Failure means the actual request may follow.
func ValidatePreflight(p Profile, c PreflightCheck, resp Response) (PreflightResult, Failure) {
	var bufs listBufs
	return validatePreflight(p.rules(), &c, &resp, &bufs)
}

// listBufs gives the parsed allow-lists room without allocating in the common case.
type listBufs struct {
	methods [8]string
	headers [8]string
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

func validatePreflight(r *rules, c *PreflightCheck, resp *Response, bufs *listBufs) (res PreflightResult, f Failure) {
	v := preflightValidator{r: r, c: c, resp: resp, include: c.Credentials == fetchmode.CredentialsInclude, res: &res, bufs: bufs}
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
	bufs    *listBufs
	// methodsParsed is set once ACAM parsed (Firefox parses it with the method check).
	methodsParsed bool
}

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

// parseMethods and parseHeaders: Fetch §cors-preflight-fetch-0 steps 7.1–7.4.
func (v *preflightValidator) parseMethods() Failure {
	if v.methodsParsed {
		return Failure{}
	}
	v.methodsParsed = true
	var lb [4]string
	lines := appendHeaderLines(lb[:0], v.resp.Headers, hACAM)
	// Fetch §cors-preflight-fetch-0 step 7.1: extract header list values.
	methods, err := grammar.AppendTokenList(v.bufs.methods[:0], hACAM, lines...)
	// Fetch §cors-preflight-fetch-0 step 7.3: failure → network error.
	if err != nil {
		return Failure{Reason: InvalidAllowMethodsPreflightResponse, Parameter: v.listParameter(err, lines)}
	}
	// Fetch §cors-preflight-fetch-0 step 7.4: an absent ACAM on a forced preflight allows the method.
	if len(lines) == 0 && v.c.Forced {
		methods = append(methods, v.c.Method)
	}
	v.res.Methods = methods
	return Failure{}
}

func (v *preflightValidator) parseHeaders() Failure {
	var lb [4]string
	lines := appendHeaderLines(lb[:0], v.resp.Headers, hACAH)
	// Fetch §cors-preflight-fetch-0 steps 7.2–7.3.
	names, err := grammar.AppendTokenList(v.bufs.headers[:0], hACAH, lines...)
	if err != nil {
		return Failure{Reason: InvalidAllowHeadersPreflightResponse, Parameter: v.listParameter(err, lines)}
	}
	v.res.Headers = names
	v.res.parsed = true
	return Failure{}
}

// listParameter is the failed parameter of an unparsable list: Firefox names the first bad token;
// Chromium and WebKit the whole value.
func (v *preflightValidator) listParameter(err error, lines []string) string {
	if le, ok := err.(*grammar.ListError); ok && v.r.ruleListParameterFirstToken {
		return le.Token
	}
	return strings.Join(lines, ", ")
}

// method: Fetch §cors-preflight-fetch-0 step 7.5.
func (v *preflightValidator) method() Failure {
	if f := v.parseMethods(); !f.OK() {
		return f
	}
	m := v.c.Method
	if fetchmode.IsCORSSafelistedMethod(m) || contains(v.res.Methods, m) {
		return Failure{}
	}
	// "*" is a wildcard only when credentials mode is not "include".
	if !v.include && contains(v.res.Methods, "*") {
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
	for _, name := range v.c.Headers {
		if fetchmode.IsCORSNonWildcardRequestHeaderName(name) && !containsFold(v.res.Headers, name) {
			return Failure{Reason: HeaderDisallowedByPreflightResponse, Parameter: name}
		}
	}
	return Failure{}
}

// headers: Fetch §cors-preflight-fetch-0 step 7.7.
func (v *preflightValidator) headers() Failure {
	star := !v.include && contains(v.res.Headers, "*")
	names := v.c.Headers
	if v.c.requestOrder != nil && v.r.ruleReportRequestOrder {
		names = v.c.requestOrder
	}
	for _, name := range names {
		if containsFold(v.res.Headers, name) {
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
