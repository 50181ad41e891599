package browser

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/internal/httpheader"
	"github.com/corsim/corsim/origin"
	cs "github.com/corsim/corsim/scenario"
)

// controlPrefix is the path under which the harness serves its runner pages and
// receives marks and results, on every host. Scenario routes never use it.
const controlPrefix = "/__corsim/"

// runnerHost is the host of the page that runs a scenario whose page origin is
// "null" and that names no embedding page: the page is served with a sandboxing
// Content-Security-Policy, so it is itself a top-level opaque-origin document.
const runnerHost = "corsim-runner.test"

// record is one thing the servers saw during a scenario: a request, or a mark the
// runner page sends before each fetch (and, with Mark == -1, after the last one).
type record struct {
	Mark      int
	IsMark    bool
	Method    string
	URL       string
	Headers   map[string]string // lower-case name → values joined with ", "
	Preflight bool
	At        time.Time
}

// activeRun is one scenario being run in one browser.
type activeRun struct {
	sc     *scenario
	table  *cs.Table
	log    []record
	result chan []byte
	begun  time.Time
}

// hub routes every request that reaches the servers: control requests to the
// harness, every other request to the routes of the scenario that is running.
type hub struct {
	mu        sync.Mutex
	byKey     map[string]*scenario
	runs      map[string]*activeRun // running scenarios by key
	byHost    map[string]*activeRun // running scenarios by "host:port" they own
	cur       *activeRun            // the self-driving scenario
	queue     []*scenario           // self-driving order (Firefox, WebKit)
	queuePos  int
	started   chan *activeRun
	ctlPort   int
	selfDrive bool
	http2     bool // stream-body scenarios are offered HTTP/2 (while Chromium runs)
	stray     int  // requests that arrived while no scenario ran
}

func newHub(ctlPort int) *hub {
	return &hub{byKey: map[string]*scenario{}, ctlPort: ctlPort, runs: map[string]*activeRun{},
		byHost: map[string]*activeRun{}}
}

// add registers scenarios so that their runner pages can be served.
func (h *hub) add(scs []*scenario) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, s := range scs {
		h.byKey[s.key] = s
	}
}

// hostKeys are the "host:port" names whose requests belong to sc while it runs.
func hostKeys(sc *scenario) []string {
	var out []string
	for _, e := range sc.endpoints() {
		out = append(out, e.Host+":"+strconv.Itoa(e.Port))
	}
	return out
}

// conflicts reports whether sc shares a host and port with a running scenario.
func (h *hub) conflicts(sc *scenario) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, k := range hostKeys(sc) {
		if h.byHost[k] != nil {
			return true
		}
	}
	return false
}

// begin starts sc with fresh routes. Scenarios that run at the same time must not
// share a host and port, since requests are told apart by their Host.
func (h *hub) begin(sc *scenario) (*activeRun, error) {
	t, err := cs.NewTable(routesOf(sc))
	if err != nil {
		return nil, err
	}
	r := &activeRun{sc: sc, table: t, result: make(chan []byte, 1), begun: time.Now()}
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, k := range hostKeys(sc) {
		if o := h.byHost[k]; o != nil {
			return nil, fmt.Errorf("corsim: browser: %s: host %s is in use by %s", sc.ID, k, o.sc.ID)
		}
	}
	for _, k := range hostKeys(sc) {
		h.byHost[k] = r
	}
	h.runs[sc.key] = r
	return r, nil
}

// end stops routing requests to r and returns what the servers saw. A
// self-driving run stays current until the page asks for the next scenario.
func (h *hub) end(r *activeRun) []record {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cur != r {
		h.endLocked(r)
	}
	return append([]record(nil), r.log...)
}

func (h *hub) endLocked(r *activeRun) {
	if h.runs[r.sc.key] == r {
		delete(h.runs, r.sc.key)
	}
	for _, k := range hostKeys(r.sc) {
		if h.byHost[k] == r {
			delete(h.byHost, k)
		}
	}
	if h.cur == r {
		h.cur = nil
	}
}

// runFor finds the running scenario a request belongs to.
func (h *hub) runFor(scheme string, req *http.Request) *activeRun {
	host := strings.ToLower(req.Host)
	if _, _, err := net.SplitHostPort(host); err != nil {
		if scheme == "https" {
			host += ":443"
		} else {
			host += ":80"
		}
	}
	host = strings.Replace(strings.Replace(host, "[", "", 1), "]", "", 1)
	return h.byHost[host]
}

// setQueue arms self-driving mode: /__corsim/next walks through scs in order.
func (h *hub) setQueue(scs []*scenario) chan *activeRun {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cur != nil {
		h.endLocked(h.cur)
	}
	h.queue, h.queuePos, h.selfDrive = scs, 0, true
	h.started = make(chan *activeRun, len(scs)+1)
	return h.started
}

// stopQueue leaves self-driving mode.
func (h *hub) stopQueue() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cur != nil {
		h.endLocked(h.cur)
	}
	h.queue, h.queuePos, h.selfDrive = nil, 0, false
}

// runnerURL is where the page that runs sc is served.
func (h *hub) runnerURL(sc *scenario) string {
	return h.topOrigin(sc) + controlPrefix + "run?k=" + url.QueryEscape(sc.key)
}

// topOrigin is the origin of the top-level runner page.
func (h *hub) topOrigin(sc *scenario) string {
	switch {
	case sc.PageOrigin != "null":
		return sc.PageOrigin
	case sc.NullParent != "" && sc.NullParent != "null":
		return sc.NullParent
	default:
		return "http://" + runnerHost + ":" + strconv.Itoa(h.ctlPort)
	}
}

// serve implements handler.
func (h *hub) serve(scheme string, req *http.Request, body []byte) (algorithm.Response, bool) {
	debugf("%s %s%s", req.Method, req.Host, req.URL.RequestURI())
	if strings.HasPrefix(req.URL.Path, controlPrefix) {
		return h.control(scheme, req, body), true
	}
	u, err := requestURL(scheme, req)
	if err != nil {
		return algorithm.Response{Status: 400}, true
	}
	if pu, err := origin.ParseURL(u); err == nil {
		u = pu.StringNoFragment()
	}
	rec := record{Method: req.Method, URL: u, Headers: lowerHeaders(req.Header), At: time.Now()}
	rec.Preflight = req.Method == http.MethodOptions && req.Header.Get("Origin") != "" &&
		len(req.Header.Values("Access-Control-Request-Method")) > 0
	h.mu.Lock()
	r := h.runFor(scheme, req)
	if r == nil {
		h.stray++
		h.mu.Unlock()
		return algorithm.Response{Status: 404}, true
	}
	if req.URL.Path == "/favicon.ico" && !hasRoute(r.sc, "/favicon.ico") {
		h.mu.Unlock()
		return algorithm.Response{Status: 404}, true
	}
	r.log = append(r.log, rec)
	t := r.table
	h.mu.Unlock()
	sent := algorithm.SentRequest{Method: req.Method, URL: u, Preflight: rec.Preflight,
		Headers: httpheader.FromHTTP(req.Header)}
	resp, err := t.Respond(sent)
	if err != nil {
		return algorithm.Response{}, false
	}
	return resp, true
}

func hasRoute(sc *scenario, path string) bool {
	for k := range sc.Servers {
		if u, err := origin.ParseURL(k); err == nil && strings.HasPrefix(u.PathQuery(), path) {
			return true
		}
	}
	return false
}

// lowerHeaders flattens a request's headers as server_saw shows them.
func lowerHeaders(hd http.Header) map[string]string {
	m := make(map[string]string, len(hd))
	for k, vs := range hd {
		m[strings.ToLower(k)] = strings.Join(vs, ", ")
	}
	return m
}

// control answers the harness's own endpoints.
func (h *hub) control(scheme string, req *http.Request, body []byte) algorithm.Response {
	q := req.URL.Query()
	name := strings.TrimPrefix(req.URL.Path, controlPrefix)
	switch name {
	case "run", "frame":
		h.mu.Lock()
		sc := h.byKey[q.Get("k")]
		h.mu.Unlock()
		if sc == nil {
			return textResponse(404, "unknown scenario")
		}
		page, csp := h.runnerPage(sc, name == "frame")
		resp := algorithm.Response{Status: 200, Body: page}
		resp.Headers.Append("Content-Type", "text/html; charset=utf-8")
		resp.Headers.Append("Cache-Control", "no-store")
		if csp {
			resp.Headers.Append("Content-Security-Policy", "sandbox allow-scripts")
		}
		resp.Headers.Append("Content-Length", strconv.Itoa(len(page)))
		return resp
	case "mark":
		i, err := strconv.Atoi(q.Get("i"))
		if err != nil {
			return textResponse(400, "bad mark")
		}
		h.mu.Lock()
		if r := h.runs[q.Get("k")]; r != nil {
			r.log = append(r.log, record{IsMark: true, Mark: i, At: time.Now()})
		}
		h.mu.Unlock()
		return emptyResponse(204)
	case "result":
		h.mu.Lock()
		r := h.runs[q.Get("k")]
		h.mu.Unlock()
		if r != nil {
			select {
			case r.result <- body:
			default:
			}
		}
		return emptyResponse(204)
	case "next":
		return h.next(q.Get("after"))
	case "done":
		return textResponse(200, "corsim: no more scenarios")
	}
	return textResponse(404, "unknown control endpoint")
}

// next starts the scenario after the one named and redirects the browser to it.
func (h *hub) next(after string) algorithm.Response {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.selfDrive {
		return textResponse(200, "corsim: not self-driving")
	}
	if after != "" && (h.cur == nil || h.cur.sc.key != after) {
		return textResponse(409, "corsim: stale request for the next scenario")
	}
	if h.cur != nil {
		h.endLocked(h.cur)
	}
	if h.queuePos >= len(h.queue) {
		resp := emptyResponse(302)
		resp.Headers.Append("Location", "http://"+runnerHost+":"+strconv.Itoa(h.ctlPort)+controlPrefix+"done")
		return resp
	}
	sc := h.queue[h.queuePos]
	h.queuePos++
	t, err := cs.NewTable(routesOf(sc))
	if err != nil {
		return textResponse(500, err.Error())
	}
	r := &activeRun{sc: sc, table: t, result: make(chan []byte, 1), begun: time.Now()}
	for _, k := range hostKeys(sc) {
		h.byHost[k] = r
	}
	h.runs[sc.key] = r
	h.cur = r
	h.started <- r
	resp := emptyResponse(302)
	resp.Headers.Append("Location", h.runnerURL(sc))
	return resp
}

func textResponse(status int, s string) algorithm.Response {
	r := algorithm.Response{Status: status, Body: s}
	r.Headers.Append("Content-Type", "text/plain; charset=utf-8")
	r.Headers.Append("Cache-Control", "no-store")
	r.Headers.Append("Content-Length", strconv.Itoa(len(s)))
	return r
}

func emptyResponse(status int) algorithm.Response {
	r := algorithm.Response{Status: status}
	r.Headers.Append("Cache-Control", "no-store")
	r.Headers.Append("Content-Length", "0")
	return r
}

// routesOf converts the scenario's servers into the engine's routes.
func routesOf(sc *scenario) map[string]cs.Route {
	m := make(map[string]cs.Route, len(sc.Servers))
	for u, sv := range sc.Servers {
		var r cs.Route
		if sv.Options != nil {
			x := sv.Options.response()
			r.Options = &x
		}
		if sv.Actual != nil {
			x := sv.Actual.response()
			r.Actual = &x
		}
		for _, x := range sv.OptionsSeq {
			r.OptionsSeq = append(r.OptionsSeq, x.response())
		}
		for _, x := range sv.ActualSeq {
			r.ActualSeq = append(r.ActualSeq, x.response())
		}
		m[u] = r
	}
	return m
}

func (r responseSpec) response() algorithm.Response {
	out := algorithm.Response{Status: r.Status, Body: r.Body}
	for _, h := range r.Headers {
		out.Headers.Append(h[0], h[1])
	}
	return out
}

// fetchLog splits the servers' log into the requests of each fetch, using the marks.
func fetchLog(log []record, n int) [][]record {
	out := make([][]record, n)
	cur := -2
	for _, r := range log {
		if r.IsMark {
			cur = r.Mark
			continue
		}
		if cur >= 0 && cur < n {
			out[cur] = append(out[cur], r)
		}
	}
	return out
}

// debugf traces the servers when a test sets it.
var debugf = func(string, ...any) {}

// markTimes returns when the page marked the start of each fetch.
func markTimes(log []record, n int) []time.Time {
	out := make([]time.Time, n)
	for _, r := range log {
		if r.IsMark && r.Mark >= 0 && r.Mark < n && out[r.Mark].IsZero() {
			out[r.Mark] = r.At
		}
	}
	return out
}
