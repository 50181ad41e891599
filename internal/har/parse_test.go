package har

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/fetchmode"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, err string
	}{
		{name: "empty", in: " \n", err: "corsim: har: empty input"},
		{name: "not JSON", in: `{"log": `, err: "corsim: har: not JSON"},
		{name: "array", in: `[]`, err: "corsim: har: not a HAR document: want an object, got an array"},
		{name: "no log", in: `{"entries": []}`, err: `corsim: har: not a HAR document: no "log" object`},
		{name: "log not object", in: `{"log": 3}`, err: "corsim: har: log: want an object, got a number"},
		{name: "no entries", in: `{"log": {"version": "1.2"}}`, err: `corsim: har: not a HAR document: log has no "entries" array`},
		{name: "entries not array", in: `{"log": {"entries": {}}}`, err: "corsim: har: log.entries: want an array, got an object"},
		{name: "version number", in: `{"log": {"version": 1.2, "entries": []}}`, err: "corsim: har: log.version: want a string, got a number"},
		{name: "creator name", in: `{"log": {"creator": {"name": []}, "entries": []}}`, err: "corsim: har: log.creator.name: want a string, got an array"},
		{name: "page title", in: `{"log": {"pages": [{"title": false}], "entries": []}}`, err: "corsim: har: log.pages[0].title: want a string, got a boolean"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Parse([]byte(tt.in))
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Fatalf("Parse(%q) = %v, %v; want error %q", tt.in, l, err, tt.err)
			}
		})
	}
}

// A bad entry is reported in its place; the others are read.
func TestParseEntryErrors(t *testing.T) {
	good := `{"request": {"method": "GET", "url": "https://a.test/"}, "response": {"status": 200}}`
	tests := []struct {
		name, entry, err string
	}{
		{name: "not object", entry: `"x"`, err: "corsim: har: entry 2: want an object, got a string"},
		{name: "no request", entry: `{"response": {}}`, err: "corsim: har: entry 2: no request"},
		{name: "no url", entry: `{"request": {"method": "GET"}}`, err: "corsim: har: entry 2: request: want a method and a url"},
		{name: "url number", entry: `{"request": {"method": "GET", "url": 7}}`, err: "corsim: har: entry 2: request.url: want a string, got a number"},
		{name: "header value", entry: `{"request": {"method": "GET", "url": "https://a.test/", "headers": [{"name": "A", "value": 1}]}}`, err: "corsim: har: entry 2: request.headers[0].value: want a string, got a number"},
		{name: "headers object", entry: `{"request": {"method": "GET", "url": "https://a.test/", "headers": {}}}`, err: "corsim: har: entry 2: request.headers: want an array, got an object"},
		{name: "status fraction", entry: `{"request": {"method": "GET", "url": "https://a.test/"}, "response": {"status": 200.5}}`, err: "corsim: har: entry 2: response.status: want an integer, got 200.5"},
		{name: "status huge", entry: `{"request": {"method": "GET", "url": "https://a.test/"}, "response": {"status": 1e300}}`, err: "corsim: har: entry 2: response.status: want an integer, got 1e300"},
		{name: "error object", entry: `{"request": {"method": "GET", "url": "https://a.test/"}, "response": {"_error": {}}}`, err: "corsim: har: entry 2: response._error: want a string, got an object"},
		{name: "too many headers", entry: `{"request": {"method": "GET", "url": "https://a.test/", "headers": [` + strings.Repeat(`{"name":"a","value":"b"},`, MaxHeaders) + `{"name":"a","value":"b"}]}}`, err: "corsim: har: entry 2: request.headers: 1001 headers; at most 1000 are read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Parse([]byte(`{"log": {"entries": [` + good + `,` + tt.entry + `,` + good + `]}}`))
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Entries) != 3 || l.Entries[0].Err != nil || l.Entries[2].Err != nil || l.Entries[2].Request.URL != "https://a.test/" {
				t.Fatalf("the good entries were not read: %+v", l.Entries)
			}
			if e := l.Entries[1]; e.Err == nil || e.Err.Error() != tt.err || e.Index != 2 {
				t.Errorf("entry 2: %v; want %q", e.Err, tt.err)
			}
		})
	}
}

func TestParseEntry(t *testing.T) {
	in := "\xef\xbb\xbf" + `{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
	"pages": [{"id": "page_1", "title": "https://app.test/"}],
	"entries": [{"pageref": "page_1", "startedDateTime": "2026-05-04T09:30:01.250Z", "_resourceType": "preflight",
		"_initiator": {"type": "preflight", "url": "https://api.test/x", "requestId": "1.2"},
		"request": {"method": "OPTIONS", "url": "https://api.test/x", "headers": [
			{"name": ":authority", "value": "api.test"}, {"name": "Origin", "value": "https://app.test"},
			{"name": "X-Two", "value": "a\nb"}],
			"cookies": [{"name": "s", "value": "1"}], "postData": {"mimeType": "text/plain", "text": "hi"}},
		"response": {"status": "204", "headers": [{"name": "Location", "value": "/y"}], "redirectURL": "https://api.test/y", "_error": null}},
	{"_initiator": "https://app.test/app.js", "request": {"method": "GET", "url": "https://api.test/z", "postData": {"mimeType": "multipart/form-data", "params": []}},
		"response": {"status": 0, "_failureText": "net::ERR_FAILED"}}]}}`
	l, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if l.Creator != "WebInspector" || l.CreatorVersion != "537.36" || len(l.Pages) != 1 || l.Pages[0].Title != "https://app.test/" || !l.RecordsErrors {
		t.Errorf("log: %+v", l)
	}
	e := l.Entries[0]
	hi := "hi"
	want := Entry{Index: 1, PageRef: "page_1", Started: e.Started, ResourceType: "preflight", Initiator: "preflight",
		Request: Request{Method: "OPTIONS", URL: "https://api.test/x", Headers: fetchmode.HeaderList{{Name: "Origin", Value: "https://app.test"}, {Name: "X-Two", Value: "a"}, {Name: "X-Two", Value: "b"}},
			Cookies: 1, Body: &hi, BodyMIME: "text/plain"},
		Response: Response{Status: 204, Headers: fetchmode.HeaderList{{Name: "Location", Value: "/y"}}, RedirectURL: "https://api.test/y"}}
	if d := cmp.Diff(want, e); d != "" {
		t.Errorf("entry 1 (-want +got):\n%s", d)
	}
	if e.Started.UnixMilli() != 1777887001250 {
		t.Errorf("started %v", e.Started)
	}
	e = l.Entries[1]
	if e.Initiator != "" || e.Request.Body == nil || *e.Request.Body != "" || e.Response.Error != "net::ERR_FAILED" || !e.Started.IsZero() {
		t.Errorf("entry 2: %+v", e)
	}
}

func TestReadLimit(t *testing.T) {
	doc := `{"log": {"entries": []}}`
	if _, err := Read(strings.NewReader(doc), int64(len(doc))); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	if _, err := Read(strings.NewReader(doc), int64(len(doc)-1)); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("past the limit: %v", err)
	}
}
