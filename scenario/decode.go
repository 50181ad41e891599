package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"strconv"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/origin"
)

// Scenario is one line of a scenario file: a page, the servers it talks to, and the script's fetch()
// calls. It keeps the line's bytes, so that writing it back ([Scenario.AppendJSON]) reproduces every
// key corsim does not interpret exactly as it was.
type Scenario struct {
	// ID is the scenario's "id", or "" when it has none.
	ID string
	// Fetches are the script's calls, in order.
	Fetches []Fetch

	members      []member
	fetchesAt    int // index of "fetches" in members, or -1
	page, parent origin.Origin
	servers      map[string]Route // as written
	routes       map[string]Route // as received: what the Table answers with
	table        *Table           // built by Parse; the first Run uses it
}

// Fetch is one fetch() call of a scenario.
type Fetch struct {
	// Request is the call as algorithm.Fetch takes it, with the page's origin filled in.
	Request algorithm.Request
	// Wait is how far the scenario's virtual clock advances just before the call ("wait_ms").
	Wait time.Duration
	// Verdict is the outcome, set by [Scenario.Run]; nil before.
	Verdict *algorithm.Verdict

	members   []member
	verdictAt int // index of "verdict" in members, or -1
}

// Raw returns the value of the scenario's top-level key, as written in the input (for keys corsim
// does not interpret, such as "expected" or "profiles").
func (s *Scenario) Raw(key string) (json.RawMessage, bool) { return lookup(s.members, key) }

// Raw returns the value of the fetch's key, as written in the input.
func (f *Fetch) Raw(key string) (json.RawMessage, bool) { return lookup(f.members, key) }

// PageOrigin returns the origin of the page whose script makes the fetches ("page_origin"); every
// Fetch.Request has it as its Origin.
func (s *Scenario) PageOrigin() origin.Origin { return s.page }

// NullParent returns the origin of the page that embeds an opaque-origin page ("null_parent"), or the
// zero Origin when the scenario names none; every Fetch.Request has it as its TopLevel.
func (s *Scenario) NullParent() origin.Origin { return s.parent }

// Servers returns the scenario's "servers": how each URL answers, keyed by the URL as written, with
// every response as written. It is for a harness that serves the scenario to a real browser.
// [Scenario.Run] answers from a [Table] of the same routes with each header value as the browser's
// HTTP parser delivers it, without the spaces and tabs around it (RFC 9110 §5.5); that is the only
// difference. The map is a new one on each call; the responses in it are shared and must not be
// modified. It is nil when the scenario has no servers.
func (s *Scenario) Servers() map[string]Route { return maps.Clone(s.servers) }

// Sets reports whether the fetch gives key a value of its own rather than leaving it to fetch()'s
// default: the key is present and not null, and for "method", "mode", "credentials", "redirect" and
// "cache", whose "" also means the default, not "". Request cannot tell a default from the same value
// written out ("mode": "cors" from no "mode"); a harness that replays the fetch in a browser can pass
// fetch() just the options the scenario sets.
func (f *Fetch) Sets(key string) bool {
	raw, ok := lookup(f.members, key)
	if !ok || isNull(raw) {
		return false
	}
	switch key {
	case "method", "mode", "credentials", "redirect", "cache":
		return string(raw) != `""`
	}
	return true
}

func lookup(ms []member, key string) (json.RawMessage, bool) {
	for _, m := range ms {
		if m.key == key {
			return json.RawMessage(m.value), true
		}
	}
	return nil, false
}

// maxWait bounds "wait_ms" (about 31 years), so that the virtual clock cannot overflow.
const maxWait = 1_000_000_000_000

// Parse reads one scenario line (a JSON object; surrounding white space is ignored). The result keeps
// references to line, which must not be modified afterwards. Errors are *ParseError values that name
// the offending key.
func Parse(line []byte) (*Scenario, error) {
	if !json.Valid(line) {
		return nil, &ParseError{Err: syntaxError(line)}
	}
	ms, err := objectMembers(line)
	if err != nil {
		return nil, &ParseError{Err: errors.New("want a JSON object, got " + shape(bytes.TrimSpace(line)))}
	}
	s := &Scenario{members: ms, fetchesAt: -1}
	fail := func(path string, err error) (*Scenario, error) {
		pe := nest(path, err)
		pe.ID = s.ID
		return nil, pe
	}
	// The id first, so every later error can name the scenario.
	if raw, ok := lookup(ms, "id"); ok && !isNull(raw) {
		if s.ID, err = decodeString(raw); err != nil {
			return fail("id", err)
		}
	}
	var rawPage, rawParent, rawServers []byte
	for i, m := range ms {
		switch m.key {
		case "id", "page_origin", "null_parent", "servers", "fetches":
			if j := indexOf(ms, m.key); j != i {
				return fail(m.key, errors.New("key appears more than once"))
			}
		}
		switch m.key {
		case "page_origin":
			rawPage = m.value
		case "null_parent":
			rawParent = m.value
		case "servers":
			rawServers = m.value
		case "fetches":
			s.fetchesAt = i
		}
	}
	if rawPage == nil {
		return fail("page_origin", errors.New("missing; want the page's serialized origin, or \"null\""))
	}
	if s.page, err = parseOrigin(rawPage); err != nil {
		return fail("page_origin", err)
	}
	if rawParent != nil && !isNull(rawParent) {
		if !s.page.IsOpaque() {
			return fail("null_parent", errors.New("only allowed when page_origin is \"null\""))
		}
		if s.parent, err = parseOrigin(rawParent); err != nil {
			return fail("null_parent", err)
		}
	}
	if rawServers != nil && !isNull(rawServers) {
		if s.servers, err = decodeServers(rawServers); err != nil {
			return fail("servers", err)
		}
	}
	s.routes = received(s.servers)
	if s.table, err = NewTable(s.routes); err != nil {
		return fail("servers", err)
	}
	if s.fetchesAt < 0 {
		return fail("fetches", errors.New("missing; want an array of fetch objects"))
	}
	es, err := arrayElements(ms[s.fetchesAt].value)
	if err != nil {
		return fail("fetches", errors.New("want an array of fetch objects, got "+shape(ms[s.fetchesAt].value)))
	}
	s.Fetches = make([]Fetch, len(es))
	for i, e := range es {
		if err := decodeFetch(&s.Fetches[i], e, s.page, s.parent); err != nil {
			return fail("fetches["+strconv.Itoa(i)+"]", err)
		}
	}
	return s, nil
}

func indexOf(ms []member, key string) int {
	for i, m := range ms {
		if m.key == key {
			return i
		}
	}
	return -1
}

func parseOrigin(raw []byte) (origin.Origin, error) {
	s, err := decodeString(raw)
	if err != nil {
		return origin.Origin{}, err
	}
	return origin.ParseSerialized(s)
}

// decodeServers reads the "servers" map: absolute URL (no fragment) → how the server answers there.
func decodeServers(raw []byte) (map[string]Route, error) {
	ms, err := objectMembers(raw)
	if err != nil {
		return nil, errors.New("want an object from URL to server, got " + shape(raw))
	}
	routes := make(map[string]Route, len(ms))
	for _, m := range ms {
		at := func(err error) error { return nest("["+strconv.Quote(m.key)+"]", err) }
		if _, dup := routes[m.key]; dup {
			return nil, at(errors.New("URL appears more than once"))
		}
		u, err := origin.ParseURL(m.key)
		if err != nil {
			return nil, at(err)
		}
		if _, ok := u.Fragment(); ok {
			return nil, at(errors.New("a server URL has no fragment"))
		}
		r, err := decodeRoute(m.value)
		if err != nil {
			return nil, at(err)
		}
		routes[m.key] = r
	}
	return routes, nil
}

func decodeRoute(raw []byte) (Route, error) {
	var r Route
	ms, err := objectMembers(raw)
	if err != nil {
		return r, errors.New("want an object with options, actual, options_seq or actual_seq, got " + shape(raw))
	}
	for i, m := range ms {
		if isNull(m.value) {
			continue
		}
		var err error
		switch m.key {
		case "options", "actual":
			if indexOf(ms, m.key) != i {
				return r, &ParseError{Path: "." + m.key, Err: errors.New("key appears more than once")}
			}
			var resp algorithm.Response
			if resp, err = decodeResponse(m.value); err == nil {
				if m.key == "options" {
					r.Options = &resp
				} else {
					r.Actual = &resp
				}
			}
		case "options_seq", "actual_seq":
			if indexOf(ms, m.key) != i {
				return r, &ParseError{Path: "." + m.key, Err: errors.New("key appears more than once")}
			}
			var seq []algorithm.Response
			if seq, err = decodeSeq(m.value); err == nil {
				if m.key == "options_seq" {
					r.OptionsSeq = seq
				} else {
					r.ActualSeq = seq
				}
			}
		default:
			continue
		}
		if err != nil {
			return r, nest("."+m.key, err)
		}
	}
	return r, nil
}

func decodeSeq(raw []byte) ([]algorithm.Response, error) {
	es, err := arrayElements(raw)
	if err != nil {
		return nil, errors.New("want an array of responses, got " + shape(raw))
	}
	seq := make([]algorithm.Response, len(es))
	for i, e := range es {
		if seq[i], err = decodeResponse(e); err != nil {
			return nil, nest("["+strconv.Itoa(i)+"]", err)
		}
	}
	return seq, nil
}

// decodeResponse reads {"status": int, "headers": [[name, value], ...], "body": string}, as written.
// A header name that is not a token, or a value holding CR, LF or NUL, cannot come over the wire and
// is an error.
func decodeResponse(raw []byte) (algorithm.Response, error) {
	var resp algorithm.Response
	ms, err := objectMembers(raw)
	if err != nil {
		return resp, errors.New("want a response object {status, headers, body}, got " + shape(raw))
	}
	seenStatus := false
	for i, m := range ms {
		switch m.key {
		case "status", "headers", "body":
			if indexOf(ms, m.key) != i {
				return resp, &ParseError{Path: "." + m.key, Err: errors.New("key appears more than once")}
			}
		}
		var err error
		switch m.key {
		case "status":
			var n int64
			n, err = decodeInt(m.value, 100, 999)
			resp.Status, seenStatus = int(n), true
		case "headers":
			if !isNull(m.value) {
				resp.Headers, err = decodeResponseHeaders(m.value)
			}
		case "body":
			if !isNull(m.value) {
				resp.Body, err = decodeString(m.value)
			}
		}
		if err != nil {
			return resp, &ParseError{Path: "." + m.key, Err: err}
		}
	}
	if !seenStatus {
		return resp, &ParseError{Path: ".status", Err: errors.New("missing; want an HTTP status from 100 to 999")}
	}
	return resp, nil
}
