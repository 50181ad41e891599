package browser

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/httpheader"
)

// RoundTripper returns an http.RoundTripper that turns each *http.Request into a fetch() from the
// Browser's page and enforces CORS on it: the request's method, URL, headers (in name order, as
// Go keeps no other) and body become the fetch, with the mode, credentials, redirect and cache
// modes of defaults (its other fields are ignored). The URL must be absolute, as for any
// RoundTripper (Fetch resolves a relative one against the page). A request the browser would
// block fails with an *Error (an *http.Client wraps it in a *url.Error; errors.As finds it); a
// response has only the headers and body script could read, and status 0 when it is opaque.
//
// The browser follows redirects itself, so a client using it should not: Client sets that up.
func (b *Browser) RoundTripper(defaults Request) http.RoundTripper {
	return &roundTripper{b: b, defaults: defaults}
}

// Client returns an *http.Client whose requests go through the Browser as fetch() calls with
// fetch()'s default modes (see RoundTripper), and which leaves redirects to the browser.
func (b *Browser) Client() *http.Client {
	return &http.Client{
		Transport:     b.RoundTripper(Request{}),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

type roundTripper struct {
	b        *Browser
	defaults Request
}

func (rt *roundTripper) RoundTrip(hr *http.Request) (*http.Response, error) {
	if hr.Body != nil {
		defer hr.Body.Close()
	}
	if hr.URL == nil {
		return nil, fmt.Errorf("browser: RoundTrip: the request has no URL")
	}
	if !hr.URL.IsAbs() {
		// fetch() would resolve it against the page, which makes it a same-origin request that CORS
		// never checks; no RoundTripper can send it (http.Transport fails it), so neither does this.
		return nil, fmt.Errorf("browser: RoundTrip: %q is not an absolute URL", hr.URL)
	}
	req := Request{
		URL: hr.URL.String(), Method: hr.Method, Headers: requestHeaders(hr),
		Mode: rt.defaults.Mode, Credentials: rt.defaults.Credentials,
		Redirect: rt.defaults.Redirect, Cache: rt.defaults.Cache,
	}
	if hr.Body != nil && hr.Body != http.NoBody {
		body, err := io.ReadAll(io.LimitReader(hr.Body, rt.b.maxBody+1))
		if err != nil {
			return nil, fmt.Errorf("browser: reading the request body: %w", err)
		}
		if int64(len(body)) > rt.b.maxBody {
			return nil, fmt.Errorf("browser: the request body is over %d bytes (MaxBodyBytes)", rt.b.maxBody)
		}
		req.Body = Text(string(body))
	}
	resp, err := rt.b.Fetch(hr.Context(), req)
	if err != nil {
		return nil, err
	}
	status := http.StatusText(resp.Status)
	if status != "" {
		status = strconv.Itoa(resp.Status) + " " + status
	} else {
		status = strconv.Itoa(resp.Status)
	}
	return &http.Response{
		Status: status, StatusCode: resp.Status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        resp.Header,
		Body:          io.NopCloser(bytes.NewReader(resp.Body)),
		ContentLength: int64(len(resp.Body)),
		Request:       hr,
	}, nil
}

// requestHeaders is the request's header list, Host aside (the URL decides it in a browser).
func requestHeaders(hr *http.Request) fetchmode.HeaderList {
	l := httpheader.FromHTTP(hr.Header)
	out := l[:0]
	for _, h := range l {
		if h.Name != "Host" {
			out = append(out, h)
		}
	}
	return out
}
