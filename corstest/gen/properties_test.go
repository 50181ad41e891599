package gen_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/corstest/gen"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

// The properties run generated fetches through package browser against in-process handlers, as a
// middleware's tests would, under every profile.

const app = "https://app.example"

// apiURLs are cross-origin to app, on https so that no fetch from app is mixed content.
var apiURLs = []string{"https://api.example/items", "https://api.example:8443/v2/cart?id=17", "https://app.example.cdn.test/x"}

// allowOne is a policy that allows only origin, with credentials: it answers a preflight from
// origin with the method and headers asked for, and every response to origin with
// Access-Control-Allow-Origin and -Credentials.
func allowOne(origin string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Origin")
		if r.Header.Get("Origin") == origin {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				w.Header().Set("Access-Control-Allow-Methods", r.Header.Get("Access-Control-Request-Method"))
				if h := r.Header.Get("Access-Control-Request-Headers"); h != "" {
					w.Header().Set("Access-Control-Allow-Headers", h)
				}
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		io.WriteString(w, "secret")
	})
}

// permissive allows every origin without credentials: it reflects Origin, and answers every
// preflight with the method and headers asked for. seen records each preflight's
// Access-Control-Request-Headers lines.
type permissive struct {
	seen [][]string
}

func (p *permissive) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if o := r.Header.Get("Origin"); o != "" {
		w.Header().Set("Access-Control-Allow-Origin", o)
		w.Header().Add("Vary", "Origin")
	}
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		p.seen = append(p.seen, r.Header.Values("Access-Control-Request-Headers"))
		w.Header().Set("Access-Control-Allow-Methods", r.Header.Get("Access-Control-Request-Method"))
		if h := r.Header.Get("Access-Control-Request-Headers"); h != "" {
			w.Header().Set("Access-Control-Allow-Headers", h)
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	io.WriteString(w, "hello")
}

// do runs f under p against h and fails the property when fetch() throws: no generated fetch may.
func do(t *rapid.T, f gen.Fetch, p algorithm.Profile, h http.Handler) (*browser.Response, *browser.Error) {
	resp, err := f.Do(context.Background(), browser.WithProfile(p), browser.Handler(h), browser.WithoutTrace())
	if err == nil {
		return resp, nil
	}
	var be *browser.Error
	if !errors.As(err, &be) {
		t.Fatalf("%s: %v: %v", p, f, err)
	}
	if be.Verdict.Outcome == algorithm.JSError {
		t.Fatalf("%s: %v throws: %v", p, f, err)
	}
	return nil, be
}

// sameOrigin reports whether the page page and the URL u are same-origin.
func sameOrigin(page, u string) bool {
	o, err := origin.Parse(u)
	return err == nil && page != "null" && o.String() == page
}

// (a) A policy that allows one origin with credentials lets no other page read a response of
// another origin, whatever the call and the browser.
func TestPropertyOnlyTheAllowedOriginReads(t *testing.T) {
	urls := append(slices.Clone(apiURLs), "https://app.example/api/me", "http://api.example/legacy")
	fetches := gen.Fetches([]string{app}, urls)
	h := allowOne(app)
	rapid.Check(t, func(t *rapid.T) {
		f := fetches.Draw(t, "fetch")
		for _, p := range algorithm.Profiles() {
			resp, _ := do(t, f, p, h)
			if resp == nil || !resp.Verdict.BodyReadable {
				continue
			}
			switch {
			case resp.Type == algorithm.TypeBasic && !sameOrigin(f.Page, f.Request.URL):
				t.Fatalf("%s: %v: a basic response from another origin", p, f)
			case resp.Type == algorithm.TypeCORS && f.Page != app:
				t.Fatalf("%s: %v reads %q", p, f, resp.Body)
			case resp.Type != algorithm.TypeBasic && resp.Type != algorithm.TypeCORS:
				t.Fatalf("%s: %v reads a %s response", p, f, resp.Type)
			}
		}
	})
}

// (b) A server that allows every origin, method and header without credentials lets the allowed
// page read every cross-origin CORS request that sends no credentials, except a stream body in
// WebKit, which cannot send one (profile rule ruleStreamBodyUnsupported).
func TestPropertyPermissiveServerLetsEveryUncredentialedFetchRead(t *testing.T) {
	fetches := gen.Fetches([]string{app}, apiURLs)
	rapid.Check(t, func(t *rapid.T) {
		f := fetches.Draw(t, "fetch")
		r := f.Request
		if f.Page != app || r.Mode != fetchmode.ModeCORS || r.Credentials == fetchmode.CredentialsInclude {
			return
		}
		for _, p := range algorithm.Profiles() {
			if r.StreamBody && p == algorithm.WebKit {
				continue
			}
			resp, be := do(t, f, p, &permissive{})
			if be != nil {
				t.Fatalf("%s: %v is blocked: %s", p, f, be.Explain())
			}
			if resp.Type != algorithm.TypeCORS || !resp.Verdict.BodyReadable {
				t.Fatalf("%s: %v: a %s response, body readable %v", p, f, resp.Type, resp.Verdict.BodyReadable)
			}
		}
	})
}

// (c) A preflight's Access-Control-Request-Headers is one line of lower-case names, sorted, unique,
// joined by "," without spaces; it names only headers the script set (or the Content-Type its body
// brings), never a forbidden one, and every header that no browser safelists.
func TestPropertyPreflightHeadersAreSerializedAsBrowsersDo(t *testing.T) {
	fetches := gen.Fetches([]string{app}, apiURLs)
	rapid.Check(t, func(t *rapid.T) {
		f := fetches.Draw(t, "fetch")
		set := map[string]bool{}
		for _, h := range f.Request.Headers {
			if !fetchmode.IsForbiddenRequestHeader(h.Name, h.Value) {
				set[strings.ToLower(h.Name)] = true
			}
		}
		if f.Request.Body != nil {
			set["content-type"] = true
		}
		for _, p := range algorithm.Profiles() {
			h := &permissive{}
			do(t, f, p, h)
			for _, lines := range h.seen {
				if len(lines) == 0 {
					continue
				}
				if len(lines) != 1 || lines[0] == "" {
					t.Fatalf("%s: %v: Access-Control-Request-Headers lines %q", p, f, lines)
				}
				names := strings.Split(lines[0], ",")
				listed := map[string]bool{}
				for i, n := range names {
					if n == "" || n != strings.ToLower(n) || strings.ContainsAny(n, " \t") || i > 0 && names[i-1] >= n {
						t.Fatalf("%s: %v: Access-Control-Request-Headers %q is not a sorted set of lower-case names joined by \",\"", p, f, lines[0])
					}
					if !set[n] {
						t.Fatalf("%s: %v: Access-Control-Request-Headers %q names %s, which the script did not set", p, f, lines[0], n)
					}
					listed[n] = true
				}
				for n := range set {
					if neverSafelisted(n) && !listed[n] {
						t.Fatalf("%s: %v: Access-Control-Request-Headers %q leaves out %s", p, f, lines[0], n)
					}
				}
			}
		}
	})
}

// neverSafelisted reports whether a request-header name is CORS-unsafe in every profile, whatever
// its value.
func neverSafelisted(n string) bool {
	switch n {
	case "accept", "accept-language", "content-language", "content-type", "range", "user-agent",
		"dpr", "save-data", "device-memory", "viewport-width", "width", "rtt", "downlink", "ect", "intervention":
		return false
	}
	return true
}

// recorder answers like permissive and records every actual request.
type recorder struct {
	permissive
	actual []*http.Request
	bodies []string
}

func (rc *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodOptions || r.Header.Get("Access-Control-Request-Method") == "" {
		b, _ := io.ReadAll(r.Body)
		rc.actual = append(rc.actual, r)
		rc.bodies = append(rc.bodies, string(b))
	}
	rc.permissive.ServeHTTP(w, r)
}

// (d) The actual request carries what the script set and nothing it may not: each header it set
// and the browser keeps (every one in mode cors, the values of a name set twice combined), none
// of the forbidden ones with the script's value, the body, and the Content-Type a string body
// brings; Origin is the page's serialized origin, present exactly when the response tainting is
// "cors" or the method is neither GET nor HEAD (Fetch §append-a-request-origin-header).
func TestPropertyServerSeesWhatScriptSent(t *testing.T) {
	urls := append(slices.Clone(apiURLs), "https://app.example/api/me")
	fetches := gen.Fetches([]string{app}, urls)
	rapid.Check(t, func(t *rapid.T) {
		f := fetches.Draw(t, "fetch")
		r := f.Request
		for _, p := range algorithm.Profiles() {
			rc := &recorder{}
			resp, be := do(t, f, p, rc)
			if len(rc.actual) == 0 {
				continue
			}
			if len(rc.actual) != 1 {
				t.Fatalf("%s: %v: %d actual requests and no redirect", p, f, len(rc.actual))
			}
			got := rc.actual[0]
			method := fetchmode.NormalizeMethod(orGET(r.Method))
			if got.Method != method {
				t.Fatalf("%s: %v: the server saw method %s", p, f, got.Method)
			}
			same := sameOrigin(f.Page, r.URL)
			cors := !same && r.Mode == fetchmode.ModeCORS
			wantOrigin := cors || method != "GET" && method != "HEAD"
			if o, ok := got.Header["Origin"]; ok != wantOrigin || ok && (len(o) != 1 || o[0] != f.Page) {
				t.Fatalf("%s: %v: Origin %q (present %v), want present %v", p, f, o, ok, wantOrigin)
			}
			for _, h := range r.Headers {
				name := http.CanonicalHeaderKey(h.Name)
				if fetchmode.IsForbiddenRequestHeader(h.Name, h.Value) {
					if slices.Contains(got.Header.Values(name), h.Value) && name != "Origin" {
						t.Fatalf("%s: %v: the forbidden %s reached the server", p, f, h.Name)
					}
					continue
				}
				if r.Mode != fetchmode.ModeCORS || p == algorithm.Chromium && name == "User-Agent" {
					continue
				}
				want, _ := r.Headers.Get(h.Name)
				if g := strings.Join(got.Header.Values(name), ", "); g != want {
					t.Fatalf("%s: %v: the server saw %s %q, script set %q", p, f, name, g, want)
				}
			}
			if r.Body != nil && rc.bodies[0] != *r.Body {
				t.Fatalf("%s: %v: the server saw body %q", p, f, rc.bodies[0])
			}
			if r.Body != nil && !r.Headers.Contains("Content-Type") && got.Header.Get("Content-Type") != "text/plain;charset=UTF-8" {
				t.Fatalf("%s: %v: a string body with Content-Type %q", p, f, got.Header.Get("Content-Type"))
			}
			_, _ = resp, be
		}
	})
}

// orGET returns m, or GET when m is empty.
func orGET(m string) string {
	if m == "" {
		return "GET"
	}
	return m
}

// withCredentials allows every origin with credentials: it reflects Origin and answers every
// preflight with the method and headers asked for.
func withCredentials(w http.ResponseWriter, r *http.Request) {
	if o := r.Header.Get("Origin"); o != "" {
		w.Header().Set("Access-Control-Allow-Origin", o)
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		w.Header().Add("Vary", "Origin")
	}
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		w.Header().Set("Access-Control-Allow-Methods", r.Header.Get("Access-Control-Request-Method"))
		if h := r.Header.Get("Access-Control-Request-Headers"); h != "" {
			w.Header().Set("Access-Control-Allow-Headers", h)
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	io.WriteString(w, "hello")
}

// (e) A handler called in-process (browser.Handler) gives script what the same handler behind a
// listener (browser.Server) gives: the outcome, status, type, body and readable headers (the
// in-process path adds Content-Length and Date as net/http's server does, and drops a HEAD
// response's body).
func TestPropertyInProcessMatchesAListener(t *testing.T) {
	h := http.HandlerFunc(withCredentials)
	srv := httptest.NewTLSServer(h)
	defer srv.Close()
	fetches := gen.Fetches([]string{app}, append(slices.Clone(apiURLs), "https://app.example/api/me"))
	rapid.Check(t, func(t *rapid.T) {
		f := fetches.Draw(t, "fetch")
		for _, p := range algorithm.Profiles() {
			in, inErr := do(t, f, p, h)
			over, err := f.Do(context.Background(), browser.WithProfile(p), browser.Server(srv), browser.WithoutTrace())
			if (inErr == nil) != (err == nil) {
				t.Fatalf("%s: %v: in-process %v, over a listener %v", p, f, inErr, err)
			}
			if err != nil {
				var oe *browser.Error
				if !errors.As(err, &oe) || inErr.Reason() != oe.Reason() {
					t.Fatalf("%s: %v: in-process %v, over a listener %v", p, f, inErr, err)
				}
				continue
			}
			if in.Status != over.Status || in.Type != over.Type || string(in.Body) != string(over.Body) {
				t.Fatalf("%s: %v: in-process %d %s %q, over a listener %d %s %q", p, f, in.Status, in.Type, in.Body, over.Status, over.Type, over.Body)
			}
			a, b := in.Verdict.VisibleHeaders, over.Verdict.VisibleHeaders
			if !slices.Equal(a, b) {
				t.Fatalf("%s: %v: in-process shows %q, over a listener %q", p, f, a, b)
			}
		}
	})
}
