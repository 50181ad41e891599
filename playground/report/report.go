// Package report computes what the playground page shows for a scenario line: for each of the four
// profiles and each fetch, the verdict, the numbered steps with links to the standards, every
// request the browser sent with the answer it got, what script can read, the DevTools reason, the
// console message and the one-line fix. The page's WebAssembly calls Run; nothing here does I/O, so
// the same answers can be checked in Go.
package report

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/advice"
	"github.com/corsim/corsim/scenario"
)

// Report is the answer for one scenario line. When the line cannot be read, Error says why (the
// scenario package's message, naming the offending key) and nothing else is set.
type Report struct {
	Error      string    `json:"error,omitempty"`
	ID         string    `json:"id,omitempty"`
	PageOrigin string    `json:"page_origin,omitempty"`
	Profiles   []Profile `json:"profiles,omitempty"`
}

// Profile is the scenario run under one profile.
type Profile struct {
	Profile string  `json:"profile"`
	Fetches []Fetch `json:"fetches"`
}

// Fetch is one fetch() call's verdict, as the page shows it.
type Fetch struct {
	Method         string   `json:"method"`
	URL            string   `json:"url"`
	Outcome        string   `json:"outcome"`
	ActualSent     bool     `json:"actual_sent"`
	ResponseType   string   `json:"response_type"`
	Status         int      `json:"status"`
	VisibleHeaders []string `json:"visible_headers"`
	BodyReadable   bool     `json:"body_readable"`
	Redirected     bool     `json:"redirected"`
	FinalURL       string   `json:"final_url,omitempty"`
	Reason         string   `json:"reason,omitempty"`
	// FailedParameter is the offending value DevTools shows with the reason.
	FailedParameter string `json:"failed_parameter,omitempty"`
	// Result says how the promise settles and whether the request reached the server; Script what
	// script can read; Cache what happened with the preflight cache, one line per preflight decision.
	Result   string    `json:"result"`
	Script   string    `json:"script"`
	Cache    []string  `json:"cache"`
	Message  string    `json:"message,omitempty"`
	Fix      string    `json:"fix,omitempty"`
	Warnings []Warning `json:"warnings"`
	Sent     []Sent    `json:"sent"`
	Steps    []Step    `json:"steps"`
}

// Warning is a non-blocking finding.
type Warning struct {
	ID     string `json:"id"`
	Detail string `json:"detail"`
}

// Sent is one request the browser sent and the answer it got.
type Sent struct {
	Method      string      `json:"method"`
	URL         string      `json:"url"`
	Preflight   bool        `json:"preflight"`
	Credentials bool        `json:"credentials"`
	Headers     [][2]string `json:"headers"`
	// Status and ResponseHeaders are the server's answer, as the scenario's servers give it.
	Status          int         `json:"status"`
	ResponseHeaders [][2]string `json:"response_headers"`
}

// Step is one traced algorithm step; Href links its anchor in the standard ("" when corsim knows
// no address for it).
type Step struct {
	Anchor   string `json:"anchor"`
	Href     string `json:"href,omitempty"`
	LookedAt string `json:"looked_at"`
	Decision string `json:"decision"`
}

// Run reads one scenario line and runs it under each profile in profiles (every profile, Spec
// first, when profiles is empty).
func Run(line []byte, profiles ...algorithm.Profile) Report {
	s, err := scenario.Parse(line)
	if err != nil {
		return Report{Error: err.Error()}
	}
	if len(profiles) == 0 {
		profiles = algorithm.Profiles()
	}
	rep := Report{ID: s.ID, PageOrigin: s.PageOrigin().String(), Profiles: make([]Profile, len(profiles))}
	for i, p := range profiles {
		s.Run(scenario.Options{Profile: p, Trace: true})
		rep.Profiles[i] = profileReport(s, p)
	}
	return rep
}

// JSON is Run's report encoded, for the WebAssembly side.
func JSON(line []byte, profiles ...algorithm.Profile) []byte {
	b, err := json.Marshal(Run(line, profiles...))
	if err != nil {
		b, _ = json.Marshal(Report{Error: "corsim: " + err.Error()})
	}
	return b
}

func profileReport(s *scenario.Scenario, p algorithm.Profile) Profile {
	// The answers each request got: the same requests in the same order through a fresh table give
	// the same answers, sequences included.
	answers, _ := scenario.NewTable(s.Servers())
	out := Profile{Profile: p.String(), Fetches: make([]Fetch, len(s.Fetches))}
	for i := range s.Fetches {
		out.Fetches[i] = fetchReport(&s.Fetches[i], answers)
	}
	return out
}

func fetchReport(f *scenario.Fetch, answers *scenario.Table) Fetch {
	r, v := f.Request, f.Verdict
	method := r.Method
	if method == "" {
		method = "GET"
	}
	out := Fetch{
		Method: method, URL: r.URL, Outcome: string(v.Outcome), ActualSent: v.ActualSent,
		ResponseType: string(v.ResponseType), Status: v.Status, VisibleHeaders: nonNil(v.VisibleHeaders),
		BodyReadable: v.BodyReadable, Redirected: v.Redirected, FinalURL: v.FinalURL,
		Reason: string(v.Reason), FailedParameter: v.FailedParameter, Message: v.Message,
		Fix:    advice.Fix(r.Origin.String(), r, v),
		Result: result(method, v), Script: script(v),
		Cache: []string{}, Warnings: []Warning{}, Sent: make([]Sent, len(v.ServerSaw)), Steps: make([]Step, len(v.Trace)),
	}
	for _, p := range v.Preflights {
		out.Cache = append(out.Cache, preflightNote(p))
	}
	for _, w := range v.Warnings {
		out.Warnings = append(out.Warnings, Warning{ID: w.ID, Detail: w.Detail})
	}
	for i, sr := range v.ServerSaw {
		s := Sent{Method: sr.Method, URL: sr.URL, Preflight: sr.Preflight, Credentials: sr.Credentials, Headers: pairs(sr.Headers)}
		if answers != nil {
			resp, _ := answers.Respond(sr)
			s.Status, s.ResponseHeaders = resp.Status, pairs(resp.Headers)
		}
		out.Sent[i] = s
	}
	for i, st := range v.Trace {
		out.Steps[i] = Step{Anchor: st.Anchor, Href: Href(st.Anchor), LookedAt: st.LookedAt, Decision: st.Decision}
	}
	return out
}

// specs maps the short names trace anchors start with to the standards' addresses.
var specs = map[string]string{
	"fetch":         "https://fetch.spec.whatwg.org/",
	"mixed-content": "https://w3c.github.io/webappsec-mixed-content/",
}

// Href is the address of a trace anchor such as "fetch#concept-cors-check step 3": the standard's
// page and the id part of the anchor (https://fetch.spec.whatwg.org/#concept-cors-check). It is ""
// for an anchor of a standard it does not know.
func Href(anchor string) string {
	spec, rest, ok := strings.Cut(anchor, "#")
	base := specs[spec]
	if !ok || base == "" {
		return ""
	}
	id, _, _ := strings.Cut(rest, " ")
	if id == "" {
		return ""
	}
	return base + "#" + id
}

// result says how fetch() settles and whether the actual request reached the server.
func result(method string, v *algorithm.Verdict) string {
	sent := "the " + method + " request was not sent"
	if v.ActualSent {
		sent = "the " + method + " request reached the server (its side effects happened)"
	}
	switch v.Outcome {
	case algorithm.OK:
		return "OK: fetch() resolves; " + sent + "."
	case algorithm.JSError:
		return "REJECTED: fetch() rejects with a TypeError before anything is sent."
	}
	return "BLOCKED: fetch() rejects with a TypeError; " + sent + "."
}

// script says what script can read.
func script(v *algorithm.Verdict) string {
	if v.Outcome != algorithm.OK {
		return "reads nothing: a network error does not say why, only the console does."
	}
	var b strings.Builder
	b.WriteString("response.type " + strconv.Quote(string(v.ResponseType)) + ", status " + strconv.Itoa(v.Status))
	if v.BodyReadable {
		b.WriteString(", body readable")
	} else {
		b.WriteString(", body hidden")
	}
	if len(v.VisibleHeaders) == 0 {
		b.WriteString(", no headers")
	} else {
		b.WriteString(", headers: " + strings.Join(v.VisibleHeaders, ", "))
	}
	if v.Redirected {
		b.WriteString(", redirected to " + v.FinalURL)
	}
	return b.String()
}

func preflightNote(p algorithm.Preflight) string {
	switch {
	case p.CacheHit:
		return "preflight answered from the preflight cache (none sent)"
	case p.LifetimeMS != nil:
		return "preflight sent; its result is cached for " + strconv.FormatFloat(float64(*p.LifetimeMS)/1000, 'f', -1, 64) + " s"
	case !p.Sent:
		return "a preflight was needed but never reached a server; nothing cached"
	}
	return "preflight sent; nothing cached"
}

func pairs(hs fetchmode.HeaderList) [][2]string {
	out := make([][2]string, len(hs))
	for i, h := range hs {
		out[i] = [2]string{h.Name, h.Value}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
