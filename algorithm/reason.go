package algorithm

// Reason names why a fetch failed. Wherever the Chrome DevTools Protocol has a name for the failure
// (the Network.CorsError enum), Reason uses it, so a verdict reads like the DevTools "Issues" panel.
// Failures DevTools has no CORS name for get corsim's own names, listed after the DevTools ones.
type Reason string

// Reasons taken from the Chrome DevTools Protocol Network.CorsError enum.
const (
	DisallowedByMode                     Reason = "DisallowedByMode"
	InvalidResponse                      Reason = "InvalidResponse"
	WildcardOriginNotAllowed             Reason = "WildcardOriginNotAllowed"
	MissingAllowOriginHeader             Reason = "MissingAllowOriginHeader"
	MultipleAllowOriginValues            Reason = "MultipleAllowOriginValues"
	InvalidAllowOriginValue              Reason = "InvalidAllowOriginValue"
	AllowOriginMismatch                  Reason = "AllowOriginMismatch"
	InvalidAllowCredentials              Reason = "InvalidAllowCredentials"
	CorsDisabledScheme                   Reason = "CorsDisabledScheme"
	PreflightInvalidStatus               Reason = "PreflightInvalidStatus"
	PreflightDisallowedRedirect          Reason = "PreflightDisallowedRedirect"
	PreflightWildcardOriginNotAllowed    Reason = "PreflightWildcardOriginNotAllowed"
	PreflightMissingAllowOriginHeader    Reason = "PreflightMissingAllowOriginHeader"
	PreflightMultipleAllowOriginValues   Reason = "PreflightMultipleAllowOriginValues"
	PreflightInvalidAllowOriginValue     Reason = "PreflightInvalidAllowOriginValue"
	PreflightAllowOriginMismatch         Reason = "PreflightAllowOriginMismatch"
	PreflightInvalidAllowCredentials     Reason = "PreflightInvalidAllowCredentials"
	MethodDisallowedByPreflightResponse  Reason = "MethodDisallowedByPreflightResponse"
	HeaderDisallowedByPreflightResponse  Reason = "HeaderDisallowedByPreflightResponse"
	InvalidAllowMethodsPreflightResponse Reason = "InvalidAllowMethodsPreflightResponse"
	InvalidAllowHeadersPreflightResponse Reason = "InvalidAllowHeadersPreflightResponse"
	NoCorsRedirectModeNotFollow          Reason = "NoCorsRedirectModeNotFollow"
	RedirectContainsCredentials          Reason = "RedirectContainsCredentials"
)

// corsim's own reasons, for failures DevTools gives no CORS name.
const (
	// InvalidRequest: the Request constructor throws (forbidden method, invalid header, …); fetch()
	// returns a rejected promise and nothing is sent. The verdict's outcome is js-error.
	InvalidRequest Reason = "InvalidRequest"
	// TooManyRedirects: a 21st redirect (Fetch §concept-http-redirect-fetch step 7).
	TooManyRedirects Reason = "TooManyRedirects"
	// RedirectModeError: redirect "error" met a redirect (Fetch §concept-http-fetch step 6.2).
	RedirectModeError Reason = "RedirectModeError"
	// BadPort: the URL's port is on the standard's port blocklist (Fetch §block-bad-port).
	BadPort Reason = "BadPort"
	// MixedContent: a secure page fetched a URL that is not potentially trustworthy.
	MixedContent Reason = "MixedContent"
	// InvalidRedirect: a redirect whose Location is unparsable, repeated, or not HTTP(S)
	// (Fetch §concept-http-redirect-fetch steps 3–6).
	InvalidRedirect Reason = "InvalidRedirect"
	// CorpNotSameOrigin and CorpNotSameSite: a no-cors response blocked by its
	// Cross-Origin-Resource-Policy header (Fetch §cross-origin-resource-policy-check).
	CorpNotSameOrigin Reason = "CorpNotSameOrigin"
	CorpNotSameSite   Reason = "CorpNotSameSite"
	// NetworkFailure: the Responder reported that no response came back (connection refused, …).
	NetworkFailure Reason = "NetworkFailure"
	// StreamBodyUnsupported: the profile's browser cannot send a ReadableStream request body and
	// rejects the fetch without sending it (WebKit, anywhere; Chromium, over plain http:, where it
	// cannot speak HTTP/2 — its preflight still goes out).
	StreamBodyUnsupported Reason = "StreamBodyUnsupported"
	// UnsupportedScheme: a same-origin or no-cors fetch of a scheme the simulated browser cannot
	// fetch here (file:, a blob: URL with no entry, a custom scheme).
	UnsupportedScheme Reason = "UnsupportedScheme"
)

// preflightVariant maps an ACAO/ACAC failure reason to its preflight twin.
func (r Reason) preflightVariant() Reason {
	switch r {
	case WildcardOriginNotAllowed:
		return PreflightWildcardOriginNotAllowed
	case MissingAllowOriginHeader:
		return PreflightMissingAllowOriginHeader
	case MultipleAllowOriginValues:
		return PreflightMultipleAllowOriginValues
	case InvalidAllowOriginValue:
		return PreflightInvalidAllowOriginValue
	case AllowOriginMismatch:
		return PreflightAllowOriginMismatch
	case InvalidAllowCredentials:
		return PreflightInvalidAllowCredentials
	}
	return r
}

// Failure is a failed check: the reason and the offending value (the header value, method or header
// name that failed). The zero Failure means the check passed.
type Failure struct {
	Reason Reason
	// Parameter is the offending value, as DevTools' "failed parameter".
	Parameter string
}

// OK reports whether the check passed.
func (f Failure) OK() bool { return f.Reason == "" }
