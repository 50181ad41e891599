package playground

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

//go:embed static
var static embed.FS

// The files of a site that Build writes besides the embedded assets.
const (
	// WasmFile is the engine, built with GOOS=js GOARCH=wasm from ./playground/wasm.
	WasmFile = "corsim.wasm"
	// ExecFile is the Go toolchain's JavaScript support for WebAssembly, copied from the toolchain
	// that built WasmFile (the two must come from the same Go release).
	ExecFile = "wasm_exec.js"
)

// Assets returns the page's static files (index.html, app.js, style.css, presets.json, …), the
// part of the site that does not depend on the Go toolchain.
func Assets() fs.FS {
	sub, _ := fs.Sub(static, "static")
	return sub
}

// writeAssets copies Assets into dir.
func writeAssets(dir string) error {
	return fs.WalkDir(Assets(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(Assets(), name)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}

// csp allows nothing but the site itself: no CDN, no inline script, and WebAssembly compilation.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// file is one file of a site, held in memory.
type file struct {
	data  []byte
	gz    atomic.Pointer[[]byte] // the gzip form, for the files worth compressing, once it is ready
	ctype string
	etag  string
}

// asyncGzip is the size from which a file is compressed in the background, so that serving starts
// at once: until its gzip form is ready, the file goes out as it is.
const asyncGzip = 1 << 20

func (f *file) compress() {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	zw.Write(f.data)
	zw.Close()
	gz := buf.Bytes()
	f.gz.Store(&gz)
}

type handler struct {
	files   map[string]*file
	modTime time.Time
}

// Handler serves a site that Build wrote (or any file system holding one): GET and HEAD of its
// files, / as index.html, gzip-compressed for clients that accept it (the engine, 5 MB, once its
// compression in the background is done, within a second), with a Content-Security-Policy that lets
// the page load nothing from anywhere else. It reads every file once, here; the error is non-nil
// when the site lacks index.html or the engine.
func Handler(site fs.FS) (http.Handler, error) {
	h := &handler{files: map[string]*file{}, modTime: time.Now()}
	err := fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(site, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		f := &file{data: b, ctype: mime.TypeByExtension(path.Ext(name)), etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		if f.ctype == "" {
			f.ctype = "application/octet-stream"
		}
		switch {
		case !compressible(f.ctype) || len(b) <= 1024:
		case len(b) >= asyncGzip:
			go f.compress()
		default:
			f.compress()
		}
		h.files["/"+name] = f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("corsim: playground: reading the site: %w", err)
	}
	for _, need := range []string{"index.html", WasmFile, ExecFile} {
		if h.files["/"+need] == nil {
			return nil, fmt.Errorf("corsim: playground: the site has no %s (write one with corsim serve --out DIR)", need)
		}
	}
	return h, nil
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.HasPrefix(ctype, "application/wasm") ||
		strings.HasPrefix(ctype, "application/json") || strings.HasPrefix(ctype, "text/javascript")
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := r.URL.Path
	if name == "/" {
		name = "/index.html"
	}
	f := h.files[name]
	if f == nil {
		http.NotFound(w, r)
		return
	}
	// Revalidate every time, so a rebuilt engine is never mixed with an old page.
	hd.Set("Cache-Control", "no-cache")
	hd.Set("Content-Type", f.ctype)
	hd.Set("Vary", "Accept-Encoding")
	body, etag := f.data, f.etag
	if gz := f.gz.Load(); gz != nil && acceptsGzip(r) {
		body, etag = *gz, strings.TrimSuffix(f.etag, `"`)+`-gz"`
		hd.Set("Content-Encoding", "gzip")
	}
	hd.Set("ETag", etag)
	http.ServeContent(w, r, name, h.modTime, bytes.NewReader(body))
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}
