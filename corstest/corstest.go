// Package corstest asserts, in a normal go test, what a page in a browser could do with a
// fetch() against your own http.Handler: read the response, or not, and why.
//
//	func TestCheckoutCORS(t *testing.T) {
//		corstest.AssertReadable(t, api.New(), "https://www.shop.test", browser.Request{
//			URL: "https://api.shop.test/cart/items/17", Method: "PATCH",
//			Headers:     fetchmode.HeaderList{{Name: "Content-Type", Value: "application/json"}},
//			Body:        browser.Text(`{"quantity":3}`),
//			Credentials: fetchmode.CredentialsInclude,
//		})
//	}
//
// Each assertion runs the fetch through package browser once per profile (the Fetch standard,
// Chromium, Firefox and WebKit unless Profiles narrows them), each with a fresh browser and
// preflight cache, so the handler sees every request once per profile. A failure names the
// profiles it failed in and, for each, the reason as DevTools names it, the console message, the
// fix, the requests the browser sent and the algorithm's steps.
//
// AssertPolicy checks a whole policy at once: that the origins you allow can read a credentialed
// response, and that the origins a careless policy lets in by mistake (null, an http:// downgrade,
// prefix and suffix look-alikes, sibling and child subdomains, an arbitrary origin) cannot.
//
// The Check functions return the same findings as an error, for use outside a test.
package corstest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
)

// An Option changes how an assertion runs.
type Option func(*config)

type config struct {
	profiles []algorithm.Profile
	browser  []browser.Option
}

// Profiles runs the assertion only under ps, for a behaviour the browsers do not share.
func Profiles(ps ...algorithm.Profile) Option {
	return func(c *config) { c.profiles = ps }
}

// WithBrowser adds options to each browser the assertion makes, such as browser.Route for a
// second server the fetch is redirected to. The handler under test and the profile are the
// assertion's: a browser.Handler or browser.WithProfile among opts has no effect (use Profiles),
// and a Route may serve only other origins than the handler's.
func WithBrowser(opts ...browser.Option) Option {
	return func(c *config) { c.browser = append(c.browser, opts...) }
}

func configure(opts []Option) config {
	c := config{profiles: algorithm.Profiles()}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

// run is one fetch under one profile.
type run struct {
	profile algorithm.Profile
	resp    *browser.Response
	err     *browser.Error
	exch    *exchangeLog
}

func (r run) readable() bool {
	return r.err == nil && r.resp != nil && r.resp.Verdict.BodyReadable
}

// transportErr is the error that stopped the fetch before the browser decided anything about
// reading: the handler panicked or aborted, the body was over browser.MaxBodyBytes, no handler
// served the URL. Such a failure is no evidence that an origin is blocked: a real browser may
// well read the response.
func (r run) transportErr() error {
	if r.err == nil {
		return nil
	}
	return r.err.Err
}

// inconclusive writes, for the runs whose fetch failed before the browser decided anything, why
// they prove nothing.
func inconclusive(s *strings.Builder, what string, rs []run) {
	fmt.Fprintf(s, "%s: the fetch failed in %s before CORS decided anything, so it proves nothing about who can read the response:", what, profileNames(rs))
	for _, r := range rs {
		fmt.Fprintf(s, "\n  in %s: %v", r.profile, r.transportErr())
	}
	s.WriteString("\n")
}

// fetchAll runs req from page under each profile, against h.
func fetchAll(h http.Handler, page string, req browser.Request, c config) ([]run, error) {
	if h == nil {
		return nil, errors.New("corstest: the handler is nil")
	}
	if len(c.profiles) == 0 {
		return nil, errors.New("corstest: Profiles() with no profile checks nothing")
	}
	runs := make([]run, 0, len(c.profiles))
	for _, p := range c.profiles {
		r := run{profile: p}
		r.exch = &exchangeLog{}
		rec := &recorder{h: h, log: r.exch}
		// The assertion's profile and handler come last, so that WithBrowser cannot replace them.
		opts := append(slices.Clone(c.browser), browser.WithProfile(p), browser.Handler(rec))
		b, err := browser.New(page, opts...)
		if err != nil {
			return nil, fmt.Errorf("corstest: %w", err)
		}
		resp, err := b.Fetch(context.Background(), req)
		if err != nil {
			if !errors.As(err, &r.err) {
				return nil, fmt.Errorf("corstest: %w", err)
			}
		}
		r.resp = resp
		if len(verdictOf(r).ServerSaw) > 0 && !r.exch.any() {
			return nil, fmt.Errorf("corstest: the browser sent %s %s, but the handler under test answered no request: a browser.Route given with WithBrowser serves that origin", verdictOf(r).ServerSaw[0].Method, verdictOf(r).ServerSaw[0].URL)
		}
		runs = append(runs, r)
	}
	return runs, nil
}

// describe names the fetch in a failure message.
func describe(page string, req browser.Request) string {
	s := fmt.Sprintf("a page on %s calling fetch(%q) with method %s", page, req.URL, req.NormalizedMethod())
	var extra []string
	if req.Mode != 0 {
		extra = append(extra, fmt.Sprintf("mode %q", req.Mode))
	}
	if req.Credentials != 0 {
		extra = append(extra, fmt.Sprintf("credentials %q", req.Credentials))
	}
	if len(req.Headers) > 0 {
		var names []string
		for _, h := range req.Headers {
			names = append(names, h.Name)
		}
		extra = append(extra, "headers "+strings.Join(names, ", "))
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// accounts is what each run concluded, for a failure message. Requests and steps that repeat
// those of a profile already shown are named, not repeated.
func accounts(page string, rs []run) string {
	var s strings.Builder
	var shown []run
	for _, r := range rs {
		fmt.Fprintf(&s, "  in %s:\n", r.profile)
		var text string
		if r.err != nil {
			text = r.err.Explain()
			// Explain's first line repeats the fetch, which the message already names.
			if i := strings.IndexByte(text, '\n'); i >= 0 {
				text = text[i+1:]
			}
		} else {
			text = r.resp.Explain()
			if i := strings.IndexByte(text, '\n'); i >= 0 {
				text = text[i+1:]
			}
		}
		v := verdictOf(r)
		for _, p := range shown {
			pv := verdictOf(p)
			if fmt.Sprint(pv.ServerSaw) == fmt.Sprint(v.ServerSaw) {
				text = cut(text, "  requests sent:", "  steps:", "  requests sent: as in "+p.profile.String()+"\n")
			}
			if len(v.Trace) > 0 && fmt.Sprint(pv.Trace) == fmt.Sprint(v.Trace) {
				text = cut(text, "  steps:", "", "  steps: as in "+p.profile.String()+"\n")
			}
		}
		shown = append(shown, r)
		text = strings.TrimRight(text, "\n") + "\n" + r.exch.summary()
		for _, line := range strings.SplitAfter(strings.TrimRight(text, "\n"), "\n") {
			s.WriteString("  ")
			s.WriteString(line)
		}
		s.WriteString("\n")
	}
	return s.String()
}

// cut replaces the part of text from the line starting with from up to the line starting with to
// (or the end, when to is empty or absent) with with.
func cut(text, from, to, with string) string {
	i := strings.Index(text, from)
	if i < 0 {
		return text
	}
	j := len(text)
	if to != "" {
		if k := strings.Index(text[i:], to); k >= 0 {
			j = i + k
		}
	}
	return text[:i] + with + text[j:]
}

func verdictOf(r run) *algorithm.Verdict {
	if r.err != nil {
		return &r.err.Verdict
	}
	return &r.resp.Verdict
}

// CheckReadable reports, as an error, every profile in which script on page cannot read the
// response to req from h: the fetch fails, or its response is opaque. It returns nil when every
// profile can read it.
func CheckReadable(h http.Handler, page string, req browser.Request, opts ...Option) error {
	c := configure(opts)
	runs, err := fetchAll(h, page, req, c)
	if err != nil {
		return err
	}
	var bad []run
	for _, r := range runs {
		if !r.readable() {
			bad = append(bad, r)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	var s strings.Builder
	fmt.Fprintf(&s, "%s: script cannot read the response in %s\n", describe(page, req), profileNames(bad))
	var failed []run
	for _, r := range bad {
		if r.err == nil {
			fmt.Fprintf(&s, "  in %s: the fetch succeeds but the response is %s, so script reads neither status nor body\n", r.profile, r.resp.Type)
			continue
		}
		failed = append(failed, r)
	}
	s.WriteString(accounts(page, failed))
	return errors.New(strings.TrimRight(s.String(), "\n"))
}

// CheckBlocked reports, as an error, every profile in which script on page can read the response
// to req from h, or in which the fetch fails for another reason than reason (any reason will do
// when reason is empty). A no-cors fetch whose response is opaque counts as blocked. A fetch that
// fails before the browser decides anything (the handler panics, the body is over
// browser.MaxBodyBytes) does not, unless reason is algorithm.NetworkFailure.
func CheckBlocked(h http.Handler, page string, req browser.Request, reason algorithm.Reason, opts ...Option) error {
	c := configure(opts)
	runs, err := fetchAll(h, page, req, c)
	if err != nil {
		return err
	}
	var read, broken, other []run
	for _, r := range runs {
		switch {
		case r.readable():
			read = append(read, r)
		case r.transportErr() != nil && reason != algorithm.NetworkFailure:
			broken = append(broken, r)
		case reason != "" && (r.err == nil || r.err.Reason() != reason):
			other = append(other, r)
		}
	}
	if len(read) == 0 && len(broken) == 0 && len(other) == 0 {
		return nil
	}
	var s strings.Builder
	if len(read) > 0 {
		fmt.Fprintf(&s, "%s: script CAN read the response in %s\n", describe(page, req), profileNames(read))
		s.WriteString(accounts(page, read))
	}
	if len(broken) > 0 {
		inconclusive(&s, describe(page, req), broken)
	}
	if len(other) > 0 {
		fmt.Fprintf(&s, "%s: want %s, but in %s it is", describe(page, req), reason, profileNames(other))
		for i, r := range other {
			if i > 0 {
				s.WriteString(",")
			}
			if r.err == nil {
				fmt.Fprintf(&s, " %s (an opaque response)", r.profile)
			} else {
				fmt.Fprintf(&s, " %s in %s", r.err.Reason(), r.profile)
			}
		}
		s.WriteString("\n")
		var failed []run
		for _, r := range other {
			if r.err != nil {
				failed = append(failed, r)
			}
		}
		s.WriteString(accounts(page, failed))
	}
	return errors.New(strings.TrimRight(s.String(), "\n"))
}

// AssertReadable fails t unless script on page can read the response to req from h in every
// profile (see CheckReadable). It returns whether the assertion held.
func AssertReadable(t testing.TB, h http.Handler, page string, req browser.Request, opts ...Option) bool {
	t.Helper()
	if err := CheckReadable(h, page, req, opts...); err != nil {
		t.Error(err)
		return false
	}
	return true
}

// AssertBlocked fails t unless script on page cannot read the response to req from h in any
// profile, and, when reason is not empty, the fetch fails with that reason (see CheckBlocked).
// It returns whether the assertion held.
func AssertBlocked(t testing.TB, h http.Handler, page string, req browser.Request, reason algorithm.Reason, opts ...Option) bool {
	t.Helper()
	if err := CheckBlocked(h, page, req, reason, opts...); err != nil {
		t.Error(err)
		return false
	}
	return true
}

func profileNames(rs []run) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.profile.String()
	}
	if len(names) == len(algorithm.Profiles()) && slices.Equal(names, allNames()) {
		return "every profile (" + strings.Join(names, ", ") + ")"
	}
	return strings.Join(names, ", ")
}

func allNames() []string {
	var out []string
	for _, p := range algorithm.Profiles() {
		out = append(out, p.String())
	}
	return out
}
