package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corsim runs the command in-process and returns its exit status and streams.
func corsim(t *testing.T, stdin string, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	status = run(args, env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb})
	return status, out.String(), errb.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const okScenario = `{"id":"ok","page_origin":"https://app.test","servers":{"https://api.test/x":{"actual":{"status":200,"headers":[["Access-Control-Allow-Origin","*"]]}}},"fetches":[{"url":"https://api.test/x"}]}`

func TestExitStatuses(t *testing.T) {
	good := writeFile(t, "good.jsonl", okScenario+"\n")
	bad := writeFile(t, "bad.jsonl", okScenario+"\n{nope\n"+okScenario+"\n")
	tests := []struct {
		name   string
		args   []string
		stdin  string
		status int
		out    string // substring of stdout
		err    string // substring of stderr
	}{
		{name: "no command", args: nil, status: 2, err: "Usage:"},
		{name: "unknown command", args: []string{"fly"}, status: 2, err: `unknown command "fly"`},
		{name: "help", args: []string{"help"}, status: 0, out: "corsim explain"},
		{name: "-h", args: []string{"-h"}, status: 0, out: "corsim run"},
		{name: "run -h", args: []string{"run", "-h"}, status: 0, out: "Usage: corsim run"},
		{name: "run --help", args: []string{"run", "--help"}, status: 0, out: "-browser"},
		{name: "run no input", args: []string{"run"}, status: 2, err: "no input"},
		{name: "run bad flag", args: []string{"run", "--fast", good}, status: 2, err: "flag provided but not defined"},
		{name: "run bad browser", args: []string{"run", "--browser", "netscape", good}, status: 2, err: "want one of chromium, firefox, webkit, spec"},
		{name: "run missing file", args: []string{"run", filepath.Join(t.TempDir(), "none.jsonl")}, status: 1, err: "no such file"},
		{name: "run good file", args: []string{"run", good}, status: 0, out: `"verdict":{`},
		{name: "run browser flag", args: []string{"run", "--browser", "WebKit", good}, status: 0, out: `"outcome":"ok"`},
		{name: "run trace", args: []string{"run", "--trace", good}, status: 0, out: `"trace":[{"anchor":`},
		{name: "run malformed line", args: []string{"run", good, bad}, status: 1, out: `{"line":2,"file":"` + bad, err: "bad.jsonl line 2:"},
		{name: "run stdin", args: []string{"run", "-"}, stdin: okScenario, status: 0, out: `"final_url":"https://api.test/x"`},
		{name: "run stdin error has no file", args: []string{"run", "-"}, stdin: "x\n", status: 1, out: `{"line":1,"error":"corsim: line 1:`},
		{name: "run flags after file are files", args: []string{"run", good, "--trace"}, status: 1, err: "--trace"},
		{name: "explain builtin", args: []string{"explain"}, status: 0, out: "checkout-fixed"},
		{name: "explain -h", args: []string{"explain", "-h"}, status: 0, out: "Usage: corsim explain"},
		{name: "explain two files", args: []string{"explain", good, good}, status: 2, err: "at most one FILE"},
		{name: "explain file", args: []string{"explain", good}, status: 0, out: "Scenario ok"},
		{name: "explain stdin", args: []string{"explain", "-"}, stdin: okScenario, status: 0, out: "Result"},
		{name: "explain malformed", args: []string{"explain", bad}, status: 1, out: "Scenario ok", err: "line 2:"},
		{name: "explain json malformed", args: []string{"explain", "--json", bad}, status: 1, out: `"kind":"input-error","line":2,`},
		{name: "explain missing file", args: []string{"explain", "/nonexistent/x.jsonl"}, status: 1, err: "corsim:"},
		{name: "origin one", args: []string{"origin", "https://Shop.Example.COM:443/cart?x#y"}, status: 0, out: "https://shop.example.com"},
		{name: "origin none", args: []string{"origin"}, status: 2, err: "want one or two URLs"},
		{name: "origin three", args: []string{"origin", "https://a.test", "https://b.test", "https://c.test"}, status: 2, err: "want one or two URLs"},
		{name: "origin invalid", args: []string{"origin", "https://exa mple.com"}, status: 1, err: "corsim: origin:"},
		{name: "origin -h", args: []string{"origin", "-h"}, status: 0, out: "Usage: corsim origin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out, errs := corsim(t, tt.stdin, tt.args...)
			if status != tt.status || !strings.Contains(out, tt.out) || !strings.Contains(errs, tt.err) {
				t.Errorf("corsim %s: status %d (want %d)\nstdout: %.600s\nstderr: %.600s\nwant stdout ⊇ %q, stderr ⊇ %q",
					strings.Join(tt.args, " "), status, tt.status, out, errs, tt.out, tt.err)
			}
		})
	}
}

func TestOriginCompare(t *testing.T) {
	tests := []struct {
		name       string
		a, b       string
		so, ss, sl string
	}{
		{name: "same origin", a: "https://shop.test/a", b: "https://shop.test:443/b", so: "yes", ss: "yes", sl: "yes"},
		{name: "same site", a: "https://www.shop.test", b: "https://api.shop.test", so: "no", ss: "yes", sl: "yes"},
		{name: "schemelessly same site", a: "http://www.shop.test", b: "https://api.shop.test", so: "no", ss: "no", sl: "yes"},
		{name: "public suffix", a: "https://a.github.io", b: "https://b.github.io", so: "no", ss: "no", sl: "no"},
		{name: "opaque", a: "null", b: "null", so: "no", ss: "no", sl: "no"},
		{name: "data URL is opaque", a: "data:text/plain,x", b: "https://shop.test", so: "no", ss: "no", sl: "no"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out, errs := corsim(t, "", "origin", tt.a, tt.b)
			want := "same origin:            " + tt.so + "\nsame site:              " + tt.ss + "\nschemelessly same site: " + tt.sl + "\n"
			if status != 0 || !strings.HasSuffix(out, want) {
				t.Errorf("status %d\n%s%s\nwant suffix\n%s", status, out, errs, want)
			}
		})
	}
}

func TestOriginJSON(t *testing.T) {
	_, out, _ := corsim(t, "", "origin", "--json", "https://www.shop.test/x", "https://api.shop.test")
	want := `{"origins":[{"input":"https://www.shop.test/x","origin":"https://www.shop.test","opaque":false,"registrable_domain":"shop.test"},` +
		`{"input":"https://api.shop.test","origin":"https://api.shop.test","opaque":false,"registrable_domain":"shop.test"}],` +
		`"same_origin":false,"same_site":true,"schemelessly_same_site":true}` + "\n"
	if out != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	_, out, _ = corsim(t, "", "origin", "--json", "null")
	if out != `{"origins":[{"input":"null","origin":"null","opaque":true}]}`+"\n" {
		t.Errorf("got %s", out)
	}
}

func TestNoColorOffTerminal(t *testing.T) {
	_, out, _ := corsim(t, "", "explain")
	if strings.Contains(out, "\x1b[") {
		t.Error("escape codes written to a non-terminal")
	}
	var b bytes.Buffer
	run([]string{"explain"}, env{stdin: strings.NewReader(""), stdout: &b, stderr: &b, color: true})
	if !strings.Contains(b.String(), "\x1b[1;31mBLOCKED\x1b[0m") {
		t.Error("colour requested but not written")
	}
	t.Setenv("NO_COLOR", "1")
	if colorWanted(os.Stdout) {
		t.Error("NO_COLOR must turn colour off")
	}
}
