package fuzz

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/fetchmode"
)

// FuzzBrowser drives package browser end to end over an in-process handler whose status, headers
// and body come from the input: whatever the page, URL, method, script headers and answers, a
// fetch returns a Response or an *Error (never a panic, never another error type), and a
// Response shows no header the verdict does not make visible. Every identifier here starts with fb.
func FuzzBrowser(f *testing.F) {
	f.Add("https://app.example", "https://api.example/r", "PUT", "X-A: 1", 204, "Access-Control-Allow-Origin: https://app.example\nAccess-Control-Allow-Methods: PUT\nAccess-Control-Allow-Headers: x-a", byte(1))
	f.Add("null", "https://api.example/r", "GET", "", 302, "Location: https://other.example/x\nAccess-Control-Allow-Origin: *", byte(6))
	f.Add("https://app.example", "https://app.example/r", "POST", "Content-Type: text/plain", 200, "Set-Cookie: a=b\nX-Secret: s", byte(11))
	f.Fuzz(func(t *testing.T, page, url, method, reqHeaders string, status int, rspHeaders string, modes byte) {
		if status < 100 || status > 999 {
			status = 200
		}
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for _, line := range strings.Split(rspHeaders, "\n") {
				if name, value, ok := strings.Cut(line, ":"); ok {
					w.Header().Add(name, strings.TrimSpace(value))
				}
			}
			w.WriteHeader(status)
			w.Write([]byte("body"))
		})
		p := algorithm.Profiles()[int(modes)%4]
		b, err := browser.New(page, browser.WithProfile(p), browser.Handler(h))
		if err != nil {
			return // a page New refuses is an input error, reported as such
		}
		var hl fetchmode.HeaderList
		for _, line := range strings.Split(reqHeaders, "\n") {
			if name, value, ok := strings.Cut(line, ":"); ok {
				hl = append(hl, fetchmode.Header{Name: name, Value: value})
			}
		}
		req := browser.Request{URL: url, Method: method, Headers: hl}
		if modes&4 != 0 {
			req.Body = browser.Text("b")
		}
		if modes&8 != 0 {
			req.Credentials = fetchmode.CredentialsInclude
		}
		if modes&16 != 0 {
			req.Mode = fetchmode.ModeNoCORS
		}
		if modes&32 != 0 {
			req.Redirect = fetchmode.RedirectManual
		}
		resp, err := b.Fetch(context.Background(), req)
		if err != nil {
			var ce *browser.Error
			if resp != nil || !errors.As(err, &ce) || ce.Verdict.Outcome == algorithm.OK {
				t.Fatalf("got %v, %#v", resp, err)
			}
			_ = ce.Explain()
			return
		}
		visible := map[string]bool{}
		for _, n := range resp.Verdict.VisibleHeaders {
			visible[http.CanonicalHeaderKey(n)] = true
		}
		for n := range resp.Header {
			if !visible[n] {
				t.Fatalf("header %s readable but not in the verdict's %v", n, resp.Verdict.VisibleHeaders)
			}
		}
		if !resp.Verdict.BodyReadable && resp.Body != nil {
			t.Fatalf("body %q readable against the verdict", resp.Body)
		}
	})
}
