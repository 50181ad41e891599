package spec_test

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/fetchoracle"
	"github.com/corsim/corsim/scenario"
)

// defaultRapidChecks is how many cases each property runs when -rapid.checks is not given; TestMain
// sets it (rapid's own default is 100).
const defaultRapidChecks = 10000

// world is one generated fetch: the call, the server, and the serialized origin of the page.
type world struct {
	req    algorithm.Request
	routes map[string]scenario.Route
	so     string
}

func drawWorld(t *rapid.T) world {
	pg := genOrigin().Draw(t, "page")
	req := genRequest(pg).Draw(t, "request")
	names := lowerNames(req.Headers)
	return world{req: req, routes: genServer(t, req.URL, pg.String(), req.Method, names), so: pg.String()}
}

// route returns the generated route that answers w's URL.
func (w world) route() scenario.Route {
	for _, r := range w.routes {
		return r
	}
	return scenario.Route{}
}

// run performs w's fetch under p with a fresh table, recording what reached the server.
func (w world) run(t *rapid.T, p algorithm.Profile) (algorithm.Verdict, []algorithm.SentRequest) {
	tb, err := scenario.NewTable(w.routes)
	if err != nil {
		t.Fatalf("NewTable: %v", err)
	}
	var rec []algorithm.SentRequest
	r := algorithm.ResponderFunc(func(s algorithm.SentRequest) (algorithm.Response, error) {
		rec = append(rec, s)
		return tb.Respond(s)
	})
	return algorithm.Fetch(w.req, r, algorithm.Options{Profile: p}), rec
}

// lowerNames returns the lower-cased, sorted, unique names of l.
func lowerNames(l fetchmode.HeaderList) []string {
	set := map[string]bool{}
	for _, e := range l {
		set[strings.ToLower(e.Name)] = true
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// forEachProfile runs prop as a rapid property once per profile.
func forEachProfile(t *testing.T, prop func(t *rapid.T, p algorithm.Profile)) {
	for _, p := range allProfiles {
		t.Run(profileName(p), func(t *testing.T) {
			rapid.Check(t, func(rt *rapid.T) { prop(rt, p) })
		})
	}
}

// (a) Fetch §concept-cors-check steps 3–4: a CORS response is readable only when ACAO is the
// byte-exact serialized origin or "*", and never "*" with credentials include.
func TestPropertyReadableNeedsExactACAO(t *testing.T) {
	forEachProfile(t, func(t *rapid.T, p algorithm.Profile) {
		w := drawWorld(t)
		v, _ := w.run(t, p)
		if v.Outcome != algorithm.OK || v.ResponseType != algorithm.TypeCORS {
			return
		}
		acao, ok := w.route().Actual.Headers.Get("Access-Control-Allow-Origin")
		if !ok || (acao != w.so && acao != "*") {
			t.Fatalf("readable with ACAO %q (present %v) for origin %q", acao, ok, w.so)
		}
		if acao == "*" && w.req.Credentials == fetchmode.CredentialsInclude {
			t.Fatalf("readable with ACAO * and credentials include")
		}
	})
}

// (b) Fetch §concept-cors-check steps 6–8: no credentialed CORS response is readable without ACAC
// exactly "true".
func TestPropertyCredentialedNeedsACACTrue(t *testing.T) {
	forEachProfile(t, func(t *rapid.T, p algorithm.Profile) {
		w := drawWorld(t)
		v, _ := w.run(t, p)
		if v.Outcome != algorithm.OK || v.ResponseType != algorithm.TypeCORS || w.req.Credentials != fetchmode.CredentialsInclude {
			return
		}
		if acac, _ := w.route().Actual.Headers.Get("Access-Control-Allow-Credentials"); acac != "true" {
			t.Fatalf("credentialed response readable with ACAC %q", acac)
		}
	})
}

// (c) Fetch §concept-http-fetch step 4.1.2: a failed preflight means the actual request never reached
// the server. The verdict's ServerSaw is also exactly what reached the server.
func TestPropertyFailedPreflightStopsRequest(t *testing.T) {
	forEachProfile(t, func(t *rapid.T, p algorithm.Profile) {
		w := drawWorld(t)
		v, rec := w.run(t, p)
		if len(rec) != len(v.ServerSaw) {
			t.Fatalf("server got %d requests, verdict lists %d", len(rec), len(v.ServerSaw))
		}
		actual := false
		for i, s := range rec {
			if s.Method != v.ServerSaw[i].Method || s.URL != v.ServerSaw[i].URL || s.Preflight != v.ServerSaw[i].Preflight {
				t.Fatalf("request %d: server got %s %s, verdict lists %s %s", i, s.Method, s.URL, v.ServerSaw[i].Method, v.ServerSaw[i].URL)
			}
			if !s.Preflight {
				actual = true
				continue
			}
			acrm, _ := header(s, "Access-Control-Request-Method")
			o, _ := header(s, "Origin")
			var names []string
			if acrh, ok := header(s, "Access-Control-Request-Headers"); ok {
				names = strings.Split(acrh, ",")
			}
			check := algorithm.PreflightCheck{Origin: o, Method: acrm, Headers: names, Credentials: w.req.Credentials, Forced: w.req.StreamBody}
			if _, f := algorithm.ValidatePreflight(p, check, *w.route().Options); !f.OK() {
				if i != len(rec)-1 {
					t.Fatalf("preflight failed (%s) but %d more requests followed", f.Reason, len(rec)-1-i)
				}
				if v.ActualSent || v.Outcome != algorithm.NetworkError {
					t.Fatalf("preflight failed (%s) but actual sent %v, outcome %s", f.Reason, v.ActualSent, v.Outcome)
				}
			}
		}
		if v.ActualSent != actual {
			t.Fatalf("ActualSent = %v, server saw an actual request: %v", v.ActualSent, actual)
		}
	})
}

// (d) Fetch §concept-filtered-response-cors and §cors-safelisted-response-header-name: visible headers
// ⊆ safelisted ∪ exposed, lower-cased, sorted, unique, present in the response, never Set-Cookie.
func TestPropertyVisibleHeaders(t *testing.T) {
	forEachProfile(t, func(t *rapid.T, p algorithm.Profile) {
		w := drawWorld(t)
		v, _ := w.run(t, p)
		if !sort.StringsAreSorted(v.VisibleHeaders) {
			t.Fatalf("visible headers not sorted: %q", v.VisibleHeaders)
		}
		resp := w.route().Actual.Headers
		exposed, star, parsed := fetchoracle.ExposedNames(resp)
		for i, n := range v.VisibleHeaders {
			if i > 0 && v.VisibleHeaders[i-1] == n || n != strings.ToLower(n) {
				t.Fatalf("visible headers not lower-case and unique: %q", v.VisibleHeaders)
			}
			if n == "set-cookie" || n == "set-cookie2" {
				t.Fatalf("%s is visible", n)
			}
			if !resp.Contains(n) {
				t.Fatalf("visible %q is not in the response", n)
			}
			switch v.ResponseType {
			case algorithm.TypeOpaque, algorithm.TypeOpaqueRedirect, algorithm.TypeError:
				t.Fatalf("%s response shows %q", v.ResponseType, n)
			case algorithm.TypeCORS:
				ok := fetchoracle.IsSafelistedResponseName(n) || parsed && exposed[n] ||
					parsed && star && w.req.Credentials != fetchmode.CredentialsInclude ||
					p == algorithm.WebKit && n == "accept" // WebKit HTTPParsers.cpp isCrossOriginSafeHeader lists Accept
				if !ok {
					t.Fatalf("cors response shows %q (exposed %v, star %v, parsed %v)", n, exposed, star, parsed)
				}
			}
		}
	})
}

// (e) Allowing more never blocks: adding a method to an Access-Control-Allow-Methods header (or a
// name to -Allow-Headers) that a passing preflight carried keeps the fetch passing. When the header
// was absent a new line is added, except for Allow-Methods on a forced preflight: there an absent
// header means «the request's method» (Fetch §cors-preflight-fetch-0 step 7.4), so adding a line
// would replace that list, as the standard intends.
func TestPropertyAllowingMoreNeverBlocks(t *testing.T) {
	forEachProfile(t, func(t *rapid.T, p algorithm.Profile) {
		w := drawWorld(t)
		v, _ := w.run(t, p)
		if v.Outcome != algorithm.OK || preflightsSent(v) == 0 {
			return
		}
		name := "Access-Control-Allow-Methods"
		extra := rapid.SampledFrom([]string{"PUT", "DELETE", "patch", "*", "GET"}).Draw(t, "extra-method")
		if rapid.Bool().Draw(t, "headers") {
			name = "Access-Control-Allow-Headers"
			extra = rapid.SampledFrom([]string{"x-a", "X-B", "*", "authorization", "content-type"}).Draw(t, "extra-header")
		}
		route := w.route()
		pre := *route.Options
		pre.Headers = pre.Headers.Clone()
		if pre.Headers.Contains(name) {
			for i := range pre.Headers {
				if strings.EqualFold(pre.Headers[i].Name, name) {
					pre.Headers[i].Value += ", " + extra
					break
				}
			}
		} else if name == "Access-Control-Allow-Methods" && w.req.StreamBody {
			return
		} else {
			pre.Headers.Append(name, extra)
		}
		route.Options = &pre
		w2 := w
		w2.routes = map[string]scenario.Route{}
		for u := range w.routes {
			w2.routes[u] = route
		}
		v2, _ := w2.run(t, p)
		if v2.Outcome != algorithm.OK {
			t.Fatalf("adding %q to %s blocked the fetch: %s %s", extra, name, v2.Reason, v2.FailedParameter)
		}
	})
}

// neverSafelisted reports whether a request-header name is CORS-unsafe in every profile whatever its
// value (and not forbidden, so script can send it).
func neverSafelisted(n string) bool {
	switch n {
	case "accept", "accept-language", "content-language", "content-type", "range", "user-agent", "cookie",
		"dpr", "save-data", "device-memory", "viewport-width", "width", "rtt", "downlink", "ect", "intervention":
		return false
	}
	return true
}

// (f) Fetch §cors-preflight-fetch-0 steps 3–5: the preflight carries the normalized method and only
// CORS-unsafe names, lower-cased, sorted, unique, joined with "," — and every name that can never be
// safelisted — and no credentials.
func TestPropertyPreflightHeaders(t *testing.T) {
	forEachProfile(t, func(t *rapid.T, p algorithm.Profile) {
		w := drawWorld(t)
		v, _ := w.run(t, p)
		method := w.req.Method
		if method == "" {
			method = "GET"
		}
		sent := map[string]bool{}
		for _, e := range w.req.Headers {
			n := strings.ToLower(e.Name)
			if fetchmode.IsForbiddenRequestHeader(e.Name, e.Value) || p == algorithm.Chromium && n == "user-agent" {
				continue // dropped by the Headers guard (Chromium's net/http/http_util.cc forbids user-agent)
			}
			sent[n] = true
		}
		if w.req.Body != nil {
			sent["content-type"] = true
		}
		for _, s := range v.ServerSaw {
			if !s.Preflight {
				continue
			}
			if s.Credentials || s.Method != "OPTIONS" {
				t.Fatalf("preflight %s with credentials %v", s.Method, s.Credentials)
			}
			if acrm, _ := header(s, "Access-Control-Request-Method"); acrm != fetchmode.NormalizeMethod(method) {
				t.Fatalf("ACRM %q for method %q", acrm, method)
			}
			acrh, present := header(s, "Access-Control-Request-Headers")
			var names []string
			if present {
				names = strings.Split(acrh, ",")
			}
			listed := map[string]bool{}
			for i, n := range names {
				if n == "" || n != strings.ToLower(n) || strings.ContainsAny(n, " \t") || i > 0 && names[i-1] >= n {
					t.Fatalf("ACRH %q is not a lower-case sorted set joined by commas", acrh)
				}
				if !sent[n] {
					t.Fatalf("ACRH lists %q, which the request does not carry", n)
				}
				listed[n] = true
			}
			for n := range sent {
				if neverSafelisted(n) && !listed[n] {
					t.Fatalf("ACRH %q omits the unsafe name %q", acrh, n)
				}
			}
		}
	})
}

// (g) Determinism: the same calls, profile, cache state and clock give the same verdicts.
func TestPropertyDeterministic(t *testing.T) {
	forEachProfile(t, func(t *rapid.T, p algorithm.Profile) {
		w := drawWorld(t)
		second := genRequest(w.req.Origin).Draw(t, "second")
		second.TopLevel = w.req.TopLevel
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		runTwice := func() []algorithm.Verdict {
			tb, err := scenario.NewTable(w.routes)
			if err != nil {
				t.Fatalf("NewTable: %v", err)
			}
			opts := algorithm.Options{Profile: p, Cache: p.NewCache(), Clock: func() time.Time { return at }}
			return []algorithm.Verdict{algorithm.Fetch(w.req, tb, opts), algorithm.Fetch(w.req, tb, opts), algorithm.Fetch(second, tb, opts)}
		}
		a, b := runTwice(), runTwice()
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("verdicts differ between identical runs:\n%+v\n%+v", a, b)
		}
	})
}
