package scenario

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
)

// Unknown keys must come back byte for byte, in place, at every level.
const roundTrip = `{"x-first":  [ 1 ,2 ], "id":"rt","page_origin":"https://app.test","a-number":1.50e+2,` +
	`"servers":{"https://api.test/x":{"x-server":{"k": "v"},"actual":{"x-resp":"\u00e9\/","status":200,"headers":[["Access-Control-Allow-Origin","*"]],"body":"ok"},"options":null}},` +
	`"fetches":[{"expected":{"outcome" : "ok"},"url":"https://api.test/x","x-fetch":null},` +
	`{"url":"https://api.test/y","verdict":"stale","after":true}],"x-last":"\ud83d\ude00"}`

func TestAppendJSONKeepsUnknownKeys(t *testing.T) {
	s, err := Parse([]byte(roundTrip))
	if err != nil {
		t.Fatal(err)
	}
	s.Run(Options{Profile: algorithm.Chromium})
	out, err := s.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(out) {
		t.Fatalf("output is not JSON: %s", out)
	}
	for _, piece := range []string{
		`{"x-first":[ 1 ,2 ],"id":"rt","page_origin":"https://app.test","a-number":1.50e+2,`,
		`"servers":{"https://api.test/x":{"x-server":{"k": "v"},"actual":{"x-resp":"\u00e9\/","status":200,"headers":[["Access-Control-Allow-Origin","*"]],"body":"ok"},"options":null}},`,
		`"fetches":[{"expected":{"outcome" : "ok"},"url":"https://api.test/x","x-fetch":null,"verdict":{`,
		`{"url":"https://api.test/y","verdict":{"server_saw":[{"method":"GET","url":"https://api.test/y"`,
		`},"after":true}],"x-last":"\ud83d\ude00"}`,
	} {
		if !bytes.Contains(out, []byte(piece)) {
			t.Errorf("output lacks %s\nin %s", piece, out)
		}
	}
	if bytes.Contains(out, []byte("stale")) {
		t.Error("the input verdict must be replaced")
	}
}

// Running the output again gives the same output: the written verdicts are replaced in place.
func TestAppendJSONIdempotent(t *testing.T) {
	first := run(t, roundTrip)
	second := run(t, first)
	if first != second {
		t.Errorf("second run differs:\n%s\n%s", first, second)
	}
}

func run(t *testing.T, line string) string {
	t.Helper()
	s, err := Parse([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	s.Run(Options{Profile: algorithm.Spec, Trace: true})
	out, err := s.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestAppendJSONBeforeRun(t *testing.T) {
	in := `{"page_origin":"https://app.test","fetches":[{"url":"/a","verdict":{"kept":1}},{"url":"/b"}]}`
	s, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := s.AppendJSON(nil)
	if string(out) != in {
		t.Errorf("an unrun scenario must come back as it was:\n%s", out)
	}
	b, err := json.Marshal(s)
	if err != nil || string(b) != in {
		t.Errorf("MarshalJSON = %s, %v", b, err)
	}
}

func TestAppendJSONNoEscapedHTML(t *testing.T) {
	out := run(t, `{"page_origin":"https://app.test","fetches":[{"url":"https://api.test/a?x=1&y=<2>"}]}`)
	if !strings.Contains(out, `"url":"https://api.test/a?x=1&y=%3C2%3E"`) {
		t.Errorf("URLs in verdicts should read as URLs: %s", out)
	}
}

func TestAppendLineError(t *testing.T) {
	tests := []struct {
		name string
		err  *LineError
		want string
	}{
		{name: "plain", err: &LineError{Line: 3, Err: &ParseError{Err: errNotObject}},
			want: `{"line":3,"error":"corsim: line 3: scenario: not a JSON object"}`},
		{name: "named with id", err: &LineError{Name: "a.jsonl", Line: 1, Err: &ParseError{ID: `q"x`, Path: "fetches[0].url", Err: errNotArray}},
			want: `{"line":1,"file":"a.jsonl","id":"q\"x","error":"corsim: a.jsonl line 1: scenario \"q\\\"x\": fetches[0].url: not a JSON array"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(AppendLineError(nil, tt.err)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestAppendUnescapedHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{name: "amp", in: `"a\u0026b"`, want: `"a&b"`},
		{name: "angles", in: `"\u003cx\u003e"`, want: `"<x>"`},
		{name: "escaped backslash before u0026", in: `"\\u0026"`, want: `"\\u0026"`},
		{name: "other escapes kept", in: `"\n\u2028\"\u00e9"`, want: `"\n\u2028\"\u00e9"`},
		{name: "empty", in: ``, want: ``},
		{name: "trailing backslash", in: `\`, want: `\`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(appendUnescapedHTML(nil, []byte(tt.in))); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
