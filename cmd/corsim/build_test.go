package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestBuiltBinary builds corsim the way `go install` would and runs it as a user does.
func TestBuiltBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "corsim")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	exe := func(stdin string, args ...string) (int, string, string) {
		cmd := exec.Command(bin, args...)
		cmd.Stdin = strings.NewReader(stdin)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), out.String(), errb.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, out.String(), errb.String()
	}

	// The main job: the built-in checkout example, blocked then fixed.
	status, out, errs := exe("", "explain")
	for _, want := range []string{
		"Scenario checkout-blocked", "BLOCKED", "HeaderDisallowedByPreflightResponse (x-csrf-token)",
		"add x-csrf-token to Access-Control-Allow-Headers", "Scenario checkout-fixed", "OK: fetch() resolves",
		"fetch#cors-preflight-fetch-0",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("corsim explain lacks %q", want)
		}
	}
	if status != 0 || errs != "" || strings.Contains(out, "\x1b[") {
		t.Errorf("status %d, stderr %q, escape codes %v", status, errs, strings.Contains(out, "\x1b["))
	}

	// corsim run: unknown keys byte for byte, a malformed line in the middle, exit status 1.
	in := `{"x-a": { "keep" : [1, 2.50] },"id":"a","page_origin":"https://app.test","servers":{"https://api.test/x":{"x-b":"\u00e9","actual":{"status":200,"headers":[["Access-Control-Allow-Origin","*"]],"x-c":true}}},"fetches":[{"url":"https://api.test/x","x-d":{"n":null}}]}` + "\n" +
		`{"id":"b","page_origin":` + "\n" +
		`{"id":"c","page_origin":"https://app.test","fetches":[{"url":"https://api.test/x"}]}` + "\n"
	file := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(file, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	status, out, errs = exe("", "run", file)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if status != 1 || len(lines) != 3 || !strings.Contains(errs, "in.jsonl line 2:") {
		t.Fatalf("status %d, %d lines, stderr %q", status, len(lines), errs)
	}
	for _, piece := range []string{`"x-a":{ "keep" : [1, 2.50] }`, `"x-b":"\u00e9"`, `"x-c":true`, `"x-d":{"n":null}`} {
		if !strings.Contains(lines[0], piece) {
			t.Errorf("unknown key not kept byte for byte: %s\nin %s", piece, lines[0])
		}
	}
	if !strings.HasPrefix(lines[1], `{"line":2,`) || !strings.HasPrefix(lines[2], `{"id":"c"`) {
		t.Errorf("lines 2-3: %s\n%s", lines[1], lines[2])
	}
	status, out, _ = exe(okScenario, "run", "--browser", "firefox", "-")
	if status != 0 || !strings.Contains(out, `"outcome":"ok"`) {
		t.Errorf("run - : status %d, %s", status, out)
	}
	if status, _, _ = exe("", "run"); status != 2 {
		t.Errorf("run without input: status %d, want 2", status)
	}
}
