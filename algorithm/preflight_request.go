package algorithm

import (
	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

// NeedsPreflight reports whether fetch(req) would begin with a CORS preflight to req.URL: the request
// takes the CORS path (cross-origin, mode cors, an http(s) URL that is not blocked) and has a
// non-safelisted method, CORS-unsafe request headers, or a stream body, and opts.Cache (when set) holds
// no entries that cover it (Fetch §concept-main-fetch step 12 and §concept-http-fetch step 4.1).
// A request the Request constructor rejects needs no preflight. Looking up the cache may erase
// entries that a profile's cache erases on a miss, as the browser's would.
func NeedsPreflight(req Request, opts Options) bool {
	f, unsafe, ok := firstHop(&req, &opts)
	if !ok {
		return false
	}
	if opts.Cache != nil && !f.rules.ruleBypassCacheModes.has(f.req.cacheMode) {
		q := cache.Query{Method: f.req.method, UnsafeHeaders: unsafe, Credentials: f.req.creds == fetchmode.CredentialsInclude, Forced: f.req.forced}
		if opts.Cache.Lookup(f.cacheKey(true), q, f.now) {
			return false
		}
	}
	return true
}

// PreflightRequest returns the preflight fetch(req) would send first, ignoring any cache: OPTIONS to
// the request URL with Origin, Access-Control-Request-Method (the normalized method) and, when there
// are CORS-unsafe request-header names, Access-Control-Request-Headers (lower-cased, sorted, unique,
// joined with "," and no space), and no credentials (Fetch §cors-preflight-fetch-0 steps 1–5). ok is
// false when no preflight would be sent.
func PreflightRequest(req Request, opts Options) (pre SentRequest, ok bool) {
	f, unsafe, ok := firstHop(&req, &opts)
	if !ok {
		return SentRequest{}, false
	}
	return f.preflightRequest(f.current(), f.preflightOrigin(), unsafe), true
}

// firstHop runs the constructor and main fetch's decision for the first URL, without sending
// anything. ok reports that the request takes the preflight path.
func firstHop(req *Request, opts *Options) (f *fetcher, unsafe []string, ok bool) {
	o := *opts
	o.Trace = false
	f = newFetcher(nil, &o)
	if fl := f.construct(req); !fl.OK() {
		return f, nil, false
	}
	f.initialize()
	cur := f.current()
	if _, blocked := f.blockBadPort(cur); blocked || f.req.streamFail {
		return f, nil, false
	}
	if _, blocked := f.blockMixedContent(cur); blocked {
		return f, nil, false
	}
	if origin.SameOrigin(cur.Origin(), f.req.origin) || cur.Scheme() == "data" ||
		f.req.mode != fetchmode.ModeCORS || !cur.IsHTTPScheme() {
		return f, nil, false
	}
	unsafe = f.unsafeNames()
	if !f.req.forced && fetchmode.IsCORSSafelistedMethod(f.req.method) && len(unsafe) == 0 {
		return f, nil, false
	}
	f.req.tainting = fetchmode.TaintingCORS
	return f, unsafe, true
}
