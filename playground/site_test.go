package playground_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/corsim/corsim/playground"
)

func testSite() fstest.MapFS {
	return fstest.MapFS{
		"index.html":   {Data: []byte("<!doctype html><title>t</title>")},
		"app.js":       {Data: []byte(strings.Repeat("// script\n", 200))},
		"corsim.wasm":  {Data: []byte("\x00asm" + strings.Repeat("\x01", 4000))},
		"wasm_exec.js": {Data: []byte("// go")},
	}
}

func TestHandler(t *testing.T) {
	h, err := playground.Handler(testSite())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, method, path, encoding string
		status                       int
		ctype, contentEncoding       string
	}{
		{"root-is-index", "GET", "/", "", 200, "text/html; charset=utf-8", ""},
		{"wasm-type", "GET", "/corsim.wasm", "", 200, "application/wasm", ""},
		{"wasm-gzip", "GET", "/corsim.wasm", "gzip, br", 200, "application/wasm", "gzip"},
		{"gzip-refused", "GET", "/app.js", "gzip;q=0", 200, "text/javascript; charset=utf-8", ""},
		{"small-file-plain", "GET", "/wasm_exec.js", "gzip", 200, "text/javascript; charset=utf-8", ""},
		{"head", "HEAD", "/app.js", "", 200, "text/javascript; charset=utf-8", ""},
		{"unknown", "GET", "/nope.js", "", 404, "text/plain; charset=utf-8", ""},
		{"post", "POST", "/", "", 405, "text/plain; charset=utf-8", ""},
	} {
		r := httptest.NewRequest(tc.method, tc.path, nil)
		if tc.encoding != "" {
			r.Header.Set("Accept-Encoding", tc.encoding)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		res := w.Result()
		if res.StatusCode != tc.status || res.Header.Get("Content-Type") != tc.ctype || res.Header.Get("Content-Encoding") != tc.contentEncoding {
			t.Errorf("%s: %d %q %q, want %d %q %q", tc.name, res.StatusCode, res.Header.Get("Content-Type"),
				res.Header.Get("Content-Encoding"), tc.status, tc.ctype, tc.contentEncoding)
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "'wasm-unsafe-eval'") {
			t.Errorf("%s: Content-Security-Policy %q", tc.name, csp)
		}
		if tc.contentEncoding == "gzip" {
			zr, err := gzip.NewReader(res.Body)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			b, _ := io.ReadAll(zr)
			if string(b) != string(testSite()["corsim.wasm"].Data) {
				t.Errorf("%s: the gzip body does not decode to the file", tc.name)
			}
		}
	}
}

// A conditional request for an unchanged file gets 304, so a reload does not fetch the engine again.
func TestHandlerRevalidates(t *testing.T) {
	h, _ := playground.Handler(testSite())
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/corsim.wasm", nil))
	etag := w.Result().Header.Get("ETag")
	if etag == "" || w.Result().Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, w.Result().Header.Get("Cache-Control"))
	}
	r := httptest.NewRequest("GET", "/corsim.wasm", nil)
	r.Header.Set("If-None-Match", etag)
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusNotModified {
		t.Errorf("If-None-Match %s: status %d, want 304", etag, w.Code)
	}
}

func TestHandlerIncompleteSite(t *testing.T) {
	site := testSite()
	delete(site, "corsim.wasm")
	if _, err := playground.Handler(site); err == nil || !strings.Contains(err.Error(), "corsim.wasm") {
		t.Errorf("a site without the engine: %v", err)
	}
}

// The page loads nothing from elsewhere: no address outside the site in its files but links.
func TestAssetsAreLocal(t *testing.T) {
	for _, name := range []string{"index.html", "app.js", "style.css"} {
		b, err := fsReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for _, bad := range []string{"<script src=\"http", "<link rel=\"stylesheet\" href=\"http", "@import", "url(http", "fonts.googleapis", "cdn."} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
}

func fsReadFile(name string) ([]byte, error) {
	f, err := playground.Assets().Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
