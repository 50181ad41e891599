package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// cartServer is a loopback API for the probe tests: it allows origin with credentials, PATCH and
// the headers in allowHeaders, and records each request line it gets.
type cartServer struct {
	origin, allowHeaders string
	mu                   sync.Mutex
	seen                 []string
}

func (c *cartServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	c.seen = append(c.seen, r.Method+" "+r.URL.Path)
	c.mu.Unlock()
	if r.Header.Get("Origin") == c.origin {
		w.Header().Set("Access-Control-Allow-Origin", c.origin)
		w.Header().Set("Access-Control-Allow-Credentials", "true")
	}
	if r.Method == http.MethodOptions {
		w.Header().Set("Access-Control-Allow-Methods", "GET, PATCH")
		w.Header().Set("Access-Control-Allow-Headers", c.allowHeaders)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"ok":true}`))
}

func (c *cartServer) requests() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.seen, ", ")
}

func TestProbe(t *testing.T) {
	const page = "https://www.shop.test"
	patch := []string{"--origin", page, "--method", "PATCH", "-H", "Content-Type: application/json", "-H", "X-CSRF-Token: k9", "--data", `{"q":3}`, "--credentials", "include"}

	t.Run("readable", func(t *testing.T) {
		s := &cartServer{origin: page, allowHeaders: "content-type, x-csrf-token"}
		srv := httptest.NewServer(s)
		defer srv.Close()
		status, out, errs := corsim(t, "", append(append([]string{"probe"}, patch...), srv.URL+"/cart")...)
		if status != exitOK || !strings.Contains(out, "OK: fetch() resolves") || !strings.Contains(out, "body readable") {
			t.Errorf("status %d\n%s\n%s", status, out, errs)
		}
		if got := s.requests(); got != "OPTIONS /cart, PATCH /cart" {
			t.Errorf("server saw %s", got)
		}
	})
	t.Run("blocked preflight sends no PATCH", func(t *testing.T) {
		s := &cartServer{origin: page, allowHeaders: "content-type"}
		srv := httptest.NewServer(s)
		defer srv.Close()
		// Flags after the URL work too.
		status, out, _ := corsim(t, "", append([]string{"probe", srv.URL + "/cart"}, patch...)...)
		for _, want := range []string{"BLOCKED", "HeaderDisallowedByPreflightResponse (x-csrf-token)", "Fix       add x-csrf-token to Access-Control-Allow-Headers", "Console   Access to fetch at"} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
		if status != exitInput {
			t.Errorf("status %d, want %d", status, exitInput)
		}
		if got := s.requests(); got != "OPTIONS /cart" {
			t.Errorf("server saw %s; a blocked preflight must stop the PATCH", got)
		}
	})
	t.Run("json, firefox, another origin", func(t *testing.T) {
		s := &cartServer{origin: page, allowHeaders: "content-type"}
		srv := httptest.NewServer(s)
		defer srv.Close()
		status, out, _ := corsim(t, "", "probe", "--json", "--browser", "firefox", "--origin", "https://evil.test", srv.URL+"/cart")
		var got struct {
			Schema, Kind, Browser string
			PageOrigin            string `json:"page_origin"`
			Fetches               []struct {
				Verdict struct {
					Reason     string `json:"reason"`
					ActualSent bool   `json:"actual_sent"`
				}
				Fix string
			}
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if status != exitInput || got.Schema != "corsim/1" || got.Kind != "probe" || got.Browser != "firefox" || got.PageOrigin != "https://evil.test" ||
			len(got.Fetches) != 1 || got.Fetches[0].Verdict.Reason != "MissingAllowOriginHeader" || !got.Fetches[0].Verdict.ActualSent {
			t.Errorf("status %d, %+v", status, got)
		}
	})
	t.Run("unreachable", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		url := srv.URL
		srv.Close()
		status, out, _ := corsim(t, "", "probe", "--origin", page, url+"/x")
		if status != exitInput || !strings.Contains(out, "NetworkFailure") || !strings.Contains(out, "Network ") {
			t.Errorf("status %d\n%s", status, out)
		}
	})
	for _, c := range []struct {
		name string
		args []string
		err  string
	}{
		{"no origin", []string{"probe", "http://127.0.0.1:1/"}, "--origin is required"},
		{"no URL", []string{"probe", "--origin", page}, "want exactly one URL"},
		{"bad credentials", []string{"probe", "--origin", page, "--credentials", "yes", "http://127.0.0.1:1/"}, "want one of omit, same-origin, include"},
		{"bad header", []string{"probe", "--origin", page, "-H", "nocolon", "http://127.0.0.1:1/"}, `want "Name: value"`},
		{"bad origin", []string{"probe", "--origin", "shop", "http://127.0.0.1:1/"}, "page:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, _, errs := corsim(t, "", c.args...)
			if status != exitUsage || !strings.Contains(errs, c.err) {
				t.Errorf("status %d, stderr %s", status, errs)
			}
		})
	}
}
