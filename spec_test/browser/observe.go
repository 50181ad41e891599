package browser

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/corsim/corsim/algorithm"
)

// sawRequest is one request as server_saw shows it.
type sawRequest struct {
	Method  string
	URL     string
	Headers map[string]string
}

// observation is one fetch as the harness compares it: the fields of corsim's
// verdict that a browser lets the harness observe. Reason, FailedParameter and
// Message (the console line of a fetch blocked by CORS) are only observed in
// Chromium, through DevTools; elsewhere they are left empty and marked unobserved.
type observation struct {
	Outcome         string
	ActualSent      bool
	BodyReadable    bool
	ResponseType    string
	Status          int
	VisibleHeaders  []string
	Redirected      bool
	FinalURL        string
	ServerSaw       []sawRequest
	Reason          string
	FailedParameter string
	Message         string
}

// runnerReport is what the runner page posts at the end of a scenario.
type runnerReport struct {
	Origin    string         `json:"origin"`
	TopOrigin string         `json:"top_origin"`
	Results   []runnerResult `json:"results"`
}

// runnerResult is what the script observed of one fetch.
type runnerResult struct {
	Outcome    string   `json:"outcome"`
	Type       string   `json:"type"`
	Status     int      `json:"status"`
	Headers    []string `json:"headers"`
	Redirected bool     `json:"redirected"`
	URL        string   `json:"url"`
	BodyLength int      `json:"body_length"`
	Error      string   `json:"error"`
}

func parseRunnerReport(b []byte) (runnerReport, error) {
	var r runnerReport
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("corsim: browser: runner report: %v", err)
	}
	return r, nil
}

// canonicalize clears the response fields when the fetch did not resolve: a
// rejected promise gives script no Response to look at, so those fields carry no
// information on either side.
func (o *observation) canonicalize() {
	if o.Outcome != string(algorithm.OK) {
		o.ResponseType, o.Status, o.VisibleHeaders = string(algorithm.TypeError), 0, nil
		o.Redirected, o.FinalURL, o.BodyReadable = false, "", false
	}
	if len(o.VisibleHeaders) == 0 {
		o.VisibleHeaders = nil
	}
	if len(o.ServerSaw) == 0 {
		o.ServerSaw = nil
	}
}

// fromVerdict is the engine's side of the comparison.
func fromVerdict(v algorithm.Verdict) observation {
	o := observation{
		Outcome:         string(v.Outcome),
		ActualSent:      v.ActualSent,
		BodyReadable:    v.BodyReadable,
		ResponseType:    string(v.ResponseType),
		Status:          v.Status,
		VisibleHeaders:  append([]string(nil), v.VisibleHeaders...),
		Redirected:      v.Redirected,
		FinalURL:        v.FinalURL,
		Reason:          string(v.Reason),
		FailedParameter: v.FailedParameter,
		Message:         v.Message,
	}
	for _, s := range v.ServerSaw {
		m := map[string]string{}
		for _, h := range s.Headers {
			k := strings.ToLower(h.Name)
			if old, ok := m[k]; ok {
				m[k] = old + ", " + h.Value
			} else {
				m[k] = h.Value
			}
		}
		o.ServerSaw = append(o.ServerSaw, sawRequest{Method: s.Method, URL: s.URL, Headers: m})
	}
	o.canonicalize()
	return o
}

// corsHeaderNames are the request headers the browser adds for CORS.
var corsHeaderNames = []string{"origin", "access-control-request-method", "access-control-request-headers"}

// fromBrowser is the browser's side: what the script saw (res), and what reached
// the servers during the fetch (log). Only the headers server_saw is about are
// kept: the CORS request headers, every header the script set that went out with
// the script's value (not on preflights, which carry none of the script's
// headers), Content-Type when the fetch has a body, and any name the engine lists
// (so that the engine cannot hide a header it believes is sent).
func fromBrowser(f fetchSpec, res runnerResult, log []record, engine observation) observation {
	o := observation{
		Outcome:        res.Outcome,
		ResponseType:   res.Type,
		Status:         res.Status,
		VisibleHeaders: append([]string(nil), res.Headers...),
		Redirected:     res.Redirected,
		FinalURL:       res.URL,
	}
	o.BodyReadable = res.Outcome == string(algorithm.OK) &&
		(res.Type == string(algorithm.TypeBasic) || res.Type == string(algorithm.TypeCORS))
	// What the script set, by lower-case name, normalized as the Headers object does.
	script := map[string]string{}
	for _, h := range f.Headers {
		k, v := strings.ToLower(h[0]), strings.Trim(h[1], " \t\r\n")
		if old, ok := script[k]; ok {
			script[k] = old + ", " + v
		} else {
			script[k] = v
		}
	}
	hasBody := f.Body != nil || f.StreamBody
	// The names the engine lists, for preflights and for other requests apart.
	engineNames := map[bool]map[string]bool{false: {}, true: {}}
	for _, s := range engine.ServerSaw {
		pre := s.Method == "OPTIONS" && s.Headers["access-control-request-method"] != ""
		for k := range s.Headers {
			engineNames[pre][k] = true
		}
	}
	for _, r := range log {
		m := map[string]string{}
		for k, v := range r.Headers {
			keep := slices.Contains(corsHeaderNames, k) || engineNames[r.Preflight][k]
			if !r.Preflight {
				// A header the script set counts when the browser sent the script's value; a
				// browser's own header of the same name (User-Agent, Referer, Sec-Fetch-*, …
				// that script may not set) is not the script's.
				if sv, ok := script[k]; ok && sv == v {
					keep = true
				}
				if k == "content-type" && hasBody {
					keep = true
				}
			}
			if keep {
				m[k] = v
			}
		}
		o.ServerSaw = append(o.ServerSaw, sawRequest{Method: r.Method, URL: r.URL, Headers: m})
		if !r.Preflight {
			o.ActualSent = true
		}
	}
	sort.Strings(o.VisibleHeaders)
	o.canonicalize()
	return o
}
