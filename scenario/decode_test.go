package scenario

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/fetchmode"
)

const page = `"page_origin":"https://app.test"`

func TestParseErrors(t *testing.T) {
	big := strings.Repeat("a", 1<<20)
	tests := []struct {
		name string
		line string
		want string // substring of the error
	}{
		{name: "empty", line: ``, want: "not valid JSON"},
		{name: "white space", line: "  \t", want: "not valid JSON"},
		{name: "truncated", line: `{"page_origin":`, want: "not valid JSON"},
		{name: "trailing garbage", line: `{} x`, want: "not valid JSON"},
		{name: "array", line: `[]`, want: "want a JSON object, got an array"},
		{name: "null", line: `null`, want: "want a JSON object, got null"},
		{name: "number", line: `42`, want: "got the number 42"},
		{name: "control byte", line: "{\"id\":\"a\x01\"}", want: "not valid JSON"},
		{name: "no page_origin", line: `{"fetches":[]}`, want: "page_origin: missing"},
		{name: "page_origin number", line: `{"page_origin":1,"fetches":[]}`, want: "page_origin: want a string"},
		{name: "page_origin with path", line: `{"page_origin":"https://a.test/","fetches":[]}`, want: "page_origin: origin"},
		{name: "page_origin 1 MiB", line: `{"page_origin":"` + big + `","fetches":[]}`, want: "page_origin:"},
		{name: "id not string", line: `{"id":7,` + page + `,"fetches":[]}`, want: "id: want a string"},
		{name: "duplicate page_origin", line: `{` + page + `,` + page + `,"fetches":[]}`, want: "page_origin: key appears more than once"},
		{name: "null_parent with tuple page", line: `{` + page + `,"null_parent":"https://b.test","fetches":[]}`, want: `only allowed when page_origin is "null"`},
		{name: "null_parent invalid", line: `{"page_origin":"null","null_parent":"nope","fetches":[]}`, want: "null_parent:"},
		{name: "no fetches", line: `{` + page + `}`, want: "fetches: missing"},
		{name: "fetches object", line: `{` + page + `,"fetches":{}}`, want: "fetches: want an array"},
		{name: "fetch not object", line: `{` + page + `,"fetches":[1]}`, want: "fetches[0]: want a fetch object"},
		{name: "fetch without url", line: `{` + page + `,"fetches":[{}]}`, want: "fetches[0].url: missing"},
		{name: "url number", line: `{` + page + `,"fetches":[{"url":1}]}`, want: "fetches[0].url: want a string"},
		{name: "unknown mode", line: `{` + page + `,"fetches":[{"url":"/","mode":"x"}]}`, want: `fetches[0].mode: fetchmode: Mode: unknown keyword "x"`},
		{name: "unknown credentials", line: `{` + page + `,"fetches":[{"url":"/","credentials":"INCLUDE"}]}`, want: "fetches[0].credentials:"},
		{name: "unknown redirect", line: `{` + page + `,"fetches":[{"url":"/","redirect":"stop"}]}`, want: "fetches[0].redirect:"},
		{name: "unknown cache", line: `{` + page + `,"fetches":[{"url":"/","cache":"forever"}]}`, want: "fetches[0].cache:"},
		{name: "mode number", line: `{` + page + `,"fetches":[{"url":"/","mode":1}]}`, want: "fetches[0].mode: want a string"},
		{name: "wait negative", line: `{` + page + `,"fetches":[{"url":"/","wait_ms":-1}]}`, want: "fetches[0].wait_ms: want an integer from 0"},
		{name: "wait fraction", line: `{` + page + `,"fetches":[{"url":"/","wait_ms":1.5}]}`, want: "fetches[0].wait_ms: want an integer"},
		{name: "wait exponent", line: `{` + page + `,"fetches":[{"url":"/","wait_ms":1e3}]}`, want: "fetches[0].wait_ms: want an integer"},
		{name: "wait huge", line: `{` + page + `,"fetches":[{"url":"/","wait_ms":99999999999999999999}]}`, want: "fetches[0].wait_ms: want an integer from 0"},
		{name: "wait string", line: `{` + page + `,"fetches":[{"url":"/","wait_ms":"5"}]}`, want: "want an integer, got a string"},
		{name: "stream_body string", line: `{` + page + `,"fetches":[{"url":"/","stream_body":"yes"}]}`, want: "fetches[1-1].stream_body"[0:0] + "want true or false"},
		{name: "body number", line: `{` + page + `,"fetches":[{"url":"/","body":1}]}`, want: "fetches[0].body: want a string"},
		{name: "headers object", line: `{` + page + `,"fetches":[{"url":"/","headers":{"a":"b"}}]}`, want: "fetches[0].headers: want an array of [name, value] pairs"},
		{name: "header triple", line: `{` + page + `,"fetches":[{"url":"/","headers":[["a","b","c"]]}]}`, want: "fetches[0].headers: [0]: want a [name, value] pair"},
		{name: "header number value", line: `{` + page + `,"fetches":[{"url":"/","headers":[["a",1]]}]}`, want: "[0]: want a [name, value] pair"},
		{name: "duplicate fetch key", line: `{` + page + `,"fetches":[{"url":"/","url":"/b"}]}`, want: "fetches[0].url: key appears more than once"},
		{name: "second fetch bad", line: `{` + page + `,"fetches":[{"url":"/"},{"url":"/","mode":"?"}]}`, want: "fetches[1].mode"},
		{name: "servers array", line: `{` + page + `,"servers":[],"fetches":[]}`, want: "servers: want an object from URL to server"},
		{name: "server relative URL", line: `{` + page + `,"servers":{"/x":{}},"fetches":[]}`, want: `servers["/x"]:`},
		{name: "server URL fragment", line: `{` + page + `,"servers":{"https://b.test/#f":{}},"fetches":[]}`, want: "has no fragment"},
		{name: "server URLs same after parsing", line: `{` + page + `,"servers":{"https://b.test/x":{},"HTTPS://B.TEST:443/x":{}},"fetches":[]}`, want: "servers: "},
		{name: "server not object", line: `{` + page + `,"servers":{"https://b.test/":1},"fetches":[]}`, want: `servers["https://b.test/"]: want an object`},
		{name: "response not object", line: `{` + page + `,"servers":{"https://b.test/":{"actual":[]}},"fetches":[]}`, want: `servers["https://b.test/"].actual: want a response object`},
		{name: "status missing", line: `{` + page + `,"servers":{"https://b.test/":{"actual":{}}},"fetches":[]}`, want: `.actual.status: missing`},
		{name: "status 0", line: `{` + page + `,"servers":{"https://b.test/":{"options":{"status":0}}},"fetches":[]}`, want: `.options.status: want an integer from 100 to 999`},
		{name: "status 1000", line: `{` + page + `,"servers":{"https://b.test/":{"actual":{"status":1000}}},"fetches":[]}`, want: `from 100 to 999`},
		{name: "seq element", line: `{` + page + `,"servers":{"https://b.test/":{"actual_seq":[{"status":200},{"status":"x"}]}},"fetches":[]}`, want: `.actual_seq[1].status: want an integer`},
		{name: "seq not array", line: `{` + page + `,"servers":{"https://b.test/":{"options_seq":{}}},"fetches":[]}`, want: `.options_seq: want an array of responses`},
		{name: "response header name not token", line: `{` + page + `,"servers":{"https://b.test/":{"actual":{"status":200,"headers":[["a b","c"]]}}},"fetches":[]}`, want: `.actual.headers: [0]: header name "a b" is not a token`},
		{name: "response header value LF", line: `{` + page + `,"servers":{"https://b.test/":{"actual":{"status":200,"headers":[["a","b\nc"]]}}},"fetches":[]}`, want: "holds CR, LF or NUL"},
		{name: "response header value NUL", line: `{` + page + `,"servers":{"https://b.test/":{"actual":{"status":200,"headers":[["a","\u0000"]]}}},"fetches":[]}`, want: "holds CR, LF or NUL"},
		{name: "response body number", line: `{` + page + `,"servers":{"https://b.test/":{"actual":{"status":200,"body":5}}},"fetches":[]}`, want: `.actual.body: want a string`},
		{name: "error names id", line: `{"id":"my-id",` + page + `,"fetches":[{}]}`, want: `scenario "my-id": fetches[0].url`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.line))
			if err == nil {
				t.Fatalf("Parse accepted %.80s", tt.line)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *ParseError", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "corsim: scenario") || !strings.Contains(msg, tt.want) {
				t.Errorf("error = %.300s\nwant it to contain %q", msg, tt.want)
			}
		})
	}
}

func TestParseFetch(t *testing.T) {
	body := "x"
	tests := []struct {
		name  string
		fetch string
		check func(t *testing.T, f *Fetch)
	}{
		{name: "defaults", fetch: `{"url":"https://b.test/"}`, check: func(t *testing.T, f *Fetch) {
			r := f.Request
			if r.Method != "" || r.Body != nil || r.StreamBody || r.Mode != fetchmode.ModeCORS || r.Credentials != fetchmode.CredentialsSameOrigin ||
				r.Redirect != fetchmode.RedirectFollow || r.Cache != fetchmode.CacheDefault || f.Wait != 0 || f.Verdict != nil {
				t.Errorf("not fetch()'s defaults: %+v", r)
			}
		}},
		{name: "empty strings are defaults", fetch: `{"url":"/","mode":"","credentials":"","redirect":"","cache":""}`, check: func(t *testing.T, f *Fetch) {
			if f.Request.Mode != fetchmode.ModeCORS || f.Request.Cache != fetchmode.CacheDefault {
				t.Errorf("got %+v", f.Request)
			}
		}},
		{name: "nulls are defaults", fetch: `{"url":"/","method":null,"body":null,"headers":null,"wait_ms":null,"stream_body":null,"mode":null}`, check: func(t *testing.T, f *Fetch) {
			if f.Request.Body != nil || f.Request.Headers != nil {
				t.Errorf("got %+v", f.Request)
			}
		}},
		{name: "everything", fetch: `{"wait_ms":1500,"url":"/a","method":"patch","headers":[["X-A","1"],["x-a","2"]],"body":"x","stream_body":false,"mode":"no-cors","credentials":"include","redirect":"manual","cache":"no-store"}`,
			check: func(t *testing.T, f *Fetch) {
				r := f.Request
				if f.Wait != 1500*time.Millisecond || r.URL != "/a" || r.Method != "patch" || len(r.Headers) != 2 || r.Headers[1].Name != "x-a" ||
					r.Body == nil || *r.Body != body || r.Mode != fetchmode.ModeNoCORS || r.Credentials != fetchmode.CredentialsInclude ||
					r.Redirect != fetchmode.RedirectManual || r.Cache != fetchmode.CacheNoStore {
					t.Errorf("got %+v", r)
				}
			}},
		{name: "empty body is a body", fetch: `{"url":"/","body":""}`, check: func(t *testing.T, f *Fetch) {
			if f.Request.Body == nil || *f.Request.Body != "" {
				t.Error("an empty string body must be a body")
			}
		}},
		{name: "invalid header kept for the engine", fetch: `{"url":"/","headers":[["a b","\u0000"]]}`, check: func(t *testing.T, f *Fetch) {
			if f.Request.Headers[0].Name != "a b" || f.Request.Headers[0].Value != "\x00" {
				t.Errorf("got %q", f.Request.Headers)
			}
		}},
		{name: "thousands of commas", fetch: `{"url":"/","headers":[["X-A","` + strings.Repeat(",", 5000) + `"]]}`, check: func(t *testing.T, f *Fetch) {
			if len(f.Request.Headers[0].Value) != 5000 {
				t.Error("value changed")
			}
		}},
		{name: "invalid UTF-8 value bytes kept", fetch: "{\"url\":\"/\",\"headers\":[[\"X-A\",\"\xff\"]]}", check: func(t *testing.T, f *Fetch) {
			if f.Request.Headers[0].Value != "\xff" {
				t.Errorf("got %q", f.Request.Headers[0].Value)
			}
		}},
		{name: "unknown keys ignored", fetch: `{"url":"/","expected":{"outcome":"ok"},"x":[1,2]}`, check: func(t *testing.T, f *Fetch) {
			if raw, ok := f.Raw("x"); !ok || string(raw) != "[1,2]" {
				t.Errorf("Raw(x) = %s, %v", raw, ok)
			}
			if _, ok := f.Raw("nope"); ok {
				t.Error("Raw of an absent key")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(`{` + page + `,"fetches":[` + tt.fetch + `]}`))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, &s.Fetches[0])
		})
	}
}

func TestParseSharesThePage(t *testing.T) {
	s, err := Parse([]byte(`{"page_origin":"null","null_parent":"https://top.test","fetches":[{"url":"https://a.test/"},{"url":"https://b.test/"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.Fetches[0].Request, s.Fetches[1].Request
	if !a.Origin.IsOpaque() || a.Origin != b.Origin {
		t.Error("the fetches of one page must share one opaque origin")
	}
	if a.TopLevel.String() != "https://top.test" {
		t.Errorf("TopLevel = %v", a.TopLevel)
	}
	if s.PageOrigin() != a.Origin || s.NullParent() != a.TopLevel {
		t.Errorf("PageOrigin, NullParent = %v, %v; want the fetches' %v, %v", s.PageOrigin(), s.NullParent(), a.Origin, a.TopLevel)
	}
	s, err = Parse([]byte(`{"page_origin":"HTTPS://App.Test:443","null_parent":null,"fetches":[]}`))
	if err != nil || s.PageOrigin().String() != "https://app.test" || s.NullParent().IsValid() {
		t.Errorf("PageOrigin, NullParent = %v, %#v (%v)", s.PageOrigin(), s.NullParent(), err)
	}
}

// The table answers with header values as an HTTP parser delivers them; Servers keeps them as written.
func TestParseResponseHeadersTrimmed(t *testing.T) {
	s, err := Parse([]byte(`{` + page + `,"servers":{"https://b.test/":{"actual":{"status":200,"headers":[["Access-Control-Max-Age"," \t60 "],["X","1"]]},` +
		`"options_seq":[{"status":204},{"status":204,"headers":[["Y","2 "]]}]},"https://c.test/":{"options":{"status":204}}},"fetches":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	if v := s.routes["https://b.test/"].Actual.Headers[0].Value; v != "60" {
		t.Errorf("value = %q, want the HTTP parser's 60", v)
	}
	if v := s.routes["https://b.test/"].OptionsSeq[1].Headers[0].Value; v != "2" {
		t.Errorf("sequence value = %q, want 2", v)
	}
	servers := s.Servers()
	if v := servers["https://b.test/"].Actual.Headers[0].Value; v != " \t60 " {
		t.Errorf("Servers value = %q, want it as written", v)
	}
	if v := servers["https://b.test/"].OptionsSeq[1].Headers[0].Value; v != "2 " {
		t.Errorf("Servers sequence value = %q, want it as written", v)
	}
	if len(servers) != 2 || servers["https://c.test/"].Options.Status != 204 || servers["https://c.test/"].Actual != nil {
		t.Errorf("Servers = %v", servers)
	}
	delete(servers, "https://c.test/")
	if len(s.Servers()) != 2 {
		t.Error("Servers must return a map of its own")
	}
	if s, _ := Parse([]byte(`{` + page + `,"fetches":[]}`)); s.Servers() != nil {
		t.Error("no servers, yet Servers is not nil")
	}
}

func TestFetchSets(t *testing.T) {
	s, err := Parse([]byte(`{` + page + `,"fetches":[{"url":"/a","mode":"cors","credentials":"","redirect":null,"body":"","method":"","x":1}]}`))
	if err != nil {
		t.Fatal(err)
	}
	f := &s.Fetches[0]
	for key, want := range map[string]bool{"url": true, "mode": true, "credentials": false, "redirect": false,
		"cache": false, "body": true, "method": false, "x": true, "headers": false} {
		if got := f.Sets(key); got != want {
			t.Errorf("Sets(%q) = %v, want %v", key, got, want)
		}
	}
}
