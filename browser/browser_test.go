package browser_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/fetchmode"
)

// api is a small CORS-aware server: it allows origin (credentials too), PATCH and
// content-type/x-csrf-token, caches preflights for maxAge, and counts what reached it.
type api struct {
	origin  string
	headers string
	maxAge  string
	seen    []string
}

func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.seen = append(a.seen, r.Method+" "+r.URL.Path)
	if o := r.Header.Get("Origin"); o == a.origin {
		w.Header().Set("Access-Control-Allow-Origin", o)
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		w.Header().Set("Vary", "Origin")
	}
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		w.Header().Set("Access-Control-Allow-Methods", "GET, PATCH")
		w.Header().Set("Access-Control-Allow-Headers", a.headers)
		if a.maxAge != "" {
			w.Header().Set("Access-Control-Max-Age", a.maxAge)
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Internal", "secret")
	w.Write([]byte(`{"quantity":3}`))
}

func patch() browser.Request {
	return browser.Request{
		URL: "https://api.shop.test/cart/items/17", Method: "PATCH",
		Headers: fetchmode.HeaderList{
			{Name: "Content-Type", Value: "application/json"},
			{Name: "X-CSRF-Token", Value: "k9Xq2"},
		},
		Body:        browser.Text(`{"quantity":3}`),
		Credentials: fetchmode.CredentialsInclude,
	}
}

func TestPreflightedPatchIsReadable(t *testing.T) {
	for _, p := range algorithm.Profiles() {
		t.Run(p.String(), func(t *testing.T) {
			a := &api{origin: "https://www.shop.test", headers: "content-type, x-csrf-token"}
			b, err := browser.New("https://www.shop.test/checkout", browser.WithProfile(p), browser.Handler(a))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := b.Fetch(context.Background(), patch())
			if err != nil {
				t.Fatalf("blocked:\n%s", err.(*browser.Error).Explain())
			}
			if resp.Type != algorithm.TypeCORS || resp.Status != 200 || string(resp.Body) != `{"quantity":3}` {
				t.Errorf("got %s %d %q", resp.Type, resp.Status, resp.Body)
			}
			if resp.Header.Get("Content-Type") != "application/json" || resp.Header.Get("X-Internal") != "" {
				t.Errorf("readable headers %v: want content-type only", resp.Header)
			}
			if got := strings.Join(a.seen, ","); got != "OPTIONS /cart/items/17,PATCH /cart/items/17" {
				t.Errorf("server saw %s", got)
			}
		})
	}
}

func TestBlockedPreflightSendsNoActualRequest(t *testing.T) {
	a := &api{origin: "https://www.shop.test", headers: "content-type"}
	b, err := browser.New("https://www.shop.test", browser.Handler(a))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := b.Fetch(context.Background(), patch())
	var ce *browser.Error
	if resp != nil || !errors.As(err, &ce) {
		t.Fatalf("got %v, %v; want an *Error", resp, err)
	}
	if ce.Reason() != algorithm.HeaderDisallowedByPreflightResponse || ce.Verdict.FailedParameter != "x-csrf-token" {
		t.Errorf("reason %s (%s)", ce.Reason(), ce.Verdict.FailedParameter)
	}
	if !strings.Contains(ce.Fix(), "add x-csrf-token to Access-Control-Allow-Headers") {
		t.Errorf("fix %q", ce.Fix())
	}
	if got := strings.Join(a.seen, ","); got != "OPTIONS /cart/items/17" {
		t.Errorf("server saw %s; the PATCH must not be sent", got)
	}
	for _, want := range []string{"HeaderDisallowedByPreflightResponse", "console: Access to fetch", "fix: add x-csrf-token", "OPTIONS https://api.shop.test/cart/items/17 (preflight)", "steps:"} {
		if !strings.Contains(ce.Explain(), want) {
			t.Errorf("Explain lacks %q:\n%s", want, ce.Explain())
		}
	}
}

func TestPreflightCacheFollowsTheVirtualClock(t *testing.T) {
	a := &api{origin: "https://www.shop.test", headers: "content-type, x-csrf-token", maxAge: "60"}
	b, err := browser.New("https://www.shop.test", browser.Handler(a))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i, step := range []struct {
		advance time.Duration
		want    string
	}{{0, "OPTIONS,PATCH"}, {30 * time.Second, "PATCH"}, {31 * time.Second, "OPTIONS,PATCH"}} {
		b.Advance(step.advance)
		a.seen = nil
		if _, err := b.Fetch(ctx, patch()); err != nil {
			t.Fatal(err)
		}
		var methods []string
		for _, s := range a.seen {
			methods = append(methods, strings.Fields(s)[0])
		}
		if got := strings.Join(methods, ","); got != step.want {
			t.Errorf("fetch %d after %v: server saw %s, want %s", i, step.advance, got, step.want)
		}
	}
}

func TestServerAndClient(t *testing.T) {
	a := &api{origin: "https://www.shop.test", headers: "content-type, x-csrf-token"}
	srv := httptest.NewTLSServer(a)
	defer srv.Close()
	b, err := browser.New("https://www.shop.test", browser.Server(srv))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Fetch(context.Background(), patch()); err != nil {
		t.Fatal(err)
	}
	// Through the Client: a GET from the page is simple; the server allows the origin, so the
	// body is readable, but only safelisted headers are.
	res, err := b.Client().Get("https://api.shop.test/cart")
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.Header.Get("X-Internal") != "" || res.Header.Get("Content-Type") == "" {
		t.Errorf("got %d %v", res.StatusCode, res.Header)
	}
	other, _ := browser.New("https://evil.test", browser.Server(srv))
	_, err = other.Client().Get("https://api.shop.test/cart")
	var ce *browser.Error
	if !errors.As(err, &ce) || ce.Reason() != algorithm.MissingAllowOriginHeader {
		t.Errorf("evil.test: got %v", err)
	}
}

func TestExplainReadableAndMultilineConsole(t *testing.T) {
	a := &api{origin: "https://www.shop.test", headers: "content-type, x-csrf-token"}
	b := mustNew(t, "https://www.shop.test", browser.Handler(a))
	resp, err := b.Fetch(context.Background(), patch())
	if err != nil {
		t.Fatal(err)
	}
	if ex := resp.Explain(); !strings.Contains(ex, "readable: cors response, status 200") || !strings.Contains(ex, "PATCH https://api.shop.test/cart/items/17, with credentials") {
		t.Errorf("Response.Explain:\n%s", ex)
	}
	b = mustNew(t, "https://evil.test", browser.WithProfile(algorithm.WebKit), browser.Handler(a))
	_, err = b.Fetch(context.Background(), patch())
	var ce *browser.Error
	if !errors.As(err, &ce) || !strings.Contains(ce.Verdict.Message, "\n") {
		t.Fatalf("want WebKit's two-line console message, got %v", err)
	}
	for _, line := range strings.Split(ce.Explain(), "\n")[1:] {
		if line != "" && !strings.HasPrefix(line, "  ") {
			t.Errorf("line %q of Explain is not indented:\n%s", line, ce.Explain())
		}
	}
}
