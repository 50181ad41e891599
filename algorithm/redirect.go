package algorithm

import (
	"strconv"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/origin"
)

// maxRedirects is Fetch §concept-http-redirect-fetch step 7's limit.
const maxRedirects = 20

// redirectFetch is Fetch §concept-http-redirect-fetch.
func (f *fetcher) redirectFetch(resp Response) result {
	cur := f.current()
	// Step 3: the location URL; Location is a single-value header (Fetch §concept-response-location-url).
	n := resp.Headers.Count(hLocation)
	// Step 4: no Location → the 3xx is the response.
	if n == 0 {
		if f.trace {
			f.step("fetch#concept-http-redirect-fetch step 4", "a "+strconv.Itoa(resp.Status)+" without Location", "the redirect response is the response")
		}
		return result{status: resp.Status, headers: resp.Headers, body: resp.Body}
	}
	// Step 5: failure (several Location lines, or an unparsable URL) → network error.
	if n > 1 {
		f.step("fetch#concept-http-redirect-fetch step 5", "several Location headers", "network error")
		return f.fail(InvalidRedirect, "several Location headers", cur)
	}
	loc, _ := resp.Headers.Get(hLocation)
	next, err := cur.Resolve(loc)
	if err != nil {
		if f.trace {
			f.step("fetch#concept-http-redirect-fetch step 5", "Location "+strconv.Quote(loc), "network error: "+err.Error())
		}
		return f.fail(InvalidRedirect, loc, cur)
	}
	// Fetch §concept-response-location-url step 4: no fragment → inherit the request's.
	if _, ok := next.Fragment(); !ok {
		next = next.WithFragment(cur.Fragment())
	}
	// Step 6: only HTTP(S).
	if !next.IsHTTPScheme() {
		if f.trace {
			f.step("fetch#concept-http-redirect-fetch step 6", "Location scheme "+next.Scheme(), "network error")
		}
		return f.fail(InvalidRedirect, next.StringNoFragment(), cur)
	}
	// Step 7: at most 20 redirects.
	if f.req.redirects == maxRedirects {
		f.step("fetch#concept-http-redirect-fetch step 7", "redirect count 20", "network error: too many redirects")
		return f.fail(TooManyRedirects, next.StringNoFragment(), cur)
	}
	// Step 8.
	f.req.redirects++
	// Step 9: a cors-mode request may not be redirected cross-origin to a URL with credentials.
	if f.req.mode == fetchmode.ModeCORS && next.HasCredentials() && !origin.SameOrigin(f.req.origin, next.Origin()) {
		f.step("fetch#concept-http-redirect-fetch step 9", "Location with credentials", "network error")
		return f.fail(RedirectContainsCredentials, next.String(), cur)
	}
	// Step 10: nor may a CORS-tainted one, anywhere.
	if f.req.tainting == fetchmode.TaintingCORS && next.HasCredentials() {
		f.step("fetch#concept-http-redirect-fetch step 10", "Location with credentials under cors tainting", "network error")
		return f.fail(RedirectContainsCredentials, next.String(), cur)
	}
	// Step 11: a stream body cannot be sent again (except after a 303, which drops it).
	if resp.Status != 303 && f.req.hasBody && f.req.stream {
		if f.trace {
			f.step("fetch#concept-http-redirect-fetch step 11", "a stream body and a "+strconv.Itoa(resp.Status), "network error")
		}
		return f.fail(InvalidRedirect, streamRedirectParam, cur)
	}
	// Step 12: POST → GET on 301/302, and anything but GET/HEAD → GET on 303.
	rewrite := ((resp.Status == 301 || resp.Status == 302) && f.req.method == "POST") ||
		(resp.Status == 303 && f.req.method != "GET" && f.req.method != "HEAD")
	if !rewrite && f.rules.ruleCrossOriginDeleteAsGET && f.req.method == "DELETE" &&
		!origin.SameOrigin(cur.Origin(), next.Origin()) {
		// WebKitGTK: a DELETE redirected to another origin goes on as GET, whatever the status
		// (profile rule).
		rewrite = true
	}
	if rewrite {
		if f.trace {
			f.step("fetch#concept-http-redirect-fetch step 12", strconv.Itoa(resp.Status)+" for "+f.req.method, "method becomes GET; body and request-body headers dropped")
		}
		if f.rules.ruleKeepOriginOnRewrite {
			// WebKit keeps the Origin header the request carried (profile rule).
			if o, ok := f.originHeader(cur); ok {
				f.req.keptOrigin = o
			}
		}
		f.req.method = "GET"
		f.req.hasBody = false
		f.req.stream = false
		// The use-CORS-preflight flag stays set: nothing in the standard unsets it, so the next hop is
		// preflighted again (Fetch §concept-main-fetch step 12).
		if !f.rules.ruleKeepBodyHeadersOnRedirect {
			f.deleteHeaders(fetchmode.IsRequestBodyHeaderName)
		} else if f.req.bodyContentType {
			// WebKit drops only the Content-Type it derived from the body (profile rule).
			f.deleteHeaders(func(name string) bool { return ascii.EqualFold(name, "Content-Type") })
		}
	}
	if f.req.keptOrigin != "" && !origin.SameOrigin(cur.Origin(), next.Origin()) {
		// WebKit clears the Origin it kept on a hop to another scheme, host or port
		// (NetworkDataTaskSoup::continueHTTPRedirection, clearHTTPOrigin; profile rule).
		f.req.keptOrigin = ""
	}
	// Step 13: a cross-origin hop drops Authorization.
	if !origin.SameOrigin(cur.Origin(), next.Origin()) && f.req.headers.Contains("Authorization") {
		f.step("fetch#concept-http-redirect-fetch step 13", "a cross-origin redirect", "Authorization removed")
		f.deleteHeaders(fetchmode.IsCORSNonWildcardRequestHeaderName)
		f.req.authRemoved = f.rules.ruleListStrippedAuthorization
	}
	// Step 18: append the location URL; the redirect-taint follows from the new URL list.
	f.req.urls = append(f.req.urls, next)
	if f.trace {
		f.step("fetch#concept-http-redirect-fetch step 18", strconv.Itoa(resp.Status)+" Location "+next.StringNoFragment(),
			"follow (redirect "+strconv.Itoa(f.req.redirects)+"); request origin now serializes as "+f.serializedRequestOrigin())
	}
	// Step 22: main fetch again (mainFetch's loop).
	return result{follow: true}
}

func (f *fetcher) deleteHeaders(match func(string) bool) {
	out := f.req.headers[:0]
	for i, h := range f.req.headers {
		if match(h.Name) {
			if i < f.req.uaAccept {
				f.req.uaAccept--
			}
			continue
		}
		out = append(out, h)
	}
	f.req.headers = out
}
