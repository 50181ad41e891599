package browser_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/fetchmode"
)

func mustNew(t *testing.T, page string, opts ...browser.Option) *browser.Browser {
	t.Helper()
	b, err := browser.New(page, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNewRejectsBadConfiguration(t *testing.T) {
	h := http.NotFoundHandler()
	for name, c := range map[string]struct {
		page string
		opts []browser.Option
	}{
		"no target":      {"https://app.example", nil},
		"two targets":    {"https://app.example", []browser.Option{browser.Handler(h), browser.Transport(http.DefaultTransport)}},
		"bad page":       {"app.example", []browser.Option{browser.Handler(h)}},
		"nil handler":    {"https://app.example", []browser.Option{browser.Handler(nil)}},
		"route path":     {"https://app.example", []browser.Option{browser.Route("https://api.example/x", h)}},
		"bad profile":    {"https://app.example", []browser.Option{browser.Handler(h), browser.WithProfile(algorithm.Profile(9))}},
		"zero body":      {"https://app.example", []browser.Option{browser.Handler(h), browser.MaxBodyBytes(0)}},
		"nil server":     {"https://app.example", []browser.Option{browser.Server(nil)}},
		"bad frame page": {"https://app.example", []browser.Option{browser.Handler(h), browser.InFrame("::")}},
	} {
		if b, err := browser.New(c.page, c.opts...); err == nil || b != nil {
			t.Errorf("%s: New succeeded", name)
		} else if !strings.HasPrefix(err.Error(), "browser: ") {
			t.Errorf("%s: error %q does not name the package", name, err)
		}
	}
}

// cdn serves a file to everyone with "*"; api redirects to it.
var cdn = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("X-Got", r.Method+" "+string(body)+" "+r.Header.Get("Content-Type"))
	w.Header().Set("Access-Control-Expose-Headers", "X-Got")
	io.WriteString(w, "asset")
})

func TestRedirectAcrossRoutes(t *testing.T) {
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		http.Redirect(w, r, "https://cdn.example/asset", http.StatusSeeOther)
	})
	b := mustNew(t, "https://app.example", browser.Route("https://api.example", api), browser.Route("https://cdn.example", cdn))
	resp, err := b.Fetch(context.Background(), browser.Request{URL: "https://api.example/upload", Method: "POST", Body: browser.Text("data")})
	if err != nil {
		t.Fatal(err)
	}
	// 303 turns the POST into a GET without body or Content-Type (Fetch §concept-http-redirect-fetch).
	if !resp.Redirected || resp.URL != "https://cdn.example/asset" || string(resp.Body) != "asset" || resp.Header.Get("X-Got") != "GET" {
		t.Errorf("got redirected=%t url=%s body=%q X-Got=%q", resp.Redirected, resp.URL, resp.Body, resp.Header.Get("X-Got"))
	}
	// A 307 keeps method and body.
	api307 := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		http.Redirect(w, r, "https://cdn.example/asset", http.StatusTemporaryRedirect)
	})
	b = mustNew(t, "https://app.example", browser.Route("https://api.example", api307), browser.Route("https://cdn.example", cdn))
	resp, err = b.Fetch(context.Background(), browser.Request{URL: "https://api.example/upload", Method: "POST", Body: browser.Text("data")})
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Header.Get("X-Got"); got != "POST data text/plain;charset=UTF-8" {
		t.Errorf("after 307 the CDN got %q", got)
	}
	// No route for the target: a network error, as an unreachable host gives.
	b = mustNew(t, "https://app.example", browser.Route("https://api.example", api))
	_, err = b.Fetch(context.Background(), browser.Request{URL: "https://api.example/upload"})
	var ce *browser.Error
	if !errors.As(err, &ce) || ce.Reason() != algorithm.NetworkFailure || ce.Err == nil || !strings.Contains(ce.Err.Error(), "no handler serves") {
		t.Errorf("got %v", err)
	}
}

func TestNoCorsIsOpaque(t *testing.T) {
	var hits atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, "secret")
	})
	b := mustNew(t, "https://evil.example", browser.Handler(h))
	resp, err := b.Fetch(context.Background(), browser.Request{URL: "https://bank.example/transfer", Method: "POST", Body: browser.Text("to=eve"), Mode: fetchmode.ModeNoCORS})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Type != algorithm.TypeOpaque || resp.Status != 0 || resp.Body != nil || len(resp.Header) != 0 || hits.Load() != 1 {
		t.Errorf("got %s %d %q %v, hits %d", resp.Type, resp.Status, resp.Body, resp.Header, hits.Load())
	}
}

func TestFailuresAreErrorsNotPanics(t *testing.T) {
	boom := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })
	big := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		io.WriteString(w, strings.Repeat("x", 2048))
	})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range []struct {
		name   string
		b      *browser.Browser
		ctx    context.Context
		req    browser.Request
		reason algorithm.Reason
		err    string
	}{
		{"panic", mustNew(t, "https://app.example", browser.Handler(boom)), context.Background(), browser.Request{URL: "https://api.example/"}, algorithm.NetworkFailure, "panicked: boom"},
		{"body limit", mustNew(t, "https://app.example", browser.Handler(big), browser.MaxBodyBytes(1024)), context.Background(), browser.Request{URL: "https://api.example/"}, algorithm.NetworkFailure, "over 1024 bytes"},
		{"canceled", mustNew(t, "https://app.example", browser.Handler(big)), ctx, browser.Request{URL: "https://api.example/"}, algorithm.NetworkFailure, "context canceled"},
		{"bad method", mustNew(t, "https://app.example", browser.Handler(big)), context.Background(), browser.Request{URL: "https://api.example/", Method: "TRACE"}, algorithm.InvalidRequest, ""},
		{"bad URL", mustNew(t, "https://app.example", browser.Handler(big)), context.Background(), browser.Request{URL: "https://user:pw@api.example/"}, algorithm.InvalidRequest, ""},
		{"control byte", mustNew(t, "https://app.example", browser.Handler(big)), context.Background(), browser.Request{URL: "https://api.example/", Headers: fetchmode.HeaderList{{Name: "X-A", Value: "a\nb"}}}, algorithm.InvalidRequest, ""},
	} {
		resp, err := c.b.Fetch(c.ctx, c.req)
		var ce *browser.Error
		if resp != nil || !errors.As(err, &ce) {
			t.Errorf("%s: got %v, %v", c.name, resp, err)
			continue
		}
		if ce.Reason() != c.reason || (c.err != "" && (ce.Err == nil || !strings.Contains(ce.Err.Error(), c.err))) {
			t.Errorf("%s: got %s, %v", c.name, ce.Reason(), ce.Err)
		}
		if c.name == "canceled" && !errors.Is(err, context.Canceled) {
			t.Errorf("canceled: errors.Is(err, context.Canceled) is false")
		}
		if ce.Error() == "" || ce.Explain() == "" {
			t.Errorf("%s: empty text", c.name)
		}
	}
}

func TestTransportSendsTheURLAsIs(t *testing.T) {
	var got []string
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.Method+" "+r.URL.String()+" Origin="+r.Header.Get("Origin"))
		return &http.Response{StatusCode: 200, Header: http.Header{"Access-Control-Allow-Origin": {"*"}}, Body: io.NopCloser(strings.NewReader("ok"))}, nil
	})
	b := mustNew(t, "https://app.example", browser.Transport(rt))
	if _, err := b.Fetch(context.Background(), browser.Request{URL: "https://api.example/a?b=1"}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ";") != "GET https://api.example/a?b=1 Origin=https://app.example" {
		t.Errorf("transport saw %v", got)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// Concurrent fetches share the page's preflight cache; run with -race.
func TestConcurrentFetches(t *testing.T) {
	var preflights atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		if r.Method == http.MethodOptions {
			preflights.Add(1)
			w.Header().Set("Access-Control-Allow-Methods", "DELETE")
			w.Header().Set("Access-Control-Max-Age", "600")
		}
	})
	b := mustNew(t, "https://app.example", browser.Handler(h))
	if _, err := b.Fetch(context.Background(), browser.Request{URL: "https://api.example/x", Method: "DELETE"}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.Advance(1)
			if _, err := b.Fetch(context.Background(), browser.Request{URL: "https://api.example/x", Method: "DELETE"}); err != nil {
				t.Error(err)
			}
			b.Client().Get("https://api.example/x")
		}()
	}
	wg.Wait()
	if n := preflights.Load(); n != 1 {
		t.Errorf("%d preflights; the cached one should serve all", n)
	}
}

func TestRoundTripperBlocksAndFilters(t *testing.T) {
	b := mustNew(t, "https://app.example", browser.Handler(cdn))
	req, _ := http.NewRequest("PUT", "https://cdn.example/asset", strings.NewReader("x"))
	req.Header.Set("X-Token", "1")
	_, err := b.Client().Do(req)
	var ce *browser.Error
	if !errors.As(err, &ce) || ce.Reason() != algorithm.MethodDisallowedByPreflightResponse {
		t.Fatalf("got %v", err)
	}
	res, err := b.RoundTripper(browser.Request{Mode: fetchmode.ModeNoCORS}).RoundTrip(must(http.NewRequest("GET", "https://cdn.example/asset", nil)))
	if err != nil || res.StatusCode != 0 || len(res.Header) != 0 {
		t.Fatalf("no-cors: got %v %v", res, err)
	}
}

func must(r *http.Request, err error) *http.Request {
	if err != nil {
		panic(err)
	}
	return r
}
