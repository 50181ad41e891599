package observe

import (
	"strconv"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/internal/har"
	"github.com/corsim/corsim/internal/lint"
	"github.com/corsim/corsim/origin"
)

// HAR returns the exchanges of a HAR log that a CORS lint can judge, in entry order, and the
// serialized origins of the pages the log names (the origins the server means to trust).
//
// An entry is an exchange when it could be read, its URL is http(s), a response was received
// (status above 0: Firefox records a blocked or aborted request with status 0, Playwright a failed one
// with -1), and its request carried an Origin header, so that CORS was in play: cross-origin fetches,
// their preflights (Chromium records them as entries of their own), and same-origin requests that
// send Origin anyway. A request counts as credentialed when it carried cookies. Header values are
// trimmed of surrounding spaces and tabs, as an HTTP parser delivers them.
func HAR(l *har.Log) (xs []lint.Exchange, pages []string) {
	for _, o := range har.PageOrigins(l) {
		pages = append(pages, o.String())
	}
	for i := range l.Entries {
		e := &l.Entries[i]
		if e.Err != nil || e.Response.Status <= 0 {
			continue
		}
		if u, err := origin.ParseURL(e.Request.URL); err != nil || !u.IsHTTPScheme() {
			continue
		}
		if !e.Request.Headers.Contains("Origin") {
			continue
		}
		cookie, _ := e.Request.Headers.Get("Cookie")
		resp := trimmedResponse(algorithm.Response{Status: e.Response.Status, Headers: e.Response.Headers})
		xs = append(xs, lint.Exchange{
			Request: lint.Request{
				Method: e.Request.Method, URL: e.Request.URL, Headers: e.Request.Headers.Clone(),
				Credentials: e.Request.Cookies > 0 || strings.TrimSpace(cookie) != "",
			},
			Response: resp,
			Source:   "HAR entry " + strconv.Itoa(e.Index),
		})
	}
	return xs, pages
}
