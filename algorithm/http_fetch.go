package algorithm

import (
	"slices"
	"strconv"
	"strings"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/origin"
)

// httpFetch is Fetch §concept-http-fetch: the preflight (when makePreflight and the cache does not
// cover the request), the request itself, the CORS check, CORP, and the redirect switch.
func (f *fetcher) httpFetch(makePreflight bool, unsafe []string) result {
	cur := f.current()
	// Fetch §concept-http-fetch step 4.1: a preflight when there is no method cache entry match for a
	// non-safelisted (or forced) method, or a CORS-unsafe name has no header-name cache entry match.
	if makePreflight {
		if res, ok := f.preflightIfNeeded(unsafe); !ok {
			return res
		}
	}
	// Chromium streams a request body only over HTTP/2, which it speaks only over TLS (profile rule
	// ruleStreamNeedsHTTP2); the preflight above has gone out. Fetch §concept-http-network-fetch
	// step 8.3 is the standard's rule: a body whose source is null on an HTTP/1.x connection fails.
	if f.req.stream && f.rules.ruleStreamNeedsHTTP2 && cur.Scheme() == "http" {
		f.step("fetch#concept-http-network-fetch step 8.3", "a ReadableStream body to "+f.req.href(cur),
			"Chromium sends stream bodies only over HTTP/2, which needs TLS: network error (profile rule)")
		return f.fail(StreamBodyUnsupported, alpnFailed, cur)
	}
	// Fetch §concept-http-fetch step 4.3: HTTP-network-or-cache fetch.
	sent := f.actualRequest(cur)
	resp, err := f.send(sent)
	f.v.ActualSent = err != errNameNotResolved
	if err != nil {
		if f.trace {
			f.step("fetch#concept-http-network-fetch step 8.1", err.Error(), "network error")
		}
		return f.fail(NetworkFailure, err.Error(), cur)
	}
	f.rep.status = resp.Status
	// Fetch §concept-http-fetch step 4.4: the CORS check, on every response including 3xx.
	if f.req.tainting == fetchmode.TaintingCORS {
		so := f.serializedRequestOrigin()
		fl := corsCheck(f.rules, so, f.req.creds == fetchmode.CredentialsInclude, resp.Headers)
		if f.trace {
			f.step("fetch#concept-cors-check", "Access-Control-Allow-Origin "+quoteHeader(resp.Headers, hACAO)+" against "+so+credentialsNote(f.req.creds),
				passFail(fl))
		}
		if !fl.OK() {
			f.rep.url = f.req.href(cur)
			if isRedirectStatus(resp.Status) {
				// WebKit names the redirect's target in its message.
				if loc, ok := resp.Headers.Get(hLocation); ok {
					if next, err := cur.Resolve(loc); err == nil {
						f.rep.redirectTo = next.StringNoFragment()
					}
				}
			}
			return result{failure: fl}
		}
	}
	// Fetch §concept-http-fetch step 5: Cross-Origin-Resource-Policy for opaque responses.
	if f.req.tainting == fetchmode.TaintingOpaque {
		if fl := f.corpCheck(cur, resp.Headers); !fl.OK() {
			f.rep.url = f.req.href(cur)
			return result{failure: fl}
		}
	}
	// Fetch §concept-http-fetch step 6: redirect statuses.
	if isRedirectStatus(resp.Status) {
		switch f.req.redirect {
		case fetchmode.RedirectError:
			// Fetch §concept-http-fetch step 6.2, "error".
			if f.trace {
				f.step("fetch#concept-http-fetch step 6.2", "a "+strconv.Itoa(resp.Status)+" with redirect mode error", "network error")
			}
			return f.fail(RedirectModeError, f.req.href(cur), cur)
		case fetchmode.RedirectManual:
			// Fetch §concept-http-fetch step 6.2, "manual": an opaque-redirect filtered response.
			if f.trace {
				f.step("fetch#concept-http-fetch step 6.2", "a "+strconv.Itoa(resp.Status)+" with redirect mode manual", "opaque-redirect response")
			}
			return result{status: resp.Status, headers: resp.Headers, body: resp.Body, opaqueRedirect: true}
		default:
			return f.redirectFetch(resp)
		}
	}
	return result{status: resp.Status, headers: resp.Headers, body: resp.Body}
}

// preflightIfNeeded consults the cache and, on a miss, sends and validates the preflight
// (Fetch §cors-preflight-fetch-0). ok is false when the fetch must end with res.
func (f *fetcher) preflightIfNeeded(unsafe []string) (res result, ok bool) {
	methodNeeds := !fetchmode.IsCORSSafelistedMethod(f.req.method) || f.req.forced
	// sticky: only Firefox's preflight-after-redirect rule asks for this preflight, which no cache
	// entry can make unnecessary.
	sticky := !methodNeeds && len(unsafe) == 0
	include := f.req.creds == fetchmode.CredentialsInclude
	var key cache.Key
	if f.cache != nil {
		key = f.cacheKey(true)
	} else {
		key.Origin = f.preflightOrigin()
	}
	if f.cache != nil && !sticky && !f.rules.ruleBypassCacheModes.has(f.req.cacheMode) {
		q := cache.Query{Method: f.req.method, UnsafeHeaders: unsafe, Credentials: include, Forced: f.req.forced}
		if f.cache.Lookup(key, q, f.now) {
			f.v.Preflights = append(f.v.Preflights, Preflight{CacheHit: true})
			if f.trace {
				f.step("fetch#concept-http-fetch step 4.1", "cache entries for "+key.Origin+" "+key.URL, "cache hit: no preflight")
			}
			return result{}, true
		}
		if f.trace {
			f.step("fetch#concept-http-fetch step 4.1", "cache entries for "+key.Origin+" "+key.URL, "no usable entry: send a preflight")
		}
	}
	cur := f.current()
	pre := f.preflightRequest(cur, key.Origin, unsafe)
	check := PreflightCheck{Origin: key.Origin, Method: f.req.method, Headers: unsafe, Credentials: f.req.creds,
		Forced: f.req.forced, requestOrder: f.requestOrderUnsafe(unsafe)}
	record := Preflight{Sent: true}
	// Fetch §cors-preflight-fetch-0 step 6: HTTP-network-or-cache fetch (no redirects followed).
	resp, err := f.send(pre)
	if err != nil {
		record.Sent = err != errNameNotResolved
		f.v.Preflights = append(f.v.Preflights, record)
		f.rep.inPreflight = true
		return f.fail(NetworkFailure, err.Error(), cur), false
	}
	f.rep.status = resp.Status
	pr, fl := validatePreflight(f.rules, &check, &resp)
	if f.trace {
		f.step("fetch#cors-preflight-fetch-0 step 7", "preflight response "+strconv.Itoa(resp.Status)+" with "+
			"Access-Control-Allow-Origin "+quoteHeader(resp.Headers, hACAO)+", -Allow-Methods "+quoteHeader(resp.Headers, hACAM)+
			", -Allow-Headers "+quoteHeader(resp.Headers, hACAH), passFail(fl))
	}
	// WebKit stores a result whose lists parsed even when it rejects this request (profile rule).
	store := fl.OK() || (f.rules.cachePolicy.StoreRejected && pr.parsed &&
		(fl.Reason == MethodDisallowedByPreflightResponse || fl.Reason == HeaderDisallowedByPreflightResponse))
	if store && !fl.OK() {
		var lb [2]string
		pr.MaxAge, pr.Cacheable = f.rules.cachePolicy.MaxAge(appendHeaderLines(lb[:0], resp.Headers, hACMA))
	}
	// Fetch §cors-preflight-fetch-0 steps 7.11–7.15: create or refresh cache entries.
	if store && pr.Cacheable && f.cache != nil && !f.rules.ruleNoStoreCacheModes.has(f.req.cacheMode) {
		methods := pr.appendMethods(f.buf.methods[:0], true)
		headers := pr.appendHeaders(f.buf.allowed[:0], true)
		f.cache.Store(key, cache.Result{Methods: methods, Headers: headers, Credentials: include, MaxAge: pr.MaxAge}, f.now)
		ms := pr.MaxAge.Milliseconds()
		record.LifetimeMS = f.store.lifetime(ms)
		if f.trace {
			f.step("fetch#cors-preflight-fetch-0 step 7.13", "max-age "+pr.MaxAge.String(), "cache entries stored for "+key.URL)
		}
	}
	f.v.Preflights = append(f.v.Preflights, record)
	if !fl.OK() {
		f.rep.inPreflight = true
		f.rep.url = f.req.href(cur)
		return result{failure: fl}, false
	}
	if pr.AuthorizationByWildcard {
		f.warn(WarnAuthorizationCoveredByWildcard,
			"Authorization was allowed only by Access-Control-Allow-Headers: *; the Fetch standard does not let * cover it, and browsers plan to stop")
	}
	return result{}, true
}

// cacheKey is the preflight-cache key of the request at its current URL (Fetch §concept-cache-create-entry).
func (f *fetcher) cacheKey(forPreflight bool) cache.Key {
	so := f.serializedRequestOrigin()
	if forPreflight {
		so = f.preflightOrigin()
	}
	return cache.Key{Partition: f.partition(), Origin: so, URL: f.req.href(f.current())}
}

// partition is the network partition key's top-level site (HTML §obtain-a-site, serialized).
func (f *fetcher) partition() string {
	top := f.req.top
	if !top.IsValid() {
		top = f.req.origin
	}
	if top.IsOpaque() {
		return "null"
	}
	if rd := top.RegistrableDomain(); rd != "" {
		return top.Scheme() + "://" + rd
	}
	return top.Scheme() + "://" + top.Host()
}

// preflightRequest builds the preflight (Fetch §cors-preflight-fetch-0 steps 1–5 and the Origin
// header of §append-a-request-origin-header).
func (f *fetcher) preflightRequest(cur origin.URL, serializedOrigin string, unsafe []string) SentRequest {
	h := f.store.headerList(3)
	h = append(h, fetchmode.Header{Name: hOrigin, Value: serializedOrigin})
	// Fetch §cors-preflight-fetch-0 step 3.
	h = append(h, fetchmode.Header{Name: hACRM, Value: f.req.method})
	// Fetch §cors-preflight-fetch-0 steps 4–5: names joined with "," and no space.
	if len(unsafe) > 0 {
		h = append(h, fetchmode.Header{Name: hACRH, Value: strings.Join(unsafe, ",")})
	}
	if f.trace {
		f.step("fetch#cors-preflight-fetch-0 steps 1-5", "OPTIONS "+f.req.href(cur),
			"send Origin: "+serializedOrigin+", Access-Control-Request-Method: "+f.req.method+acrhNote(unsafe)+"; no credentials")
	}
	return SentRequest{Method: "OPTIONS", URL: f.req.href(cur), Headers: h, Preflight: true}
}

func acrhNote(unsafe []string) string {
	if len(unsafe) == 0 {
		return ""
	}
	return ", Access-Control-Request-Headers: " + strings.Join(unsafe, ",")
}

// requestOrderUnsafe lists the unsafe names in the order the request's header list has them.
func (f *fetcher) requestOrderUnsafe(unsafe []string) []string {
	if len(unsafe) < 2 || !f.rules.ruleReportRequestOrder {
		return nil
	}
	out := f.buf.order[:0]
	for _, h := range f.req.headers {
		// unsafe holds lower-case names: keep unsafe's copy, so no name is lowercased again.
		if i := slices.IndexFunc(unsafe, func(n string) bool { return ascii.EqualFold(n, h.Name) }); i >= 0 && !contains(out, unsafe[i]) {
			out = append(out, unsafe[i])
		}
	}
	// A name the header list no longer has (WebKit's stripped Authorization,
	// ruleListStrippedAuthorization) is still validated: WebKit checks every name it listed in
	// Access-Control-Request-Headers (probe-stripped-auth-*). It comes after the others.
	for _, n := range unsafe {
		if !contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// actualRequest is the request as HTTP-network-or-cache fetch sends it (Fetch
// §concept-http-network-or-cache-fetch step 8): the script's headers, the Origin header, and whether
// credentials go along.
func (f *fetcher) actualRequest(cur origin.URL) SentRequest {
	h := f.store.headerList(len(f.req.headers) + 1)
	for i, hd := range f.req.headers {
		if i != f.req.uaAccept {
			if f.rules.ruleUTF8HeaderValues {
				hd.Value = latin1ToUTF8(hd.Value)
			}
			h = append(h, hd)
		}
	}
	// Fetch §concept-http-network-or-cache-fetch step 8.12: append a request Origin header.
	if o, ok := f.originHeader(cur); ok {
		h = append(h, fetchmode.Header{Name: hOrigin, Value: o})
	}
	// Fetch §concept-http-network-or-cache-fetch step 8.3: includeCredentials.
	creds := f.req.creds == fetchmode.CredentialsInclude ||
		(f.req.creds == fetchmode.CredentialsSameOrigin && f.req.tainting == fetchmode.TaintingBasic)
	if f.trace {
		f.step("fetch#concept-http-network-or-cache-fetch step 8", f.req.method+" "+f.req.href(cur),
			"send the request"+originNote(h)+credsWord(creds))
	}
	return SentRequest{Method: f.req.method, URL: f.req.href(cur), Headers: h, Credentials: creds}
}

// latin1ToUTF8 encodes each byte of s at or above 0x80, a code point of a ByteString, as UTF-8.
func latin1ToUTF8(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			b := make([]byte, 0, len(s)+8)
			for j := 0; j < len(s); j++ {
				if c := s[j]; c < 0x80 {
					b = append(b, c)
				} else {
					b = append(b, 0xC0|c>>6, 0x80|c&0x3F)
				}
			}
			return string(b)
		}
	}
	return s
}

func originNote(h fetchmode.HeaderList) string {
	if o, ok := h.Get(hOrigin); ok {
		return " with Origin: " + o
	}
	return " without an Origin header"
}

func credsWord(b bool) string {
	if b {
		return "; credentials included"
	}
	return "; no credentials"
}

// originHeader is Fetch §append-a-request-origin-header.
func (f *fetcher) originHeader(cur origin.URL) (string, bool) {
	// Step 2: the byte-serialized request origin.
	so := f.serializedRequestOrigin()
	// Step 3: CORS tainting always sends it.
	if f.req.tainting == fetchmode.TaintingCORS {
		return so, true
	}
	// Step 4: otherwise only for methods other than GET and HEAD.
	if f.req.method == "GET" || f.req.method == "HEAD" {
		if f.req.keptOrigin != "" {
			// WebKit: the Origin header from before a redirect made this a GET (profile rule).
			return f.req.keptOrigin, true
		}
		return "", false
	}
	// Step 4.1: a mode other than cors consults the referrer policy; the default,
	// strict-origin-when-cross-origin, sends "null" from an https origin to a non-https URL.
	if f.req.mode != fetchmode.ModeCORS && f.req.origin.Scheme() == "https" && cur.Scheme() != "https" {
		so = "null"
	}
	return so, true
}

func (f *fetcher) send(req SentRequest) (Response, error) {
	if f.req.unresolvable != "" {
		f.step("fetch#concept-http-network-fetch step 7", "the host of "+f.req.unresolvable,
			"Chromium escaped a space in it; no such name resolves: network error (profile rule)")
		return Response{}, errNameNotResolved
	}
	f.v.ServerSaw = append(f.v.ServerSaw, req)
	if f.resp == nil {
		return Response{Status: 404}, nil
	}
	return f.resp.Respond(req)
}

func (f *fetcher) warn(id, detail string) {
	for _, w := range f.v.Warnings {
		if w.ID == id {
			return
		}
	}
	f.v.Warnings = append(f.v.Warnings, Warning{ID: id, Detail: detail})
}

func quoteHeader(h fetchmode.HeaderList, name string) string {
	v, ok := h.Get(name)
	if !ok {
		return "(absent)"
	}
	return strconv.Quote(v)
}

func credentialsNote(c fetchmode.Credentials) string {
	if c == fetchmode.CredentialsInclude {
		return " with credentials mode include"
	}
	return ""
}

func passFail(fl Failure) string {
	if fl.OK() {
		return "pass"
	}
	if fl.Parameter != "" {
		return "fail: " + string(fl.Reason) + " (" + fl.Parameter + ")"
	}
	return "fail: " + string(fl.Reason)
}
