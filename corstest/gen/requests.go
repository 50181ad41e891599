package gen

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"pgregory.net/rapid"

	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/fetchmode"
)

// defaultURLs are the URLs Requests draws from when it is given none.
var defaultURLs = []string{"https://api.example/items", "https://api.example/items/17?expand=owner", "https://api.example/"}

// bodies are string bodies script sends, by kind, with the Content-Type that goes with each.
var bodies = []struct {
	body, contentType string
}{
	{`{"id":17,"quantity":3}`, "application/json"},
	{"name=Ada+Lovelace&newsletter=on", "application/x-www-form-urlencoded"},
	{"ping", "text/plain"},
	{"", ""},
}

// Requests returns a generator of whole fetch() calls to one of urls (absolute URLs; with none,
// URLs under https://api.example), as script writes them. The method comes from Methods (or is
// left out, which means GET) and the headers from Headers. The body fits the method: GET and HEAD
// never have one; other methods usually send a JSON, form, text or empty string body, often with
// the Content-Type that goes with it, and now and then a ReadableStream. The modes are mostly
// fetch()'s defaults: credentials "include" about one time in four and "omit" one in ten;
// mode "no-cors" or "same-origin", redirect "manual" or "error" and a non-default cache mode
// rarely.
//
// Every value passes the Request constructor, so fetch() never throws a TypeError on it (the
// forbidden headers Headers draws are dropped silently): no-cors comes only with a CORS-safelisted
// method and without a stream body, and only-if-cached only with mode same-origin. The fetch can
// still fail as a network error: a cross-origin fetch in mode same-origin, an https page fetching
// an http URL, a stream body in WebKit, which does not support them. Values shrink toward a GET
// of the first URL with no headers.
func Requests(urls ...string) *rapid.Generator[browser.Request] {
	if len(urls) == 0 {
		urls = defaultURLs
	}
	urls = append([]string(nil), urls...)
	methods, headers := Methods(), Headers()
	return rapid.Custom(func(t *rapid.T) browser.Request {
		req := browser.Request{URL: rapid.SampledFrom(urls).Draw(t, "url")}
		if pick(t, "method-given", 1, 3) == 1 {
			req.Method = methods.Draw(t, "method")
		}
		req.Headers = headers.Draw(t, "headers")
		m := fetchmode.NormalizeMethod(req.Method)
		getOrHead := m == "" || m == "GET" || m == "HEAD"
		if !getOrHead {
			switch pick(t, "body-kind", 6, 18, 1) {
			case 1:
				b := bodies[pick(t, "body", 4, 2, 1, 1)]
				req.Body = browser.Text(b.body)
				if b.contentType != "" && !req.Headers.Contains("Content-Type") && pick(t, "body-content-type", 1, 2) == 1 {
					req.Headers = append(req.Headers, fetchmode.Header{Name: "Content-Type", Value: b.contentType})
				}
			case 2:
				req.StreamBody = true
			}
		}
		switch pick(t, "mode", 18, 1, 1) {
		case 1:
			if fetchmode.IsCORSSafelistedMethod(req.NormalizedMethod()) && !req.StreamBody {
				req.Mode = fetchmode.ModeNoCORS
			}
		case 2:
			req.Mode = fetchmode.ModeSameOrigin
		}
		req.Credentials = []fetchmode.Credentials{fetchmode.CredentialsSameOrigin, fetchmode.CredentialsInclude, fetchmode.CredentialsOmit}[pick(t, "credentials", 13, 5, 2)]
		req.Redirect = []fetchmode.Redirect{fetchmode.RedirectFollow, fetchmode.RedirectManual, fetchmode.RedirectError}[pick(t, "redirect", 18, 1, 1)]
		caches := []fetchmode.CacheMode{fetchmode.CacheDefault, fetchmode.CacheNoStore, fetchmode.CacheNoCache, fetchmode.CacheReload, fetchmode.CacheForceCache, fetchmode.CacheOnlyIfCached}
		weights := []int{36, 1, 1, 1, 1, 0}
		if req.Mode == fetchmode.ModeSameOrigin {
			weights[5] = 1 // only-if-cached throws in any other mode
		}
		req.Cache = caches[pick(t, "cache", weights...)]
		return req
	})
}

// Fetch is one fetch() call and the page that makes it.
type Fetch struct {
	// Page is the page's serialized origin, or "null" for an opaque one; browser.New takes it.
	Page string
	// Request is the call.
	Request browser.Request
}

// Fetches returns a generator of fetch() calls from pages drawn by Origins(allowed...) to URLs
// drawn by Requests(urls...): the input of a property that holds for every page and call, such as
// "no page but the allowed ones reads a response".
func Fetches(allowed, urls []string) *rapid.Generator[Fetch] {
	pages, reqs := Origins(allowed...), Requests(urls...)
	return rapid.Custom(func(t *rapid.T) Fetch {
		return Fetch{Page: pages.Draw(t, "page"), Request: reqs.Draw(t, "request")}
	})
}

// Do runs the fetch in a new browser.Browser on f.Page made with opts (which must say where
// fetches go, with browser.Handler for one), so that no preflight cache is shared between calls.
// It returns what Browser.Fetch returns, or New's error.
func (f Fetch) Do(ctx context.Context, opts ...browser.Option) (*browser.Response, error) {
	b, err := browser.New(f.Page, opts...)
	if err != nil {
		return nil, err
	}
	return b.Fetch(ctx, f.Request)
}

// String writes the fetch as the script that makes it, after the page's origin:
//
//	https://evil.test: fetch("https://api.example/items", {method: "PUT", credentials: "include"})
func (f Fetch) String() string {
	var s strings.Builder
	s.WriteString(f.Page)
	s.WriteString(": fetch(")
	s.WriteString(strconv.Quote(f.Request.URL))
	var init []string
	r := f.Request
	if r.Method != "" {
		init = append(init, "method: "+strconv.Quote(r.Method))
	}
	if len(r.Headers) > 0 {
		pairs := make([]string, len(r.Headers))
		for i, h := range r.Headers {
			pairs[i] = "[" + strconv.Quote(h.Name) + ", " + strconv.Quote(h.Value) + "]"
		}
		init = append(init, "headers: ["+strings.Join(pairs, ", ")+"]")
	}
	switch {
	case r.StreamBody:
		init = append(init, "body: new ReadableStream()", `duplex: "half"`)
	case r.Body != nil:
		init = append(init, "body: "+strconv.Quote(*r.Body))
	}
	if r.Mode != fetchmode.ModeCORS {
		init = append(init, fmt.Sprintf("mode: %q", r.Mode))
	}
	if r.Credentials != fetchmode.CredentialsSameOrigin {
		init = append(init, fmt.Sprintf("credentials: %q", r.Credentials))
	}
	if r.Redirect != fetchmode.RedirectFollow {
		init = append(init, fmt.Sprintf("redirect: %q", r.Redirect))
	}
	if r.Cache != fetchmode.CacheDefault {
		init = append(init, fmt.Sprintf("cache: %q", r.Cache))
	}
	if len(init) > 0 {
		s.WriteString(", {")
		s.WriteString(strings.Join(init, ", "))
		s.WriteString("}")
	}
	s.WriteString(")")
	return s.String()
}
