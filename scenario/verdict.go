package scenario

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

// The "verdict" object of the scenario format is the JSON form of an algorithm.Verdict. The engine's
// types carry no JSON of their own; these wire types are the one place that spells the keys, so the
// format (docs/scenario.md, docs/scenario.schema.json) and the engine can change independently.

// wireVerdict is a fetch's "verdict". Keys keep this order; nil slices are written as null, except
// for the omitempty keys, which are left out when empty.
type wireVerdict struct {
	ServerSaw       []wireRequest          `json:"server_saw"`
	Outcome         algorithm.Outcome      `json:"outcome"`
	ActualSent      bool                   `json:"actual_sent"`
	BodyReadable    bool                   `json:"body_readable"`
	ResponseType    algorithm.ResponseType `json:"response_type"`
	Status          int                    `json:"status"`
	VisibleHeaders  []string               `json:"visible_headers"`
	Redirected      bool                   `json:"redirected"`
	FinalURL        string                 `json:"final_url"`
	Reason          algorithm.Reason       `json:"reason,omitempty"`
	FailedParameter string                 `json:"failed_parameter,omitempty"`
	Preflights      []wirePreflight        `json:"preflights"`
	Warnings        []wireWarning          `json:"warnings,omitempty"`
	Message         string                 `json:"message,omitempty"`
	Trace           []wireStep             `json:"trace,omitempty"`
}

// wireRequest is one element of "server_saw": the headers as a map from lower-cased name to value,
// a repeated name's values joined with ", " in the order sent. (encoding/json writes map keys sorted.)
type wireRequest struct {
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"`
	// Preflight and Credentials are the SentRequest fields: a CORS preflight, and whether the
	// browser attached credentials (cookies, HTTP authentication) to the request. Each is left
	// out when false, so output for requests without either is what it was before they existed.
	Preflight   bool `json:"preflight,omitempty"`
	Credentials bool `json:"credentials,omitempty"`
}

// The remaining wire types have the fields of their algorithm counterparts, in the same order, so
// that each converts to and from its counterpart directly.

type wirePreflight struct {
	Sent       bool   `json:"sent"`
	CacheHit   bool   `json:"cache_hit"`
	LifetimeMS *int64 `json:"lifetime_ms,omitempty"`
}

type wireWarning struct {
	ID     string `json:"id"`
	Detail string `json:"detail"`
}

type wireStep struct {
	Anchor   string `json:"anchor"`
	LookedAt string `json:"looked_at"`
	Decision string `json:"decision"`
}

// AppendVerdict appends the JSON form of v — the value of a fetch's "verdict" key, exactly as
// [Scenario.AppendJSON] and `corsim run` write it — to dst; a nil v is written as null. In
// "server_saw" each request is reduced to its method, URL, headers (an object from lower-cased
// header name to value, a repeated name's values joined with ", "), and whether it was a preflight
// and carried credentials. The error is non-nil only if the verdict cannot be encoded.
func AppendVerdict(dst []byte, v *algorithm.Verdict) ([]byte, error) {
	if v == nil {
		return append(dst, "null"...), nil
	}
	return appendVerdict(dst, v)
}

// ParseVerdict reads the JSON form that AppendVerdict writes, such as the "verdict" of a fetch in
// `corsim run` output (see [Fetch.Raw]). The form keeps less than a Verdict: each request in
// ServerSaw comes back with one header per lower-cased name, sorted by name. Keys the form does not have are ignored; a value of the wrong type is a
// [*ParseError].
func ParseVerdict(b []byte) (algorithm.Verdict, error) {
	var w wireVerdict
	if err := json.Unmarshal(b, &w); err != nil {
		return algorithm.Verdict{}, &ParseError{Path: "verdict", Err: err}
	}
	return w.verdict(), nil
}

// appendVerdict writes v as compact JSON. encoding/json escapes <, > and & as \u003c, \u003e and
// \u0026; URLs are full of &, so those three escapes are turned back into the characters.
func appendVerdict(dst []byte, v *algorithm.Verdict) ([]byte, error) {
	b, err := json.Marshal(toWire(v))
	if err != nil {
		return dst, &ParseError{Path: "verdict", Err: err}
	}
	return appendUnescapedHTML(dst, b), nil
}

// toWire converts v, keeping nil slices nil so that they are written as null (or left out).
func toWire(v *algorithm.Verdict) *wireVerdict {
	w := &wireVerdict{
		Outcome:         v.Outcome,
		ActualSent:      v.ActualSent,
		BodyReadable:    v.BodyReadable,
		ResponseType:    v.ResponseType,
		Status:          v.Status,
		VisibleHeaders:  v.VisibleHeaders,
		Redirected:      v.Redirected,
		FinalURL:        v.FinalURL,
		Reason:          v.Reason,
		FailedParameter: v.FailedParameter,
		Message:         v.Message,
	}
	if v.ServerSaw != nil {
		w.ServerSaw = make([]wireRequest, len(v.ServerSaw))
		for i, s := range v.ServerSaw {
			w.ServerSaw[i] = wireRequest{Method: s.Method, URL: s.URL, Headers: headerMap(s.Headers), Preflight: s.Preflight, Credentials: s.Credentials}
		}
	}
	if v.Preflights != nil {
		w.Preflights = make([]wirePreflight, len(v.Preflights))
		for i, p := range v.Preflights {
			w.Preflights[i] = wirePreflight(p)
		}
	}
	if v.Warnings != nil {
		w.Warnings = make([]wireWarning, len(v.Warnings))
		for i, x := range v.Warnings {
			w.Warnings[i] = wireWarning(x)
		}
	}
	if v.Trace != nil {
		w.Trace = make([]wireStep, len(v.Trace))
		for i, s := range v.Trace {
			w.Trace[i] = wireStep(s)
		}
	}
	return w
}

// verdict converts back, keeping nil slices nil.
func (w *wireVerdict) verdict() algorithm.Verdict {
	v := algorithm.Verdict{
		Outcome:         w.Outcome,
		ActualSent:      w.ActualSent,
		BodyReadable:    w.BodyReadable,
		ResponseType:    w.ResponseType,
		Status:          w.Status,
		VisibleHeaders:  w.VisibleHeaders,
		Redirected:      w.Redirected,
		FinalURL:        w.FinalURL,
		Reason:          w.Reason,
		FailedParameter: w.FailedParameter,
		Message:         w.Message,
	}
	if w.ServerSaw != nil {
		v.ServerSaw = make([]algorithm.SentRequest, len(w.ServerSaw))
		for i, s := range w.ServerSaw {
			v.ServerSaw[i] = algorithm.SentRequest{Method: s.Method, URL: s.URL, Headers: headerList(s.Headers), Preflight: s.Preflight, Credentials: s.Credentials}
		}
	}
	if w.Preflights != nil {
		v.Preflights = make([]algorithm.Preflight, len(w.Preflights))
		for i, p := range w.Preflights {
			v.Preflights[i] = algorithm.Preflight(p)
		}
	}
	if w.Warnings != nil {
		v.Warnings = make([]algorithm.Warning, len(w.Warnings))
		for i, x := range w.Warnings {
			v.Warnings[i] = algorithm.Warning(x)
		}
	}
	if w.Trace != nil {
		v.Trace = make([]algorithm.Step, len(w.Trace))
		for i, s := range w.Trace {
			v.Trace[i] = algorithm.Step(s)
		}
	}
	return v
}

// headerMap is the "headers" of a server_saw request: names lower-cased byte by byte (only A–Z
// change, as Fetch's header-name operations do), a repeated name's values joined with ", ".
func headerMap(l fetchmode.HeaderList) map[string]string {
	m := make(map[string]string, len(l))
	for _, h := range l {
		k := asciiLower(h.Name)
		if v, ok := m[k]; ok {
			m[k] = v + ", " + h.Value
		} else {
			m[k] = h.Value
		}
	}
	return m
}

// headerList is headerMap read back: one entry per name, sorted by name; nil for no headers.
func headerList(m map[string]string) fetchmode.HeaderList {
	var l fetchmode.HeaderList
	for k, v := range m {
		l = append(l, fetchmode.Header{Name: k, Value: v})
	}
	slices.SortFunc(l, func(a, b fetchmode.Header) int { return strings.Compare(a.Name, b.Name) })
	return l
}

// asciiLower byte-lowercases s: only A–Z change. The names the engine itself sends come back as
// constants, without allocating.
func asciiLower(s string) string {
	switch s {
	case "Origin":
		return "origin"
	case "Access-Control-Request-Method":
		return "access-control-request-method"
	case "Access-Control-Request-Headers":
		return "access-control-request-headers"
	case "Content-Type":
		return "content-type"
	}
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
