package har

import (
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

const page = "https://app.test"

// ent builds an entry: method, URL, the request's header lines, the status, the response's header
// lines. The request carries Origin: https://app.test unless its lines name another.
func ent(method, url string, req []string, status int, resp ...string) Entry {
	h := hl(req...)
	if !h.Contains("Origin") {
		h = append(h, fetchmode.Header{Name: "Origin", Value: page})
	}
	return Entry{Request: Request{Method: method, URL: url, Headers: h}, Response: Response{Status: status, Headers: hl(resp...)}}
}

// sameOrigin builds an entry without Origin, as a same-origin GET or a no-cors load is sent.
func noOrigin(method, url string, status int, resp ...string) Entry {
	return Entry{Request: Request{Method: method, URL: url}, Response: Response{Status: status, Headers: hl(resp...)}}
}

func preflightEnt(url, method, headers string, status int, resp ...string) Entry {
	req := []string{"Access-Control-Request-Method: " + method}
	if headers != "" {
		req = append(req, "Access-Control-Request-Headers: "+headers)
	}
	e := ent("OPTIONS", url, req, status, resp...)
	e.ResourceType = "preflight"
	return e
}

func failed(e Entry, err string) Entry { e.Response.Error = err; return e }

func logOf(entries ...Entry) *Log {
	l := &Log{Creator: "WebInspector", Pages: []Page{{ID: "page_1", Title: page + "/"}}}
	for i, e := range entries {
		e.Index = i + 1
		e.PageRef = "page_1"
		if e.Response.Error != "" {
			l.RecordsErrors = true
		}
		l.Entries = append(l.Entries, e)
	}
	return l
}

var (
	acao     = "Access-Control-Allow-Origin: " + page
	acac     = "Access-Control-Allow-Credentials: true"
	patchOK  = []string{acao, acac, "Access-Control-Allow-Methods: PATCH", "Access-Control-Allow-Headers: content-type, x-csrf-token", "Access-Control-Max-Age: 600"}
	patchBad = []string{acao, acac, "Access-Control-Allow-Methods: PATCH", "Access-Control-Allow-Headers: content-type"}
	patchReq = []string{"Content-Type: application/json", "X-CSRF-Token: t", "Cookie: s=1"}
)

func TestReplay(t *testing.T) {
	no := func(b bool) *bool { return &b }
	tests := []struct {
		name string
		log  *Log
		opts Options
		// browser is the profile's name; "" is chromium.
		browser string
		// for entry `entry` (1-based):
		entry     int
		ignored   string // substring of Ignored; "" means replayed
		judged    bool
		outcome   algorithm.Outcome
		reason    algorithm.Reason
		preflight PreflightSource
		preEntry  int
		agrees    *bool // checked when set
		agreeNil  bool  // Agrees must be nil
		answered  []int
		check     func(t *testing.T, r []Result)
	}{
		{name: "readable simple GET",
			log:   logOf(ent("GET", "https://api.test/p", []string{"Accept: application/json"}, 200, acao)),
			entry: 1, judged: true, outcome: algorithm.OK, preflight: PreflightNone, agrees: no(true), answered: []int{1}},
		{name: "PATCH blocked by its recorded preflight, listed after it",
			log:   logOf(failed(ent("PATCH", "https://api.test/c", patchReq, 0), "net::ERR_FAILED"), preflightEnt("https://api.test/c", "PATCH", "content-type,x-csrf-token", 204, patchBad...)),
			entry: 1, judged: true, outcome: algorithm.NetworkError, reason: algorithm.HeaderDisallowedByPreflightResponse, preflight: PreflightRecorded, preEntry: 2, agrees: no(true), answered: []int{2},
			check: func(t *testing.T, r []Result) {
				if r[1].Ignored != "the CORS preflight of entry 1" || r[1].Of != 1 {
					t.Errorf("preflight entry: %+v", r[1])
				}
				if r[0].Request.Credentials != fetchmode.CredentialsInclude || r[0].CredentialsFrom != "Cookie header" {
					t.Errorf("credentials %v from %q", r[0].Request.Credentials, r[0].CredentialsFrom)
				}
			}},
		{name: "PATCH and its preflight listed before it, as Firefox does",
			log:   logOf(preflightEnt("https://api.test/c", "PATCH", "content-type,x-csrf-token", 200, patchOK...), ent("PATCH", "https://api.test/c", patchReq, 200, acao, acac)),
			entry: 2, judged: true, outcome: algorithm.OK, preflight: PreflightRecorded, preEntry: 1, agrees: no(true), answered: []int{1, 2}},
		{name: "no preflight recorded: not judged, the preflight rebuilt",
			log:   logOf(failed(ent("PATCH", "https://api.test/c", patchReq, -1), "net::ERR_FAILED")),
			entry: 1, judged: false, preflight: PreflightRebuilt, answered: []int{0},
			check: func(t *testing.T, r []Result) {
				pre := r[0].Preflight.Request
				if v, _ := pre.Headers.Get("Access-Control-Request-Headers"); pre.Method != "OPTIONS" || v != "content-type,x-csrf-token" {
					t.Errorf("rebuilt preflight %+v", pre)
				}
				if !strings.Contains(r[0].Unjudged, "does not guess") || r[0].Blocked() {
					t.Errorf("unjudged %q", r[0].Unjudged)
				}
			}},
		{name: "a preflight for another method does not pair",
			log:   logOf(ent("PUT", "https://api.test/c", nil, 200, acao), preflightEnt("https://api.test/c", "DELETE", "", 204, acao)),
			entry: 1, judged: false, preflight: PreflightRebuilt,
			check: func(t *testing.T, r []Result) {
				if !strings.Contains(r[1].Ignored, "no fetch") {
					t.Errorf("orphan preflight: %q", r[1].Ignored)
				}
			}},
		{name: "credentials with a wildcard",
			log:   logOf(failed(ent("GET", "https://acc.test/me", []string{"Cookie: s=1"}, 200, "Access-Control-Allow-Origin: *"), "net::ERR_FAILED")),
			entry: 1, judged: true, outcome: algorithm.NetworkError, reason: algorithm.WildcardOriginNotAllowed, preflight: PreflightNone, agrees: no(true)},
		{name: "--credentials overrides the Cookie header",
			log:  logOf(ent("GET", "https://acc.test/me", []string{"Cookie: s=1"}, 200, "Access-Control-Allow-Origin: *")),
			opts: Options{CredentialsSet: true, Credentials: fetchmode.CredentialsOmit}, entry: 1, judged: true, outcome: algorithm.OK, agrees: no(true)},
		{name: "request.cookies infer include",
			log: func() *Log {
				e := ent("GET", "https://acc.test/me", nil, 200, "Access-Control-Allow-Origin: *")
				e.Request.Cookies = 1
				return logOf(e)
			}(),
			entry: 1, judged: true, reason: algorithm.WildcardOriginNotAllowed, outcome: algorithm.NetworkError},
		{name: "same-origin", log: logOf(noOrigin("GET", page+"/api", 200)), entry: 1, ignored: "same-origin"},
		{name: "same-origin POST with Origin", log: logOf(ent("POST", page+"/api", nil, 200)), entry: 1, ignored: "same-origin"},
		{name: "data:", log: logOf(noOrigin("GET", "data:,x", 200)), entry: 1, ignored: "data: URL"},
		{name: "blob:", log: logOf(noOrigin("GET", "blob:"+page+"/1-2", 200)), entry: 1, ignored: "blob: URL"},
		{name: "WebSocket", log: logOf(ent("GET", "wss://ws.test/", nil, 101)), entry: 1, ignored: "WebSocket"},
		{name: "an image", log: logOf(func() Entry { e := noOrigin("GET", "https://cdn.test/a.png", 200); e.ResourceType = "image"; return e }()), entry: 1, ignored: "_resourceType image"},
		{name: "no-cors by Sec-Fetch-Mode", log: logOf(ent("GET", "https://cdn.test/a.js", []string{"Sec-Fetch-Mode: no-cors"}, 200)), entry: 1, ignored: "Sec-Fetch-Mode: no-cors"},
		{name: "a font is not a fetch", log: logOf(ent("GET", "https://cdn.test/a.woff", []string{"Sec-Fetch-Mode: cors", "Sec-Fetch-Dest: font"}, 200)), entry: 1, ignored: "Sec-Fetch-Dest: font"},
		{name: "no Origin, no type", log: logOf(noOrigin("GET", "https://cdn.test/a.png", 200)), entry: 1, ignored: "no Origin header"},
		{name: "bad URL", log: logOf(ent("GET", "https://exa mple.test/", nil, 200)), entry: 1, ignored: "URL cannot be parsed"},
		{name: "unreadable", log: &Log{Entries: []Entry{{Index: 1, Err: errTest}}}, entry: 1, ignored: "unreadable: entry 1: broken"},
		{name: "a redirect followed through the HAR's own hop",
			log: logOf(ent("GET", "https://api.test/old", nil, 302, acao, "Location: https://other.test/new"),
				ent("GET", "https://other.test/new", []string{"Origin: null"}, 200, "Access-Control-Allow-Origin: *")),
			entry: 1, judged: true, outcome: algorithm.OK, answered: []int{1, 2}, agrees: no(true),
			check: func(t *testing.T, r []Result) {
				if !r[0].Verdict.Redirected || r[0].Verdict.FinalURL != "https://other.test/new" || r[1].Ignored != "a redirect hop of entry 1" || r[1].Of != 1 {
					t.Errorf("redirect: %+v / %+v", r[0].Verdict, r[1])
				}
			}},
		{name: "a same-origin request redirected cross-origin is a CORS fetch",
			log: logOf(noOrigin("GET", page+"/go", 307, "Location: https://api.test/x"),
				ent("GET", "https://api.test/x", nil, 200, acao)),
			entry: 1, judged: true, outcome: algorithm.OK, answered: []int{1, 2}},
		{name: "a redirect hop the HAR lacks",
			log:   logOf(ent("GET", "https://api.test/old", nil, 302, acao, "Location: https://other.test/new")),
			entry: 1, judged: false, answered: []int{1, 0},
			check: func(t *testing.T, r []Result) {
				if !strings.Contains(r[0].Unjudged, "a hop the HAR did not record") {
					t.Errorf("unjudged %q", r[0].Unjudged)
				}
			}},
		{name: "no response recorded and no preflight needed",
			log:   logOf(failed(ent("GET", "https://api.test/p", nil, 0), "net::ERR_CONNECTION_REFUSED")),
			entry: 1, judged: false, preflight: PreflightNone,
			check: func(t *testing.T, r []Result) {
				if !strings.Contains(r[0].Unjudged, "entry 1 recorded no response") {
					t.Errorf("unjudged %q", r[0].Unjudged)
				}
			}},
		{name: "the second PATCH is answered by the preflight cache",
			log: logOf(preflightEnt("https://api.test/c", "PATCH", "content-type,x-csrf-token", 204, patchOK...),
				ent("PATCH", "https://api.test/c", patchReq, 200, acao, acac),
				ent("PATCH", "https://api.test/c", patchReq, 200, acao, acac)),
			entry: 3, judged: true, outcome: algorithm.OK, preflight: PreflightCached, answered: []int{3}},
		{name: "the cache expires on the HAR's clock",
			log: func() *Log {
				l := logOf(preflightEnt("https://api.test/c", "PATCH", "content-type,x-csrf-token", 204, patchOK...),
					ent("PATCH", "https://api.test/c", patchReq, 200, acao, acac),
					ent("PATCH", "https://api.test/c", patchReq, 200, acao, acac))
				t0 := time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
				l.Entries[0].Started, l.Entries[1].Started, l.Entries[2].Started = t0, t0, t0.Add(11*time.Minute)
				return l
			}(),
			entry: 3, judged: false, preflight: PreflightRebuilt},
		{name: "HAR recorded a failure corsim does not see: the credentials hint",
			log:   logOf(failed(ent("GET", "https://acc.test/me", nil, 200, "Access-Control-Allow-Origin: *"), "net::ERR_FAILED")),
			entry: 1, judged: true, outcome: algorithm.OK, agrees: no(false),
			check: func(t *testing.T, r []Result) {
				if !strings.Contains(r[0].Hint, "--credentials include") {
					t.Errorf("hint %q", r[0].Hint)
				}
			}},
		{name: "another profile than the exporter's: the profile hint",
			log: logOf(preflightEnt("https://api.test/c", "PUT", "authorization", 204, "Access-Control-Allow-Origin: *", "Access-Control-Allow-Methods: PUT", "Access-Control-Allow-Headers: *"),
				ent("PUT", "https://api.test/c", []string{"Authorization: Bearer x"}, 200, "Access-Control-Allow-Origin: *")),
			browser: "spec",
			entry:   2, judged: true, outcome: algorithm.NetworkError, reason: algorithm.HeaderDisallowedByPreflightResponse, agrees: no(false),
			check: func(t *testing.T, r []Result) {
				if !strings.Contains(r[1].Hint, "compare with --browser chromium") {
					t.Errorf("hint %q", r[1].Hint)
				}
			}},
		{name: "an answer to a request the browser never sends",
			log:   logOf(ent("PATCH", "https://api.test/c", patchReq, 200, acao, acac), preflightEnt("https://api.test/c", "PATCH", "content-type,x-csrf-token", 204, patchBad...)),
			entry: 1, judged: true, reason: algorithm.HeaderDisallowedByPreflightResponse, outcome: algorithm.NetworkError, agrees: no(false),
			check: func(t *testing.T, r []Result) {
				if !strings.Contains(r[0].Agreement, "never sends") {
					t.Errorf("agreement %q", r[0].Agreement)
				}
			}},
		{name: "an export that records no errors neither confirms nor contradicts",
			log: func() *Log {
				l := logOf(ent("GET", "https://acc.test/me", []string{"Cookie: s=1"}, 200, "Access-Control-Allow-Origin: *"))
				l.Creator = "Firefox"
				return l
			}(),
			browser: "firefox",
			entry:   1, judged: true, outcome: algorithm.NetworkError, reason: algorithm.WildcardOriginNotAllowed, agreeNil: true},
		{name: "a cancelled request says nothing",
			log:   logOf(failed(ent("GET", "https://api.test/p", nil, 200, acao), "net::ERR_ABORTED")),
			entry: 1, judged: true, outcome: algorithm.OK, agreeNil: true},
		{name: "DevTools' cache headers do not make a preflight",
			log:   logOf(ent("GET", "https://api.test/p", []string{"Pragma: no-cache", "Cache-Control: no-cache", "Accept: */*"}, 200, acao)),
			entry: 1, judged: true, outcome: algorithm.OK, preflight: PreflightNone},
		{name: "a sanitized export's Authorization comes back from the preflight",
			log: logOf(ent("GET", "https://api.test/p", nil, 200, acao),
				preflightEnt("https://api.test/p", "GET", "authorization", 204, acao, "Access-Control-Allow-Headers: authorization")),
			entry: 1, judged: true, outcome: algorithm.OK, preflight: PreflightRecorded, preEntry: 2,
			check: func(t *testing.T, r []Result) {
				if len(r[0].Restored) != 1 || r[0].Restored[0] != "authorization" {
					t.Errorf("restored %v", r[0].Restored)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			if tt.browser == "" {
				tt.browser = "chromium"
			}
			var err error
			if opts.Profile, err = algorithm.ParseProfile(tt.browser); err != nil {
				t.Fatal(err)
			}
			results := Replay(tt.log, opts)
			if len(results) != len(tt.log.Entries) {
				t.Fatalf("%d results for %d entries", len(results), len(tt.log.Entries))
			}
			for i, r := range results {
				if r.Index != i+1 {
					t.Fatalf("result %d has index %d", i, r.Index)
				}
			}
			r := results[tt.entry-1]
			if tt.ignored != "" || r.Ignored != "" {
				if tt.ignored == "" || !strings.Contains(r.Ignored, tt.ignored) {
					t.Fatalf("ignored %q, want %q", r.Ignored, tt.ignored)
				}
				return
			}
			if r.Judged != tt.judged {
				t.Fatalf("judged %v (%s), want %v; verdict %+v", r.Judged, r.Unjudged, tt.judged, r.Verdict)
			}
			if tt.judged && (r.Verdict.Outcome != tt.outcome || r.Verdict.Reason != tt.reason) {
				t.Errorf("verdict %s %s (%s), want %s %s", r.Verdict.Outcome, r.Verdict.Reason, r.Verdict.FailedParameter, tt.outcome, tt.reason)
			}
			if tt.preflight != "" && (r.Preflight.Source != tt.preflight || r.Preflight.Entry != tt.preEntry) {
				t.Errorf("preflight %s entry %d, want %s entry %d", r.Preflight.Source, r.Preflight.Entry, tt.preflight, tt.preEntry)
			}
			if tt.agrees != nil && (r.Agrees == nil || *r.Agrees != *tt.agrees) || tt.agreeNil && r.Agrees != nil {
				t.Errorf("agrees %v (%s), want %v", deref(r.Agrees), r.Agreement, deref(tt.agrees))
			}
			if r.Agreement == "" {
				t.Error("no agreement sentence")
			}
			if tt.answered != nil && !equalInts(r.AnsweredBy, tt.answered) {
				t.Errorf("answered by %v, want %v", r.AnsweredBy, tt.answered)
			}
			if tt.check != nil {
				tt.check(t, results)
			}
		})
	}
}

var errTest = errorString("corsim: har: entry 1: broken")

type errorString string

func (e errorString) Error() string { return string(e) }

func deref(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPageOrigin(t *testing.T) {
	api := "https://api.test/p"
	tests := []struct {
		name string
		log  *Log
		opts Options
		page string
		from string
	}{
		{name: "Origin header", log: logOf(ent("GET", api, []string{"Origin: https://frame.test"}, 200)), page: "https://frame.test", from: "Origin header"},
		{name: "an opaque Origin", log: logOf(ent("GET", api, []string{"Origin: null"}, 200)), page: "null", from: "Origin header (an opaque origin"},
		{name: "--origin wins", log: logOf(ent("GET", api, nil, 200)), opts: Options{Page: origin.MustParse("https://o.test")}, page: "https://o.test", from: "--origin"},
		{name: "pages[].title, as Chromium writes it", log: func() *Log {
			l := logOf(Entry{Request: Request{Method: "GET", URL: api, Headers: hl("Sec-Fetch-Mode: cors")}, Response: Response{Status: 200}})
			l.Pages[0].Title = "https://www.shop.test/cart"
			return l
		}(), page: "https://www.shop.test", from: "pages[].title"},
		{name: "the page's document, when the title is not a URL", log: func() *Log {
			doc := noOrigin("GET", "https://doc.test/", 200)
			doc.Request.Headers = hl("Sec-Fetch-Dest: document")
			l := logOf(doc, Entry{Request: Request{Method: "GET", URL: api, Headers: hl("Sec-Fetch-Mode: cors")}, Response: Response{Status: 200}})
			l.Pages[0].Title = "Shop"
			return l
		}(), page: "https://doc.test", from: "the page's document (entry 1)"},
		{name: "Referer, last", log: func() *Log {
			l := logOf(Entry{Request: Request{Method: "GET", URL: api, Headers: hl("Sec-Fetch-Mode: cors", "Referer: https://ref.test/a")}, Response: Response{Status: 200}})
			l.Pages = nil
			return l
		}(), page: "https://ref.test", from: "Referer header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Profile = algorithm.Chromium
			results := Replay(tt.log, opts)
			r := results[len(results)-1]
			if r.Ignored != "" {
				t.Fatalf("ignored: %s", r.Ignored)
			}
			if r.Page.String() != tt.page || !strings.Contains(r.PageFrom, tt.from) {
				t.Errorf("page %s from %q, want %s from %q", r.Page, r.PageFrom, tt.page, tt.from)
			}
		})
	}
	l := logOf(Entry{Request: Request{Method: "GET", URL: api, Headers: hl("Sec-Fetch-Mode: cors")}, Response: Response{Status: 200}})
	l.Pages = nil
	if r := Replay(l, Options{})[0]; !strings.Contains(r.Ignored, "pass --origin") {
		t.Errorf("no page at all: %q", r.Ignored)
	}
}

func TestExporterProfile(t *testing.T) {
	tests := []struct {
		creator, browser string
		want             algorithm.Profile
		ok               bool
	}{
		{creator: "WebInspector", want: algorithm.Chromium, ok: true},
		{creator: "Firefox", browser: "Firefox", want: algorithm.Firefox, ok: true},
		{creator: "WebKit Web Inspector", want: algorithm.WebKit, ok: true},
		{creator: "Playwright", browser: "webkit", want: algorithm.WebKit, ok: true},
		{creator: "Playwright", browser: "firefox", want: algorithm.Firefox, ok: true},
		{creator: "Playwright", browser: "chromium", want: algorithm.Chromium, ok: true},
		{creator: "Charles Proxy"},
		{},
	}
	for _, tt := range tests {
		p, ok := ExporterProfile(&Log{Creator: tt.creator, Browser: tt.browser})
		if p != tt.want || ok != tt.ok {
			t.Errorf("%q/%q: %v, %v; want %v, %v", tt.creator, tt.browser, p, ok, tt.want, tt.ok)
		}
	}
}

// Pairing and redirect look-ups go through a per-URL index, so a large HAR replays in time about
// linear in its entries rather than quadratic.
func TestReplayLarge(t *testing.T) {
	var entries []Entry
	for i := range 5000 {
		url := "https://api.test/c/" + itoa(i%50)
		entries = append(entries, ent("PATCH", url, patchReq, 200, acao, acac), preflightEnt(url, "PATCH", "content-type,x-csrf-token", 204, patchOK[:4]...))
	}
	start := time.Now()
	results := Replay(logOf(entries...), Options{Profile: algorithm.Chromium})
	for i := 0; i < len(results); i += 2 {
		// From the 51st PATCH on, the preflight cache answers; each recorded preflight still pairs with
		// the PATCH it follows.
		if r := results[i]; !r.Judged || r.Verdict.Outcome != algorithm.OK || results[i+1].Of != i+1 {
			t.Fatalf("entry %d: judged %v, preflight %d, of %d", i+1, r.Judged, r.Preflight.Entry, results[i+1].Of)
		}
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("10 000 entries took %v", d)
	}
}
