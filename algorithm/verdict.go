package algorithm

import "github.com/corsim/corsim/fetchmode"

// Outcome is how the script's fetch() promise settles.
type Outcome string

const (
	// OK: the promise resolves with a Response.
	OK Outcome = "ok"
	// NetworkError: the promise rejects with a TypeError after the network was (or would have been)
	// involved. Script cannot tell why; the verdict can.
	NetworkError Outcome = "network-error"
	// JSError: the Request constructor throws, so fetch() returns a rejected promise and nothing is sent.
	JSError Outcome = "js-error"
)

// ResponseType is Response.type as script sees it (Fetch §concept-response-type).
type ResponseType string

// The response types script can see; TypeError stands for a rejected fetch() (a network error).
const (
	TypeBasic          ResponseType = "basic"
	TypeCORS           ResponseType = "cors"
	TypeOpaque         ResponseType = "opaque"
	TypeOpaqueRedirect ResponseType = "opaqueredirect"
	TypeError          ResponseType = "error"
)

// Verdict is everything corsim concludes about one fetch(): what the browser sent, whether the real
// request reached the server, and what the script may read. Package scenario writes and reads it as
// the scenario format's "verdict" object.
type Verdict struct {
	// ServerSaw lists every request the browser sent for this fetch, in order: preflights and each
	// redirect hop. Preflights answered from the cache are not sent and so not listed.
	ServerSaw []SentRequest
	Outcome   Outcome
	// ActualSent reports whether the actual request reached a server, so that its side effects
	// happened. CORS protects reading, not sending: a blocked POST may still have been processed.
	ActualSent   bool
	BodyReadable bool
	ResponseType ResponseType
	// Status is the status script reads: 0 for opaque, opaque-redirect and failed fetches.
	Status int
	// VisibleHeaders are the lower-cased, sorted, unique header names script can read.
	VisibleHeaders []string
	Redirected     bool
	FinalURL       string
	// Reason and FailedParameter say why a fetch failed (empty when it succeeded).
	Reason          Reason
	FailedParameter string
	// Preflights has one entry per preflight the browser considered (a redirect can cause several).
	Preflights []Preflight
	// Warnings are corsim's own findings that do not block the fetch, whatever the profile; they are
	// not the browser's console warnings (WebKit, for one, prints none when "*" covers Authorization,
	// yet corsim still warns, since the fetch works there only through a rule the standard forbids).
	Warnings []Warning
	// Message is the console message of the profile's browser (a neutral sentence for Spec).
	Message string
	// Trace is the ordered list of algorithm steps, when Options.Trace is set.
	Trace []Step
}

// Preflight records one preflight decision.
type Preflight struct {
	Sent     bool
	CacheHit bool
	// LifetimeMS is the lifetime of the cache entry this preflight stored, in milliseconds; nil when
	// nothing was stored.
	LifetimeMS *int64
}

// Warning is a non-blocking finding, such as an echoed origin without Vary: Origin.
type Warning struct {
	ID     string
	Detail string
}

// Warning identifiers.
const (
	// WarnVaryOriginMissing: the response allows a specific origin but does not send Vary: Origin, so a
	// shared HTTP cache may serve it to another origin (Fetch §cors-protocol-and-http-caches).
	WarnVaryOriginMissing = "VaryOriginMissing"
	// WarnAuthorizationCoveredByWildcard: Authorization passed only because of
	// Access-Control-Allow-Headers: *, which the standard forbids and browsers plan to stop honouring.
	WarnAuthorizationCoveredByWildcard = "AuthorizationCoveredByWildcard"
)

// Step is one traced algorithm step.
type Step struct {
	// Anchor is the standard's section and step, e.g. "fetch#concept-cors-check step 3".
	Anchor   string
	LookedAt string
	Decision string
}

// SentRequest is a request as the browser puts it on the wire, reduced to what CORS decides: method,
// URL, and the headers that matter (Origin, the preflight's Access-Control-Request-* headers, and every
// header the script set that the browser actually sends, including a Content-Type derived from the body).
type SentRequest struct {
	Method  string
	URL     string
	Headers fetchmode.HeaderList
	// Preflight is true for a CORS-preflight request.
	Preflight bool
	// Credentials is true when the browser attaches cookies and HTTP authentication to this request.
	Credentials bool
}
