// Package browser is a simulated browser for Go tests: it runs fetch() from a page origin
// against a Go server, as Chromium, Firefox, WebKit or the Fetch standard would, and returns what
// script may read.
//
// A Browser sends exactly the requests the browser would: the CORS preflight when one is needed
// and the page's preflight cache does not cover it, then the actual request only if the preflight
// passed, then each redirect hop, with the headers and credentials flag the engine decides
// (package algorithm). The servers it talks to are an http.Handler called in-process (Handler,
// Route), an *httptest.Server (Server), or any http.RoundTripper (Transport). Each fetch returns
// either a Response holding only what script can read, or an *Error with the whole verdict: the
// reason as DevTools names it, the console message, the fix, the requests sent and the steps.
//
// Client and RoundTripper put the same checks behind an *http.Client, for code that takes one.
//
// This is the only corsim package that imports net/http; the engine itself does no I/O.
//
// # What goes over the wire
//
// The request a handler sees has the method, URL and headers the browser would send as far as
// CORS decides them: Origin, the Access-Control-Request-* headers of a preflight, the headers
// script set and the browser kept, Accept and a Content-Type derived from a string body. It does
// not carry what a real browser adds besides (User-Agent, Accept-Language, Referer, the
// Sec-Fetch-* headers, cookies), and header order is Go's, since http.Header is a map. Cookies
// are not modelled yet: SentRequest.Credentials says whether the browser would attach them.
package browser
