// Package advice turns a failed verdict into the one-line fix that corsim prints
// (the CLI's explain command and corstest's failure messages share it).
package advice

import (
	"strconv"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

// failure is where a failed fetch stopped, as the verdict shows it.
type failure struct {
	url       string // the URL whose response (or preflight response) failed
	origin    string // the Origin the browser sent there, i.e. the value the server must allow
	preflight bool   // the failure is in the preflight's response
}

// locate finds the failure's URL and origin from the requests the browser sent.
func locate(page string, req algorithm.Request, v *algorithm.Verdict) failure {
	f := failure{url: req.URL, origin: page}
	if n := len(v.ServerSaw); n > 0 {
		last := v.ServerSaw[n-1]
		f.url, f.preflight = last.URL, last.Preflight
		if o, ok := last.Headers.Get("Origin"); ok {
			f.origin = o
		}
	}
	return f
}

// where names the response a fix applies to.
func (f failure) where() string {
	if f.preflight {
		return "the preflight (OPTIONS) response of " + f.url
	}
	return "the response of " + f.url
}

// Fix is a one-line remedy for a failed fetch, in terms of what to change on the server or in the
// call. It has a specific answer for every algorithm.Reason (fixes_test.go checks that).
func Fix(page string, req algorithm.Request, v *algorithm.Verdict) string {
	if v.Outcome == algorithm.OK {
		return ""
	}
	f := locate(page, req, v)
	p := v.FailedParameter
	allow := "Access-Control-Allow-Origin: " + f.origin
	// Fetch §concept-request-tainted-origin: after a cross-origin redirect the request's origin
	// serializes as "null", which is what the server must then allow.
	lead, tail := "", ""
	if f.origin == "null" && page != "null" {
		lead = "a cross-origin redirect made the request's origin null: "
		tail = ", or fetch " + f.url + " directly"
	}
	switch v.Reason {
	case algorithm.DisallowedByMode:
		return `drop mode "same-origin" (the default "cors" lets the server allow ` + page + `), or fetch a URL of ` + page
	case algorithm.InvalidResponse:
		return "make the URL a well-formed data: URL (data:[<type>][;base64],<data>)"
	case algorithm.WildcardOriginNotAllowed, algorithm.PreflightWildcardOriginNotAllowed:
		return lead + "send " + allow + " instead of * in " + f.where() + ` with credentials "include" (or do not include credentials)` + tail
	case algorithm.MissingAllowOriginHeader, algorithm.PreflightMissingAllowOriginHeader:
		return lead + "send " + allow + " in " + f.where() + tail
	case algorithm.MultipleAllowOriginValues, algorithm.PreflightMultipleAllowOriginValues:
		return lead + "send Access-Control-Allow-Origin once, with the one value " + f.origin + ", in " + f.where() + " (it was " + strconv.Quote(p) + ")" + tail
	case algorithm.InvalidAllowOriginValue, algorithm.PreflightInvalidAllowOriginValue,
		algorithm.AllowOriginMismatch, algorithm.PreflightAllowOriginMismatch:
		if lead != "" {
			return lead + "send " + allow + " (or *) in " + f.where() + " instead of " + strconv.Quote(p) + tail
		}
		return "send " + allow + " byte for byte (scheme, host, port; no path, no trailing slash) in " + f.where() + " instead of " + strconv.Quote(p)
	case algorithm.InvalidAllowCredentials, algorithm.PreflightInvalidAllowCredentials:
		return "send Access-Control-Allow-Credentials: true (exactly, lower-case) in " + f.where() + `, or do not use credentials "include"`
	case algorithm.CorsDisabledScheme:
		return "fetch an http: or https: URL; a cross-origin " + p + ": URL cannot be fetched with CORS"
	case algorithm.PreflightInvalidStatus:
		return "answer the preflight, OPTIONS " + f.url + ", with 200 or 204 instead of " + p
	case algorithm.PreflightDisallowedRedirect:
		return "answer the preflight, OPTIONS " + f.url + ", itself with 200 or 204: a preflight never follows a redirect (or fetch the redirect's target directly)"
	case algorithm.MethodDisallowedByPreflightResponse:
		return "add " + p + " to Access-Control-Allow-Methods in " + f.where() + " (methods compare case-sensitively)"
	case algorithm.HeaderDisallowedByPreflightResponse:
		if fetchmode.IsCORSNonWildcardRequestHeaderName(p) {
			return "list authorization by name in Access-Control-Allow-Headers in " + f.where() + ": * never covers it"
		}
		return "add " + p + " to Access-Control-Allow-Headers in " + f.where()
	case algorithm.InvalidAllowMethodsPreflightResponse:
		return "make Access-Control-Allow-Methods in " + f.where() + ` a comma-separated list of methods such as "GET, PUT" (` + strconv.Quote(p) + " does not parse)"
	case algorithm.InvalidAllowHeadersPreflightResponse:
		return "make Access-Control-Allow-Headers in " + f.where() + ` a comma-separated list of header names such as "content-type, x-token" (` + strconv.Quote(p) + " does not parse)"
	case algorithm.NoCorsRedirectModeNotFollow:
		return `use redirect "follow" with mode "no-cors", or use mode "cors"`
	case algorithm.RedirectContainsCredentials:
		return "remove the user name and password from the Location header of the redirect from " + f.url
	case algorithm.InvalidRequest:
		return "fix the fetch() call itself: the Request constructor throws before anything is sent" + paramNote(p)
	case algorithm.TooManyRedirects:
		return "shorten the redirect chain that passes " + f.url + ": browsers follow at most 20 redirects"
	case algorithm.RedirectModeError:
		return `fetch the redirect's target directly, or use redirect "follow"`
	case algorithm.BadPort:
		return "serve the resource on another port: browsers never connect to port " + p
	case algorithm.MixedContent:
		return "serve " + p + " over https: an https page cannot fetch plain http"
	case algorithm.InvalidRedirect:
		return "send exactly one Location header, holding an http: or https: URL, in the redirect from " + f.url + paramNote(p)
	case algorithm.CorpNotSameOrigin, algorithm.CorpNotSameSite:
		return "send Cross-Origin-Resource-Policy: cross-origin in " + f.where() + `, or fetch it with mode "cors" and CORS headers`
	case algorithm.NetworkFailure:
		return "make sure a server answers at " + f.url
	case algorithm.UnsupportedScheme:
		return "fetch an http: or https: URL; the browser cannot fetch " + p + ": URLs this way"
	case algorithm.StreamBodyUnsupported:
		if p == "net::ERR_ALPN_NEGOTIATION_FAILED" {
			return "serve " + f.url + " over https with HTTP/2, or send the body as a string, Blob or ArrayBuffer: Chromium streams request bodies only over HTTP/2"
		}
		return "send the body as a string, Blob or ArrayBuffer: this browser cannot send a ReadableStream request body"
	}
	return "see the reason and the console message"
}

func paramNote(p string) string {
	if p = strings.TrimSpace(p); p == "" {
		return ""
	}
	return " (" + strconv.Quote(p) + ")"
}
