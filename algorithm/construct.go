package algorithm

import (
	"strings"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/origin"
)

// jsErrorKind says which Request-constructor check threw, for the console message.
type jsErrorKind uint8

const (
	jsNoOrigin jsErrorKind = iota + 1
	jsBadURL
	jsCredentialsInURL
	jsBadEnum
	jsNavigateMode
	jsOnlyIfCached
	jsBadMethod
	jsForbiddenMethod
	jsNoCORSMethod
	jsBadHeaderName
	jsBadHeaderValue
	jsBodyWithGetHead
	jsStreamMode
)

// construct is the Request constructor (Fetch §dom-request) and fetch() (Fetch §dom-global-fetch
// step 2) as far as CORS is concerned: everything that throws a TypeError, the method's
// normalization, and the header list as the Headers object's guard builds it.
func (f *fetcher) construct(req *Request) Failure {
	if !req.Origin.IsValid() {
		return f.jsFail(jsNoOrigin, "")
	}
	f.req.origin, f.req.top = req.Origin, req.TopLevel
	// Fetch §dom-request steps 16–22: IDL enumerations reject unknown values.
	if !req.Mode.IsValid() || !req.Credentials.IsValid() || !req.Redirect.IsValid() || !req.Cache.IsValid() {
		return f.jsFail(jsBadEnum, "")
	}
	f.req.mode, f.req.creds, f.req.redirect, f.req.cacheMode = req.Mode, req.Credentials, req.Redirect, req.Cache
	// Fetch §dom-request step 5.1–5.2: parse the URL against the page (the API base URL).
	u, err := origin.ParseURL(req.URL)
	if err != nil {
		base, berr := origin.ParseURL(req.Origin.String() + "/")
		if berr == nil && !req.Origin.IsOpaque() {
			u, err = base.Resolve(req.URL)
		}
	}
	if err != nil {
		esc, stand, ok := escapeSpaceInHost(req.URL, req.Origin)
		if !ok || !f.rules.ruleEscapeSpaceInHost {
			return f.jsFail(jsBadURL, req.URL)
		}
		// Chromium escapes the space instead of failing (profile rule): the fetch goes on and fails
		// where it would resolve the name (fetcher.send). stand parses, and stands in for the URL.
		u, f.req.unresolvable = stand, esc
	}
	// Fetch §dom-request step 5.3: a URL with credentials throws.
	if u.HasCredentials() {
		return f.jsFail(jsCredentialsInURL, u.String())
	}
	f.req.urls = append(f.buf.urls[:0], u)
	// Fetch §dom-request step 17: "navigate" cannot be set from script; "websocket" is not a
	// RequestMode at all.
	if f.req.mode == fetchmode.ModeNavigate || f.req.mode == fetchmode.ModeWebSocket {
		return f.jsFail(jsNavigateMode, f.req.mode.String())
	}
	// Fetch §dom-request step 21: only-if-cached needs mode same-origin.
	if f.req.cacheMode == fetchmode.CacheOnlyIfCached && f.req.mode != fetchmode.ModeSameOrigin {
		return f.jsFail(jsOnlyIfCached, f.req.mode.String())
	}
	// Fetch §dom-request step 25: a method must be a token and not forbidden; then it is normalized.
	m := req.Method
	if m == "" {
		m = "GET"
	}
	if !fetchmode.IsMethod(m) {
		return f.jsFail(jsBadMethod, m)
	}
	if fetchmode.IsForbiddenMethod(m) {
		return f.jsFail(jsForbiddenMethod, m)
	}
	f.req.method = fetchmode.NormalizeMethod(m)
	// Fetch §dom-request step 32: no-cors allows only CORS-safelisted methods.
	if f.req.mode == fetchmode.ModeNoCORS && !fetchmode.IsCORSSafelistedMethod(f.req.method) {
		return f.jsFail(jsNoCORSMethod, f.req.method)
	}
	// Fetch §dom-request step 33: fill the headers through the guard.
	f.req.headers = f.buf.headers[:0]
	for _, h := range req.Headers {
		if fl := f.appendHeader(h.Name, h.Value); !fl.OK() {
			return fl
		}
	}
	body, stream := req.Body, req.StreamBody
	if stream && f.rules.ruleStreamBodyAsString {
		// Firefox sends a ReadableStream as the string "[object ReadableStream]" (profile rule).
		s := "[object ReadableStream]"
		body, stream = &s, false
	}
	f.req.hasBody = body != nil || stream
	f.req.stream = stream
	// Fetch §dom-request step 35: GET and HEAD cannot have a body.
	if f.req.hasBody && (f.req.method == "GET" || f.req.method == "HEAD") {
		return f.jsFail(jsBodyWithGetHead, f.req.method)
	}
	// Fetch §dom-request step 37.4: a string body brings Content-Type text/plain;charset=UTF-8 unless
	// script set one (appended directly, not through the guard).
	if body != nil && !stream && !f.req.headers.Contains("Content-Type") {
		f.req.headers = append(f.req.headers, fetchmode.Header{Name: "Content-Type", Value: "text/plain;charset=UTF-8"})
		f.req.bodyContentType = true
	}
	// WebKit rejects a stream body later, as a network error, whatever the mode (profile rule).
	if stream && f.rules.ruleStreamBodyUnsupported {
		f.req.streamFail = true
		stream = false
	}
	// Fetch §dom-request step 39: a stream body needs mode same-origin or cors, and forces a preflight.
	if stream {
		if f.req.mode != fetchmode.ModeSameOrigin && f.req.mode != fetchmode.ModeCORS {
			return f.jsFail(jsStreamMode, f.req.mode.String())
		}
		f.req.forced = true
	}
	if f.trace {
		f.step("fetch#dom-request", f.req.method+" "+f.req.href(u)+" mode "+f.req.mode.String()+
			", credentials "+f.req.creds.String()+", redirect "+f.req.redirect.String(), "the Request constructor accepts the call")
	}
	return Failure{}
}

// appendHeader is Fetch §concept-headers-append with guard "request" or "request-no-cors".
func (f *fetcher) appendHeader(name, value string) Failure {
	// Step 1: normalize the value.
	value = fetchmode.NormalizeHeaderValue(value)
	// Fetch §headers-validate step 1: an invalid name or value throws.
	if !fetchmode.IsHeaderName(name) {
		return f.jsFail(jsBadHeaderName, name)
	}
	if !fetchmode.IsHeaderValue(value) {
		return f.jsFail(jsBadHeaderValue, name)
	}
	// Fetch §headers-validate step 3: a forbidden request-header is ignored silently.
	if fetchmode.IsForbiddenRequestHeader(name, value) {
		if f.trace {
			f.step("fetch#headers-validate step 3", "header "+name, "forbidden request-header: dropped silently")
		}
		return Failure{}
	}
	// Chromium still drops User-Agent and Access-Control-Request-Private-Network (profile rule).
	if f.rules.ruleForbidUserAgent && (ascii.EqualFold(name, "User-Agent") || ascii.EqualFold(name, "Access-Control-Request-Private-Network")) {
		if f.trace {
			f.step("fetch#headers-validate step 3", "header "+name, "Chromium treats it as forbidden: dropped (profile rule)")
		}
		return Failure{}
	}
	if f.req.mode == fetchmode.ModeNoCORS {
		// Fetch §concept-headers-append step 3: the combined value must stay no-CORS-safelisted.
		temp := value
		if old, ok := f.req.headers.Get(name); ok {
			temp = old + ", " + value
		}
		if !fetchmode.IsNoCORSSafelistedRequestHeader(name, temp) {
			if f.trace {
				f.step("fetch#concept-headers-append step 3", "header "+name+" in no-cors mode", "not no-CORS-safelisted: dropped silently")
			}
			return Failure{}
		}
	}
	// Step 4.
	f.req.headers.Append(name, value)
	// Step 5: no-cors removes privileged no-CORS request-headers (Range).
	if f.req.mode == fetchmode.ModeNoCORS {
		f.deleteHeaders(fetchmode.IsPrivilegedNoCORSRequestHeaderName)
	}
	return Failure{}
}

func (f *fetcher) jsFail(kind jsErrorKind, param string) Failure {
	f.rep.jsKind = kind
	if f.trace {
		f.step("fetch#dom-request", jsDetail(kind, param, f.req.mode), "TypeError: fetch() rejects and nothing is sent")
	}
	return Failure{Reason: InvalidRequest, Parameter: param}
}

// standInSuffix ends the host of the URL that stands in for one whose host held a space: ".invalid"
// never resolves (RFC 6761), so no page or server a scenario could really reach has that host, and
// the stand-in is cross-origin to all of them.
const standInSuffix = ".corsim-escaped-space.invalid"

// escapeSpaceInHost reports whether raw is an http(s) URL, absolute or scheme-relative (resolved
// against page's scheme), without userinfo and with an ASCII host, that fails to parse only because
// its host holds spaces. It returns the URL as Chromium serializes it (each space in the host as
// "%20") and a parsed stand-in whose host has "!" for each space and ends in standInSuffix.
func escapeSpaceInHost(raw string, page origin.Origin) (escaped string, stand origin.URL, ok bool) {
	const placeholder = "!"
	s := strings.TrimFunc(raw, func(r rune) bool { return r <= ' ' })
	var scheme, rest string
	if i := strings.IndexByte(s, ':'); i > 0 && (strings.EqualFold(s[:i], "http") || strings.EqualFold(s[:i], "https")) {
		scheme, rest = strings.ToLower(s[:i]), s[i+1:]
	} else if strings.HasPrefix(s, "//") || strings.HasPrefix(s, "\\\\") || strings.HasPrefix(s, "/\\") || strings.HasPrefix(s, "\\/") {
		if !page.IsValid() || page.IsOpaque() || (page.Scheme() != "http" && page.Scheme() != "https") {
			return "", origin.URL{}, false
		}
		scheme, rest = page.Scheme(), s
	} else {
		return "", origin.URL{}, false
	}
	// A special URL's authority starts after any run of slashes and backslashes, even an empty one
	// (URL §special-authority-ignore-slashes-state).
	rest = strings.TrimLeft(rest, "/\\")
	end := strings.IndexAny(rest+"/", "/?#\\")
	host := rest[:end]
	if c := strings.IndexByte(host, ':'); c >= 0 {
		host = host[:c]
	}
	if !strings.Contains(host, " ") || strings.Trim(host, " ") == "" || strings.ContainsAny(host, "@%"+placeholder) {
		return "", origin.URL{}, false
	}
	for j := 0; j < len(host); j++ {
		if host[j] >= 0x80 {
			return "", origin.URL{}, false
		}
	}
	stand, err := origin.ParseURL(scheme + "://" + strings.ReplaceAll(host, " ", placeholder) + standInSuffix + rest[len(host):])
	if err != nil || stand.HasCredentials() {
		return "", origin.URL{}, false
	}
	h := stand.Host()
	href := stand.StringNoFragment()
	at := strings.Index(href, h)
	if at < 0 || !strings.HasSuffix(h, standInSuffix) {
		return "", origin.URL{}, false
	}
	esc := strings.ReplaceAll(strings.TrimSuffix(h, standInSuffix), placeholder, "%20")
	return href[:at] + esc + href[at+len(h):], stand, true
}
