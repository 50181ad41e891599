package har

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/fetchmode"
)

// hl builds a header list from "Name: value" lines.
func hl(lines ...string) fetchmode.HeaderList {
	var l fetchmode.HeaderList
	for _, line := range lines {
		name, value, _ := strings.Cut(line, ":")
		l = append(l, fetchmode.Header{Name: name, Value: strings.TrimPrefix(value, " ")})
	}
	return l
}

func TestScriptHeaders(t *testing.T) {
	const lang = "en-GB,en;q=0.9"
	tests := []struct {
		name      string
		recorded  fetchmode.HeaderList
		acrh      []string // nil with acrhKnown false: no recorded preflight
		acrhKnown bool
		script    fetchmode.HeaderList
		dropped   []string
		restored  []string
	}{
		{name: "forbidden ones are the browser's",
			recorded: hl("Origin: https://a.test", "Referer: https://a.test/", "Cookie: s=1", "Host: b.test", "Connection: keep-alive", "Accept-Encoding: gzip", "Content-Length: 3", "Sec-Fetch-Mode: cors", "sec-ch-ua: x", "TE: trailers", "DNT: 1"),
			dropped:  []string{"Origin", "Referer", "Cookie", "Host", "Connection", "Accept-Encoding", "Content-Length", "Sec-Fetch-Mode", "sec-ch-ua", "TE", "DNT"}},
		{name: "so are the ones browsers and DevTools add",
			recorded: hl("User-Agent: UA", "priority: u=1, i", "Pragma: no-cache", "Cache-Control: no-cache", "If-None-Match: \"e\"", "X-Client-Data: x", "DPR: 2"),
			dropped:  []string{"User-Agent", "priority", "Pragma", "Cache-Control", "If-None-Match", "X-Client-Data", "DPR"}},
		{name: "default Accept and the browser's Accept-Language",
			recorded: hl("Accept: */*", "Accept-Language: "+lang),
			dropped:  []string{"Accept", "Accept-Language"}},
		{name: "an Accept or Accept-Language of script's own",
			recorded: hl("Accept: application/json", "Accept-Language: fr"),
			script:   hl("Accept: application/json", "Accept-Language: fr")},
		{name: "script's headers are kept in order",
			recorded: hl("Content-Type: application/json", "X-CSRF-Token: t", "Authorization: Bearer x", "X-Requested-With: XMLHttpRequest"),
			script:   hl("Content-Type: application/json", "X-CSRF-Token: t", "Authorization: Bearer x", "X-Requested-With: XMLHttpRequest")},
		{name: "a recorded preflight's list wins over the rules",
			recorded: hl("Cache-Control: no-store", "User-Agent: bot/1", "X-A: 1"),
			acrh:     []string{"cache-control", "user-agent", "x-a"}, acrhKnown: true,
			script: hl("Cache-Control: no-store", "User-Agent: bot/1", "X-A: 1")},
		{name: "an unsafe header the preflight did not announce is not script's",
			recorded: hl("X-Extension: 1", "Content-Type: text/plain", "X-A: 1"),
			acrh:     []string{"x-a"}, acrhKnown: true,
			script: hl("Content-Type: text/plain", "X-A: 1"), dropped: []string{"X-Extension"}},
		{name: "what a sanitized export removed is restored",
			recorded: hl("Content-Type: application/json"),
			acrh:     []string{"authorization", "content-type"}, acrhKnown: true,
			script: hl("Content-Type: application/json", "authorization: (not in the HAR)"), restored: []string{"authorization"}},
		{name: "a preflight that announced nothing",
			recorded: hl("X-A: 1"), acrhKnown: true, dropped: []string{"X-A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script, dropped, restored := ScriptHeaders(tt.recorded, lang, tt.acrh, tt.acrhKnown)
			var names []string
			for _, d := range dropped {
				if d.Why == "" {
					t.Errorf("%s dropped without a reason", d.Name)
				}
				names = append(names, d.Name)
			}
			if d := cmp.Diff(tt.script, script); d != "" {
				t.Errorf("script headers (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.dropped, names); d != "" {
				t.Errorf("dropped (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.restored, restored); d != "" {
				t.Errorf("restored (-want +got):\n%s", d)
			}
		})
	}
}

func TestBrowserAcceptLanguage(t *testing.T) {
	l := &Log{Entries: []Entry{
		{Request: Request{Headers: hl("Accept-Language: fr")}},
		{Request: Request{Headers: hl("Accept-Language: en")}},
		{Request: Request{Headers: hl("Accept-Language: en")}},
		{Request: Request{}},
	}}
	if got := browserAcceptLanguage(l); got != "en" {
		t.Errorf("got %q, want the most common value", got)
	}
}
