package fuzz

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/har"
	"github.com/corsim/corsim/internal/lint"
	"github.com/corsim/corsim/internal/lint/observe"
)

// FuzzHAR feeds arbitrary bytes to the HAR reader and replays whatever it accepts under a profile
// and credentials mode the input picks: reading fails only with a corsim: har: error, never a panic;
// a replay gives one result per entry, in order, whose entry references stay inside the log, whose
// replayed fetches have a page and an agreement, and whose unjudged ones say why and are never
// counted as blocked. Every identifier here starts with fh.
func FuzzHAR(f *testing.F) {
	fhSeeds := []string{
		// The smallest HAR.
		`{"log": {"entries": []}}`,
		// No page, no Origin.
		`{"log": {"entries": [{"request": {"method": "GET", "url": "https://api.test/"}, "response": {"status": 200}}]}}`,
		// A preflight listed after its request, as Chromium lists it.
		`{"log": {"pages": [{"id": "p", "title": "https://app.test/"}], "entries": [` +
			`{"pageref": "p", "_resourceType": "fetch", "request": {"method": "PUT", "url": "https://api.test/x", "headers": [{"name": "Origin", "value": "https://app.test"}, {"name": "X-A", "value": "1"}]}, "response": {"status": 0, "_error": "net::ERR_FAILED"}},` +
			`{"pageref": "p", "_resourceType": "preflight", "request": {"method": "OPTIONS", "url": "https://api.test/x", "headers": [{"name": "Origin", "value": "https://app.test"}, {"name": "Access-Control-Request-Method", "value": "PUT"}, {"name": "Access-Control-Request-Headers", "value": "x-a"}]}, "response": {"status": 204, "headers": [{"name": "Access-Control-Allow-Origin", "value": "https://app.test"}]}}]}}`,
		// A redirect loop through the HAR's own entries.
		`{"log": {"entries": [` +
			`{"request": {"method": "GET", "url": "https://a.test/", "headers": [{"name": "Origin", "value": "https://p.test"}]}, "response": {"status": 302, "redirectURL": "https://a.test/"}},` +
			`{"request": {"method": "GET", "url": "https://a.test/", "headers": [{"name": "Origin", "value": "null"}]}, "response": {"status": 302, "headers": [{"name": "Location", "value": "/"}]}}]}}`,
		// Unreadable entries.
		`{"log": {"entries": [{"request": {"method": 1}}, "x", null]}}`,
		// A data: URL, and a status written as a string.
		`{"log": {"entries": [{"startedDateTime": "2026-05-04T09:30:00Z", "request": {"method": "GET", "url": "data:,x"}, "response": {"status": "200"}}]}}`,
		// A byte-order mark.
		"\xef\xbb\xbf{\"log\":{\"entries\":[]}}",
		// Not HARs.
		`[]`,
		`{"log": null}`,
	}
	for i, s := range fhSeeds {
		f.Add([]byte(s), byte(i))
	}
	// The CLI's fixtures, as each exporter writes a HAR.
	fhFixtures, _ := filepath.Glob(filepath.Join("..", "cmd", "corsim", "testdata", "*", "*.har"))
	for i, name := range fhFixtures {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b, byte(i))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, modes byte) {
		l, err := har.Parse(data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "corsim: har: ") {
				t.Fatalf("error without the corsim: har: prefix: %v", err)
			}
			return
		}
		n := len(l.Entries)
		for i, e := range l.Entries {
			if e.Index != i+1 || e.Err != nil && !strings.HasPrefix(e.Err.Error(), "corsim: har: entry ") {
				t.Fatalf("entry %d: index %d, error %v", i+1, e.Index, e.Err)
			}
		}
		opts := har.Options{Profile: algorithm.Profiles()[int(modes)%4], Trace: modes&4 != 0}
		if modes&8 != 0 {
			opts.CredentialsSet, opts.Credentials = true, fetchmode.Credentials(modes>>4%3)
		}
		results := har.Replay(l, opts)
		if len(results) != n {
			t.Fatalf("%d results for %d entries", len(results), n)
		}
		fhIn := func(k int) bool { return k >= 0 && k <= n }
		for i := range results {
			r := &results[i]
			if r.Index != i+1 || !fhIn(r.Of) || r.Of == r.Index {
				t.Fatalf("result %d: index %d, of %d", i+1, r.Index, r.Of)
			}
			if r.Ignored != "" {
				if r.Blocked() {
					t.Fatalf("entry %d ignored (%s) yet blocked", r.Index, r.Ignored)
				}
				continue
			}
			if !r.Page.IsValid() || r.Agreement == "" || r.CredentialsFrom == "" || !fhIn(r.Preflight.Entry) {
				t.Fatalf("entry %d: %+v", r.Index, r)
			}
			if !r.Judged && (r.Unjudged == "" || r.Blocked() || r.Agrees != nil) {
				t.Fatalf("entry %d not judged, yet %q blocked=%v agrees=%v", r.Index, r.Unjudged, r.Blocked(), r.Agrees)
			}
			if r.Preflight.Source == har.PreflightRebuilt && (r.Judged || r.Preflight.Request.Method != "OPTIONS") {
				t.Fatalf("entry %d: a rebuilt preflight %+v, judged %v", r.Index, r.Preflight.Request, r.Judged)
			}
			for _, a := range r.AnsweredBy {
				if !fhIn(a) {
					t.Fatalf("entry %d answered by entry %d of %d", r.Index, a, n)
				}
			}
			for _, h := range r.Hops {
				if h <= r.Index || h > n || results[h-1].Of != r.Index {
					t.Fatalf("entry %d: hop %d (of %d)", r.Index, h, results[h-1].Of)
				}
			}
		}
		// corsim lint FILE.har: the exchanges are the entries with an Origin header and an answer,
		// and every finding points at one of them.
		xs, _ := observe.HAR(l)
		for _, x := range xs {
			if x.Response.Status <= 0 || !x.Request.Headers.Contains("Origin") {
				t.Fatalf("exchange %s: status %d, headers %v", x.Source, x.Response.Status, x.Request.Headers)
			}
		}
		for _, fd := range lint.Lint(xs, lint.Config{}) {
			if fd.ID == "" || fd.Evidence.URL == "" || !strings.HasPrefix(fd.Evidence.Source, "HAR entry ") {
				t.Fatalf("finding %+v", fd)
			}
		}
	})
}
