package lint

import (
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/internal/grammar"
)

// Exchange is one request that reached the server and the response it got, as observed: a request
// corsim's probe sent, one a scenario's fetch() made of its recorded servers, or an entry of a HAR
// capture. Lint judges exchanges only; where they came from is the adapter's business.
type Exchange struct {
	Request  Request
	Response algorithm.Response
	// Source says where the exchange came from, for a person reading a finding: "probe", "scenario
	// checkout fetch 1", "HAR entry 12".
	Source string
}

// Request is a request as it went over the wire.
type Request struct {
	// Method is the method as sent, such as "OPTIONS" for a preflight.
	Method string
	// URL is the absolute URL requested.
	URL string
	// Headers are the request's headers, Origin and the Access-Control-Request-* headers among them.
	Headers fetchmode.HeaderList
	// Credentials reports that the request carried cookies or HTTP authentication.
	Credentials bool
}

// Origin returns the Origin header the request carried, "" when it had none.
func (r Request) Origin() string {
	v, _ := r.Headers.Get(hOrigin)
	return v
}

// Preflight reports whether the request is a CORS preflight: an OPTIONS request with
// Access-Control-Request-Method (Fetch §cors-preflight-request). An OPTIONS request without it is a
// plain OPTIONS request that a server must not answer as a preflight.
func (r Request) Preflight() bool {
	return r.Method == "OPTIONS" && r.Headers.Contains(hACRM)
}

// requestMethod returns the preflight's Access-Control-Request-Method.
func (r Request) requestMethod() string {
	v, _ := r.Headers.Get(hACRM)
	return grammar.TrimHTTPWhitespace(v)
}

// requestHeaders returns the preflight's Access-Control-Request-Headers names, lower-cased; an
// unparsable list gives what parsed before the bad element.
func (r Request) requestHeaders() []string {
	names, _ := grammar.AppendTokenList(nil, hACRH, r.Headers.Values(hACRH)...)
	for i, n := range names {
		names[i] = ascii.Lower(n)
	}
	return names
}

// Header names the checks read.
const (
	hOrigin = "Origin"
	hACRM   = "Access-Control-Request-Method"
	hACRH   = "Access-Control-Request-Headers"
	hACAO   = "Access-Control-Allow-Origin"
	hACAC   = "Access-Control-Allow-Credentials"
	hACAM   = "Access-Control-Allow-Methods"
	hACAH   = "Access-Control-Allow-Headers"
	hACEH   = "Access-Control-Expose-Headers"
	hACMA   = "Access-Control-Max-Age"
	hVary   = "Vary"
)

// relevantHeaders returns the response headers a finding's evidence shows: the Access-Control-*
// headers and Vary, in the order they came.
func relevantHeaders(h fetchmode.HeaderList) fetchmode.HeaderList {
	var out fetchmode.HeaderList
	for _, e := range h {
		if ascii.HasPrefixFold(e.Name, "access-control-") || ascii.EqualFold(e.Name, hVary) {
			out = append(out, fetchmode.Header{Name: ascii.Lower(e.Name), Value: e.Value})
		}
	}
	return out
}

// varyCoversOrigin reports whether the Vary header lines name Origin or "*" (RFC 9110 §12.5.5).
func varyCoversOrigin(h fetchmode.HeaderList) bool {
	for _, line := range h.Values(hVary) {
		for _, f := range strings.Split(line, ",") {
			f = grammar.TrimHTTPWhitespace(f)
			if f == "*" || ascii.EqualFold(f, hOrigin) {
				return true
			}
		}
	}
	return false
}

// credentialsTrue reports whether the response allows credentials: one
// Access-Control-Allow-Credentials line, exactly "true".
func credentialsTrue(h fetchmode.HeaderList) bool {
	vs := h.Values(hACAC)
	return len(vs) == 1 && grammar.IsAllowCredentialsTrue(vs[0])
}
