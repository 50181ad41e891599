package algorithm

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/origin"
)

// Fetch simulates fetch(req) in the page req.Origin, as the profile in opts does it: it builds the
// request as the Request constructor would (or reports the TypeError it would throw), decides on and
// sends a preflight, sends the actual request and follows redirects through r, runs every CORS check,
// and filters the response to what script may read. It is pure: all I/O goes through r, time comes
// from opts.Clock, and state lives only in opts.Cache. It never panics.
func Fetch(req Request, r Responder, opts Options) Verdict {
	f := fetcherPool.Get().(*fetcher)
	f.init(r, &opts)
	f.run(&req)
	v := f.v
	fetcherPool.Put(f)
	return v
}

// fetcherPool recycles fetchers, whose scratch space makes them large. A fetcher holds nothing a
// verdict refers to: the verdict's own slices live in a verdictStore. init resets all but the
// scratch arrays, which each use overwrites; what they still reference when a fetcher goes back is
// dropped with the pool's contents at the next garbage collections.
var fetcherPool = sync.Pool{New: func() any { return new(fetcher) }}

// verdictStore is where a verdict's slices start: one allocation for the common fetch (a preflight
// and an actual request with a few headers each, a few visible header names). Each slice is carved
// with its capacity capped, so growing one never overwrites another; a fetch that needs more
// allocates more.
type verdictStore struct {
	saw        [2]SentRequest
	preflights [1]Preflight
	lifetimes  [1]int64
	headers    [12]fetchmode.Header
	visible    [6]string
	usedHdrs   int
	usedLife   int
}

// headerList returns an empty header list with room for n headers.
func (s *verdictStore) headerList(n int) fetchmode.HeaderList {
	if i := s.usedHdrs; i+n <= len(s.headers) {
		s.usedHdrs += n
		return s.headers[i : i : i+n]
	}
	return make(fetchmode.HeaderList, 0, n)
}

// lifetime returns a pointer to a new int64 holding ms.
func (s *verdictStore) lifetime(ms int64) *int64 {
	if s.usedLife < len(s.lifetimes) {
		p := &s.lifetimes[s.usedLife]
		s.usedLife++
		*p = ms
		return p
	}
	return &ms
}

// fetcher is one fetch in progress. It holds the environment the fetch runs in (the profile's rules,
// the responder, the preflight cache, the clock), the verdict being built, and three values split by
// role: the request being fetched, the facts a failure's console message is made from, and scratch
// space that saves allocations.
type fetcher struct {
	rules *rules
	resp  Responder
	cache *cache.Cache
	now   time.Time
	trace bool
	v     Verdict

	req   request
	rep   failureReport
	buf   scratch
	store *verdictStore
}

// request is the request as the algorithm mutates it (Fetch §concept-request), and what the profile
// rules remember of its history.
type request struct {
	origin    origin.Origin // the request's origin (Fetch §concept-request-origin)
	top       origin.Origin // the top-level page's origin
	serOrigin string        // origin's serialization, computed once
	method    string
	headers   fetchmode.HeaderList // Fetch §concept-request-header-list
	uaAccept  int                  // index of the Accept header the UA appended, or -1
	hasBody   bool
	stream    bool
	forced    bool // the use-CORS-preflight flag
	mode      fetchmode.Mode
	creds     fetchmode.Credentials
	redirect  fetchmode.Redirect
	cacheMode fetchmode.CacheMode
	tainting  fetchmode.Tainting
	urls      []origin.URL // Fetch §concept-request-url-list
	redirects int          // Fetch §concept-request-redirect-count

	// unresolvable is the URL as Chromium serializes it when its host held a space
	// (ruleEscapeSpaceInHost). urls[0] is then a parsed stand-in with a host that never resolves;
	// href shows the escaped URL wherever the stand-in would show, and send fails before anything
	// goes out, so there is never a second URL.
	unresolvable string

	// History the profile rules need.
	// everUnsafe: the request as script made it had a non-safelisted method or header, or a stream
	// body (rulePreflightAfterRedirect). Redirects only remove headers and turn methods into GET, so
	// any hop that needed a preflight implies it.
	everUnsafe bool
	// authRemoved: a cross-origin redirect removed Authorization (ruleListStrippedAuthorization).
	authRemoved bool
	// keptOrigin is the Origin header a request carried when a redirect made it a GET
	// (ruleKeepOriginOnRewrite).
	keptOrigin string
	// bodyContentType: the Content-Type came from the body, not from script
	// (ruleKeepBodyHeadersOnRedirect).
	bodyContentType bool
	// streamFail: the profile's browser cannot send this stream body (ruleStreamBodyUnsupported).
	streamFail bool
}

// current is the request's current URL (Fetch §concept-request-current-url).
func (r *request) current() origin.URL { return r.urls[len(r.urls)-1] }

// href is u serialized without its fragment, as every message and trace line shows a URL; the
// stand-in for an unresolvable URL shows as that URL.
func (r *request) href(u origin.URL) string {
	if r.unresolvable != "" && u.String() == r.urls[0].String() {
		return r.unresolvable
	}
	return u.StringNoFragment()
}

// scratch is room the fetch fills before it allocates.
type scratch struct {
	methods [8]string // a preflight's allowed methods, for the cache
	allowed [8]string // a preflight's allowed header names, for the cache
	unsafe  [8]string
	order   [8]string // the unsafe names in request order
	urls    [2]origin.URL
	headers [8]fetchmode.Header
}

// result is the response main fetch hands back: a network error, or a (possibly opaque-redirect)
// response.
type result struct {
	failure        Failure
	status         int
	headers        fetchmode.HeaderList
	body           string
	opaqueRedirect bool
	// follow: the response was a redirect to follow; main fetch runs again for the new URL.
	follow bool
}

func (res *result) isNetworkError() bool { return !res.failure.OK() }

func newFetcher(r Responder, opts *Options) *fetcher {
	f := new(fetcher)
	f.init(r, opts)
	return f
}

// init readies a fetcher, new or used, for one fetch.
func (f *fetcher) init(r Responder, opts *Options) {
	f.v, f.req, f.rep = Verdict{}, request{}, failureReport{}
	f.now = time.Time{}
	f.rules = opts.Profile.rules()
	f.resp = r
	f.cache = opts.Cache
	f.trace = opts.Trace
	f.req.uaAccept = -1
	if opts.Clock != nil {
		f.now = opts.Clock()
	}
	f.store = new(verdictStore)
	f.v.ServerSaw = f.store.saw[:0:len(f.store.saw)]
	f.v.VisibleHeaders = f.store.visible[:0:0]
	f.v.Preflights = f.store.preflights[:0:len(f.store.preflights)]
	f.v.ResponseType = TypeError
}

func (f *fetcher) run(req *Request) {
	if fail := f.construct(req); !fail.OK() {
		f.v.Outcome = JSError
		f.reject(fail)
		return
	}
	f.initialize()
	var res result
	if f.req.streamFail {
		f.step("fetch#dom-global-fetch", "a ReadableStream request body", "WebKit cannot send it: network error (profile rule)")
		res = f.fail(StreamBodyUnsupported, "ReadableStream", f.current())
	} else {
		res = f.mainFetch()
	}
	f.finish(&res)
}

// initialize is Fetch §concept-fetch steps 4 and 12: the origin comes from the client, and the UA
// appends Accept: */* when script set none (it counts toward the safelist's 1024-byte budget).
func (f *fetcher) initialize() {
	f.req.serOrigin = f.req.origin.String()
	// Fetch §concept-fetch step 12.1–12.4: destination "" keeps */*.
	if !f.req.headers.Contains("Accept") {
		f.req.uaAccept = len(f.req.headers)
		f.req.headers = append(f.req.headers, fetchmode.Header{Name: "Accept", Value: "*/*"})
		f.step("fetch#concept-fetch step 12", "no Accept header", "the user agent appends Accept: */*")
	}
	if f.rules.rulePreflightAfterRedirect {
		f.req.everUnsafe = f.req.forced || !fetchmode.IsCORSSafelistedMethod(f.req.method) || len(f.unsafeNames()) > 0
	}
}

func (f *fetcher) current() origin.URL { return f.req.current() }

// mainFetch is Fetch §concept-main-fetch, which HTTP-redirect fetch calls again for every followed
// redirect (Fetch §concept-http-redirect-fetch step 22): a loop here, one mainFetchHop per URL.
func (f *fetcher) mainFetch() result {
	// Levels that took the preflight path; each clears the cache when the fetch ends in a network
	// error (Fetch §concept-main-fetch step 12.3), innermost first, as the recursion unwinds.
	pending := 0
	for {
		res, preflighted := f.mainFetchHop()
		if preflighted {
			pending++
		}
		if !res.follow {
			for ; pending > 0; pending-- {
				f.clearAfterFailure(&res)
			}
			return res
		}
	}
}

// clearAfterFailure is Fetch §concept-main-fetch step 12.3: a network error clears the request's
// cache entries.
func (f *fetcher) clearAfterFailure(res *result) {
	if res.isNetworkError() && f.cache != nil && f.rules.cachePolicy.ClearsOnFailure() {
		f.cache.Clear(f.cacheKey(false))
		if f.trace {
			f.step("fetch#concept-main-fetch step 12.3", "the CORS-with-preflight fetch failed", "clear cache entries for "+f.req.href(f.current()))
		}
	}
}

// mainFetchHop is Fetch §concept-main-fetch steps 7 and 12 for the current URL (the checks that
// refuse a request outright, and the tainting decision). preflighted reports that it took the
// CORS-with-preflight path; res.follow that a redirect is to be followed.
func (f *fetcher) mainFetchHop() (res result, preflighted bool) {
	cur := f.current()
	// Fetch §concept-main-fetch step 7: bad port and mixed content, in the profile's order.
	if f.rules.ruleMixedContentFirst {
		if res, blocked := f.blockMixedContent(cur); blocked {
			return res, false
		}
	}
	if res, blocked := f.blockBadPort(cur); blocked {
		return res, false
	}
	if res, blocked := f.blockMixedContent(cur); blocked {
		return res, false
	}
	sameOrigin := origin.SameOrigin(cur.Origin(), f.req.origin)
	switch {
	// Fetch §concept-main-fetch step 12, case "same origin and tainting basic", or a data: URL.
	case sameOrigin && f.req.tainting == fetchmode.TaintingBasic, cur.Scheme() == "data":
		f.req.tainting = fetchmode.TaintingBasic
		f.step("fetch#concept-main-fetch step 12", "same origin, or a data: URL", "tainting basic; scheme fetch")
		return f.schemeFetch(), false
	// Fetch §concept-main-fetch step 12, mode "same-origin".
	case f.req.mode == fetchmode.ModeSameOrigin:
		f.step("fetch#concept-main-fetch step 12", "mode same-origin, cross-origin URL", "network error")
		return f.fail(DisallowedByMode, "", cur), false
	// Fetch §concept-main-fetch step 12, mode "no-cors".
	case f.req.mode == fetchmode.ModeNoCORS:
		// Fetch §concept-main-fetch step 12.1: only redirect mode "follow".
		if f.req.redirect != fetchmode.RedirectFollow {
			if f.trace {
				f.step("fetch#concept-main-fetch step 12.1", "no-cors with redirect "+f.req.redirect.String(), "network error")
			}
			return f.fail(NoCorsRedirectModeNotFollow, "", cur), false
		}
		// Fetch §concept-main-fetch step 12.2–12.3.
		f.req.tainting = fetchmode.TaintingOpaque
		f.step("fetch#concept-main-fetch step 12.2", "mode no-cors", "tainting opaque; scheme fetch")
		return f.schemeFetch(), false
	// Fetch §concept-main-fetch step 12: a cross-origin URL that is not HTTP(S).
	case !cur.IsHTTPScheme():
		if f.trace {
			f.step("fetch#concept-main-fetch step 12", "scheme "+cur.Scheme(), "network error: CORS needs http(s)")
		}
		return f.fail(CorsDisabledScheme, cur.Scheme(), cur), false
	}
	unsafe := f.unsafeNames()
	// Fetch §concept-main-fetch step 12, the preflight case: the use-CORS-preflight flag, or the
	// unsafe-request flag (always set by fetch()) with a non-safelisted method or unsafe headers.
	needs := f.req.forced || !fetchmode.IsCORSSafelistedMethod(f.req.method) || len(unsafe) > 0
	if !needs && f.rules.rulePreflightAfterRedirect && f.req.redirects > 0 && f.req.everUnsafe {
		needs = true
		f.step("fetch#concept-main-fetch step 12", "a redirected request that needed a preflight before",
			"Firefox preflights it again (profile rule)")
	}
	f.req.tainting = fetchmode.TaintingCORS
	if !needs {
		// Fetch §concept-main-fetch step 12, last case: HTTP fetch without a preflight.
		if f.trace {
			f.step("fetch#concept-main-fetch step 12", "method "+f.req.method+", no CORS-unsafe request-header names",
				"tainting cors; no preflight needed")
		}
		return f.httpFetch(false, nil), false
	}
	if f.trace {
		f.step("fetch#concept-main-fetch step 12.1", preflightCause(f.req.method, unsafe, f.req.forced), "tainting cors; HTTP fetch with makeCORSPreflight")
	}
	return f.httpFetch(true, unsafe), true
}

// blockBadPort is Fetch §block-bad-port: an http(s) URL whose port is on the blocklist.
func (f *fetcher) blockBadPort(cur origin.URL) (result, bool) {
	p, ok := cur.Port()
	if !ok || !cur.IsHTTPScheme() || !f.isBadPort(p) {
		return result{}, false
	}
	if f.trace {
		f.step("fetch#block-bad-port", "port "+strconv.Itoa(int(p)), "blocked: a bad port")
	}
	return f.fail(BadPort, strconv.Itoa(int(p)), cur), true
}

// isBadPort is Fetch §bad-port, less the ports the profile's browser still fetches.
func (f *fetcher) isBadPort(p uint16) bool {
	for _, a := range f.rules.ruleAllowedPorts {
		if a == p {
			return false
		}
	}
	return isBadPort(p)
}

// blockMixedContent is Mixed Content §should-block-fetch: a secure page may not fetch a URL that is
// not potentially trustworthy.
func (f *fetcher) blockMixedContent(cur origin.URL) (result, bool) {
	if !f.secureContext() || f.urlTrustworthy(cur) {
		return result{}, false
	}
	if f.trace {
		f.step("mixed-content#should-block-fetch", "an https page fetching "+f.req.href(cur), "blocked: mixed content")
	}
	return f.fail(MixedContent, f.req.href(cur), cur), true
}

func preflightCause(method string, unsafe []string, forced bool) string {
	var b strings.Builder
	if !fetchmode.IsCORSSafelistedMethod(method) {
		b.WriteString("method " + method + " is not CORS-safelisted")
	}
	if len(unsafe) > 0 {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString("CORS-unsafe request-header names " + strings.Join(unsafe, ","))
	}
	if forced {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString("use-CORS-preflight flag (stream body)")
	}
	return b.String()
}

// unsafeNames is Fetch §cors-unsafe-request-header-names over the request's header list, with the
// profile's safelist.
func (f *fetcher) unsafeNames() []string {
	l := f.req.headers
	if f.rules.ruleSafelistCombined && hasRepeatedName(l) {
		// WebKit judges each name's combined value (profile rule).
		l = l.SortAndCombine()
	}
	names := f.rules.safelist.AppendUnsafeNames(f.buf.unsafe[:0], l)
	if f.req.authRemoved {
		// WebKit still lists the Authorization a redirect removed (profile rule); names is sorted.
		if i, found := slices.BinarySearch(names, "authorization"); !found {
			names = slices.Insert(names, i, "authorization")
		}
	}
	return names
}

func hasRepeatedName(l fetchmode.HeaderList) bool {
	if len(l) > 16 {
		// A long list: one map instead of a comparison per pair.
		seen := make(map[string]struct{}, len(l))
		for _, h := range l {
			k := ascii.Lower(h.Name)
			if _, dup := seen[k]; dup {
				return true
			}
			seen[k] = struct{}{}
		}
		return false
	}
	for i := range l {
		for j := i + 1; j < len(l); j++ {
			if ascii.EqualFold(l[i].Name, l[j].Name) {
				return true
			}
		}
	}
	return false
}

// secureContext reports whether the page restricts mixed content: its origin, or for an
// opaque-origin frame its top-level page's, is https.
func (f *fetcher) secureContext() bool {
	if f.req.origin.Scheme() == "https" || f.req.origin.Scheme() == "wss" {
		return true
	}
	return f.req.origin.IsOpaque() && (f.req.top.Scheme() == "https" || f.req.top.Scheme() == "wss")
}

// urlTrustworthy is Secure Contexts §is-url-trustworthy for the URLs fetch() can name; WebKit does not
// count loopback http URLs (profile rule).
func (f *fetcher) urlTrustworthy(u origin.URL) bool {
	if f.rules.ruleLoopbackIsMixedContent && (u.Scheme() == "http" || u.Scheme() == "ws") {
		return false
	}
	return urlTrustworthy(u)
}

// urlTrustworthy is Secure Contexts §is-url-trustworthy for the URLs fetch() can name.
func urlTrustworthy(u origin.URL) bool {
	switch u.Scheme() {
	case "data", "about", "blob", "file":
		// about:blank, data: and blob: URLs are trustworthy; so is file:, whose origin corsim
		// treats as opaque (Secure Contexts §is-origin-trustworthy step 6).
		return true
	}
	return u.Origin().IsPotentiallyTrustworthy()
}

// redirectTainted is Fetch §concept-request-tainted-origin, reduced to what the Origin header needs:
// whether the redirect-taint is anything but "same-origin".
func (f *fetcher) redirectTainted() bool {
	for i := 1; i < len(f.req.urls); i++ {
		last := f.req.urls[i-1].Origin()
		// Fetch §concept-request-tainted-origin steps 4.2–4.3: a hop leaving an origin that is
		// cross-origin to both the next URL and the request's origin taints it.
		if !origin.SameOrigin(f.req.urls[i].Origin(), last) && !origin.SameOrigin(f.req.origin, last) {
			return true
		}
	}
	return false
}

// serializedRequestOrigin is Fetch §serializing-a-request-origin.
func (f *fetcher) serializedRequestOrigin() string {
	if f.redirectTainted() {
		return "null"
	}
	return f.req.serOrigin
}

// preflightOrigin is the Origin a preflight carries and is checked against.
func (f *fetcher) preflightOrigin() string {
	if f.rules.rulePreflightOriginUntainted {
		return f.req.serOrigin
	}
	return f.serializedRequestOrigin()
}

// fail ends the fetch at u with a network error.
func (f *fetcher) fail(reason Reason, param string, u origin.URL) result {
	f.rep.url = f.req.href(u)
	return result{failure: Failure{Reason: reason, Parameter: param}}
}

func (f *fetcher) step(anchor, lookedAt, decision string) {
	if f.trace {
		f.v.Trace = append(f.v.Trace, Step{Anchor: anchor, LookedAt: lookedAt, Decision: decision})
	}
}
