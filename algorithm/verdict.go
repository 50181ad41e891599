package algorithm

import (
	"encoding/json"

	"github.com/corsim/corsim/fetchmode"
)

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
// request reached the server, and what the script may read. Its JSON form is the scenario format's
// "verdict" object.
type Verdict struct {
	// ServerSaw lists every request the browser sent for this fetch, in order: preflights and each
	// redirect hop. Preflights answered from the cache are not sent and so not listed.
	ServerSaw []SentRequest `json:"server_saw"`
	Outcome   Outcome       `json:"outcome"`
	// ActualSent reports whether the actual request reached a server, so that its side effects
	// happened. CORS protects reading, not sending: a blocked POST may still have been processed.
	ActualSent   bool         `json:"actual_sent"`
	BodyReadable bool         `json:"body_readable"`
	ResponseType ResponseType `json:"response_type"`
	// Status is the status script reads: 0 for opaque, opaque-redirect and failed fetches.
	Status int `json:"status"`
	// VisibleHeaders are the lower-cased, sorted, unique header names script can read.
	VisibleHeaders []string `json:"visible_headers"`
	Redirected     bool     `json:"redirected"`
	FinalURL       string   `json:"final_url"`
	// Reason and FailedParameter say why a fetch failed (empty when it succeeded).
	Reason          Reason `json:"reason,omitempty"`
	FailedParameter string `json:"failed_parameter,omitempty"`
	// Preflights has one entry per preflight the browser considered (a redirect can cause several).
	Preflights []Preflight `json:"preflights"`
	// Warnings are corsim's own findings that do not block the fetch, whatever the profile; they are
	// not the browser's console warnings (WebKit, for one, prints none when "*" covers Authorization,
	// yet corsim still warns, since the fetch works there only through a rule the standard forbids).
	Warnings []Warning `json:"warnings,omitempty"`
	// Message is the console message of the profile's browser (a neutral sentence for Spec).
	Message string `json:"message,omitempty"`
	// Trace is the ordered list of algorithm steps, when Options.Trace is set.
	Trace []Step `json:"trace,omitempty"`
}

// Preflight records one preflight decision.
type Preflight struct {
	Sent     bool `json:"sent"`
	CacheHit bool `json:"cache_hit"`
	// LifetimeMS is the lifetime of the cache entry this preflight stored, in milliseconds; nil when
	// nothing was stored.
	LifetimeMS *int64 `json:"lifetime_ms,omitempty"`
}

// Warning is a non-blocking finding, such as an echoed origin without Vary: Origin.
type Warning struct {
	ID     string `json:"id"`
	Detail string `json:"detail"`
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
	// Anchor is the standard's section and step, e.g. "fetch#cors-check step 3".
	Anchor   string `json:"anchor"`
	LookedAt string `json:"looked_at"`
	Decision string `json:"decision"`
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

// MarshalJSON writes the scenario format's form: headers as a map of lower-cased names to values,
// repeated names joined with ", ".
func (s SentRequest) MarshalJSON() ([]byte, error) {
	m := make(map[string]string, len(s.Headers))
	for _, h := range s.Headers {
		k := asciiLower(h.Name)
		if v, ok := m[k]; ok {
			m[k] = v + ", " + h.Value
		} else {
			m[k] = h.Value
		}
	}
	return json.Marshal(struct {
		Method  string            `json:"method"`
		URL     string            `json:"url"`
		Headers map[string]string `json:"headers"`
	}{s.Method, s.URL, m})
}

// UnmarshalJSON reads the form MarshalJSON writes, with header names sorted.
func (s *SentRequest) UnmarshalJSON(b []byte) error {
	var w struct {
		Method  string            `json:"method"`
		URL     string            `json:"url"`
		Headers map[string]string `json:"headers"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	s.Method, s.URL = w.Method, w.URL
	s.Headers = s.Headers[:0]
	for k, v := range w.Headers {
		s.Headers = append(s.Headers, fetchmode.Header{Name: k, Value: v})
	}
	sortHeaders(s.Headers)
	return nil
}

func sortHeaders(l fetchmode.HeaderList) {
	// insertion sort: header lists are short
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && l[j].Name < l[j-1].Name; j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
}
