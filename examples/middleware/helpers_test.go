package middleware

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/fetchmode"
)

// The page, the API it calls, and the attacker's page of every test.
const (
	app     = "https://app.example"
	api     = "https://api.example"
	evil    = "https://evil.example"
	cartURL = api + "/cart/items/17"
	cartDoc = `{"quantity":3}`
)

// checkoutHeaders are the two CORS-unsafe headers the checkout sends.
var checkoutHeaders = fetchmode.HeaderList{
	{Name: "Content-Type", Value: "application/json"},
	{Name: "X-CSRF-Token", Value: "k9Xq2"},
}

// checkout is the call every configuration must let https://app.example make:
//
//	fetch("https://api.example/cart/items/17", {method: "PATCH", credentials: "include",
//	  headers: {"Content-Type": "application/json", "X-CSRF-Token": "k9Xq2"}, body: '{"quantity":3}'})
//
// PATCH and both headers make it preflighted; credentials "include" rules out every "*".
func checkout() browser.Request {
	return browser.Request{
		URL: cartURL, Method: http.MethodPatch, Headers: checkoutHeaders,
		Body: browser.Text(cartDoc), Credentials: fetchmode.CredentialsInclude,
	}
}

// cart is the API behind every middleware: GET reads the cart, PATCH and POST change it. It
// counts the requests that reached it and the changes it made, so that a test can tell "the
// browser sent it" from "the server acted on it".
type cart struct {
	hits    atomic.Int64
	updates atomic.Int64
}

func (c *cart) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.hits.Add(1)
	switch r.Method {
	case http.MethodGet:
	case http.MethodPatch, http.MethodPost:
		c.updates.Add(1)
	default:
		w.Header().Set("Allow", "GET, PATCH, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(cartDoc))
}

// fetch runs req from a page on page in profile p, with h serving https://api.example, and
// returns what fetch() resolves with or the *browser.Error it rejects with.
func fetch(t *testing.T, p algorithm.Profile, page string, h http.Handler, req browser.Request) (*browser.Response, *browser.Error) {
	t.Helper()
	b, err := browser.New(page, browser.WithProfile(p), browser.Route(api, h))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := b.Fetch(context.Background(), req)
	if err != nil {
		return nil, err.(*browser.Error)
	}
	return resp, nil
}

// mustRead fails t unless fetch() resolves, and returns the response script sees.
func mustRead(t *testing.T, p algorithm.Profile, page string, h http.Handler, req browser.Request) *browser.Response {
	t.Helper()
	resp, e := fetch(t, p, page, h, req)
	if e != nil {
		t.Fatalf("%s: want a readable response, got:\n%s", p, e.Explain())
	}
	return resp
}

// mustBlock fails t unless fetch() rejects for reason want, and returns the error.
func mustBlock(t *testing.T, p algorithm.Profile, page string, h http.Handler, req browser.Request, want algorithm.Reason) *browser.Error {
	t.Helper()
	resp, e := fetch(t, p, page, h, req)
	if e == nil {
		t.Fatalf("%s: want %s, but script reads a %s response, status %d, body %q", p, want, resp.Type, resp.Status, resp.Body)
	}
	if e.Reason() != want {
		t.Errorf("%s: reason %s, want %s:\n%s", p, e.Reason(), want, e.Explain())
	}
	return e
}

// wantFix fails t unless the error's one-line fix mentions every part.
func wantFix(t *testing.T, e *browser.Error, parts ...string) {
	t.Helper()
	fix := e.Fix()
	for _, part := range parts {
		if !strings.Contains(fix, part) {
			t.Errorf("%s: fix %q does not mention %q", e.Reason(), fix, part)
		}
	}
}

// wantCart fails t unless resp is the cart as a CORS response: status 200 and the JSON body.
func wantCart(t *testing.T, resp *browser.Response) {
	t.Helper()
	if resp.Type != algorithm.TypeCORS || resp.Status != http.StatusOK || string(resp.Body) != cartDoc {
		t.Errorf("script reads a %s response, status %d, body %q; want cors, 200, %s", resp.Type, resp.Status, resp.Body, cartDoc)
	}
}

// byProfile is a reason per profile, for the failures whose reason depends on the browser: a
// preflight answered 401, 403 or 405 without CORS headers is a missing Access-Control-Allow-Origin
// to the standard, Chromium and Firefox (the CORS check comes first), but a bad status to WebKit.
type byProfile map[algorithm.Profile]algorithm.Reason

// preflightRefused is the reason for a preflight answered with a non-ok status and no CORS headers.
var preflightRefused = byProfile{
	algorithm.Spec:     algorithm.PreflightMissingAllowOriginHeader,
	algorithm.Chromium: algorithm.PreflightMissingAllowOriginHeader,
	algorithm.Firefox:  algorithm.PreflightMissingAllowOriginHeader,
	algorithm.WebKit:   algorithm.PreflightInvalidStatus,
}

// every is the same reason in every profile.
func every(r algorithm.Reason) byProfile {
	m := byProfile{}
	for _, p := range algorithm.Profiles() {
		m[p] = r
	}
	return m
}

// tap records the status the server answered each request with, as DevTools' network panel
// would show it: the verdict says what script may read, not what the server sent.
type tap struct {
	h     http.Handler
	mu    sync.Mutex
	lines []string
}

func (t *tap) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sw := &statusWriter{ResponseWriter: w}
	t.h.ServeHTTP(sw, r)
	if sw.status == 0 {
		sw.status = http.StatusOK
	}
	t.mu.Lock()
	t.lines = append(t.lines, r.Method+" "+strconv.Itoa(sw.status))
	t.mu.Unlock()
}

// String is the requests and their statuses in order, such as "OPTIONS 204, PATCH 401".
func (t *tap) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.lines, ", ")
}

// statusWriter remembers the first status written through it.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}
