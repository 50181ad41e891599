package har

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/corsim/corsim/fetchmode"
)

// Limits on what Read and Parse accept. A DevTools export with response bodies can be large, so the
// byte limit is generous; the others bound the work one entry can cause.
const (
	// DefaultMaxBytes is the largest document Read accepts unless told otherwise: 256 MiB.
	DefaultMaxBytes = 256 << 20
	// MaxEntries is the most entries a log may have.
	MaxEntries = 100_000
	// MaxHeaders is the most request or response headers one entry may have; an entry with more is
	// unreadable (Entry.Err), the others are not affected.
	MaxHeaders = 1000
)

// Log is a HAR 1.2 log (http://www.softwareishard.com/blog/har-12-spec/#log), reduced to what a
// CORS replay needs.
type Log struct {
	Version string
	// Creator and Browser name the exporting tool and the browser ("WebInspector", "Firefox",
	// "Playwright" with browser "chromium", …); Browser is empty when the log does not say.
	Creator, CreatorVersion string
	Browser, BrowserVersion string
	Pages                   []Page
	Entries                 []Entry
	// RecordsErrors reports that some entry carries a failure field (Chromium's response._error,
	// Playwright's response._failureText), so that an entry without one was not seen to fail.
	RecordsErrors bool
}

// Page is one element of log.pages. Chromium's export puts the page URL in Title; Firefox and
// Playwright put the document's title there.
type Page struct {
	ID, Title string
}

// Entry is one element of log.entries.
type Entry struct {
	// Index is the entry's 1-based position in log.entries.
	Index int
	// Err is non-nil when the entry could not be read; the other fields are then zero.
	Err error

	PageRef string
	// Started is startedDateTime; the zero time when absent or not an ISO 8601 date.
	Started time.Time
	// ResourceType is Chromium's (and Playwright's) _resourceType: "fetch", "xhr", "preflight",
	// "document", …; empty when the exporter does not record it (Firefox).
	ResourceType string
	// Initiator is Chromium's _initiator.type: "script", "parser", "preflight", "other", …
	Initiator string
	Request   Request
	Response  Response
}

// Request is an entry's request.
type Request struct {
	Method string
	URL    string
	// Headers are the recorded request headers in order, HTTP/2 pseudo-headers (":authority") left
	// out and a value holding several lines split into one entry per line.
	Headers fetchmode.HeaderList
	// Cookies is the length of request.cookies.
	Cookies int
	// Body is postData.text; nil without postData. A postData with params but no text is "".
	Body     *string
	BodyMIME string
}

// Response is an entry's response.
type Response struct {
	// Status is 0 (or -1, as Playwright writes) when no response was received: an aborted or blocked
	// request in Firefox's export, a failed one in Playwright's.
	Status      int
	Headers     fetchmode.HeaderList
	RedirectURL string
	// Error is Chromium's response._error (e.g. "net::ERR_FAILED", which is what a CORS failure
	// records) or Playwright's response._failureText; empty when none.
	Error string
}

// Read reads a HAR document of at most maxBytes bytes (DefaultMaxBytes when maxBytes <= 0).
func Read(r io.Reader, maxBytes int64) (*Log, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("corsim: har: %w", err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("corsim: har: larger than %d bytes", maxBytes)
	}
	return Parse(data)
}

// Parse reads a HAR document. It fails when data is not a JSON object with a "log" object holding an
// "entries" array; an entry that cannot be read does not fail the document but gets an Entry.Err,
// whose text names the offending key (entries[3].request.url). It never panics.
func Parse(data []byte) (*Log, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark, as some tools write
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("corsim: har: empty input, not a HAR document")
	}
	top, err := object("", data)
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("corsim: har: not JSON: %v (at byte %d)", se, se.Offset)
		}
		return nil, fmt.Errorf("corsim: har: not a HAR document: %v", err)
	}
	if _, ok := top.m["log"]; !ok {
		return nil, errors.New(`corsim: har: not a HAR document: no "log" object`)
	}
	lg, err := top.obj("log")
	if err != nil {
		return nil, fmt.Errorf("corsim: har: %v", err)
	}
	l := &Log{}
	if l.Version, err = lg.str("version"); err != nil {
		return nil, fmt.Errorf("corsim: har: %v", err)
	}
	for _, sw := range []struct {
		key           string
		name, version *string
	}{{"creator", &l.Creator, &l.CreatorVersion}, {"browser", &l.Browser, &l.BrowserVersion}} {
		o, err := lg.obj(sw.key)
		if err == nil {
			*sw.name, err = o.str("name")
		}
		if err == nil {
			*sw.version, err = o.str("version")
		}
		if err != nil {
			return nil, fmt.Errorf("corsim: har: %v", err)
		}
	}
	pages, err := lg.arr("pages")
	if err != nil {
		return nil, fmt.Errorf("corsim: har: %v", err)
	}
	for i, raw := range pages {
		p, err := object(fmt.Sprintf("log.pages[%d]", i), raw)
		var pg Page
		if err == nil {
			pg.ID, err = p.str("id")
		}
		if err == nil {
			pg.Title, err = p.str("title")
		}
		if err != nil {
			return nil, fmt.Errorf("corsim: har: %v", err)
		}
		l.Pages = append(l.Pages, pg)
	}
	if _, ok := lg.m["entries"]; !ok {
		return nil, errors.New(`corsim: har: not a HAR document: log has no "entries" array`)
	}
	entries, err := lg.arr("entries")
	if err != nil {
		return nil, fmt.Errorf("corsim: har: %v", err)
	}
	if len(entries) > MaxEntries {
		return nil, fmt.Errorf("corsim: har: %d entries; at most %d are read", len(entries), MaxEntries)
	}
	l.Entries = make([]Entry, len(entries))
	for i, raw := range entries {
		e := &l.Entries[i]
		recordsErrors, err := e.parse(raw)
		if err != nil {
			*e = Entry{Err: fmt.Errorf("corsim: har: entry %d: %v", i+1, err)}
		}
		e.Index = i + 1
		l.RecordsErrors = l.RecordsErrors || recordsErrors
	}
	return l, nil
}

// parse reads one entry; recordsErrors reports that it has a failure field, even an empty one. Errors
// name keys relative to the entry ("request.url").
func (e *Entry) parse(raw json.RawMessage) (recordsErrors bool, err error) {
	o, err := object("", raw)
	if err != nil {
		return false, err
	}
	if e.PageRef, err = o.str("pageref"); err != nil {
		return false, err
	}
	started, err := o.str("startedDateTime")
	if err != nil {
		return false, err
	}
	e.Started, _ = time.Parse(time.RFC3339Nano, started) // a date no one can read only costs the clock
	if e.ResourceType, err = o.str("_resourceType"); err != nil {
		return false, err
	}
	// Chromium writes _initiator as an object with a "type"; some tools (WebPageTest) as a URL string.
	if raw, ok := o.m["_initiator"]; ok {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			in, err := o.obj("_initiator")
			if err != nil {
				return false, err
			}
			if e.Initiator, err = in.str("type"); err != nil {
				return false, err
			}
		}
	}

	if _, ok := o.m["request"]; !ok {
		return false, errors.New("no request")
	}
	rq, err := o.obj("request")
	if err != nil {
		return false, err
	}
	if e.Request.Method, err = rq.str("method"); err != nil {
		return false, err
	}
	if e.Request.URL, err = rq.str("url"); err != nil {
		return false, err
	}
	if e.Request.Method == "" || e.Request.URL == "" {
		return false, errors.New("request: want a method and a url")
	}
	if e.Request.Headers, err = rq.headers("headers"); err != nil {
		return false, err
	}
	cookies, err := rq.arr("cookies")
	if err != nil {
		return false, err
	}
	e.Request.Cookies = len(cookies)
	if _, ok := rq.m["postData"]; ok {
		pd, err := rq.obj("postData")
		if err != nil {
			return false, err
		}
		if pd.m != nil {
			text, err := pd.str("text")
			if err != nil {
				return false, err
			}
			if e.Request.BodyMIME, err = pd.str("mimeType"); err != nil {
				return false, err
			}
			e.Request.Body = &text
		}
	}

	rs, err := o.obj("response")
	if err != nil {
		return false, err
	}
	if e.Response.Status, err = rs.int("status"); err != nil {
		return false, err
	}
	if e.Response.Headers, err = rs.headers("headers"); err != nil {
		return false, err
	}
	if e.Response.RedirectURL, err = rs.str("redirectURL"); err != nil {
		return false, err
	}
	for _, key := range []string{"_error", "_failureText"} {
		if _, ok := rs.m[key]; !ok {
			continue
		}
		recordsErrors = true
		s, err := rs.str(key)
		if err != nil {
			return false, err
		}
		if e.Response.Error == "" {
			e.Response.Error = s
		}
	}
	return recordsErrors, nil
}

// obj is a JSON object being read, with the path that names it in errors.
type obj struct {
	path string
	m    map[string]json.RawMessage // nil for an absent or null object
}

// object reads raw as an object; null and absent (empty raw) give an empty obj.
func object(path string, raw json.RawMessage) (obj, error) {
	o := obj{path: path}
	if isNull(raw) {
		return o, nil
	}
	if err := json.Unmarshal(raw, &o.m); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			if path == "" {
				return o, fmt.Errorf("want an object, got %s", jsonKind(raw))
			}
			return o, fmt.Errorf("%s: want an object, got %s", path, jsonKind(raw))
		}
		return o, err
	}
	return o, nil
}

func isNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}

func (o obj) key(k string) string {
	if o.path == "" {
		return k
	}
	return o.path + "." + k
}

// str reads a string member; absent or null is "".
func (o obj) str(k string) (string, error) {
	raw := o.m[k]
	if isNull(raw) {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("%s: want a string, got %s", o.key(k), jsonKind(raw))
	}
	return s, nil
}

// int reads an integer member; absent or null is 0. A string of digits is accepted, as some tools
// write statuses that way.
func (o obj) int(k string) (int, error) {
	raw := o.m[k]
	if isNull(raw) {
		return 0, nil
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
				return n, nil
			}
		}
		return 0, fmt.Errorf("%s: want a number, got %s", o.key(k), jsonKind(raw))
	}
	if f > 1e9 || f < -1e9 || f != float64(int(f)) {
		return 0, fmt.Errorf("%s: want an integer, got %s", o.key(k), clip(string(raw), 40))
	}
	return int(f), nil
}

// obj reads an object member; absent or null is an empty obj.
func (o obj) obj(k string) (obj, error) { return object(o.key(k), o.m[k]) }

// arr reads an array member; absent or null is nil.
func (o obj) arr(k string) ([]json.RawMessage, error) {
	raw := o.m[k]
	if isNull(raw) {
		return nil, nil
	}
	var a []json.RawMessage
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, fmt.Errorf("%s: want an array, got %s", o.key(k), jsonKind(raw))
	}
	return a, nil
}

// headers reads a HAR header list ([{"name": …, "value": …}]). HTTP/2 pseudo-headers are left
// out; a value of several lines (how Chromium's protocol joins repeated headers) becomes one entry
// per line.
func (o obj) headers(k string) (fetchmode.HeaderList, error) {
	a, err := o.arr(k)
	if err != nil {
		return nil, err
	}
	if len(a) > MaxHeaders {
		return nil, fmt.Errorf("%s: %d headers; at most %d are read", o.key(k), len(a), MaxHeaders)
	}
	var l fetchmode.HeaderList
	for i, raw := range a {
		h, err := object(fmt.Sprintf("%s[%d]", o.key(k), i), raw)
		var name, value string
		if err == nil {
			name, err = h.str("name")
		}
		if err == nil {
			value, err = h.str("value")
		}
		if err != nil {
			return nil, err
		}
		if name == "" || name[0] == ':' {
			continue
		}
		for line := range strings.SplitSeq(value, "\n") {
			l = append(l, fetchmode.Header{Name: name, Value: strings.TrimSuffix(line, "\r")})
		}
	}
	return l, nil
}

// jsonKind names the JSON type of raw for an error message.
func jsonKind(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
