package corstest_test

// Tests from the review of package corstest: each one failed before the fix named in its comment.
// Those for findings left unfixed skip unless CORSIM_REVIEW_UNFIXED is set.

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/corstest"
	"github.com/corsim/corsim/fetchmode"
)

// reflectAny is the classic leak: any Origin is echoed, with credentials.
func reflectAny(body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o := r.Header.Get("Origin"); o != "" {
			w.Header().Set("Access-Control-Allow-Origin", o)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		io.WriteString(w, body)
	})
}

var me = browser.Request{URL: "https://api.example/me", Credentials: fetchmode.CredentialsInclude}

// A response over MaxBodyBytes is corsim's own limit, not the browser's: a real browser reads it,
// so the fetch failing on it is no evidence that the attacker is blocked.
func TestReviewBodyLimitIsNoBlock(t *testing.T) {
	leak := reflectAny(strings.Repeat("x", 2048))
	if err := corstest.CheckBlocked(leak, "https://evil.test", me, "", corstest.WithBrowser(browser.MaxBodyBytes(1024))); err == nil {
		t.Error("CheckBlocked passed: the fetch failed only on the simulator's body limit, and any origin can read this response")
	}
	// The same in a policy: the allowed origin gets a short answer, anyone else a long one.
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := "ok"
		if r.Header.Get("Origin") != "https://app.example" {
			body = strings.Repeat("x", 2048)
		}
		reflectAny(body).ServeHTTP(w, r)
	})
	err := corstest.CheckPolicy(h, corstest.Policy{Allowed: []string{"https://app.example"}, Request: me}, corstest.WithBrowser(browser.MaxBodyBytes(1024)))
	if err == nil || !strings.Contains(err.Error(), "proves nothing") {
		t.Errorf("CheckPolicy: got %v; want the attackers' fetches reported as inconclusive", err)
	}
}

// A handler or profile given through WithBrowser must not replace the one the assertion is about.
func TestReviewWithBrowserCannotReplaceHandlerOrProfile(t *testing.T) {
	strict := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	if err := corstest.CheckBlocked(reflectAny("secret"), "https://evil.test", me, "", corstest.WithBrowser(browser.Handler(strict))); err == nil {
		t.Error("CheckBlocked passed for a handler that reflects any origin: WithBrowser(browser.Handler) replaced it")
	}
	// "*" in Access-Control-Allow-Headers does not cover Authorization in the standard.
	star := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Allow-Headers", "*")
	})
	req := browser.Request{URL: "https://api.example/me", Headers: fetchmode.HeaderList{{Name: "Authorization", Value: "Bearer t"}}}
	if err := corstest.CheckReadable(star, "https://app.example", req, corstest.WithBrowser(browser.WithProfile(algorithm.Chromium))); err == nil {
		t.Error("CheckReadable passed \"in every profile\", but the fetch fails in spec: WithBrowser(browser.WithProfile) ran Chromium four times")
	}
	// A Route for the handler's own origin would take its requests: say so rather than check
	// another handler.
	err := corstest.CheckBlocked(reflectAny("secret"), "https://evil.test", me, "", corstest.WithBrowser(browser.Route("https://api.example", strict)))
	if err == nil || !strings.Contains(err.Error(), "answered no request") {
		t.Errorf("a Route over the handler's origin: got %v", err)
	}
}

// A relative Policy.Request.URL resolves against each page, so every attacker fetches its own
// origin, and the failure blames the policy for what is a same-origin read.
func TestReviewPolicyNeedsAnAbsoluteURL(t *testing.T) {
	exact := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Origin") == "https://app.example" {
			w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
	})
	err := corstest.CheckPolicy(exact, corstest.Policy{Allowed: []string{"https://app.example"}, Request: browser.Request{URL: "/me"}})
	if err == nil || strings.Contains(err.Error(), "CAN read") || !strings.Contains(err.Error(), "absolute") {
		t.Errorf("got %v; want an error asking for an absolute URL", err)
	}
}

// An Allowed origin that parses but is not in serialized form gets told the form to use.
func TestReviewPolicyNamesTheSerializedForm(t *testing.T) {
	err := corstest.CheckPolicy(reflectAny(""), corstest.Policy{Allowed: []string{"https://bücher.example"}, Request: me})
	if err == nil || !strings.Contains(err.Error(), "https://xn--bcher-kva.example") {
		t.Errorf("got %v; want it to name https://xn--bcher-kva.example", err)
	}
}

// The recorder between the browser and the handler must not change what the handler can do
// (type-assert http.Flusher), nor report an interim 103 as the answer.
func TestReviewRecorderIsTransparent(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := w.(http.Flusher); !ok {
			http.Error(w, "streaming unsupported", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		w.WriteHeader(http.StatusEarlyHints)
		io.WriteString(w, "data")
	})
	err := corstest.CheckBlocked(h, "https://evil.test", me, "")
	if err == nil {
		t.Fatal("CheckBlocked passed")
	}
	if !strings.Contains(err.Error(), "script CAN read") {
		t.Errorf("got %v", err)
	}
	perr := corstest.CheckPolicy(h, corstest.Policy{Allowed: []string{"https://app.example"}, Request: me})
	if perr == nil || !strings.Contains(perr.Error(), "with status 200,") {
		t.Errorf("the policy failure names the interim status: %v", perr)
	}
}

// AssertPolicy used to try only Policy.Request. When that is a preflighted request, a server that
// checks the Origin in its preflight answer but reflects any Origin on other responses passed,
// though an attacker reads the same URL with a simple credentialed GET, which needs no preflight.
func TestReviewPolicyTriesOnlyTheGivenRequest(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o := r.Header.Get("Origin")
		if r.Method == http.MethodOptions {
			if o == "https://app.example" {
				w.Header().Set("Access-Control-Allow-Origin", o)
				w.Header().Set("Access-Control-Allow-Credentials", "true")
				w.Header().Set("Access-Control-Allow-Methods", "PUT")
			}
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", o)
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		io.WriteString(w, `{"email":"ada@example.com"}`)
	})
	put := browser.Request{URL: "https://api.example/me", Method: "PUT", Body: browser.Text("{}")}
	if err := corstest.CheckPolicy(h, corstest.Policy{Allowed: []string{"https://app.example"}, Request: put}); err == nil {
		t.Error("CheckPolicy passed, yet https://corsim-attacker.test reads GET /me with credentials")
	}
	corstest.AssertReadable(t, h, "https://corsim-attacker.test", me)
}

// Assertions from parallel tests share one handler; run with -race.
func TestReviewParallelAssertions(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Origin") == "https://app.example" {
			w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
	})
	for i := 0; i < 4; i++ {
		t.Run("", func(t *testing.T) {
			t.Parallel()
			corstest.AssertPolicy(t, h, corstest.Policy{Allowed: []string{"https://app.example"}, Request: me})
		})
	}
}
