package corstest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/corstest"
	"github.com/corsim/corsim/fetchmode"
)

// allow is a CORS handler that lets origins matching ok read with credentials, PATCH and
// content-type/x-csrf-token included.
func allow(ok func(string) bool, allowHeaders string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o := r.Header.Get("Origin"); o != "" && ok(o) {
			w.Header().Set("Access-Control-Allow-Origin", o)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		w.Header().Add("Vary", "Origin")
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "PATCH")
			w.Header().Set("Access-Control-Allow-Headers", allowHeaders)
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Write([]byte(`{"quantity":3}`))
	})
}

func exactly(allowed string) func(string) bool { return func(o string) bool { return o == allowed } }

var checkout = browser.Request{
	URL: "https://api.shop.test/cart/items/17", Method: "PATCH",
	Headers: fetchmode.HeaderList{
		{Name: "Content-Type", Value: "application/json"},
		{Name: "X-CSRF-Token", Value: "k9Xq2"},
	},
	Body:        browser.Text(`{"quantity":3}`),
	Credentials: fetchmode.CredentialsInclude,
}

func TestReadableAndBlocked(t *testing.T) {
	good := allow(exactly("https://www.shop.test"), "content-type, x-csrf-token")
	corstest.AssertReadable(t, good, "https://www.shop.test", checkout)
	corstest.AssertBlocked(t, good, "https://evil.test", checkout, algorithm.PreflightMissingAllowOriginHeader)

	forgot := allow(exactly("https://www.shop.test"), "content-type")
	err := corstest.CheckReadable(forgot, "https://www.shop.test", checkout)
	if err == nil {
		t.Fatal("CheckReadable passed a preflight that does not allow x-csrf-token")
	}
	for _, want := range []string{
		"script cannot read the response in every profile (spec, chromium, firefox, webkit)",
		"blocked: HeaderDisallowedByPreflightResponse (x-csrf-token)",
		"fix: add x-csrf-token to Access-Control-Allow-Headers",
		"OPTIONS https://api.shop.test/cart/items/17 (preflight)",
		"steps:",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the failure lacks %q:\n%s", want, err)
		}
	}
	if err := corstest.CheckBlocked(forgot, "https://www.shop.test", checkout, algorithm.HeaderDisallowedByPreflightResponse); err != nil {
		t.Error(err)
	}
	err = corstest.CheckBlocked(forgot, "https://www.shop.test", checkout, algorithm.MissingAllowOriginHeader)
	if err == nil || !strings.Contains(err.Error(), "want MissingAllowOriginHeader, but in every profile") {
		t.Errorf("a wrong reason: got %v", err)
	}
	if err := corstest.CheckBlocked(good, "https://www.shop.test", checkout, ""); err == nil || !strings.Contains(err.Error(), "script CAN read") {
		t.Errorf("CheckBlocked on a readable fetch: got %v", err)
	}
}

func TestProfilesNarrow(t *testing.T) {
	// "*" in Access-Control-Allow-Headers covers Authorization in Chromium, Firefox and WebKit but
	// not in the standard.
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Allow-Headers", "*")
	})
	req := browser.Request{URL: "https://api.test/me", Headers: fetchmode.HeaderList{{Name: "Authorization", Value: "Bearer t"}}}
	err := corstest.CheckReadable(h, "https://app.test", req)
	if err == nil || !strings.Contains(err.Error(), "cannot read the response in spec\n") {
		t.Errorf("got %v", err)
	}
	corstest.AssertReadable(t, h, "https://app.test", req, corstest.Profiles(algorithm.Chromium, algorithm.Firefox, algorithm.WebKit))
	corstest.AssertBlocked(t, h, "https://app.test", req, algorithm.HeaderDisallowedByPreflightResponse, corstest.Profiles(algorithm.Spec))
}

func TestAttackers(t *testing.T) {
	got := strings.Join(corstest.Attackers("https://www.shop.test"), " ")
	want := "null http://www.shop.test https://www.shop.test.evil.test https://www.shop.test-evil.test https://evilwww.shop.test https://wwwxshop.test https://evil.shop.test https://evil.www.shop.test https://www.shop.test:8443 https://corsim-attacker.test"
	if got != want {
		t.Errorf("Attackers:\n got %s\nwant %s", got, want)
	}
	if got := corstest.Attackers("http://127.0.0.1:8080"); strings.Join(got, " ") != "null http://127.0.0.1:8443 https://corsim-attacker.test" {
		t.Errorf("Attackers of an IP origin: %v", got)
	}
	if corstest.Attackers("not an origin") != nil {
		t.Error("Attackers of a non-origin is not nil")
	}
}

func TestPolicy(t *testing.T) {
	page := "https://www.shop.test"
	p := corstest.Policy{Allowed: []string{page}, Request: checkout}
	corstest.AssertPolicy(t, allow(exactly(page), "content-type, x-csrf-token"), p)

	for _, c := range []struct {
		name  string
		ok    func(string) bool
		wants []string
	}{
		{"reflect any", func(string) bool { return true }, []string{"https://corsim-attacker.test, an origin the policy does not allow, CAN read", "reflects any Origin", "null, an origin"}},
		{"prefix", func(o string) bool { return strings.HasPrefix(o, page) }, []string{"https://www.shop.test.evil.test, an origin", "https://www.shop.test:8443, an origin", "Access-Control-Allow-Origin: https://www.shop.test.evil.test, Access-Control-Allow-Credentials: true"}},
		{"suffix", func(o string) bool { return strings.HasSuffix(o, "shop.test") }, []string{"https://evilwww.shop.test", "https://evil.shop.test,", "http://www.shop.test, an origin", "allow only https://"}},
		{"null", func(o string) bool { return o == page || o == "null" }, []string{"null, an origin the policy does not allow", `never allow "null"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := corstest.CheckPolicy(allow(c.ok, "content-type, x-csrf-token"), p)
			if err == nil {
				t.Fatal("CheckPolicy passed a leaky policy")
			}
			for _, w := range c.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("lacks %q:\n%s", w, err)
				}
			}
		})
	}
	// A policy nothing passes proves nothing.
	err := corstest.CheckPolicy(allow(exactly(page), "content-type"), p)
	if err == nil || !strings.Contains(err.Error(), "proves nothing") {
		t.Errorf("got %v", err)
	}
	if err := corstest.CheckPolicy(allow(exactly(page), ""), corstest.Policy{}); err == nil {
		t.Error("an empty Allowed passed")
	}
}

func TestFailureNamesTheAnswerAndHintsAtTheRouter(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("PATCH /cart/items/{id}", allow(exactly("https://www.shop.test"), "content-type, x-csrf-token"))
	err := corstest.CheckReadable(mux, "https://www.shop.test", checkout, corstest.Profiles(algorithm.Chromium))
	if err == nil {
		t.Fatal("a 405 preflight passed")
	}
	for _, want := range []string{"the handler answered:", "OPTIONS https://api.shop.test/cart/items/17 → status 405, no Access-Control-Allow-Origin", "hint: the preflight got status 405; does an OPTIONS route exist"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("lacks %q:\n%s", want, err)
		}
	}
}
