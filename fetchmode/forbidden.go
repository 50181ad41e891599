package fetchmode

import (
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/internal/grammar"
)

// forbiddenRequestNames are the names of Fetch §forbidden-request-header
// step 1, lower-case.
var forbiddenRequestNames = ascii.NewFoldSet(
	"accept-charset", "accept-encoding", "access-control-request-headers",
	"access-control-request-method", "connection", "content-length", "cookie", "cookie2",
	"date", "dnt", "expect", "host", "keep-alive", "origin", "referer", "set-cookie", "te",
	"trailer", "transfer-encoding", "upgrade", "via",
)

// IsForbiddenRequestHeader reports whether the entry (name, value) is a
// forbidden request-header (Fetch §forbidden-request-header), one that script
// cannot set: a name from the standard's list (Accept-Charset, …, Cookie, …,
// Origin, …, Via), a name starting with "proxy-" or "sec-", or
// X-HTTP-Method, X-HTTP-Method-Override or X-Method-Override whose value
// lists a forbidden method ("get, trace" is forbidden, "GET" is not). Names
// are compared byte-case-insensitively. User-Agent is not forbidden. It does
// not allocate.
func IsForbiddenRequestHeader(name, value string) bool {
	// Fetch §forbidden-request-header step 1.
	if forbiddenRequestNames.Contains(name) {
		return true
	}
	// Step 2.
	if ascii.HasPrefixFold(name, "proxy-") || ascii.HasPrefixFold(name, "sec-") {
		return true
	}
	// Step 3.
	if ascii.EqualFold(name, "x-http-method") || ascii.EqualFold(name, "x-http-method-override") ||
		ascii.EqualFold(name, "x-method-override") {
		// Step 3.1: get, decode, and split the value.
		sp := grammar.NewSplitter(value)
		for {
			m, more := sp.Next()
			if !more {
				break
			}
			// Step 3.2: isomorphic encoding is the identity on these bytes.
			if IsForbiddenMethod(m) {
				return true
			}
		}
	}
	// Step 4.
	return false
}

// IsNoCORSSafelistedRequestHeaderName reports whether name is a
// byte-case-insensitive match for Accept, Accept-Language, Content-Language or
// Content-Type (Fetch §no-cors-safelisted-request-header-name).
func IsNoCORSSafelistedRequestHeaderName(name string) bool {
	return ascii.EqualFold(name, "accept") || ascii.EqualFold(name, "accept-language") ||
		ascii.EqualFold(name, "content-language") || ascii.EqualFold(name, "content-type")
}

// IsNoCORSSafelistedRequestHeader reports whether (name, value) is a
// no-CORS-safelisted request-header (Fetch
// §no-cors-safelisted-request-header): its name is a no-CORS-safelisted
// request-header name and the entry is a CORS-safelisted request-header under
// the standard rules.
func IsNoCORSSafelistedRequestHeader(name, value string) bool {
	// Fetch §no-cors-safelisted-request-header step 1.
	if !IsNoCORSSafelistedRequestHeaderName(name) {
		return false
	}
	// Step 2.
	return IsCORSSafelistedRequestHeader(name, value)
}

// IsPrivilegedNoCORSRequestHeaderName reports whether name is a
// byte-case-insensitive match for Range (Fetch
// §privileged-no-cors-request-header-name).
func IsPrivilegedNoCORSRequestHeaderName(name string) bool { return ascii.EqualFold(name, "range") }

// IsCORSNonWildcardRequestHeaderName reports whether name is a
// byte-case-insensitive match for Authorization (Fetch
// §cors-non-wildcard-request-header-name), the one name a "*" in
// Access-Control-Allow-Headers never covers.
func IsCORSNonWildcardRequestHeaderName(name string) bool {
	return ascii.EqualFold(name, "authorization")
}

// IsRequestBodyHeaderName reports whether name is a byte-case-insensitive
// match for Content-Encoding, Content-Language, Content-Location or
// Content-Type (Fetch §request-body-header-name): the headers a redirect that
// turns the request into a GET removes.
func IsRequestBodyHeaderName(name string) bool {
	return ascii.EqualFold(name, "content-encoding") || ascii.EqualFold(name, "content-language") ||
		ascii.EqualFold(name, "content-location") || ascii.EqualFold(name, "content-type")
}

// IsForbiddenResponseHeaderName reports whether name is a
// byte-case-insensitive match for Set-Cookie or Set-Cookie2 (Fetch
// §forbidden-response-header-name).
func IsForbiddenResponseHeaderName(name string) bool {
	return ascii.EqualFold(name, "set-cookie") || ascii.EqualFold(name, "set-cookie2")
}

// safelistedResponseNames are the fixed names of Fetch
// §cors-safelisted-response-header-name, lower-case.
var safelistedResponseNames = ascii.NewFoldSet(
	"cache-control", "content-language", "content-length", "content-type", "expires",
	"last-modified", "pragma",
)

// IsCORSSafelistedResponseHeaderName reports whether name is a CORS-safelisted
// response-header name given the exposed names (Fetch
// §cors-safelisted-response-header-name): Cache-Control, Content-Language,
// Content-Length, Content-Type, Expires, Last-Modified or Pragma, or an item of
// exposed that is not a forbidden response-header name, all compared
// byte-case-insensitively. A "*" in exposed is only the name "*"; the caller
// expands the wildcard.
func IsCORSSafelistedResponseHeaderName(name string, exposed []string) bool {
	if safelistedResponseNames.Contains(name) {
		return true
	}
	if IsForbiddenResponseHeaderName(name) {
		return false
	}
	for _, e := range exposed {
		if ascii.EqualFold(name, e) {
			return true
		}
	}
	return false
}
