package gen_test

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/corstest/gen"
	"github.com/corsim/corsim/fetchmode"
)

// The generators keep the bias their doc comments promise: within a few thousand draws each
// documented kind of value turns up, and the near-misses catch the usual loose origin checks.

const draws = 3000

func TestOriginsDrawEveryDocumentedKind(t *testing.T) {
	origins := gen.Origins(app)
	want := []string{app, "null",
		"http://app.example", "https://app.example:8443", "https://app.example.evil.test",
		"https://evilapp.example", "https://evil.example", "https://evil.app.example",
		"https://www.app.example", "https://appxexample", "https://app.example.",
		"https://xn--pp-6kc.example"}
	seen := map[string]int{}
	for seed := 0; seed < draws; seed++ {
		seen[origins.Example(seed)]++
	}
	for _, w := range want {
		if seen[w] == 0 {
			t.Errorf("no %s in %d draws", w, draws)
		}
	}
	if n := len(seen) - len(want); n < draws/20 {
		t.Errorf("%d arbitrary origins in %d draws", n, draws)
	}
}

func TestRequestsDrawEveryDocumentedKind(t *testing.T) {
	has := func(r browser.Request, f func(h fetchmode.Header) bool) bool {
		for _, h := range r.Headers {
			if f(h) {
				return true
			}
		}
		return false
	}
	named := func(name, value string) func(browser.Request) bool {
		return func(r browser.Request) bool {
			return has(r, func(h fetchmode.Header) bool {
				return strings.EqualFold(h.Name, name) && strings.HasPrefix(h.Value, value)
			})
		}
	}
	kinds := []struct {
		name string
		is   func(browser.Request) bool
	}{
		{"no method", func(r browser.Request) bool { return r.Method == "" }},
		{"GET", func(r browser.Request) bool { return r.Method == "GET" }},
		{"HEAD", func(r browser.Request) bool { return r.Method == "HEAD" }},
		{"lower-case patch", func(r browser.Request) bool { return r.Method == "patch" }},
		{"lower-case delete", func(r browser.Request) bool { return r.Method == "delete" }},
		{"an extension method", func(r browser.Request) bool { return r.Method == "PROPFIND" }},
		{"an arbitrary token", func(r browser.Request) bool {
			return r.Method != "" && !strings.Contains(" GET POST HEAD PUT PATCH DELETE patch delete post get Put OPTIONS PROPFIND PURGE REPORT QUERY MKCOL ", " "+r.Method+" ")
		}},
		{"no headers", func(r browser.Request) bool { return len(r.Headers) == 0 }},
		{"five headers", func(r browser.Request) bool { return len(r.Headers) >= 5 }},
		{"a name set twice", func(r browser.Request) bool { return hasDup(r.Headers) }},
		{"a lower-case name", func(r browser.Request) bool {
			return has(r, func(h fetchmode.Header) bool { return h.Name == "content-type" || h.Name == "authorization" })
		}},
		{"a name with one word's case off", func(r browser.Request) bool {
			return has(r, func(h fetchmode.Header) bool { return h.Name == "Content-type" })
		}},
		{"safelisted Content-Type", named("Content-Type", "text/plain")},
		{"unsafe Content-Type", named("Content-Type", "application/json")},
		{"Accept over 128 bytes", func(r browser.Request) bool {
			return has(r, func(h fetchmode.Header) bool { return strings.EqualFold(h.Name, "Accept") && len(h.Value) > 128 })
		}},
		{"suffix Range", named("Range", "bytes=-")},
		{"Authorization", named("Authorization", "Bearer ")},
		{"X-Requested-With", named("X-Requested-With", "")},
		{"Save-Data", named("Save-Data", "on")},
		{"a forbidden header", func(r browser.Request) bool {
			return has(r, func(h fetchmode.Header) bool { return fetchmode.IsForbiddenRequestHeader(h.Name, h.Value) })
		}},
		{"a JSON body with its Content-Type", func(r browser.Request) bool {
			return r.Body != nil && strings.HasPrefix(*r.Body, "{") && named("Content-Type", "application/json")(r)
		}},
		{"an empty body", func(r browser.Request) bool { return r.Body != nil && *r.Body == "" }},
		{"a stream body", func(r browser.Request) bool { return r.StreamBody }},
		{"no-cors", func(r browser.Request) bool { return r.Mode == fetchmode.ModeNoCORS }},
		{"same-origin mode", func(r browser.Request) bool { return r.Mode == fetchmode.ModeSameOrigin }},
		{"credentials include", func(r browser.Request) bool { return r.Credentials == fetchmode.CredentialsInclude }},
		{"credentials omit", func(r browser.Request) bool { return r.Credentials == fetchmode.CredentialsOmit }},
		{"redirect manual", func(r browser.Request) bool { return r.Redirect == fetchmode.RedirectManual }},
		{"redirect error", func(r browser.Request) bool { return r.Redirect == fetchmode.RedirectError }},
		{"cache no-store", func(r browser.Request) bool { return r.Cache == fetchmode.CacheNoStore }},
		{"cache only-if-cached", func(r browser.Request) bool { return r.Cache == fetchmode.CacheOnlyIfCached }},
	}
	reqs := gen.Requests()
	count := make([]int, len(kinds))
	defaults := 0
	for seed := 0; seed < draws; seed++ {
		r := reqs.Example(seed)
		for i, k := range kinds {
			if k.is(r) {
				count[i]++
			}
		}
		if r.Mode == fetchmode.ModeCORS && r.Credentials != fetchmode.CredentialsInclude && r.Redirect == fetchmode.RedirectFollow && r.Cache == fetchmode.CacheDefault {
			defaults++
		}
	}
	for i, k := range kinds {
		if count[i] == 0 {
			t.Errorf("no request with %s in %d draws", k.name, draws)
		}
	}
	if defaults < draws/2 {
		t.Errorf("only %d of %d requests use fetch()'s default modes", defaults, draws)
	}
}

// hasDup reports whether l names a header twice (ignoring case).
func hasDup(l fetchmode.HeaderList) bool {
	for i := range l {
		for j := range i {
			if strings.EqualFold(l[i].Name, l[j].Name) {
				return true
			}
		}
	}
	return false
}

// Each loose origin check is caught: some drawn page other than app reads the response.
func TestNearMissesCatchLooseOriginChecks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		allow func(o string) bool
	}{
		{"suffix", func(o string) bool { return strings.HasSuffix(o, "app.example") }},
		{"prefix", func(o string) bool { return strings.HasPrefix(o, app) }},
		{"contains", func(o string) bool { return strings.Contains(o, "app.example") }},
		{"host only", func(o string) bool {
			return strings.TrimPrefix(strings.TrimPrefix(o, "http://"), "https://") == "app.example"
		}},
		{"unescaped dot", regexp.MustCompile(`^https://(www\.)?app.example$`).MatchString},
		{"any subdomain", func(o string) bool { return o == app || strings.HasSuffix(o, ".app.example") }},
		{"null", func(o string) bool { return o == app || o == "null" }},
		{"punycode decoded", func(o string) bool { return o == app || strings.HasPrefix(o, "https://xn--") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if o := r.Header.Get("Origin"); tc.allow(o) {
					w.Header().Set("Access-Control-Allow-Origin", o)
				}
				io.WriteString(w, "secret")
			})
			fetches := gen.Fetches([]string{app}, apiURLs)
			for seed := 0; seed < draws; seed++ {
				f := fetches.Example(seed)
				resp, err := f.Do(context.Background(), browser.Handler(h), browser.WithoutTrace())
				if err == nil && resp.Type == algorithm.TypeCORS && resp.Verdict.BodyReadable && f.Page != app {
					return
				}
			}
			t.Errorf("no page but %s read the response in %d draws", app, draws)
		})
	}
}
