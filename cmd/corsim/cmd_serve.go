package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/corsim/corsim/playground"
)

const serveUsage = `Usage: corsim serve [--addr HOST:PORT] [--from DIR | --out DIR]

Serves the CORS playground: a page where you write a fetch(), say how the servers answer, and see
as you type what the browser does under the standard, Chromium, Firefox and WebKit — the steps with
the standard's anchors, the requests sent, what script can read, the console messages and the fix.
The page runs corsim's engine as WebAssembly, so every verdict is computed in your browser.

The engine is compiled at start with the Go toolchain on PATH (about 20 s the first time, a second
once Go's build cache has it) into a temporary directory, removed on exit. --out DIR writes the
same site (index.html, app.js, style.css, presets.json, wasm_exec.js, corsim.wasm) to DIR for any
static web host, and exits; --from DIR serves such a directory without building.

Flags:
`

// serveSignals is the context that stops the server; tests replace it.
var serveSignals = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func cmdServe(args []string, e env) int {
	fs := newCommand("serve", serveUsage, e)
	addr := fs.String("addr", "127.0.0.1:8080", "`address` to listen on")
	out := fs.String("out", "", "write the static site to `DIR` and exit")
	from := fs.String("from", "", "serve the site in `DIR` (written by --out) instead of building one")
	if status, ok := fs.parse(args); !ok {
		return status
	}
	if fs.NArg() > 0 {
		return fs.usageError("no arguments expected")
	}
	if *out != "" && *from != "" {
		return fs.usageError("--out and --from exclude each other")
	}
	ctx, stop := serveSignals()
	defer stop()

	if *out != "" {
		start := time.Now()
		fmt.Fprintf(e.stderr, "corsim serve: building the playground into %s …\n", *out)
		if err := playground.Build(ctx, *out); err != nil {
			fmt.Fprintln(e.stderr, err)
			return exitInput
		}
		fmt.Fprintf(e.stdout, "wrote the playground to %s in %.1f s; serve that directory with any web server, or: corsim serve --from %s\n",
			*out, time.Since(start).Seconds(), *out)
		return exitOK
	}

	site := *from
	if site == "" {
		dir, err := os.MkdirTemp("", "corsim-playground-")
		if err != nil {
			fmt.Fprintln(e.stderr, "corsim:", err)
			return exitInput
		}
		defer os.RemoveAll(dir)
		start := time.Now()
		fmt.Fprintln(e.stderr, "corsim serve: building the engine as WebAssembly (about 20 s the first time) …")
		if err := playground.Build(ctx, dir); err != nil {
			fmt.Fprintln(e.stderr, err)
			return exitInput
		}
		fmt.Fprintf(e.stderr, "corsim serve: built in %.1f s\n", time.Since(start).Seconds())
		site = dir
	}
	abs, _ := filepath.Abs(site)
	h, err := playground.Handler(os.DirFS(abs))
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitInput
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(e.stderr, "corsim serve:", err)
		return exitInput
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(e.stdout, "corsim playground: http://%s/  (Ctrl-C stops it)\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintln(e.stderr, "corsim serve:", err)
		return exitInput
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(e.stderr, "corsim serve:", err)
	}
	return exitOK
}
