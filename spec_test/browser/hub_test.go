package browser

import (
	"bufio"
	"encoding/json"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
)

func hubRequest(t *testing.T, h *hub, scheme, raw string, body string) algorithm.Response {
	t.Helper()
	req, _, err := readRawRequest(bufio.NewReader(strings.NewReader(raw + body)))
	if err != nil {
		t.Fatal(err)
	}
	resp, ok := h.serve(scheme, req, []byte(body))
	if !ok {
		t.Fatal("no answer")
	}
	return resp
}

func TestHubRoutesByHostAndRecords(t *testing.T) {
	a := mustScenario(t, `{"id":"a","page_origin":"http://p.test:18080","servers":{"http://api.test:18081/x":{"options":{"status":204},"actual_seq":[{"status":201},{"status":202}]}},"fetches":[{"url":"http://api.test:18081/x"}]}`)
	b := mustScenario(t, `{"id":"b","page_origin":"http://q.test:18080","servers":{"http://api2.test:18081/x":{"actual":{"status":203}}},"fetches":[{"url":"http://api2.test:18081/x"},{"url":"/y"}]}`)
	a.key, b.key = "ka", "kb"
	h := newHub(47800)
	h.add([]*scenario{a, b})
	ra, err := h.begin(a)
	if err != nil {
		t.Fatal(err)
	}
	if !h.conflicts(a) {
		t.Error("a running scenario must conflict with itself")
	}
	rb, err := h.begin(b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.begin(a); err == nil || !strings.HasPrefix(err.Error(), "corsim: ") {
		t.Errorf("beginning a twice: %v", err)
	}
	hubRequest(t, h, "http", "POST /__corsim/mark?k=ka&i=0 HTTP/1.1\r\nHost: p.test:18080\r\n\r\n", "")
	pre := hubRequest(t, h, "http", "OPTIONS /x HTTP/1.1\r\nHost: api.test:18081\r\nOrigin: http://p.test:18080\r\nAccess-Control-Request-Method: PUT\r\nX-A: 1\r\nX-A: 2\r\n\r\n", "")
	first := hubRequest(t, h, "http", "PUT /x HTTP/1.1\r\nHost: API.test:18081\r\nOrigin: http://p.test:18080\r\nContent-Length: 1\r\n\r\n", "z")
	second := hubRequest(t, h, "http", "OPTIONS /x HTTP/1.1\r\nHost: api.test:18081\r\n\r\n", "")
	other := hubRequest(t, h, "http", "GET /x HTTP/1.1\r\nHost: api2.test:18081\r\n\r\n", "")
	stray := hubRequest(t, h, "http", "GET /x HTTP/1.1\r\nHost: nobody.test:18081\r\n\r\n", "")
	fav := hubRequest(t, h, "http", "GET /favicon.ico HTTP/1.1\r\nHost: p.test:18080\r\n\r\n", "")
	hubRequest(t, h, "http", "POST /__corsim/mark?k=ka&i=-1 HTTP/1.1\r\nHost: p.test:18080\r\n\r\n", "")
	if pre.Status != 204 || first.Status != 201 || second.Status != 202 || other.Status != 203 || stray.Status != 404 || fav.Status != 404 {
		t.Errorf("statuses %d %d %d %d %d %d", pre.Status, first.Status, second.Status, other.Status, stray.Status, fav.Status)
	}
	logA := h.end(ra)
	per := fetchLog(logA, 1)
	if len(per[0]) != 3 {
		t.Fatalf("fetch 0 saw %d requests, want 3: %+v", len(per[0]), per[0])
	}
	if !per[0][0].Preflight || per[0][1].Preflight || per[0][2].Preflight {
		t.Errorf("preflight flags %v %v %v", per[0][0].Preflight, per[0][1].Preflight, per[0][2].Preflight)
	}
	if got := per[0][0].Headers["x-a"]; got != "1, 2" {
		t.Errorf("repeated header %q", got)
	}
	if got := per[0][1].URL; got != "http://api.test:18081/x" {
		t.Errorf("URL %q", got)
	}
	if len(h.end(rb)) != 1 {
		t.Error("b's request went astray")
	}
	if h.stray != 1 {
		t.Errorf("stray %d", h.stray)
	}
}

func TestHubControlPages(t *testing.T) {
	sc := mustScenario(t, `{"id":"n","page_origin":"null","null_parent":"http://top.test:18080","fetches":[{"url":"http://a.test/","method":"G\u00c3T","headers":[["X","caf\u00e9"]]}]}`)
	top := mustScenario(t, `{"id":"m","page_origin":"null","fetches":[{"url":"http://a.test/"}]}`)
	sc.key, top.key = "k1", "k2"
	h := newHub(47800)
	h.add([]*scenario{sc, top})
	page := hubRequest(t, h, "http", "GET /__corsim/run?k=k1 HTTP/1.1\r\nHost: top.test:18080\r\n\r\n", "")
	if page.Status != 200 || !strings.Contains(page.Body, `"frame_url":"http://top.test:18080/__corsim/frame?k=k1"`) {
		t.Errorf("runner page %d %.300s", page.Status, page.Body)
	}
	if _, csp := page.Headers.Get("Content-Security-Policy"); csp {
		t.Error("a page that embeds the sandboxed frame must not be sandboxed itself")
	}
	frame := hubRequest(t, h, "http", "GET /__corsim/frame?k=k1 HTTP/1.1\r\nHost: top.test:18080\r\n\r\n", "")
	if !strings.Contains(frame.Body, `"role":"frame"`) {
		t.Errorf("frame page %.300s", frame.Body)
	}
	alone := hubRequest(t, h, "http", "GET /__corsim/run?k=k2 HTTP/1.1\r\nHost: corsim-runner.test:47800\r\n\r\n", "")
	if v, _ := alone.Headers.Get("Content-Security-Policy"); v != "sandbox allow-scripts" {
		t.Errorf("opaque top-level page CSP %q", v)
	}
	// Byte strings reach the page isomorphically decoded: each byte one code point.
	start := strings.Index(page.Body, `{"key"`)
	end := strings.Index(page.Body[start:], "</script>")
	var cfg runnerConfig
	if err := json.Unmarshal([]byte(page.Body[start:start+end]), &cfg); err != nil {
		t.Fatal(err)
	}
	if got := cfg.Fetches[0].Headers[0][1]; got != "caf\u00c3\u00a9" {
		t.Errorf("header value %q", got)
	}
	if got := cfg.Fetches[0].Method; got != "G\u00c3\u0083T" {
		t.Errorf("method %q", got)
	}
	for _, bad := range []string{"/__corsim/run?k=nope", "/__corsim/nothing", "/__corsim/mark?i=x"} {
		if r := hubRequest(t, h, "http", "GET "+bad+" HTTP/1.1\r\nHost: x.test\r\n\r\n", ""); r.Status < 400 {
			t.Errorf("%s answered %d", bad, r.Status)
		}
	}
	if r := hubRequest(t, h, "http", "GET /__corsim/next HTTP/1.1\r\nHost: x.test\r\n\r\n", ""); r.Status != 200 {
		t.Errorf("next outside self-driving mode: %d", r.Status)
	}
}

func TestHubSelfDriving(t *testing.T) {
	a := mustScenario(t, `{"id":"a","page_origin":"http://p.test:18080","fetches":[{"url":"/x"}]}`)
	b := mustScenario(t, `{"id":"b","page_origin":"http://q.test:18080","fetches":[{"url":"/x"}]}`)
	a.key, b.key = "ka", "kb"
	h := newHub(47800)
	h.add([]*scenario{a, b})
	started := h.setQueue([]*scenario{a, b})
	r := hubRequest(t, h, "http", "GET /__corsim/next?after= HTTP/1.1\r\nHost: corsim-runner.test:47800\r\n\r\n", "")
	if loc, _ := r.Headers.Get("Location"); r.Status != 302 || loc != "http://p.test:18080/__corsim/run?k=ka" {
		t.Fatalf("first next: %d %q", r.Status, loc)
	}
	ra := <-started
	hubRequest(t, h, "http", "POST /__corsim/result?k=ka HTTP/1.1\r\nHost: p.test:18080\r\nContent-Length: 2\r\n\r\n", "{}")
	if got := string(<-ra.result); got != "{}" {
		t.Errorf("result %q", got)
	}
	h.end(ra) // the page has not asked for the next scenario yet: a stays current
	if r := hubRequest(t, h, "http", "GET /__corsim/next?after=kb HTTP/1.1\r\nHost: p.test:18080\r\n\r\n", ""); r.Status != 409 {
		t.Errorf("stale next answered %d", r.Status)
	}
	r = hubRequest(t, h, "http", "GET /__corsim/next?after=ka HTTP/1.1\r\nHost: p.test:18080\r\n\r\n", "")
	if loc, _ := r.Headers.Get("Location"); loc != "http://q.test:18080/__corsim/run?k=kb" {
		t.Errorf("second next %q", loc)
	}
	<-started
	r = hubRequest(t, h, "http", "GET /__corsim/next?after=kb HTTP/1.1\r\nHost: q.test:18080\r\n\r\n", "")
	if loc, _ := r.Headers.Get("Location"); !strings.HasSuffix(loc, "/__corsim/done") {
		t.Errorf("last next %q", loc)
	}
	h.stopQueue()
	if h.selfDrive || h.cur != nil {
		t.Error("stopQueue left self-driving mode on")
	}
}

func TestIsomorphicDecode(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{name: "empty", in: "", want: ""},
		{name: "ascii unchanged", in: "x-custom", want: "x-custom"},
		{name: "utf-8 bytes become code points", in: "\xc3\xa9", want: "\u00c3\u00a9"},
		{name: "invalid utf-8", in: "\xff", want: "\u00ff"},
		{name: "control bytes", in: "\x00\x01", want: "\x00\x01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isomorphicDecode(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
