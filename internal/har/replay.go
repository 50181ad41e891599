package har

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/origin"
)

// Options configure Replay.
type Options struct {
	// Profile is the browser to model.
	Profile algorithm.Profile
	// Page, when valid, is the origin of the page every entry ran in (the CLI's --origin); the zero
	// Origin lets each entry's page come from the HAR.
	Page origin.Origin
	// Credentials is every fetch's credentials mode when CredentialsSet; otherwise each fetch's is
	// inferred from its request (see Result.CredentialsFrom).
	Credentials    fetchmode.Credentials
	CredentialsSet bool
	// Trace records the algorithm's steps in each verdict.
	Trace bool
}

// PreflightSource says where the answer to a fetch's preflight came from.
type PreflightSource string

// The preflight sources.
const (
	// PreflightNone: the fetch needs no preflight (or never got as far).
	PreflightNone PreflightSource = "none"
	// PreflightRecorded: the HAR has the preflight, and its response answered the replay.
	PreflightRecorded PreflightSource = "recorded"
	// PreflightRebuilt: the fetch needs a preflight the HAR does not have (Playwright leaves them out;
	// a browser whose preflight cache was warm did not send one). Preflight.Request is the one the
	// browser would send; its answer is unknown, so the fetch is not judged.
	PreflightRebuilt PreflightSource = "rebuilt"
	// PreflightCached: the preflight cache, filled by an earlier fetch of the HAR, answered.
	PreflightCached PreflightSource = "cached"
)

// Preflight is a fetch's preflight as the replay met it.
type Preflight struct {
	Source PreflightSource
	// Entry is the recorded preflight's 1-based entry index; 0 when none was recorded.
	Entry int
	// Request is the preflight the browser sends: the replayed one when recorded, the one
	// algorithm.PreflightRequest builds when rebuilt; zero otherwise.
	Request algorithm.SentRequest
}

// Recorded is what the HAR shows of a fetch's outcome (its last recorded hop).
type Recorded struct {
	Status int
	// Error is Chromium's _error or Playwright's _failureText on any hop of the fetch.
	Error string
	// Failed: the HAR shows a failure, an error or no response (status 0 or less).
	Failed bool
	// Aborted: the failure is a cancellation (net::ERR_ABORTED, a blocking extension, …), which says
	// nothing about CORS.
	Aborted bool
}

// Result is the replay of one HAR entry. An entry that is not a cross-origin fetch of its own has
// Ignored set and nothing else but Index, Method, URL and Of.
type Result struct {
	// Index is the entry's 1-based position in log.entries.
	Index       int
	Method, URL string
	// Ignored says why the entry is not replayed as a fetch ("" when it is).
	Ignored string
	// Of is, for a paired preflight or a redirect hop, the entry of the fetch it belongs to.
	Of int

	// Page is the origin of the page the fetch ran in, and PageFrom where it was read.
	Page     origin.Origin
	PageFrom string
	// Request is the fetch() call as rebuilt from the HAR.
	Request algorithm.Request
	// CredentialsFrom says how Request.Credentials was chosen: "--credentials", "Cookie header",
	// "request.cookies", or "no Cookie header" (the fetch() default, same-origin).
	CredentialsFrom string
	// Dropped are the recorded request headers taken for the browser's; Restored the names a recorded
	// preflight announced that the HAR's request does not show.
	Dropped  []Dropped
	Restored []string
	// Hops are the entries of the fetch's redirect hops, after its own.
	Hops []int

	Recorded  Recorded
	Preflight Preflight

	// Judged is false when the replay needed an answer the HAR does not hold; Unjudged says which.
	Judged   bool
	Unjudged string
	// Verdict is the replayed fetch's verdict; when Judged is false it is only as far as the replay got.
	Verdict algorithm.Verdict
	// AnsweredBy gives, for each request in Verdict.ServerSaw, the 1-based entry whose response
	// answered it, 0 for none.
	AnsweredBy []int

	// Agrees says whether the verdict matches what the HAR recorded; nil when the HAR cannot tell
	// (the fetch is not judged, the request was cancelled, or the export does not record CORS
	// failures). Agreement says it in a sentence.
	Agrees    *bool
	Agreement string
	// Hint is a further reading of a disagreement, when corsim has one.
	Hint string
}

// Blocked reports whether the fetch was judged and fails: fetch() rejects.
func (r *Result) Blocked() bool {
	return r.Ignored == "" && r.Judged && r.Verdict.Outcome != algorithm.OK
}

// ExporterProfile is the profile of the browser that made the HAR, as its creator and browser
// fields say, and whether they say.
func ExporterProfile(l *Log) (algorithm.Profile, bool) {
	for _, name := range []string{l.Browser, l.Creator} {
		n := ascii.Lower(name)
		switch {
		case n == "":
		case strings.Contains(n, "firefox"):
			return algorithm.Firefox, true
		case strings.Contains(n, "webkit web inspector"), strings.Contains(n, "safari"), n == "webkit":
			return algorithm.WebKit, true
		case n == "webinspector", strings.Contains(n, "chrom"), strings.Contains(n, "edge"):
			return algorithm.Chromium, true
		}
	}
	return algorithm.Spec, false
}

// errNoAnswer is what the replay's Responder returns for a request the HAR has no answer to.
var errNoAnswer = errors.New("corsim: har: the HAR holds no answer to this request")

// replay is the state of one Replay.
type replay struct {
	log            *Log
	opts           Options
	norm           []string              // each entry's URL, parsed and serialized without fragment; "" when unparsable
	byURL          map[string][]int      // the indexes of the entries with each norm, ascending
	preflight      []bool                // the entry is a CORS preflight the browser sent
	pairedTo       []int                 // for a preflight, the index of the fetch it belongs to; -1 when none
	hopOf          []int                 // for a redirect hop, the index of the previous hop; -1 otherwise
	next           []int                 // the index of the next hop; -1 when none
	pages          map[string]pageOrigin // by page id
	solePage       pageOrigin
	acceptLanguage string
	caches         map[string]*cache.Cache
	now            time.Time
}

// Replay replays every entry of l through algorithm.Fetch, in order, with one preflight cache per
// page origin and a clock that reads each entry's startedDateTime. It returns one Result per entry,
// in entry order. docs/har.md describes what it selects, how it rebuilds each call, and its limits.
func Replay(l *Log, opts Options) []Result {
	rp := &replay{log: l, opts: opts, caches: map[string]*cache.Cache{}, pages: map[string]pageOrigin{}}
	rp.classify()
	out := make([]Result, len(l.Entries))
	for i := range l.Entries {
		if !rp.preflight[i] {
			out[i] = rp.entry(i)
		}
	}
	for i := range l.Entries {
		if !rp.preflight[i] {
			for _, h := range out[i].Hops {
				out[h-1].Of = i + 1
			}
			continue
		}
		e := &l.Entries[i]
		out[i] = Result{Index: i + 1, Method: e.Request.Method, URL: e.Request.URL}
		if f := rp.pairedTo[i]; f >= 0 {
			out[i].Of, out[i].Ignored = f+1, "the CORS preflight of entry "+itoa(f+1)
		} else {
			out[i].Ignored = "a CORS preflight no fetch of this HAR was paired with (its request is not in the export)"
		}
	}
	return out
}

// classify finds each entry's normalized URL, the preflights, the redirect chains and the pages.
func (rp *replay) classify() {
	n := len(rp.log.Entries)
	rp.norm = make([]string, n)
	rp.preflight = make([]bool, n)
	rp.pairedTo = make([]int, n)
	rp.hopOf = make([]int, n)
	rp.next = make([]int, n)
	rp.byURL = map[string][]int{}
	for i := range rp.log.Entries {
		e := &rp.log.Entries[i]
		rp.hopOf[i], rp.next[i], rp.pairedTo[i] = -1, -1, -1
		if e.Err != nil {
			continue
		}
		if u, err := origin.ParseURL(e.Request.URL); err == nil {
			rp.norm[i] = u.StringNoFragment()
			rp.byURL[rp.norm[i]] = append(rp.byURL[rp.norm[i]], i)
		}
		rp.preflight[i] = isPreflight(e)
	}
	// Redirects: a 3xx whose Location (or redirectURL) resolves to the URL of a later entry continues
	// there. Chromium and Firefox record each hop as an entry of its own.
	for i := range rp.log.Entries {
		e := &rp.log.Entries[i]
		if e.Err != nil || rp.preflight[i] || !isRedirect(e.Response.Status) {
			continue
		}
		target := rp.redirectTarget(e)
		if target == "" {
			continue
		}
		for _, j := range rp.byURL[target] {
			if j > i && rp.hopOf[j] < 0 && !rp.preflight[j] {
				rp.hopOf[j], rp.next[i] = i, j
				break
			}
		}
	}
	// Pages: Chromium names the page's URL in pages[].title; other exporters the document's title,
	// which does not parse as an http(s) URL. Their pages are found by their document's request instead:
	// the first entry of the page that loads a document.
	for _, p := range rp.log.Pages {
		if u, err := origin.ParseURL(p.Title); err == nil && u.IsHTTPScheme() {
			rp.pages[p.ID] = pageOrigin{u.Origin(), "the page's URL (pages[].title)"}
		}
	}
	for i := range rp.log.Entries {
		e := &rp.log.Entries[i]
		if _, ok := rp.pages[e.PageRef]; ok || e.Err != nil {
			continue
		}
		dest, _ := e.Request.Headers.Get("Sec-Fetch-Dest")
		if e.ResourceType != "document" && dest != "document" {
			continue
		}
		if u, err := origin.ParseURL(e.Request.URL); err == nil && u.IsHTTPScheme() {
			rp.pages[e.PageRef] = pageOrigin{u.Origin(), "the page's document (entry " + itoa(i+1) + ")"}
		}
	}
	sole, agree := pageOrigin{}, true
	for _, p := range rp.log.Pages {
		if o, ok := rp.pages[p.ID]; ok {
			if sole.o.IsValid() && sole.o != o.o {
				agree = false
			}
			sole = o
		}
	}
	if o, ok := rp.pages[""]; ok && (!sole.o.IsValid() || sole.o == o.o) {
		sole = o
	} else if ok {
		agree = false
	}
	if agree {
		rp.solePage = sole
	}
	rp.acceptLanguage = browserAcceptLanguage(rp.log)
}

// pageOrigin is a page's origin and where it was read.
type pageOrigin struct {
	o    origin.Origin
	from string
}

func (rp *replay) redirectTarget(e *Entry) string {
	loc := e.Response.RedirectURL
	if loc == "" {
		loc, _ = e.Response.Headers.Get("Location")
	}
	if loc == "" {
		return ""
	}
	base, err := origin.ParseURL(e.Request.URL)
	if err != nil {
		return ""
	}
	u, err := base.Resolve(loc)
	if err != nil {
		return ""
	}
	return u.StringNoFragment()
}

func isRedirect(status int) bool {
	return status == 301 || status == 302 || status == 303 || status == 307 || status == 308
}

// isPreflight reports whether e is a CORS preflight the browser sent: Chromium marks them
// (_resourceType and _initiator.type "preflight"); elsewhere an OPTIONS request carrying
// Access-Control-Request-Method is one, since script cannot set that header (a forbidden
// request-header).
func isPreflight(e *Entry) bool {
	if e.ResourceType == "preflight" || e.Initiator == "preflight" {
		return true
	}
	return ascii.EqualFold(e.Request.Method, "OPTIONS") && e.Request.Headers.Contains("Access-Control-Request-Method")
}

// findPreflight returns the index of the unused recorded preflight nearest to entry near whose URL is
// url, whose Origin is org and whose Access-Control-Request-Method is method; -1 when there is none.
// Chromium lists a preflight after the request it precedes, Firefox before, so both directions count;
// at equal distance the later one wins.
func (rp *replay) findPreflight(url, org, method string, near int) int {
	if url == "" {
		return -1
	}
	list := rp.byURL[url]
	matches := func(j int) bool {
		if j == near || !rp.preflight[j] || rp.pairedTo[j] >= 0 {
			return false
		}
		h := rp.log.Entries[j].Request.Headers
		if o, ok := h.Get("Origin"); ok && o != org {
			return false
		}
		m, _ := h.Get("Access-Control-Request-Method")
		return m == method
	}
	// The list is ascending: look for the first match on each side of near, nearest first.
	pos, _ := slices.BinarySearch(list, near)
	after, before := -1, -1
	for _, j := range list[pos:] {
		if matches(j) {
			after = j
			break
		}
	}
	for k := pos - 1; k >= 0; k-- {
		if matches(list[k]) {
			before = list[k]
			break
		}
	}
	if after < 0 || before >= 0 && near-before < after-near {
		return before
	}
	return after
}

// pageOf finds the origin of the page entry i ran in, and where it was read.
func (rp *replay) pageOf(i int) (origin.Origin, string) {
	if rp.opts.Page.IsValid() {
		return rp.opts.Page, "--origin"
	}
	e := &rp.log.Entries[i]
	// The Origin header is the origin of the document that called fetch(): a frame's, which need not
	// be the top-level page's that pages[] names.
	if v, ok := e.Request.Headers.Get("Origin"); ok {
		if v == "null" {
			return origin.NewOpaque(), "Origin header (an opaque origin: a sandboxed frame or a data: page)"
		}
		if o, err := origin.ParseSerialized(v); err == nil {
			return o, "Origin header"
		}
	}
	if p, ok := rp.pages[e.PageRef]; ok {
		return p.o, p.from
	}
	if rp.solePage.o.IsValid() {
		return rp.solePage.o, rp.solePage.from
	}
	if v, ok := e.Request.Headers.Get("Referer"); ok {
		if u, err := origin.ParseURL(v); err == nil && u.IsHTTPScheme() {
			return u.Origin(), "Referer header"
		}
	}
	return origin.Origin{}, ""
}

// entry replays entry i, which is not a preflight.
func (rp *replay) entry(i int) Result {
	e := &rp.log.Entries[i]
	res := Result{Index: i + 1, Method: e.Request.Method, URL: e.Request.URL}
	if e.Err != nil {
		res.Ignored = "unreadable: " + strings.TrimPrefix(e.Err.Error(), "corsim: har: ")
		return res
	}
	u, err := origin.ParseURL(e.Request.URL)
	if err != nil {
		res.Ignored = "its URL cannot be parsed: " + strings.TrimPrefix(err.Error(), "corsim: origin: ")
		return res
	}
	switch s := u.Scheme(); {
	case s == "data":
		res.Ignored = "a data: URL: the browser answers it itself, and CORS does not apply"
		return res
	case s == "blob":
		res.Ignored = "a blob: URL: data the page holds, fetched without CORS"
		return res
	case s == "ws" || s == "wss":
		res.Ignored = "a WebSocket: CORS does not apply (the server checks Origin itself)"
		return res
	case !u.IsHTTPScheme():
		res.Ignored = "not an http(s) URL (" + s + ":)"
		return res
	}
	if h := rp.hopOf[i]; h >= 0 {
		res.Ignored = "a redirect hop of entry " + itoa(rp.head(h)+1)
		return res
	}
	chain := []int{i}
	for j := rp.next[i]; j >= 0 && len(chain) <= 20; j = rp.next[j] {
		chain = append(chain, j)
		res.Hops = append(res.Hops, j+1)
	}
	page, from := rp.pageOf(i)
	if !page.IsValid() {
		res.Ignored = "its page's origin is unknown (no page URL, Origin or Referer header); pass --origin"
		return res
	}
	res.Page, res.PageFrom = page, from
	cross := false
	for _, j := range chain {
		if v, err := origin.ParseURL(rp.log.Entries[j].Request.URL); err == nil && !origin.SameOrigin(v.Origin(), page) {
			cross = true
		}
	}
	if !cross {
		res.Ignored = "same-origin with its page (" + page.String() + "): CORS does not apply"
		return res
	}
	if why := rp.notAFetch(chain); why != "" {
		res.Ignored = why
		return res
	}
	rp.replayFetch(&res, e, chain)
	return res
}

func (rp *replay) head(i int) int {
	for n := 0; rp.hopOf[i] >= 0 && n < len(rp.hopOf); n++ {
		i = rp.hopOf[i]
	}
	return i
}

// notAFetch says why a cross-origin fetch (chain: its entries, head first) is not a CORS request made
// by fetch() or XMLHttpRequest, or returns "". Chromium's _resourceType says it outright;
// Sec-Fetch-Mode and Sec-Fetch-Dest, which Chromium and Firefox send, say it too; failing both, a
// CORS request always carries Origin, on its first cross-origin hop at the latest.
func (rp *replay) notAFetch(chain []int) string {
	e := &rp.log.Entries[chain[0]]
	h := e.Request.Headers
	if rt := e.ResourceType; rt != "" && rt != "fetch" && rt != "xhr" {
		return "_resourceType " + rt + ": not fetch() or XMLHttpRequest"
	}
	if m, ok := h.Get("Sec-Fetch-Mode"); ok && m != "cors" {
		return "Sec-Fetch-Mode: " + m + ": not a CORS request"
	}
	if d, ok := h.Get("Sec-Fetch-Dest"); ok && d != "empty" {
		return "Sec-Fetch-Dest: " + d + ": not fetch() or XMLHttpRequest"
	}
	if e.ResourceType != "" {
		return ""
	}
	for _, j := range chain {
		if h := rp.log.Entries[j].Request.Headers; h.Contains("Origin") || h.Contains("Sec-Fetch-Mode") {
			return ""
		}
	}
	return "no Origin header: not a CORS request (an image, script, stylesheet or navigation)"
}

// replayFetch rebuilds the call of head entry e (chain: its entries, e's index first), runs it
// against the recorded answers, and compares the verdict with the record.
func (rp *replay) replayFetch(res *Result, e *Entry, chain []int) {
	head := chain[0]
	method := e.Request.Method
	pre := rp.findPreflight(rp.norm[head], res.Page.String(), method, head)
	var acrh []string
	if pre >= 0 {
		rp.pairedTo[pre] = head
		v, _ := rp.log.Entries[pre].Request.Headers.Get("Access-Control-Request-Headers")
		acrh = splitList(v)
	}
	req := algorithm.Request{Origin: res.Page, URL: e.Request.URL, Method: method, Mode: fetchmode.ModeCORS}
	req.Headers, res.Dropped, res.Restored = ScriptHeaders(e.Request.Headers, rp.acceptLanguage, acrh, pre >= 0)
	if e.Request.Body != nil && !ascii.EqualFold(method, "GET") && !ascii.EqualFold(method, "HEAD") {
		b := *e.Request.Body
		req.Body = &b
	}
	switch {
	case rp.opts.CredentialsSet:
		req.Credentials, res.CredentialsFrom = rp.opts.Credentials, "--credentials"
	case cookieHeader(e.Request.Headers):
		req.Credentials, res.CredentialsFrom = fetchmode.CredentialsInclude, "Cookie header"
	case e.Request.Cookies > 0:
		req.Credentials, res.CredentialsFrom = fetchmode.CredentialsInclude, "request.cookies"
	default:
		req.Credentials, res.CredentialsFrom = fetchmode.CredentialsSameOrigin, "no Cookie header"
	}
	res.Request = req

	key := res.Page.String()
	c := rp.caches[key]
	if c == nil {
		c = rp.opts.Profile.NewCache()
		rp.caches[key] = c
	}
	if !e.Started.IsZero() {
		rp.now = e.Started
	}
	now := rp.now
	opts := algorithm.Options{Profile: rp.opts.Profile, Cache: c, Clock: func() time.Time { return now }, Trace: rp.opts.Trace}
	r := &responder{rp: rp, chain: chain, firstPre: pre, recordedPre: -1}
	res.Verdict = algorithm.Fetch(req, r, opts)
	res.AnsweredBy = r.answered
	res.Judged, res.Unjudged = r.unknown == "", r.unknown
	if r.unknownPre != nil && strings.Contains(ascii.Lower(rp.log.Creator), "playwright") {
		res.Unjudged += " (Playwright's HAR leaves preflights out)"
	}

	switch {
	case r.unknownPre != nil:
		res.Preflight = Preflight{Source: PreflightRebuilt, Request: *r.unknownPre}
		if r.unknownPreHop == 0 {
			if p, ok := algorithm.PreflightRequest(req, algorithm.Options{Profile: rp.opts.Profile}); ok {
				res.Preflight.Request = p
			}
		}
	case r.recordedPre >= 0:
		res.Preflight = Preflight{Source: PreflightRecorded, Entry: r.recordedPre + 1, Request: r.recordedPreReq}
	default:
		res.Preflight.Source = PreflightNone
		for _, p := range res.Verdict.Preflights {
			if p.CacheHit {
				res.Preflight.Source = PreflightCached
			}
		}
	}
	res.Recorded = recordedOutcome(rp.log, chain)
	rp.compare(res, chain, pre)
}

func cookieHeader(h fetchmode.HeaderList) bool {
	v, ok := h.Get("Cookie")
	return ok && strings.TrimSpace(v) != ""
}

// recordedOutcome reads what the HAR recorded of a fetch: the last hop's status, any hop's error.
func recordedOutcome(l *Log, chain []int) Recorded {
	var rec Recorded
	for _, j := range chain {
		resp := &l.Entries[j].Response
		rec.Status = resp.Status
		if resp.Error != "" {
			rec.Error = resp.Error
		}
	}
	rec.Failed = rec.Error != "" || rec.Status <= 0
	for _, s := range []string{"ERR_ABORTED", "ERR_BLOCKED_BY_CLIENT", "NS_BINDING_ABORTED", "cancelled", "canceled"} {
		if strings.Contains(rec.Error, s) {
			rec.Aborted = true
		}
	}
	return rec
}

// describe says what the HAR recorded, for a sentence.
func (rec Recorded) describe() string {
	s := "status " + itoa(rec.Status)
	if rec.Status <= 0 {
		s = "no response (status " + itoa(rec.Status) + ")"
	}
	if rec.Error != "" {
		s += " with " + rec.Error
	}
	return s
}

// compare sets Agrees, Agreement and Hint; chain and pre are the fetch's entries and its paired
// preflight, for a second replay.
func (rp *replay) compare(res *Result, chain []int, pre int) {
	rec := res.Recorded
	v := &res.Verdict
	blocked := v.Outcome != algorithm.OK
	yes, no := true, false
	switch {
	case !res.Judged:
		res.Agreement = "the HAR recorded " + rec.describe() + "; corsim cannot judge this fetch, so it does not compare"
		return
	case rec.Aborted:
		res.Agreement = "the HAR recorded " + rec.describe() + ": the request was cancelled, which says nothing about CORS"
		return
	case blocked && rec.Failed:
		res.Agrees, res.Agreement = &yes, "the HAR agrees: it recorded "+rec.describe()
	case !blocked && !rec.Failed:
		res.Agrees, res.Agreement = &yes, "the HAR agrees: it recorded "+rec.describe()+" and no error"
	case !blocked && rec.Failed:
		res.Agrees, res.Agreement = &no, "the HAR disagrees: it recorded "+rec.describe()+", yet corsim finds the response readable"
	case !v.ActualSent:
		res.Agrees, res.Agreement = &no, "the HAR disagrees: it recorded "+rec.describe()+", an answer to a request corsim finds the browser never sends"
	case rp.log.RecordsErrors:
		res.Agrees, res.Agreement = &no, "the HAR disagrees: it recorded "+rec.describe()+" and no error, yet corsim finds the fetch blocked"
	default:
		res.Agreement = "the HAR recorded " + rec.describe() + "; this export does not record CORS errors (a blocked response keeps its status), so it neither confirms nor contradicts"
		return
	}
	if *res.Agrees {
		return
	}
	var hints []string
	if !blocked && !rp.opts.CredentialsSet && res.Request.Credentials != fetchmode.CredentialsInclude {
		// A second replay, with no cache and nothing marked: would credentials explain the record?
		req := res.Request
		req.Credentials = fetchmode.CredentialsInclude
		r := &responder{rp: rp, chain: chain, firstPre: pre, recordedPre: -1, dry: true}
		v := algorithm.Fetch(req, r, algorithm.Options{Profile: rp.opts.Profile})
		if r.unknown == "" && v.Outcome != algorithm.OK {
			hints = append(hints, `with credentials "include" corsim finds it blocked (`+string(v.Reason)+`), as the HAR records: `+
				`the call probably passed credentials: "include" (or withCredentials) with no cookie to send, or the export removed the Cookie header `+
				`(Chromium's sanitized export does); rerun with --credentials include`)
		}
	}
	if exp, ok := ExporterProfile(rp.log); ok && exp != rp.opts.Profile {
		hints = append(hints, "the export comes from "+exp.String()+" and corsim modelled "+rp.opts.Profile.String()+"; compare with --browser "+exp.String())
	}
	res.Hint = strings.Join(hints, "; ")
}

// responder answers the replayed fetch's requests from the HAR: preflights from recorded preflights,
// the actual request and each redirect hop from the fetch's own entries, in order. A request the HAR
// has no answer to fails with errNoAnswer, and unknown says which.
type responder struct {
	rp       *replay
	chain    []int // the fetch's entries, head first
	hop      int   // the next entry of chain to answer with
	firstPre int   // the preflight paired with the head entry; -1 when none
	preTaken bool
	dry      bool // look up preflights without marking them used
	answered []int

	unknown       string
	unknownPre    *algorithm.SentRequest
	unknownPreHop int

	recordedPre    int
	recordedPreReq algorithm.SentRequest
}

func (r *responder) Respond(req algorithm.SentRequest) (algorithm.Response, error) {
	if r.unknown != "" {
		r.answered = append(r.answered, 0)
		return algorithm.Response{}, errNoAnswer
	}
	url := normURL(req.URL)
	if req.Preflight {
		j := -1
		if !r.preTaken && r.firstPre >= 0 && url == r.rp.norm[r.chain[0]] {
			j, r.preTaken = r.firstPre, true
		} else {
			org, _ := req.Headers.Get("Origin")
			m, _ := req.Headers.Get("Access-Control-Request-Method")
			j = r.rp.findPreflight(url, org, m, r.chain[min(r.hop, len(r.chain)-1)])
			if j >= 0 && !r.dry {
				r.rp.pairedTo[j] = r.chain[0]
			}
		}
		if j < 0 {
			r.unknown = "the fetch needs a preflight (OPTIONS " + req.URL + ") that the HAR does not have, and corsim does not guess its answer"
			pre := req
			pre.Headers = req.Headers.Clone()
			r.unknownPre, r.unknownPreHop = &pre, r.hop
			r.answered = append(r.answered, 0)
			return algorithm.Response{}, errNoAnswer
		}
		if r.recordedPre < 0 {
			r.recordedPre, r.recordedPreReq = j, req
			r.recordedPreReq.Headers = req.Headers.Clone()
		}
		r.answered = append(r.answered, j+1)
		return response(&r.rp.log.Entries[j]), nil
	}
	if r.hop >= len(r.chain) {
		r.unknown = "the browser is redirected to " + req.URL + ", a hop the HAR did not record"
		r.answered = append(r.answered, 0)
		return algorithm.Response{}, errNoAnswer
	}
	j := r.chain[r.hop]
	if url != r.rp.norm[j] {
		r.unknown = "the browser goes on to " + req.URL + ", but the HAR's next hop (entry " + itoa(j+1) + ") is " + r.rp.log.Entries[j].Request.URL
		r.answered = append(r.answered, 0)
		return algorithm.Response{}, errNoAnswer
	}
	r.hop++
	e := &r.rp.log.Entries[j]
	if e.Response.Status <= 0 {
		r.unknown = fmt.Sprintf("entry %d recorded no response to %s (status %d): the request was not answered, or the export did not keep the answer", j+1, e.Request.Method, e.Response.Status)
		r.answered = append(r.answered, 0)
		return algorithm.Response{}, errNoAnswer
	}
	r.answered = append(r.answered, j+1)
	return response(e), nil
}

func response(e *Entry) algorithm.Response {
	return algorithm.Response{Status: e.Response.Status, Headers: e.Response.Headers.Clone()}
}

func normURL(s string) string {
	u, err := origin.ParseURL(s)
	if err != nil {
		return ""
	}
	return u.StringNoFragment()
}

func itoa(n int) string { return fmt.Sprint(n) }
