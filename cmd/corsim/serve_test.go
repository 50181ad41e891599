package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corsim/corsim/playground"
)

func TestServeUsage(t *testing.T) {
	empty := t.TempDir()
	for _, tc := range []struct {
		name   string
		args   []string
		status int
		out    string // substring of stdout
		err    string // substring of stderr
	}{
		{name: "help", args: []string{"serve", "-h"}, status: 0, out: "Usage: corsim serve"},
		{name: "argument", args: []string{"serve", "now"}, status: 2, err: "no arguments expected"},
		{name: "out and from", args: []string{"serve", "--out", "a", "--from", "b"}, status: 2, err: "exclude each other"},
		{name: "from not a site", args: []string{"serve", "--from", empty}, status: 1, err: "the site has no index.html"},
		{name: "top usage", args: []string{"help"}, status: 0, out: "corsim serve [--addr HOST:PORT]"},
	} {
		status, out, errs := corsim(t, "", tc.args...)
		if status != tc.status || !strings.Contains(out, tc.out) || !strings.Contains(errs, tc.err) {
			t.Errorf("%s: status %d, stdout %q, stderr %q; want %d, %q, %q", tc.name, status, clipText(out, 200), clipText(errs, 200), tc.status, tc.out, tc.err)
		}
	}
}

// syncBuffer is a bytes.Buffer that a server goroutine writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serve runs corsim serve with args until stop is called, and returns the address it printed.
func serve(t *testing.T, args ...string) (url string, stop func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	serveSignals = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	t.Cleanup(func() { cancel(); serveSignals = defaultServeSignals })
	var out, errs syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), env{stdout: &out, stderr: &errs})
	}()
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	deadline := time.Now().Add(2 * time.Minute)
	for url = re.FindString(out.String()); url == ""; url = re.FindString(out.String()) {
		select {
		case status := <-done:
			t.Fatalf("corsim serve stopped with status %d: %s", status, errs.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("corsim serve printed no address: %q %q", out.String(), errs.String())
		}
	}
	return url, func() (int, string) {
		cancel()
		status := <-done
		serveSignals = defaultServeSignals
		return status, errs.String()
	}
}

var defaultServeSignals = serveSignals

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestServeFrom(t *testing.T) {
	site := t.TempDir()
	for name, content := range map[string]string{"index.html": "<!doctype html><title>playground</title>", playground.WasmFile: "\x00asm", playground.ExecFile: "//"} {
		if err := os.WriteFile(filepath.Join(site, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	url, stop := serve(t, "--from", site)
	if status, body := get(t, url); status != 200 || !strings.Contains(body, "playground") {
		t.Errorf("GET %s: %d %q", url, status, body)
	}
	if status, errs := stop(); status != 0 || errs != "" {
		t.Errorf("stopped with status %d, stderr %q", status, errs)
	}
}

// corsim serve builds the engine, serves it, and removes what it built on exit; --out writes the
// same site for a static host.
func TestServeBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the WebAssembly engine")
	}
	url, stop := serve(t)
	status, body := get(t, url+playground.WasmFile)
	if status != 200 || !strings.HasPrefix(body, "\x00asm") {
		t.Errorf("GET %s: %d, %d bytes", url+playground.WasmFile, status, len(body))
	}
	if status, page := get(t, url); status != 200 || !strings.Contains(page, `<script src="app.js"`) {
		t.Errorf("GET %s: %d", url, status)
	}
	if status, errs := stop(); status != 0 || !strings.Contains(errs, "built in") {
		t.Errorf("stopped with status %d, stderr %q", status, errs)
	}

	out := filepath.Join(t.TempDir(), "site")
	status, stdout, errs := corsim(t, "", "serve", "--out", out)
	if status != 0 || !strings.Contains(stdout, "wrote the playground to "+out) {
		t.Fatalf("serve --out: status %d, stdout %q, stderr %q", status, stdout, errs)
	}
	for _, name := range []string{"index.html", "app.js", "style.css", "presets.json", playground.WasmFile, playground.ExecFile} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("serve --out wrote no %s", name)
		}
	}
}
