package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const lintApp = "https://app.example.com"

// corsServer is a CORS policy as servers get it wrong: which origins it answers, and how.
type corsServer struct {
	allow      func(origin string) bool // the origins it echoes; nil: only lintApp
	fixed      string                   // an Access-Control-Allow-Origin sent whatever the origin
	acaoLines  []string                 // extra Access-Control-Allow-Origin lines for an allowed origin
	noCreds    bool                     // no Access-Control-Allow-Credentials
	creds      string                   // its value; "" means true
	noVary     bool                     // no Vary: Origin
	preStatus  int                      // the preflight's status; 0 means 204
	methods    string                   // Access-Control-Allow-Methods; "" means GET, PUT, PATCH
	headers    string                   // Access-Control-Allow-Headers; "" means authorization, content-type
	maxAge     string                   // Access-Control-Max-Age; "" means 600
	preOnly    bool                     // CORS headers on OPTIONS only
	plainAsPre bool                     // a plain OPTIONS is answered as a preflight
}

func (s corsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	o := r.Header.Get("Origin")
	preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
	if !s.noVary {
		h.Add("Vary", "Origin")
	}
	allow := s.allow
	if allow == nil {
		allow = func(o string) bool { return o == lintApp }
	}
	acao := ""
	switch {
	case s.fixed != "":
		acao = s.fixed
	case allow(o):
		acao = o
	}
	cors := acao != "" && (preflight || !s.preOnly)
	if cors {
		h.Add("Access-Control-Allow-Origin", acao)
		for _, l := range s.acaoLines {
			h.Add("Access-Control-Allow-Origin", l)
		}
		if !s.noCreds {
			h.Set("Access-Control-Allow-Credentials", or(s.creds, "true"))
		}
	}
	if r.Method == http.MethodOptions {
		if preflight || s.plainAsPre {
			if cors || s.plainAsPre {
				h.Set("Access-Control-Allow-Methods", or(s.methods, "GET, PUT, PATCH"))
				h.Set("Access-Control-Allow-Headers", or(s.headers, "authorization, content-type"))
				h.Set("Access-Control-Max-Age", or(s.maxAge, "600"))
			}
			if preflight {
				w.WriteHeader(s.preStatusOr())
				return
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.Set("Allow", "GET, PUT, PATCH, OPTIONS")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	h.Set("Content-Type", "application/json")
	w.Write([]byte(`{"user":"ada"}`))
}

func (s corsServer) preStatusOr() int {
	if s.preStatus == 0 {
		return http.StatusNoContent
	}
	return s.preStatus
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func hostOf(o string) string {
	u, err := url.Parse(o)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// The misconfigured servers, one per finding, and the correct one. want is every finding id the
// lint must report, and no other.
var lintServers = []struct {
	name   string
	server corsServer
	want   []string
	status int
}{
	{name: "correct", server: corsServer{}, want: nil, status: 0},
	{name: "echoes any origin", server: corsServer{allow: func(string) bool { return true }}, want: []string{"origin-reflected-with-credentials"}, status: 1},
	{name: "echoes any origin without credentials", server: corsServer{allow: func(string) bool { return true }, noCreds: true}, want: []string{"origin-reflected"}, status: 1},
	{name: "trusts null", server: corsServer{allow: func(o string) bool { return o == lintApp || o == "null" }}, want: []string{"null-origin-trusted"}, status: 1},
	{name: "trusts the http origin", server: corsServer{allow: func(o string) bool { return o == lintApp || o == "http://app.example.com" }}, want: []string{"insecure-origin-trusted"}, status: 1},
	{name: "prefix check", server: corsServer{allow: func(o string) bool { return strings.HasPrefix(o, lintApp) }}, want: []string{"origin-prefix-match"}, status: 1},
	// A suffix check lets http://app.example.com in too, a mistake of its own.
	{name: "suffix check", server: corsServer{allow: func(o string) bool { return strings.HasSuffix(o, "example.com") }}, want: []string{"origin-suffix-match", "insecure-origin-trusted"}, status: 1},
	// A check of the host alone ignores the port as well.
	{name: "substring check", server: corsServer{allow: func(o string) bool {
		return hostOf(o) != "" && strings.Contains("app.example.com", hostOf(o)) && strings.HasPrefix(o, "https://")
	}}, want: []string{"origin-substring-match", "other-port-trusted"}, status: 1},
	{name: "unescaped dot", server: corsServer{allow: regexp.MustCompile(`^https://app.example.com$`).MatchString}, want: []string{"origin-unescaped-dot"}, status: 1},
	{name: "stops at a special character", server: corsServer{allow: regexp.MustCompile(`^https://app\.example\.com([^a-z0-9.-]|$)`).MatchString},
		want: []string{"origin-special-characters"}, status: 1},
	{name: "any subdomain", server: corsServer{allow: func(o string) bool {
		return o == lintApp || strings.HasSuffix(o, ".example.com") && strings.HasPrefix(o, "https://")
	}},
		want: []string{"any-subdomain-trusted"}, status: 1},
	{name: "ignores the port", server: corsServer{allow: func(o string) bool { return strings.HasPrefix(o, "https://") && hostOf(o) == "app.example.com" }},
		want: []string{"other-port-trusted"}, status: 1},
	{name: "null without credentials", server: corsServer{allow: func(o string) bool { return o == lintApp || o == "null" }, noCreds: true}, want: []string{"untrusted-origin-allowed"}, status: 1},
	{name: "wildcard with credentials", server: corsServer{fixed: "*"}, want: []string{"wildcard-with-credentials"}, status: 1},
	{name: "wildcard", server: corsServer{fixed: "*", noCreds: true, noVary: true}, want: []string{"wildcard-origin"}, status: 0},
	{name: "two origins", server: corsServer{acaoLines: []string{"https://admin.example.com"}}, want: []string{"acao-multiple-values"}, status: 1},
	{name: "trailing slash", server: corsServer{fixed: lintApp + "/"}, want: []string{"acao-invalid"}, status: 1},
	{name: "credentials True", server: corsServer{creds: "True"}, want: []string{"acac-invalid"}, status: 1},
	{name: "headers on the preflight only", server: corsServer{preOnly: true}, want: []string{"acao-preflight-only"}, status: 1},
	{name: "preflight 401", server: corsServer{preStatus: http.StatusUnauthorized}, want: []string{"preflight-status-not-ok"}, status: 1},
	{name: "methods do not parse", server: corsServer{methods: "GET; PUT"}, want: []string{"acam-invalid"}, status: 1},
	{name: "headers do not parse", server: corsServer{headers: "authorization; content-type"}, want: []string{"acah-invalid"}, status: 1},
	{name: "lower-case methods", server: corsServer{methods: "GET, put, patch"}, want: []string{"acam-method-case"}, status: 1},
	{name: "no Vary", server: corsServer{noVary: true}, want: []string{"vary-origin-missing"}, status: 1},
	{name: "authorization by wildcard", server: corsServer{headers: "*", noCreds: true}, want: []string{"authorization-by-wildcard"}, status: 1},
	{name: "wildcard headers with credentials", server: corsServer{headers: "*"}, want: []string{"wildcard-literal-with-credentials"}, status: 1},
	{name: "max-age with a unit", server: corsServer{maxAge: "600s"}, want: []string{"max-age-invalid"}, status: 1},
	{name: "plain OPTIONS as preflight", server: corsServer{plainAsPre: true}, want: []string{"plain-options-as-preflight"}, status: 1},
	{name: "max-age of a day", server: corsServer{maxAge: "86400"}, want: []string{"max-age-capped"}, status: 0},
	{name: "max-age 0", server: corsServer{maxAge: "0"}, want: []string{"max-age-zero"}, status: 0},
}

// Each server runs on loopback (TLS, so that the target is https:// and every browser can reach it
// from an https:// page) and is linted live.
func TestLintLive(t *testing.T) {
	for _, tt := range lintServers {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewTLSServer(tt.server)
			defer srv.Close()
			status, out, errs := corsim(t, "", "lint", "--insecure", "--json", "--origin", lintApp, srv.URL+"/me")
			var ids []string
			for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
				if l == "" {
					continue
				}
				var f findingJSON
				if err := json.Unmarshal([]byte(l), &f); err != nil {
					t.Fatalf("%v: %s", err, l)
				}
				if f.Schema != jsonSchema || f.Kind != "finding" || f.Fix == "" || f.Evidence.URL != srv.URL+"/me" || f.Evidence.Status == 0 {
					t.Errorf("incomplete finding: %s", l)
				}
				ids = append(ids, f.ID)
			}
			if status != tt.status || !slices.Equal(ids, tt.want) {
				t.Errorf("status %d (want %d), findings %v, want %v\nstderr: %s\n%s", status, tt.status, ids, tt.want, errs, out)
			}
		})
	}
}

// Every finding has a server that shows it, so docs/lint.md's table is exercised end to end.
func TestLintLiveCoversEveryFinding(t *testing.T) {
	shown := map[string]bool{}
	for _, s := range lintServers {
		for _, id := range s.want {
			shown[id] = true
		}
	}
	for _, id := range lintIDs(t) {
		if !shown[id] {
			t.Errorf("no server in lintServers shows %s", id)
		}
	}
}

// lintIDs returns the finding ids docs/lint.md lists, in order.
func lintIDs(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "lint.md"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\|").FindAllStringSubmatch(string(b), -1) {
		ids = append(ids, m[1])
	}
	return ids
}

func TestLintLiveText(t *testing.T) {
	srv := httptest.NewTLSServer(corsServer{allow: func(string) bool { return true }})
	defer srv.Close()
	status, out, _ := corsim(t, "", "lint", "--insecure", "--origin", lintApp, srv.URL+"/me")
	for _, want := range []string{
		"corsim lint: " + srv.URL + "/me (", "1 finding: 1 high", "\nHIGH\n",
		"origin-reflected-with-credentials  any origin can read responses with the visitor's cookies",
		"browsers  spec, chromium, firefox, webkit",
		"evidence  GET " + srv.URL + "/me from Origin https://corsim-attacker.test → 200",
		"access-control-allow-credentials: true", "fix       compare Origin with an exact allow-list",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if status != 1 {
		t.Errorf("status %d", status)
	}
	status, out, _ = corsim(t, "", "lint", "--insecure", "--origin", lintApp, httptest.NewTLSServer(corsServer{}).URL)
	if status != 0 || !strings.Contains(out, "No findings.") {
		t.Errorf("correct server: status %d\n%s", status, out)
	}
}

func TestLintBrowserFlag(t *testing.T) {
	srv := httptest.NewTLSServer(corsServer{maxAge: "86400"})
	defer srv.Close()
	_, out, _ := corsim(t, "", "lint", "--insecure", "--browser", "firefox", "--origin", lintApp, srv.URL)
	if !strings.Contains(out, "judged in firefox") || !strings.Contains(out, "No findings.") {
		t.Errorf("Firefox keeps a day:\n%s", out)
	}
	_, out, _ = corsim(t, "", "lint", "--insecure", "--browser", "webkit", "--origin", lintApp, srv.URL)
	if flat := strings.Join(strings.Fields(out), " "); !strings.Contains(flat, "max-age-capped") || !strings.Contains(flat, "webkit keeps it 600 s") {
		t.Errorf("WebKit keeps 600 s:\n%s", out)
	}
}

func TestLintUsage(t *testing.T) {
	good := writeFile(t, "good.jsonl", okScenario+"\n")
	tests := []struct {
		name   string
		args   []string
		status int
		out    string
		err    string
	}{
		{name: "-h", args: []string{"lint", "-h"}, status: 0, out: "Usage: corsim lint"},
		{name: "no input", args: []string{"lint"}, status: 2, err: "want one FILE"},
		{name: "two inputs", args: []string{"lint", good, good}, status: 2, err: "want one FILE"},
		{name: "bad origin", args: []string{"lint", "--origin", "app.example.com", good}, status: 2, err: "--origin: want a serialized origin"},
		{name: "null origin", args: []string{"lint", "--origin", "null", good}, status: 2, err: "--origin"},
		{name: "bad browser", args: []string{"lint", "--browser", "netscape", good}, status: 2, err: "want one of chromium"},
		{name: "bad header", args: []string{"lint", "--header", "nocolon", good}, status: 2, err: `want "Name: value"`},
		{name: "bad URL", args: []string{"lint", "https://exa mple.com/"}, status: 2, err: "corsim lint:"},
		{name: "missing file", args: []string{"lint", filepath.Join(t.TempDir(), "none.jsonl")}, status: 1, err: "no such file"},
		{name: "unreachable", args: []string{"lint", "--timeout", "2s", closedURL(t)}, status: 1, err: "nothing to judge"},
		{name: "top usage", args: []string{"help"}, status: 0, out: "corsim lint [--origin O]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out, errs := corsim(t, "", tt.args...)
			if status != tt.status || !strings.Contains(out, tt.out) || !strings.Contains(errs, tt.err) {
				t.Errorf("status %d (want %d)\nstdout: %.600s\nstderr: %.600s", status, tt.status, out, errs)
			}
		})
	}
}

// The scenario files of testdata/lint are linted, text and JSON, against golden files. Refresh them
// with: go test ./cmd/corsim -run TestLintScenarioGolden -update
// The HAR exports are linted too: testdata/lint/misconfigured.har is shaped like Chromium's.
func TestLintScenarioGolden(t *testing.T) {
	tests := []struct {
		golden string
		status int
		args   []string
	}{
		{golden: "misconfigured.golden", status: 1, args: []string{"lint", "testdata/lint/misconfigured.jsonl"}},
		{golden: "misconfigured_json.golden", status: 1, args: []string{"lint", "--json", "testdata/lint/misconfigured.jsonl"}},
		{golden: "correct.golden", status: 0, args: []string{"lint", "testdata/lint/correct.jsonl"}},
		{golden: "info_only.golden", status: 0, args: []string{"lint", "testdata/lint/info_only.jsonl"}},
		{golden: "misconfigured_har.golden", status: 1, args: []string{"lint", "testdata/lint/misconfigured.har"}},
		{golden: "misconfigured_har_json.golden", status: 1, args: []string{"lint", "--json", "testdata/lint/misconfigured.har"}},
		{golden: "chromium_har.golden", status: 0, args: []string{"lint", "testdata/har/chromium.har"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			status, out, errs := corsim(t, "", tt.args...)
			if status != tt.status || errs != "" {
				t.Errorf("status %d (want %d), stderr %s", status, tt.status, errs)
			}
			path := filepath.Join("testdata", "lint", tt.golden)
			checkGolden(t, path, "lint", out)
		})
	}
}

func TestLintScenarioInputErrors(t *testing.T) {
	bad := writeFile(t, "bad.jsonl", "{nope\n"+okScenario+"\n")
	status, out, errs := corsim(t, "", "lint", "--json", bad)
	if status != 1 || !strings.Contains(errs, "line 1:") || !strings.Contains(out, `"kind":"input-error","line":1,`) {
		t.Errorf("status %d\nstdout %s\nstderr %s", status, out, errs)
	}
	status, out, _ = corsim(t, okScenario, "lint", "-")
	if status != 0 || !strings.Contains(out, "standard input (1 scenario, 1 request)") || !strings.Contains(out, "wildcard-origin") {
		t.Errorf("stdin: status %d\n%s", status, out)
	}
}

// A probe the allowed origin itself does not pass proves nothing; lint says so.
func TestLintLiveWrongOrigin(t *testing.T) {
	srv := httptest.NewTLSServer(corsServer{})
	defer srv.Close()
	status, out, errs := corsim(t, "", "lint", "--insecure", "--origin", "https://other.example.com", srv.URL)
	if status != 0 || !strings.Contains(out, "No findings.") || !strings.Contains(errs, "note: the GET from the allowed origin https://other.example.com got no Access-Control-Allow-Origin") {
		t.Errorf("status %d\nstdout %s\nstderr %s", status, out, errs)
	}
	_, _, errs = corsim(t, "", "lint", "--insecure", "--origin", lintApp, srv.URL)
	if errs != "" {
		t.Errorf("no note for the right origin: %s", errs)
	}
}

// closedURL is the URL of a loopback server that has just closed, so nothing answers there (a fixed
// port such as 1 may be in use: the browser harness listens on it to test blocked ports).
func closedURL(t *testing.T) string {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL + "/"
	srv.Close()
	return u
}

// A HAR is told from a scenario file by its content too (standard input, another extension), the
// HAR's page origin is the allowed one, and an unreadable HAR is an input error, not "no findings".
func TestLintHARInput(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "lint", "misconfigured.har"))
	if err != nil {
		t.Fatal(err)
	}
	status, out, errs := corsim(t, string(data), "lint", "-")
	if status != 1 || errs != "" || !strings.Contains(out, "standard input (HAR: 8 entries, 4 with an Origin header and a response)") ||
		!strings.Contains(out, "preflight-status-not-ok") {
		t.Errorf("stdin: status %d, stderr %q\n%s", status, errs, out)
	}
	// The page (https://app.example) is trusted, so its own credentialed access is no finding; named
	// from another origin's point of view, the same answers are the trust of a stranger.
	if strings.Contains(out, "untrusted-origin-allowed") {
		t.Errorf("the HAR's own page origin was judged untrusted:\n%s", out)
	}
	_, out, _ = corsim(t, string(data), "lint", "--origin", "https://other.example", "-")
	if !strings.Contains(out, "acao-multiple-values") {
		t.Errorf("--origin with a HAR:\n%s", out)
	}
	renamed := writeFile(t, "capture.json", string(data))
	if status, out, _ := corsim(t, "", "lint", renamed); status != 1 || !strings.Contains(out, "(HAR: 8 entries") {
		t.Errorf("HAR named .json: status %d\n%s", status, out)
	}
	bad := writeFile(t, "broken.har", `{"log": {"entries": 7}}`)
	status, out, errs = corsim(t, "", "lint", bad)
	if status != 1 || !strings.Contains(errs, "entries") || strings.Contains(out, "No findings") {
		t.Errorf("broken HAR: status %d\nstdout %s\nstderr %s", status, out, errs)
	}
}
