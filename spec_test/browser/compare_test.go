package browser

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

func TestFromBrowserKeepsOnlyVerdictHeaders(t *testing.T) {
	body := "x"
	f := fetchSpec{URL: "http://api.test/x", Method: "PUT", Headers: [][]string{{"X-Custom", "1"}, {"Accept", "a/b"}}, Body: &body}
	log := []record{
		{Method: "OPTIONS", URL: "http://api.test/x", Preflight: true, Headers: map[string]string{
			"origin": "http://p.test", "access-control-request-method": "PUT", "accept": "*/*", "user-agent": "UA", "x-custom": "leak"}},
		{Method: "PUT", URL: "http://api.test/x", Headers: map[string]string{
			"origin": "http://p.test", "x-custom": "1", "accept": "a/b", "content-type": "text/plain;charset=UTF-8", "referer": "r"}},
		{Method: "GET", URL: "http://api.test/y", Headers: map[string]string{"x-custom": "browser's own", "accept": "a/b"}},
	}
	res := runnerResult{Outcome: "ok", Type: "cors", Status: 200, Headers: []string{"content-type", "a"}, URL: "http://api.test/x"}
	o := fromBrowser(f, res, log, observation{})
	if got := o.ServerSaw[0].Headers; len(got) != 2 || got["accept"] != "" || got["x-custom"] != "" {
		t.Errorf("preflight headers %v", got)
	}
	if got := o.ServerSaw[1].Headers; len(got) != 4 || got["referer"] != "" || got["content-type"] == "" {
		t.Errorf("actual headers %v", got)
	}
	if got := o.ServerSaw[2].Headers; len(got) != 1 || got["accept"] != "a/b" {
		t.Errorf("a header with the browser's own value was kept: %v", got)
	}
	if !o.ActualSent || !o.BodyReadable || strings.Join(o.VisibleHeaders, ",") != "a,content-type" {
		t.Errorf("observation %+v", o)
	}
	// A name the engine lists on a preflight is compared on preflights.
	eng := observation{ServerSaw: []sawRequest{{Method: "OPTIONS", Headers: map[string]string{"accept": "*/*", "access-control-request-method": "PUT"}}}}
	if got := fromBrowser(f, res, log, eng).ServerSaw[0].Headers["accept"]; got != "*/*" {
		t.Errorf("engine-listed header dropped: %q", got)
	}
}

func TestCanonicalizeFailedFetch(t *testing.T) {
	o := observation{Outcome: "network-error", ResponseType: "cors", Status: 500, VisibleHeaders: []string{"a"}, Redirected: true, FinalURL: "u", BodyReadable: true}
	o.canonicalize()
	if !cmp.Equal(o, observation{Outcome: "network-error", ResponseType: "error"}) {
		t.Errorf("%+v", o)
	}
}

func TestFromVerdict(t *testing.T) {
	v := algorithm.Verdict{Outcome: algorithm.OK, ActualSent: true, ResponseType: algorithm.TypeCORS, Status: 200,
		ServerSaw: []algorithm.SentRequest{{Method: "GET", URL: "http://a.test/", Headers: fetchmode.HeaderList{{Name: "Origin", Value: "http://p.test"}, {Name: "X", Value: "1"}, {Name: "x", Value: "2"}}}}}
	o := fromVerdict(v)
	if got := o.ServerSaw[0].Headers; got["origin"] != "http://p.test" || got["x"] != "1, 2" {
		t.Errorf("headers %v", got)
	}
	if o.VisibleHeaders != nil {
		t.Error("empty header list must compare equal to none")
	}
}

func TestCompareFetch(t *testing.T) {
	all := map[string]bool{}
	for _, f := range comparedFields {
		all[f] = true
	}
	a := observation{Outcome: "ok", Status: 200, VisibleHeaders: []string{"a"}}
	tests := []struct {
		name     string
		b        observation
		observed map[string]bool
		want     string
	}{
		{name: "equal", b: a, observed: all, want: ""},
		{name: "status", b: observation{Outcome: "ok", Status: 201, VisibleHeaders: []string{"a"}}, observed: all, want: "status"},
		{name: "two fields", b: observation{Outcome: "ok", Status: 201, Reason: "X"}, observed: all, want: "status,visible_headers,reason"},
		{name: "unobserved ignored", b: observation{Outcome: "ok", Status: 200, VisibleHeaders: []string{"a"}, Reason: "X"}, observed: map[string]bool{fStatus: true}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(compareFetch(tt.b, a, tt.observed), ","); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestChromeReason(t *testing.T) {
	ev := newChromeEvents()
	ev.failures[0] = []netFailure{{Type: "Preflight", HasCORSStatus: true, CorsError: "PreflightInvalidStatus"}, {Type: "Fetch", HasCORSStatus: true, CorsError: "PreflightInvalidStatus", FailedParameter: "p"}}
	ev.failures[1] = []netFailure{{ErrorText: "net::ERR_UNSAFE_PORT"}}
	ev.failures[2] = []netFailure{{ErrorText: "net::ERR_FAILED"}}
	ev.failures[3] = []netFailure{{ErrorText: "net::ERR_BLOCKED_BY_CLIENT", BlockedReason: "other"}}
	ev.failures[4] = []netFailure{{ErrorText: "net::ERR_FAILED", BlockedReason: "mixed-content"}}
	ev.failures[5] = []netFailure{{BlockedReason: "origin"}}
	ev.failures[6] = []netFailure{{BlockedReason: "other"}}
	ev.failures[7] = []netFailure{{ErrorText: "net::ERR_FILE_NOT_FOUND"}}
	ev.failures[8] = []netFailure{{ErrorText: "net::ERR_INVALID_URL"}}
	ev.failures[10] = []netFailure{{ErrorText: "net::ERR_INVALID_ARGUMENT"}}
	ev.failures[11] = []netFailure{{ErrorText: "net::ERR_ALPN_NEGOTIATION_FAILED"}}
	ne := runnerResult{Outcome: "network-error"}
	tests := []struct {
		name        string
		i           int
		fx          fetchInfo
		res         runnerResult
		reason, par string
		okR, okP    bool
	}{
		{name: "same-origin mode", i: 5, fx: fetchInfo{scheme: "https"}, res: ne, reason: "DisallowedByMode", okR: true},
		{name: "file scheme", i: 6, fx: fetchInfo{scheme: "file"}, res: ne, reason: "CorsDisabledScheme", okR: true},
		{name: "other block elsewhere kept raw", i: 6, fx: fetchInfo{scheme: "https"}, res: ne, reason: "net:/other", okR: true},
		{name: "unknown blob", i: 7, fx: fetchInfo{scheme: "blob"}, res: ne, reason: "UnsupportedScheme", okR: true},
		{name: "file not found elsewhere kept raw", i: 7, fx: fetchInfo{scheme: "https"}, res: ne, reason: "net:net::ERR_FILE_NOT_FOUND/", okR: true},
		{name: "stream body redirected", i: 10, fx: fetchInfo{scheme: "https", stream: true}, res: ne, reason: "InvalidRedirect", okR: true},
		{name: "invalid argument without a stream kept raw", i: 10, fx: fetchInfo{scheme: "https"}, res: ne, reason: "net:net::ERR_INVALID_ARGUMENT/", okR: true},
		{name: "stream body without HTTP/2", i: 11, fx: fetchInfo{scheme: "http", stream: true}, res: ne, reason: "StreamBodyUnsupported", okR: true},
		{name: "undecodable data URL", i: 8, fx: fetchInfo{scheme: "data"}, res: ne, reason: "InvalidResponse", okR: true},
		{name: "cors error of the fetch", i: 0, res: ne, reason: "PreflightInvalidStatus", par: "p", okR: true, okP: true},
		{name: "bad port", i: 1, res: ne, reason: "BadPort", okR: true},
		{name: "bare ERR_FAILED names nothing", i: 2, res: ne},
		{name: "unknown failure kept raw", i: 3, res: ne, reason: "net:net::ERR_BLOCKED_BY_CLIENT/other", okR: true},
		{name: "mixed content", i: 4, res: ne, reason: "MixedContent", okR: true},
		{name: "no event", i: 9, res: ne},
		{name: "success", i: 9, res: runnerResult{Outcome: "ok"}, okR: true, okP: true},
		{name: "js error", i: 9, res: runnerResult{Outcome: "js-error"}, reason: "InvalidRequest", okR: true},
		{name: "harness timeout", i: 9, res: runnerResult{Outcome: "harness-timeout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, p, okR, okP := chromeReason(ev, tt.i, tt.res, tt.fx)
			if r != tt.reason || p != tt.par || okR != tt.okR || okP != tt.okP {
				t.Errorf("got %q %q %v %v", r, p, okR, okP)
			}
		})
	}
}

func TestChromeMessage(t *testing.T) {
	ev := newChromeEvents()
	ev.console[0] = []string{"Failed to load resource: net::ERR_FAILED", "Access to fetch at 'x' from origin 'y' has been blocked by CORS policy: z"}
	ev.console[1] = []string{"Failed to load resource: the server responded with a status of 404 (Not Found)"}
	if m, ok := chromeMessage(ev, 0); !ok || !strings.HasSuffix(m, "policy: z") {
		t.Errorf("got %q %v", m, ok)
	}
	for _, i := range []int{1, 2} {
		if m, ok := chromeMessage(ev, i); ok || m != "" {
			t.Errorf("fetch %d: got %q %v", i, m, ok)
		}
	}
}

func TestConsoleMessageFiledUnderItsRequest(t *testing.T) {
	ev := newChromeEvents()
	ev.reqFetch["r0"], ev.reqFetch["r1"] = 0, 1
	cors0 := "Access to fetch at 'x' from origin 'y' has been blocked by CORS policy: Method DELETE is not allowed"
	cors1 := "Access to fetch at 'x' from origin 'y' has been blocked by CORS policy: credentials"
	ev.fetchIdx = 1 // the page has begun fetch 1 before fetch 0's messages arrive
	ev.fileConsole("", cors0)
	ev.fileConsole("r0", "Failed to load resource: net::ERR_FAILED")
	ev.fileConsole("", cors1)
	ev.fileConsole("r1", "Failed to load resource: net::ERR_FAILED")
	if m, ok := chromeMessage(ev, 0); !ok || m != cors0 {
		t.Errorf("fetch 0: %q %v", m, ok)
	}
	if m, ok := chromeMessage(ev, 1); !ok || m != cors1 {
		t.Errorf("fetch 1: %q %v", m, ok)
	}
	ev.fileConsole("", "Access to fetch at 'z' from origin 'y' has been blocked by CORS policy: never paired")
	if m, _ := chromeMessage(ev, 1); m != cors1 {
		t.Errorf("an unpaired message displaced fetch 1's: %q", m)
	}
}
