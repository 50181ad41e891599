package browser

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/advice"
	"github.com/corsim/corsim/internal/ascii"
)

// Request is what script passes to fetch(): the URL and the init dictionary. The zero value of
// each mode field is fetch()'s default (mode "cors", credentials "same-origin", redirect
// "follow"), so Request{URL: u} is fetch(u).
type Request struct {
	// URL is fetch()'s first argument; a relative URL is resolved against the page.
	URL string
	// Method is init.method; empty means GET.
	Method string
	// Headers are init.headers in the order script sets them.
	Headers fetchmode.HeaderList
	// Body is init.body as a string; nil means no body. Text makes one.
	Body *string
	// StreamBody makes the body a ReadableStream (duplex "half"), which forces a preflight.
	StreamBody  bool
	Mode        fetchmode.Mode
	Credentials fetchmode.Credentials
	Redirect    fetchmode.Redirect
	Cache       fetchmode.CacheMode
}

// NormalizedMethod is the method fetch() sends for r: GET when Method is empty, otherwise Method
// normalized (Fetch §concept-method-normalize: DELETE, GET, HEAD, OPTIONS, POST and PUT are
// upper-cased, any other method keeps its case).
func (r Request) NormalizedMethod() string {
	if r.Method == "" {
		return "GET"
	}
	return fetchmode.NormalizeMethod(r.Method)
}

// Text returns a pointer to s, for Request.Body.
func Text(s string) *string { return &s }

// Response is the response as script sees it: only what the browser lets script read.
type Response struct {
	// Type is the response's type: basic (same origin), cors, opaque (no-cors) or opaqueredirect.
	Type algorithm.ResponseType
	// Status is what response.status says: 0 for opaque and opaque-redirect responses.
	Status int
	// Header holds only the headers script can read (response.headers): for a CORS response the
	// safelisted ones and those Access-Control-Expose-Headers names; for an opaque one none. Each
	// name has one value, its lines combined with ", " as response.headers.get() gives it.
	Header http.Header
	// Body is what response.text() gives: nil when script cannot read the body.
	Body []byte
	// URL is response.url, the URL after redirects; Redirected is response.redirected.
	URL        string
	Redirected bool
	// Verdict is the engine's whole verdict, trace included.
	Verdict algorithm.Verdict

	page string
	req  algorithm.Request
}

// Explain is a multi-line account of the fetch: what script can read, each request the browser
// sent, and the algorithm's steps when the fetch was traced.
func (r *Response) Explain() string {
	var s strings.Builder
	fmt.Fprintf(&s, "a page on %s calling fetch(%q):\n", r.page, r.req.URL)
	explainVerdict(&s, &r.Verdict, "")
	return s.String()
}

// Error is a fetch() that rejects: a TypeError from the Request constructor, or a network error,
// CORS failures among them. It carries the whole verdict; script itself learns none of it.
type Error struct {
	// Page is the serialized origin of the page that called fetch().
	Page string
	// Request is the fetch as the engine saw it.
	Request algorithm.Request
	// Verdict says what the browser sent and why it failed (Reason, FailedParameter, Message).
	Verdict algorithm.Verdict
	// Err is the first error a server or transport returned (a refused connection, a handler's
	// panic, a body over the limit, the context's error), or nil when the browser refused.
	Err error
}

// Reason is the failure's reason, named as Chrome DevTools names CORS errors.
func (e *Error) Reason() algorithm.Reason { return e.Verdict.Reason }

// Fix is a one-line remedy: what to change on the server or in the call.
func (e *Error) Fix() string { return advice.Fix(e.Page, e.Request, &e.Verdict) }

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// Error is the line the profile's browser prints in the console, with the reason.
func (e *Error) Error() string {
	var s strings.Builder
	s.WriteString("fetch ")
	s.WriteString(e.Request.URL)
	s.WriteString(": ")
	if e.Verdict.Outcome == algorithm.JSError {
		s.WriteString("TypeError thrown")
	} else {
		s.WriteString("network error")
	}
	if e.Verdict.Reason != "" {
		s.WriteString(" (")
		s.WriteString(string(e.Verdict.Reason))
		if p := e.Verdict.FailedParameter; p != "" {
			fmt.Fprintf(&s, " %q", p)
		}
		s.WriteString(")")
	}
	if e.Verdict.Message != "" {
		s.WriteString(": ")
		s.WriteString(e.Verdict.Message)
	}
	if e.Err != nil {
		s.WriteString(": ")
		s.WriteString(e.Err.Error())
	}
	return s.String()
}

// Explain is a multi-line account of the failure: the reason, the console message, the fix,
// each request the browser sent, and the algorithm's steps when the fetch was traced.
func (e *Error) Explain() string {
	var s strings.Builder
	fmt.Fprintf(&s, "a page on %s calling fetch(%q)", e.Page, e.Request.URL)
	if m := e.Request.Method; m != "" && m != "GET" {
		fmt.Fprintf(&s, " with method %s", m)
	}
	if c := e.Request.Credentials; c != fetchmode.CredentialsSameOrigin && c != 0 {
		fmt.Fprintf(&s, ", credentials %q", c)
	}
	s.WriteString(":\n")
	explainVerdict(&s, &e.Verdict, advice.Fix(e.Page, e.Request, &e.Verdict))
	if e.Err != nil {
		fmt.Fprintf(&s, "  transport: %v\n", e.Err)
	}
	return s.String()
}

// explainVerdict writes the parts of a verdict a test failure needs.
func explainVerdict(s *strings.Builder, v *algorithm.Verdict, fix string) {
	if v.Outcome == algorithm.OK {
		fmt.Fprintf(s, "  readable: %s response, status %d, headers %v, body readable %t\n", v.ResponseType, v.Status, v.VisibleHeaders, v.BodyReadable)
	} else {
		fmt.Fprintf(s, "  blocked: %s", v.Reason)
		if v.FailedParameter != "" {
			fmt.Fprintf(s, " (%s)", v.FailedParameter)
		}
		s.WriteString("\n")
		if v.Message != "" {
			// A console message can span lines (WebKit prints two); keep the rest indented.
			fmt.Fprintf(s, "  console: %s\n", strings.ReplaceAll(v.Message, "\n", "\n           "))
		}
		if fix != "" {
			fmt.Fprintf(s, "  fix: %s\n", fix)
		}
	}
	if v.ActualSent && v.Outcome != algorithm.OK {
		s.WriteString("  the actual request reached the server: CORS stopped script reading the answer, not the request\n")
	}
	if len(v.ServerSaw) == 0 {
		s.WriteString("  requests sent: none\n")
	} else {
		s.WriteString("  requests sent:\n")
		for _, r := range v.ServerSaw {
			kind := ""
			if r.Preflight {
				kind = " (preflight)"
			}
			cred := "without credentials"
			if r.Credentials {
				cred = "with credentials"
			}
			fmt.Fprintf(s, "    %s %s%s, %s\n", r.Method, r.URL, kind, cred)
			for _, h := range r.Headers {
				fmt.Fprintf(s, "      %s: %s\n", h.Name, h.Value)
			}
		}
	}
	if len(v.Trace) > 0 {
		s.WriteString("  steps:\n")
		for i, st := range v.Trace {
			fmt.Fprintf(s, "    %d. %s  %s → %s\n", i+1, st.Anchor, st.LookedAt, st.Decision)
		}
	}
}

// Fetch runs fetch(req) in the page as the Browser's profile would: it sends the preflight the
// browser would send (unless the page's preflight cache covers the request), sends the actual
// request only if the browser would, follows redirects as the browser does, and returns what
// script can read. When fetch() would reject, it returns a nil Response and an *Error.
//
// ctx bounds every request sent; a canceled context fails the fetch as a network error whose
// Error.Err is the context's error.
func (b *Browser) Fetch(ctx context.Context, req Request) (*Response, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	ar := algorithm.Request{
		Origin: b.page, TopLevel: b.top, URL: req.URL, Method: req.Method, Headers: req.Headers,
		Body: req.Body, StreamBody: req.StreamBody, Mode: req.Mode, Credentials: req.Credentials,
		Redirect: req.Redirect, Cache: req.Cache,
	}
	x := &exchange{b: b, ctx: ctx, body: req.Body, method: req.NormalizedMethod()}
	now := b.Now()
	v := algorithm.Fetch(ar, x, algorithm.Options{
		Profile: b.profile, Cache: b.cache, Trace: b.trace,
		Clock: func() time.Time { return now },
	})
	if v.Outcome != algorithm.OK {
		return nil, &Error{Page: b.page.String(), Request: ar, Verdict: v, Err: x.err}
	}
	resp := &Response{
		Type: v.ResponseType, Status: v.Status, Header: http.Header{}, URL: v.FinalURL,
		Redirected: v.Redirected, Verdict: v, page: b.page.String(), req: ar,
	}
	if x.last != nil {
		for _, name := range v.VisibleHeaders {
			// Headers.get() combines the lines of a name with ", " (Fetch §concept-header-list-get),
			// so that is the one value script reads. ASCII folding is the engine's: strings.EqualFold
			// folds "\u212A" (KELVIN SIGN) to "k".
			var vals []string
			for _, h := range x.last.Headers {
				if ascii.EqualFold(h.Name, name) {
					vals = append(vals, h.Value)
				}
			}
			if len(vals) > 0 {
				resp.Header[http.CanonicalHeaderKey(name)] = []string{strings.Join(vals, ", ")}
			}
		}
		if v.BodyReadable {
			resp.Body = []byte(x.last.Body)
		}
	}
	return resp, nil
}
