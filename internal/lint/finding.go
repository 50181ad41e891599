package lint

import (
	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

// Severity ranks a finding. The scale is about consequences:
//
//   - High: a page of the attacker's choosing can read responses sent with the visitor's cookies.
//   - Medium: an origin that should not can read responses, or every browser blocks requests the
//     server means to allow.
//   - Low: it works, but only by luck, in some browsers, or until a cache or a browser changes.
//   - Info: worth knowing; nothing is broken.
type Severity uint8

// The severities, most severe first.
const (
	High Severity = iota
	Medium
	Low
	Info
)

// Severities returns every severity, most severe first.
func Severities() []Severity { return []Severity{High, Medium, Low, Info} }

// String returns the severity's name: "high", "medium", "low" or "info".
func (s Severity) String() string {
	switch s {
	case High:
		return "high"
	case Medium:
		return "medium"
	case Low:
		return "low"
	case Info:
		return "info"
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one misconfiguration, with what shows it.
type Finding struct {
	// ID is the rule's stable kebab-case name (see Rules).
	ID       string
	Severity Severity
	// Title is the rule's one-line summary.
	Title string
	// Explanation says what was observed and why it matters, naming the origins and values involved.
	Explanation string
	// Browsers are the profiles in which the finding shows, as the engine computed them: those in
	// which the attacker's page can read the response, or the request fails, or the rule the response
	// relies on applies. It is empty for findings no browser behaviour decides (a shared cache, how
	// the server routes OPTIONS).
	Browsers []algorithm.Profile
	// Fix is what to change on the server.
	Fix string
	// Evidence is the exchange that shows the finding.
	Evidence Evidence
}

// Evidence is the request and response a finding rests on.
type Evidence struct {
	// Origin is the Origin header the request sent ("" when none).
	Origin string
	Method string
	URL    string
	Status int
	// Headers are the relevant response headers: Access-Control-* and Vary, names lower-cased.
	Headers fetchmode.HeaderList
	// Source is the exchange's Source.
	Source string
}

func evidenceOf(x *Exchange) Evidence {
	return Evidence{
		Origin: x.Request.Origin(), Method: x.Request.Method, URL: x.Request.URL,
		Status: x.Response.Status, Headers: relevantHeaders(x.Response.Headers), Source: x.Source,
	}
}
