package algorithm

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/corsim/corsim/fetchmode"
)

// Console messages. The CORS texts follow the templates each engine's source prints (Chromium
// services/network/public/cpp/cors/cors_error_status.cc, cors_error_string.cc and Blink's
// fetch_manager.cc; Gecko dom/locales/en-US/chrome/security/security.properties; WebKit
// CrossOriginAccessControl.cpp and ThreadableLoader.cpp). Where an engine prints no CORS text (bad
// ports, redirects, TypeErrors) the message is the line its console shows for the failed load, as
// corsim's browser harness recorded it (docs/fidelity.md); the Spec profile writes a neutral corsim
// sentence.

// consoleDialect is whose console wording a profile's messages use.
type consoleDialect uint8

const (
	dialectSpec consoleDialect = iota
	dialectChromium
	dialectFirefox
	dialectWebKit
)

// failureReport is what a failure's console message is made from: the failure as DevTools reports
// it, and the facts around it the fetch collected. message turns it into text.
type failureReport struct {
	failure Failure
	// url is the URL whose fetch failed; firstURL the one script passed.
	url      string
	firstURL string
	// redirectTo is the target of a redirect response that failed the CORS check (WebKit names it).
	redirectTo string
	// status is the status of the last response received, 0 if none.
	status int
	// inPreflight: the failure happened in a preflight.
	inPreflight bool
	// origin is the page's serialized origin; method and scheme the request's method and URL scheme
	// when it failed.
	origin      string
	method      string
	scheme      string
	mode        fetchmode.Mode
	credentials fetchmode.Credentials
	// jsKind says which Request-constructor check threw, for an InvalidRequest failure.
	jsKind jsErrorKind
}

// message is the console message the profile's browser prints for rep: fetch() rejecting with a
// TypeError when the Request constructor threw, otherwise the network error's CORS or load line.
func message(r *rules, rep *failureReport) string {
	if rep.failure.Reason == InvalidRequest {
		return jsErrorMessage(r.console, rep)
	}
	switch r.console {
	case dialectChromium:
		return chromiumMessage(rep)
	case dialectFirefox:
		return firefoxMessage(rep)
	case dialectWebKit:
		return webkitMessage(rep)
	}
	return specMessage(rep)
}

// chromiumEscape writes non-printable and non-ASCII characters as \uXXXX, as Chromium's EncodeHint does.
func chromiumEscape(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			var b strings.Builder
			for _, r := range s {
				if r < 0x20 || r >= 0x7f {
					fmt.Fprintf(&b, "\\u%04X", r)
				} else {
					b.WriteRune(r)
				}
			}
			return b.String()
		}
	}
	return s
}

func chromiumMessage(rep *failureReport) string {
	fl := rep.failure
	v := chromiumEscape(fl.Parameter)
	const noCORSInfo = " Have the server send the header with a valid value."
	var detail string
	preflightPrefix := false
	switch fl.Reason {
	case MissingAllowOriginHeader, PreflightMissingAllowOriginHeader:
		detail = "No 'Access-Control-Allow-Origin' header is present on the requested resource."
	case WildcardOriginNotAllowed, PreflightWildcardOriginNotAllowed:
		detail = "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."
	case MultipleAllowOriginValues, PreflightMultipleAllowOriginValues:
		detail = "The 'Access-Control-Allow-Origin' header contains multiple values '" + v + "', but only one is allowed." + noCORSInfo
	case InvalidAllowOriginValue, PreflightInvalidAllowOriginValue:
		detail = "The 'Access-Control-Allow-Origin' header contains the invalid value '" + v + "'." + noCORSInfo
	case AllowOriginMismatch, PreflightAllowOriginMismatch:
		detail = "The 'Access-Control-Allow-Origin' header has a value '" + v + "' that is not equal to the supplied origin." + noCORSInfo
	case InvalidAllowCredentials, PreflightInvalidAllowCredentials:
		detail = "The value of the 'Access-Control-Allow-Credentials' header in the response is '" + v + "' which must be 'true' when the request's credentials mode is 'include'."
	case PreflightInvalidStatus:
		detail = "It does not have HTTP ok status."
	case PreflightDisallowedRedirect:
		detail = "Redirect is not allowed for a preflight request."
	case InvalidAllowMethodsPreflightResponse:
		detail = "Cannot parse Access-Control-Allow-Methods response header field in preflight response."
	case InvalidAllowHeadersPreflightResponse:
		detail = "Cannot parse Access-Control-Allow-Headers response header field in preflight response."
	case MethodDisallowedByPreflightResponse:
		detail = "Method " + v + " is not allowed by Access-Control-Allow-Methods in preflight response."
	case HeaderDisallowedByPreflightResponse:
		detail = "Request header field " + v + " is not allowed by Access-Control-Allow-Headers in preflight response."
	case RedirectContainsCredentials:
		detail = "Redirect location '" + v + "' contains a username and password, which is disallowed for cross-origin requests."
	case DisallowedByMode:
		return "Fetch API cannot load " + rep.url + ". Request mode is \"same-origin\" but the URL's origin is not same as the request origin " + rep.origin + "."
	case NoCorsRedirectModeNotFollow:
		return "Fetch API cannot load " + rep.url + ". Request mode is \"no-cors\" but the redirect mode is not \"follow\"."
	case CorsDisabledScheme, UnsupportedScheme:
		return "Fetch API cannot load " + rep.url + ". URL scheme \"" + rep.scheme + "\" is not supported."
	case MixedContent:
		return "Mixed Content: The page at '" + rep.origin + "/' was loaded over HTTPS, but requested an insecure resource '" + rep.url + "'. This request has been blocked; the content must be served over HTTPS."
	default:
		return rep.method + " " + rep.url + " " + chromiumNetError(fl)
	}
	switch fl.Reason {
	case PreflightMissingAllowOriginHeader, PreflightWildcardOriginNotAllowed, PreflightMultipleAllowOriginValues,
		PreflightInvalidAllowOriginValue, PreflightAllowOriginMismatch, PreflightInvalidAllowCredentials,
		PreflightInvalidStatus, PreflightDisallowedRedirect:
		preflightPrefix = true
	}
	var b strings.Builder
	b.WriteString("Access to fetch at '" + rep.url + "' ")
	if first := rep.firstURL; first != rep.url {
		b.WriteString("(redirected from '" + first + "') ")
	}
	b.WriteString("from origin '" + rep.origin + "' has been blocked by CORS policy: ")
	if preflightPrefix {
		b.WriteString("Response to preflight request doesn't pass access control check: ")
	}
	b.WriteString(detail)
	return b.String()
}

// nameNotResolved is Chromium's error for a host name that does not resolve, the parameter of the
// network failure of a URL whose host held a space (ruleEscapeSpaceInHost).
const nameNotResolved = "net::ERR_NAME_NOT_RESOLVED"

// streamRedirectParam is the parameter of the failure of a stream body met by a redirect that would
// send it again (Fetch §concept-http-redirect-fetch step 11).
const streamRedirectParam = "stream body"

// alpnFailed is Chromium's error for a stream upload that cannot use HTTP/2 (ruleStreamNeedsHTTP2).
const alpnFailed = "net::ERR_ALPN_NEGOTIATION_FAILED"

// errNameNotResolved is what sending to such a URL returns; nothing reaches a server.
var errNameNotResolved = errors.New(nameNotResolved)

// chromiumNetError is the net error Chromium's console line names for a failure that is not a CORS
// error.
func chromiumNetError(fl Failure) string {
	switch {
	case fl.Reason == NetworkFailure && fl.Parameter == nameNotResolved:
		return nameNotResolved
	case fl.Reason == InvalidRedirect && fl.Parameter == streamRedirectParam:
		// Chromium refuses to send a stream body again (harness, redir-stream-body-307).
		return "net::ERR_INVALID_ARGUMENT"
	}
	switch fl.Reason {
	case BadPort:
		return "net::ERR_UNSAFE_PORT"
	case TooManyRedirects:
		return "net::ERR_TOO_MANY_REDIRECTS"
	case InvalidRedirect:
		return "net::ERR_INVALID_REDIRECT"
	case NetworkFailure:
		return "net::ERR_CONNECTION_REFUSED"
	case CorpNotSameOrigin:
		return "net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin"
	case CorpNotSameSite:
		return "net::ERR_BLOCKED_BY_RESPONSE.NotSameSite"
	case InvalidResponse:
		return "net::ERR_INVALID_URL"
	case StreamBodyUnsupported:
		return alpnFailed
	}
	return "net::ERR_FAILED"
}

func firefoxMessage(rep *failureReport) string {
	fl := rep.failure
	frame := "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at " + rep.url + ". "
	status := strconv.Itoa(rep.status)
	switch fl.Reason {
	case MissingAllowOriginHeader, PreflightMissingAllowOriginHeader:
		return frame + "(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: " + status + "."
	case WildcardOriginNotAllowed, PreflightWildcardOriginNotAllowed:
		return "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘" + rep.url +
			"’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’)."
	case MultipleAllowOriginValues, PreflightMultipleAllowOriginValues:
		return frame + "(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed)."
	case AllowOriginMismatch, PreflightAllowOriginMismatch, InvalidAllowOriginValue, PreflightInvalidAllowOriginValue:
		return frame + "(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘" + fl.Parameter + "’)."
	case InvalidAllowCredentials, PreflightInvalidAllowCredentials:
		return frame + "(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’)."
	case PreflightInvalidStatus:
		return frame + "(Reason: CORS preflight response did not succeed). Status code: " + status + "."
	case PreflightDisallowedRedirect:
		return frame + "(Reason: CORS request external redirect not allowed)."
	case InvalidAllowMethodsPreflightResponse:
		return frame + "(Reason: invalid token ‘" + fl.Parameter + "’ in CORS header ‘Access-Control-Allow-Methods’)."
	case InvalidAllowHeadersPreflightResponse:
		return frame + "(Reason: invalid token ‘" + fl.Parameter + "’ in CORS header ‘Access-Control-Allow-Headers’)."
	case MethodDisallowedByPreflightResponse:
		return frame + "(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’)."
	case HeaderDisallowedByPreflightResponse:
		return frame + "(Reason: header ‘" + fl.Parameter + "’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response)."
	case CorsDisabledScheme:
		return frame + "(Reason: CORS request not http)."
	case RedirectContainsCredentials, NetworkFailure:
		return frame + "(Reason: CORS request did not succeed). Status code: (null)."
	}
	return "TypeError: NetworkError when attempting to fetch resource."
}

func webkitMessage(rep *failureReport) string {
	fl := rep.failure
	status := strconv.Itoa(rep.status)
	var desc string
	switch fl.Reason {
	case MissingAllowOriginHeader, PreflightMissingAllowOriginHeader, AllowOriginMismatch, PreflightAllowOriginMismatch,
		InvalidAllowOriginValue, PreflightInvalidAllowOriginValue:
		desc = "Origin " + rep.origin + " is not allowed by Access-Control-Allow-Origin. Status code: " + status
	case WildcardOriginNotAllowed, PreflightWildcardOriginNotAllowed:
		desc = "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true."
	case MultipleAllowOriginValues, PreflightMultipleAllowOriginValues:
		desc = "Access-Control-Allow-Origin cannot contain more than one origin."
	case InvalidAllowCredentials, PreflightInvalidAllowCredentials:
		desc = "Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\"."
	case PreflightInvalidStatus, PreflightDisallowedRedirect:
		desc = "Preflight response is not successful. Status code: " + status
	case InvalidAllowMethodsPreflightResponse:
		desc = "Header Access-Control-Allow-Methods has an invalid value: " + fl.Parameter
	case InvalidAllowHeadersPreflightResponse:
		desc = "Header Access-Control-Allow-Headers has an invalid value: " + fl.Parameter
	case MethodDisallowedByPreflightResponse:
		desc = "Method " + fl.Parameter + " is not allowed by Access-Control-Allow-Methods."
	case HeaderDisallowedByPreflightResponse:
		desc = "Request header field " + fl.Parameter + " is not allowed by Access-Control-Allow-Headers."
	case RedirectContainsCredentials:
		desc = "Cross-origin redirection to " + fl.Parameter + " denied by Cross-Origin Resource Sharing policy: redirection URL " + fl.Parameter + " has credentials"
	case TooManyRedirects:
		desc = "Load cannot follow more than 20 redirections"
	case RedirectModeError:
		desc = "Not allowed to follow a redirection while loading " + rep.url
	case CorsDisabledScheme:
		desc = "Cross origin requests are only supported for HTTP."
	case DisallowedByMode:
		desc = "Cross origin requests are not allowed when using same-origin fetch mode."
	default:
		return "TypeError: Load failed"
	}
	if rep.redirectTo != "" && !rep.inPreflight {
		// A redirect response that failed the CORS check (NetworkLoadChecker.cpp).
		desc = "Cross-origin redirection to " + rep.redirectTo + " denied by Cross-Origin Resource Sharing policy: " + desc
	}
	return desc + "\nFetch API cannot load " + rep.url + " due to access control checks."
}

// specMessage is corsim's neutral sentence for the Spec profile.
func specMessage(rep *failureReport) string {
	return "corsim (Fetch standard): fetch of " + rep.url + " from origin " + rep.origin + " failed: " + specExplanation(rep.failure, rep.credentials)
}

func specExplanation(fl Failure, c fetchmode.Credentials) string {
	q := strconv.Quote(fl.Parameter)
	switch fl.Reason {
	case MissingAllowOriginHeader:
		return "the response has no Access-Control-Allow-Origin header (Fetch §concept-cors-check step 2)"
	case PreflightMissingAllowOriginHeader:
		return "the preflight response has no Access-Control-Allow-Origin header (Fetch §concept-cors-check step 2)"
	case WildcardOriginNotAllowed, PreflightWildcardOriginNotAllowed:
		return "Access-Control-Allow-Origin is \"*\", which does not allow credentials mode include (Fetch §concept-cors-check step 3)"
	case MultipleAllowOriginValues, PreflightMultipleAllowOriginValues:
		return "Access-Control-Allow-Origin was sent more than once, so its combined value " + q + " matches no origin (Fetch §concept-cors-check step 4)"
	case AllowOriginMismatch, PreflightAllowOriginMismatch, InvalidAllowOriginValue, PreflightInvalidAllowOriginValue:
		return "Access-Control-Allow-Origin " + q + " is not byte-for-byte the request's origin (Fetch §concept-cors-check step 4)"
	case InvalidAllowCredentials, PreflightInvalidAllowCredentials:
		return "credentials mode is include but Access-Control-Allow-Credentials is " + q + ", not exactly \"true\" (Fetch §concept-cors-check step 7)"
	case PreflightInvalidStatus:
		return "the preflight response's status " + fl.Parameter + " is not an ok status (Fetch §cors-preflight-fetch-0 step 8)"
	case PreflightDisallowedRedirect:
		return "the preflight was answered with a redirect (" + fl.Parameter + "), which is never followed (Fetch §cors-preflight-fetch-0 step 8)"
	case InvalidAllowMethodsPreflightResponse:
		return "Access-Control-Allow-Methods " + q + " does not parse as a list of methods (Fetch §cors-preflight-fetch-0 step 7.3)"
	case InvalidAllowHeadersPreflightResponse:
		return "Access-Control-Allow-Headers " + q + " does not parse as a list of header names (Fetch §cors-preflight-fetch-0 step 7.3)"
	case MethodDisallowedByPreflightResponse:
		return "method " + fl.Parameter + " is not in Access-Control-Allow-Methods" + starNote(c) + " (Fetch §cors-preflight-fetch-0 step 7.5)"
	case HeaderDisallowedByPreflightResponse:
		if fetchmode.IsCORSNonWildcardRequestHeaderName(fl.Parameter) {
			return "request header authorization is not listed by name in Access-Control-Allow-Headers; \"*\" never covers it (Fetch §cors-preflight-fetch-0 step 7.6)"
		}
		return "request header " + fl.Parameter + " is not in Access-Control-Allow-Headers" + starNote(c) + " (Fetch §cors-preflight-fetch-0 step 7.7)"
	case DisallowedByMode:
		return "mode same-origin forbids a cross-origin URL (Fetch §concept-main-fetch step 12)"
	case NoCorsRedirectModeNotFollow:
		return "mode no-cors needs redirect mode follow (Fetch §concept-main-fetch step 12.1)"
	case CorsDisabledScheme:
		return "a cross-origin request needs an http(s) URL, not " + q + " (Fetch §concept-main-fetch step 12)"
	case RedirectContainsCredentials:
		return "the redirect's Location " + q + " contains credentials (Fetch §concept-http-redirect-fetch steps 9–10)"
	case TooManyRedirects:
		return "more than 20 redirects (Fetch §concept-http-redirect-fetch step 7)"
	case RedirectModeError:
		return "redirect mode error met a redirect (Fetch §concept-http-fetch step 6.2)"
	case InvalidRedirect:
		return "the redirect's Location " + q + " is missing, repeated, unparsable or not http(s) (Fetch §concept-http-redirect-fetch steps 3–6)"
	case BadPort:
		return "port " + fl.Parameter + " is a bad port (Fetch §block-bad-port)"
	case MixedContent:
		return "a secure page may not fetch " + q + ", which is not potentially trustworthy (Mixed Content; Fetch §concept-main-fetch step 7)"
	case CorpNotSameOrigin, CorpNotSameSite:
		return "Cross-Origin-Resource-Policy: " + fl.Parameter + " blocks this no-cors response (Fetch §cross-origin-resource-policy-check)"
	case NetworkFailure:
		return "no response: " + fl.Parameter
	case UnsupportedScheme:
		return "corsim cannot fetch a " + q + " URL here (Fetch §concept-scheme-fetch)"
	case InvalidResponse:
		return "the data: URL does not decode (Fetch §data-url-processor)"
	}
	return string(fl.Reason)
}

func starNote(c fetchmode.Credentials) string {
	if c == fetchmode.CredentialsInclude {
		return " (with credentials, \"*\" is only a literal name)"
	}
	return ""
}

// jsErrorMessage is the TypeError fetch() rejects with when the Request constructor throws.
func jsErrorMessage(d consoleDialect, rep *failureReport) string {
	detail := jsDetail(rep.jsKind, rep.failure.Parameter, rep.mode)
	switch d {
	case dialectChromium:
		return "TypeError: Failed to execute 'fetch' on 'Window': " + detail
	case dialectFirefox:
		return "TypeError: Window.fetch: " + detail
	case dialectWebKit:
		return "TypeError: " + detail
	}
	return "corsim (Fetch standard): the Request constructor throws a TypeError: " + detail
}

func jsDetail(k jsErrorKind, param string, mode fetchmode.Mode) string {
	switch k {
	case jsNoOrigin:
		return "the page origin is not set (corsim needs Request.Origin)"
	case jsBadURL:
		return "Failed to parse URL from " + param
	case jsCredentialsInURL:
		return "Request cannot be constructed from a URL that includes credentials: " + param
	case jsBadEnum:
		return "a mode, credentials, redirect or cache value is not one of the allowed values"
	case jsNavigateMode:
		return "Cannot construct a Request with a RequestInit whose mode member is set as '" + param + "'."
	case jsOnlyIfCached:
		return "'only-if-cached' can be set only with 'same-origin' mode"
	case jsBadMethod:
		return "'" + param + "' is not a valid HTTP method."
	case jsForbiddenMethod:
		return "'" + param + "' HTTP method is unsupported."
	case jsNoCORSMethod:
		return "'" + param + "' is unsupported in no-cors mode."
	case jsBadHeaderName:
		return "Invalid name: " + strconv.Quote(param)
	case jsBadHeaderValue:
		return "Invalid value for header " + strconv.Quote(param)
	case jsBodyWithGetHead:
		return "Request with GET/HEAD method cannot have body."
	case jsStreamMode:
		return "a ReadableStream body needs mode cors or same-origin, not " + mode.String()
	}
	return "invalid request"
}
