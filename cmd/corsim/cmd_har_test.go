package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/scenario"
)

// The fixtures in testdata/har/ are shaped as each exporter writes: Chromium's DevTools (preflights
// as entries of their own, listed after their request; _error on blocked responses), Firefox's
// network monitor (no _initiator or _resourceType; status 0 for a request never answered) and
// Playwright's recordHar (no preflights). Each has a readable GET, a PATCH that
// Access-Control-Allow-Headers blocks, a credentialed GET answered with "*", and same-origin
// entries. Refresh the golden files with: go test ./cmd/corsim -run TestHARGolden -update
func TestHARGolden(t *testing.T) {
	dir := filepath.Join("testdata", "har")
	tests := []struct {
		golden string
		args   []string
	}{
		{golden: "chromium.golden", args: []string{"har", filepath.Join(dir, "chromium.har")}},
		{golden: "chromium_json.golden", args: []string{"har", "--json", filepath.Join(dir, "chromium.har")}},
		{golden: "firefox.golden", args: []string{"har", filepath.Join(dir, "firefox.har")}},
		{golden: "firefox_json.golden", args: []string{"har", "--json", filepath.Join(dir, "firefox.har")}},
		{golden: "playwright.golden", args: []string{"har", filepath.Join(dir, "playwright.har")}},
		{golden: "playwright_json.golden", args: []string{"har", "--json", filepath.Join(dir, "playwright.har")}},
		{golden: "chromium_as_webkit_trace.golden", args: []string{"har", "--browser", "webkit", "--trace", filepath.Join(dir, "chromium.har")}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			status, out, errs := corsim(t, "", tt.args...)
			if status != exitInput || errs != "" {
				t.Fatalf("status %d (want 1: some fetch is blocked), stderr %s", status, errs)
			}
			path := filepath.Join(dir, tt.golden)
			checkGolden(t, path, "har", out)
		})
	}
}

// Every --json line is a documented kind, one per entry, in entry order; a har-entry's verdict reads
// back as a scenario verdict.
func TestHARJSON(t *testing.T) {
	_, out, _ := corsim(t, "", "har", "--json", filepath.Join("testdata", "har", "chromium.har"))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 9 {
		t.Fatalf("want one line per entry (9), got %d", len(lines))
	}
	byEntry := map[int]harEntry{}
	for i, l := range lines {
		var head struct {
			Schema, Kind string
			Entry        int
		}
		if err := json.Unmarshal([]byte(l), &head); err != nil {
			t.Fatal(err)
		}
		if head.Schema != jsonSchema || head.Entry != i+1 || head.Kind != "har-entry" && head.Kind != "har-ignored" {
			t.Fatalf("line %d: %s", i+1, l)
		}
		if head.Kind == "har-entry" {
			var e harEntry
			if err := json.Unmarshal([]byte(l), &e); err != nil {
				t.Fatal(err)
			}
			byEntry[e.Entry] = e
		}
	}
	patch := byEntry[5]
	v, err := scenario.ParseVerdict(patch.Verdict)
	if err != nil {
		t.Fatal(err)
	}
	if patch.Method != "PATCH" || !patch.Judged || v.Reason != algorithm.HeaderDisallowedByPreflightResponse || patch.Preflight.Source != "recorded" ||
		patch.Preflight.Entry != 6 || patch.Agrees == nil || !*patch.Agrees || patch.Recorded.Error != "net::ERR_FAILED" || patch.Credentials != "include" ||
		!strings.HasPrefix(patch.Fix, "add x-csrf-token to Access-Control-Allow-Headers") {
		t.Errorf("PATCH: %+v", patch)
	}
	if get := byEntry[3]; !get.Judged || get.Fix != "" || get.Agrees == nil || !*get.Agrees || string(get.Verdict) == "null" {
		t.Errorf("GET: %+v", get)
	}
	if len(byEntry) != 3 {
		t.Errorf("want 3 replayed fetches, got %d", len(byEntry))
	}

	_, out, _ = corsim(t, "", "har", "--json", filepath.Join("testdata", "har", "playwright.har"))
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var e harEntry
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		if e.Kind == "har-entry" && e.Method == "PATCH" {
			if e.Judged || string(e.Verdict) != "null" || e.Fix != "" || e.Agrees != nil || e.Preflight.Source != "rebuilt" ||
				e.Preflight.Request == nil || e.Preflight.Request.Headers["access-control-request-headers"] != "content-type,x-csrf-token" {
				t.Errorf("unjudged PATCH: %s", l)
			}
			return
		}
	}
	t.Error("no PATCH in playwright.har's output")
}

const okHAR = `{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
 "pages": [{"id": "page_1", "title": "https://app.test/"}],
 "entries": [{"pageref": "page_1", "_resourceType": "fetch",
   "request": {"method": "GET", "url": "https://api.test/x", "headers": [{"name": "Origin", "value": "https://app.test"}]},
   "response": {"status": 200, "headers": [{"name": "Access-Control-Allow-Origin", "value": "*"}], "_error": null}}]}}`

func TestHARExitStatuses(t *testing.T) {
	dir := filepath.Join("testdata", "har")
	good := writeFile(t, "ok.har", okHAR)
	tests := []struct {
		name   string
		args   []string
		stdin  string
		status int
		out    string // substring of stdout
		err    string // substring of stderr
	}{
		{name: "no file", args: []string{"har"}, status: 2, err: "want one FILE.har"},
		{name: "two files", args: []string{"har", good, good}, status: 2, err: "want one FILE.har"},
		{name: "-h", args: []string{"har", "-h"}, status: 0, out: "Usage: corsim har"},
		{name: "bad credentials", args: []string{"har", "--credentials", "some", good}, status: 2, err: "want one of omit, same-origin, include"},
		{name: "bad origin", args: []string{"har", "--origin", "https://exa mple.test", good}, status: 2, err: "corsim har: --origin:"},
		{name: "bad browser", args: []string{"har", "--browser", "lynx", good}, status: 2, err: "want one of chromium"},
		{name: "missing file", args: []string{"har", filepath.Join(t.TempDir(), "none.har")}, status: 1, err: "no such file"},
		{name: "not JSON", args: []string{"har", writeFile(t, "x.har", "<html>")}, status: 1, err: "corsim: har: not JSON"},
		{name: "not a HAR", args: []string{"har", writeFile(t, "x.har", `{"foo": 1}`)}, status: 1, err: `no "log" object`},
		{name: "all readable", args: []string{"har", good}, status: 0, out: "1 readable, 0 blocked"},
		{name: "stdin", args: []string{"har", "-"}, stdin: okHAR, status: 0, out: "HAR standard input"},
		{name: "some blocked", args: []string{"har", filepath.Join(dir, "chromium.har")}, status: 1, out: "2 blocked"},
		{name: "--credentials omit unblocks the wildcard", args: []string{"har", "--credentials", "omit", filepath.Join(dir, "chromium.har")}, status: 1,
			out: "the HAR disagrees: it recorded status 200 with net::ERR_FAILED, yet corsim finds the response readable"},
		{name: "--origin makes the API same-origin", args: []string{"har", "--origin", "https://api.shop.test", filepath.Join(dir, "chromium.har")}, status: 1,
			out: "Entry 3: GET https://api.shop.test/products?limit=3 — ignored: same-origin"},
		{name: "--browser overrides the exporter", args: []string{"har", "--browser", "spec", good}, status: 0, out: "browser spec (--browser)"},
		{name: "an unreadable entry", args: []string{"har", writeFile(t, "bad.har", strings.Replace(okHAR, `"method": "GET"`, `"method": 3`, 1))}, status: 1,
			out: "ignored: unreadable: entry 1: request.method: want a string, got a number", err: "entry 1: unreadable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out, errs := corsim(t, tt.stdin, tt.args...)
			if status != tt.status || !strings.Contains(out, tt.out) || !strings.Contains(errs, tt.err) {
				t.Errorf("corsim %s: status %d (want %d)\nstdout: %.900s\nstderr: %.600s\nwant stdout ⊇ %q, stderr ⊇ %q",
					strings.Join(tt.args, " "), status, tt.status, out, errs, tt.out, tt.err)
			}
		})
	}
}

func TestHARColor(t *testing.T) {
	var b strings.Builder
	run([]string{"har", filepath.Join("testdata", "har", "chromium.har")}, env{stdin: strings.NewReader(""), stdout: &b, stderr: &b, color: true})
	if !strings.Contains(b.String(), "\x1b[1;31mBLOCKED\x1b[0m") || !strings.Contains(b.String(), "\x1b[1;32mthe HAR agrees") {
		t.Error("colour requested but not written")
	}
}

func TestCurlCommand(t *testing.T) {
	got := curlCommand(algorithm.SentRequest{Method: "OPTIONS", URL: "https://a.test/it's", Headers: fetchmode.HeaderList{{Name: "Origin", Value: "https://b.test"}}})
	want := `curl -i -X 'OPTIONS' 'https://a.test/it'\''s' -H 'origin: https://b.test'`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
