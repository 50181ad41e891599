package spec_test

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/scenario"
)

// cacheStep is one fetch of a preflight-cache sequence. wait advances the virtual clock (seconds)
// before the fetch; pre lists the profiles that send a preflight for it (s=Spec, c=Chromium,
// f=Firefox, w=WebKit); fail lists those whose fetch ends in a network error.
type cacheStep struct {
	wait int
	req  algorithm.Request
	pre  string
	fail string
}

// letter is a profile's letter in cacheStep.pre.
func letter(p algorithm.Profile) string { return p.String()[:1] }

// cacheRoute is a server at url whose preflight answers with ACAO origin plus kv.
func cacheRoute(acao string, kv ...string) scenario.Route {
	ac := []string{"Access-Control-Allow-Origin", acao}
	if acao == pageS {
		ac = append(ac, "Access-Control-Allow-Credentials", "true")
	}
	return scenario.Route{Options: rsp(204, append(ac, kv...)...), Actual: rsp(200, ac...)}
}

// TestPreflightCache runs fetch sequences against one cache and a virtual clock per profile, from
// Fetch §concept-cache (entries, §concept-cache-match, -match-method, -match-header, clear
// cache entries) and §cors-preflight-fetch-0 steps 7.8–7.15, and for the profiles from the browsers'
// caches: Chromium services/network/cors/preflight_cache.cc and preflight_result.cc, Gecko
// netwerk/protocol/http/nsCORSListenerProxy.cpp (nsPreflightCache), WebKit
// Source/WebCore/loader/CrossOriginPreflightResultCache.cpp, and the harness's cache-* scenarios.
func TestPreflightCache(t *testing.T) {
	put := algorithm.Request{URL: apiURL, Method: "PUT"}
	del := algorithm.Request{URL: apiURL, Method: "DELETE"}
	putInc := algorithm.Request{URL: apiURL, Method: "PUT", Credentials: fetchmode.CredentialsInclude}
	xa := algorithm.Request{URL: apiURL, Headers: h("X-A", "1")}
	xb := algorithm.Request{URL: apiURL, Headers: h("X-B", "1")}
	xc := algorithm.Request{URL: apiURL, Headers: h("X-C", "1")}
	authz := algorithm.Request{URL: apiURL, Headers: h("Authorization", "Bearer t")}
	at := func(r algorithm.Request, u string) algorithm.Request { r.URL = u; return r }
	from := func(r algorithm.Request, o origin.Origin) algorithm.Request { r.Origin = o; return r }
	withCache := func(r algorithm.Request, m fetchmode.CacheMode) algorithm.Request { r.Cache = m; return r }
	page2 := origin.MustParse("https://app2.example")
	longURL := apiS + "/" + strings.Repeat("l", 1100)
	type R = map[string]scenario.Route
	cases := []struct {
		name    string
		anchor  string
		routes  R
		steps   []cacheStep
		checkMS map[string]int64 // lifetime_ms of the first preflight, per profile letter
		only    string           // profile letters to run; empty means all
	}{
		{name: "max-age 600 reused", anchor: "fetch#concept-http-fetch step 4.1", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")},
			steps:   []cacheStep{{req: put, pre: "scfw"}, {wait: 1, req: put, pre: ""}, {wait: 500, req: put, pre: ""}},
			checkMS: map[string]int64{"s": 600000, "c": 600000, "f": 600000, "w": 600000}},
		{name: "default five seconds", anchor: "fetch#cors-preflight-fetch-0 step 7.9", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT")},
			steps:   []cacheStep{{req: put, pre: "scfw"}, {wait: 4, req: put, pre: ""}, {wait: 2, req: put, pre: "scfw"}},
			checkMS: map[string]int64{"s": 5000, "c": 5000, "f": 5000, "w": 5000}},
		{name: "max-age 0 never reused", anchor: "fetch#concept-cache", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "0")},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: put, pre: "scfw"}}},
		{name: "keyed by url", anchor: "fetch#concept-cache-url", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600"), apiS + "/s": cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: at(put, apiS+"/s"), pre: "scfw"}, {req: put, pre: ""}}},
		{name: "keyed by query", anchor: "fetch#concept-cache-url", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: at(put, apiURL+"?a=1"), pre: "scfw"}, {req: at(put, apiURL+"?a=2"), pre: "scfw"}, {req: at(put, apiURL+"?a=1"), pre: ""}}},
		{name: "keyed by origin not url only", anchor: "fetch#concept-cache-origin", routes: R{apiURL: cacheRoute("*", "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: from(put, page2), pre: "scfw"}}},
		{name: "partitioned by top-level site", anchor: "fetch#concept-cache-key", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: algorithm.Request{Origin: page, TopLevel: page2, URL: apiURL, Method: "PUT"}, pre: "scfw"}}},
		{name: "methods listed together", anchor: "fetch#concept-cache-match-method", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT, DELETE", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: del, pre: ""}, {req: put, pre: ""}}},
		{name: "method not listed", anchor: "fetch#concept-cache-match-method", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: del, pre: "scfw", fail: "scfw"}}},
		{name: "headers listed together", anchor: "fetch#concept-cache-match-header", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Headers", "x-a, X-B", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: xa, pre: "scfw"}, {req: xb, pre: ""}, {req: xc, pre: "scfw", fail: "scfw"}}},
		{name: "credentialed entry serves omit", anchor: "fetch#concept-cache-match", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: putInc, pre: "scfw"}, {req: put, pre: "f"}}},
		{name: "omit entry does not serve include", anchor: "fetch#concept-cache-match", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: putInc, pre: "scfw"}}},
		{name: "merge or replace", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, cache-replace-or-merge", routes: R{apiURL: {OptionsSeq: []algorithm.Response{*rsp(204, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600"), *rsp(204, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "DELETE", "Access-Control-Max-Age", "600"), *rsp(204, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")}, Actual: rsp(200, "Access-Control-Allow-Origin", pageS)}},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: del, pre: "scfw"}, {req: put, pre: "cw"}}},
		{name: "clear on failure", anchor: "fetch#concept-main-fetch step 12", routes: R{apiURL: {Options: rsp(204, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600"), ActualSeq: []algorithm.Response{*rsp(200, "Access-Control-Allow-Origin", pageS), *rsp(200), *rsp(200, "Access-Control-Allow-Origin", pageS)}}},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: put, pre: "", fail: "scfw"}, {req: put, pre: "sf"}}},
		{name: "clear drops every method", anchor: "fetch#concept-cache-clear", routes: R{apiURL: {Options: rsp(204, "Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT, DELETE", "Access-Control-Max-Age", "600"), ActualSeq: []algorithm.Response{*rsp(200, "Access-Control-Allow-Origin", pageS), *rsp(200), *rsp(200, "Access-Control-Allow-Origin", pageS)}}},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: del, pre: "", fail: "scfw"}, {req: put, pre: "sf"}}},
		{name: "failed preflight stores nothing", anchor: "fetch#cors-preflight-fetch-0 step 8", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "DELETE", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: put, pre: "scfw", fail: "scfw"}, {req: put, pre: "scfw", fail: "scfw"}}},
		{name: "invalid max-age", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, cache-invalid-max-age", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "abc")},
			steps: []cacheStep{{req: put, pre: "scfw"}, {wait: 1, req: put, pre: "f"}}},
		{name: "two max-age headers", anchor: "fetch#extract-header-list-values step 2", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: put, pre: "scw"}, {wait: 4, req: put, pre: ""}, {wait: 2, req: put, pre: "scw"}}, only: "scw"},
		{name: "negative max-age", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, cache-negative-max-age", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "-1")},
			steps: []cacheStep{{req: put, pre: "scfw"}, {wait: 1, req: put, pre: "cfw"}}},
		{name: "padded and signed max-age chromium", anchor: "chromium: services/network/cors/preflight_result.cc (ParseAccessControlMaxAge)", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "+60")},
			steps: []cacheStep{{req: put, pre: "scfw"}, {wait: 30, req: put, pre: "sf"}}},
		{name: "cap spec none", anchor: "fetch#cors-preflight-fetch-0 step 7.10", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "100000")},
			steps:   []cacheStep{{req: put, pre: "scfw"}, {wait: 599, req: put, pre: ""}, {wait: 2, req: put, pre: "w"}, {wait: 6600, req: put, pre: "cw"}, {wait: 80000, req: put, pre: "cfw"}, {wait: 1000, req: put, pre: "w"}, {wait: 11800, req: put, pre: "scw"}},
			checkMS: map[string]int64{"s": 100000000, "c": 7200000, "f": 86400000, "w": 600000}},
		{name: "star method without credentials", anchor: "fetch#concept-cache-match-method", routes: R{apiURL: cacheRoute("*", "Access-Control-Allow-Methods", "*", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: del, pre: "f"}}},
		{name: "star header without credentials", anchor: "fetch#concept-cache-match-header", routes: R{apiURL: cacheRoute("*", "Access-Control-Allow-Headers", "*", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: xa, pre: "scfw"}, {req: xb, pre: "f"}}},
		{name: "star never covers authorization", anchor: "fetch#concept-cache-match-header", routes: R{apiURL: cacheRoute("*", "Access-Control-Allow-Headers", "*", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: xa, pre: "scfw"}, {req: authz, pre: "scf", fail: "s"}, {req: authz, pre: "scf", fail: "s"}}},
		{name: "head needs entry in firefox", anchor: "harness: Firefox 153.7.0esr, cache-head-firefox", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Headers", "x-a", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: algorithm.Request{URL: apiURL, Method: "HEAD", Headers: h("X-A", "1")}, pre: "scfw"}, {req: algorithm.Request{URL: apiURL, Method: "HEAD", Headers: h("X-A", "1")}, pre: "f"}, {req: xa, pre: ""}}},
		{name: "forced preflight caches method", anchor: "fetch#cors-preflight-fetch-0 step 7.4", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: algorithm.Request{URL: apiURL, Method: "POST", StreamBody: true}, pre: "scfw"}, {req: algorithm.Request{URL: apiURL, Method: "POST", StreamBody: true}, pre: ""}}, only: "s"},
		{name: "reload bypasses chromium", anchor: "harness: Chromium 156 and Firefox 153.7.0esr, cache-reload-bypasses", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: withCache(put, fetchmode.CacheReload), pre: "cf"}}},
		{name: "no-store stores nothing chromium", anchor: "harness: Chromium 156, cache-no-store-chromium", routes: R{apiURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: withCache(put, fetchmode.CacheNoStore), pre: "scw"}, {req: put, pre: "c"}}, only: "scw"},
		{name: "long url chromium", anchor: "chromium: services/network/cors/preflight_cache.cc (kMaxKeyLength)", routes: R{longURL: cacheRoute(pageS, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")},
			steps: []cacheStep{{req: at(put, longURL), pre: "scfw"}, {req: at(put, longURL), pre: "c"}}},
		{name: "entry for the redirect target", anchor: "fetch#concept-cache-url", routes: R{apiURL: {Options: allowA("Access-Control-Max-Age", "600"), Actual: redir(307, apiS+"/s", "Access-Control-Allow-Origin", pageS)}, apiS + "/s": {Options: allowA("Access-Control-Max-Age", "600"), Actual: rsp(200, "Access-Control-Allow-Origin", pageS)}},
			steps: []cacheStep{{req: put, pre: "scfw"}, {req: at(put, apiS+"/s"), pre: ""}}},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			for _, p := range allProfiles {
				if c.only != "" && !strings.Contains(c.only, letter(p)) {
					continue
				}
				clk := newClock()
				opts := clk.opts(p)
				tb := table(t, c.routes)
				for i, st := range c.steps {
					clk.advance(secs(st.wait))
					req := st.req
					if !req.Origin.IsValid() {
						req.Origin = page
					}
					v := algorithm.Fetch(req, tb, opts)
					l := letter(p)
					if got, want := preflightsSent(v) > 0, strings.Contains(st.pre, l); got != want {
						t.Errorf("%s step %d: preflight sent = %v, want %v (saw %q, outcome %s %s)", p, i, got, want, sawList(v), v.Outcome, v.Reason)
					}
					if got, want := v.Outcome != algorithm.OK, strings.Contains(st.fail, l); got != want {
						t.Errorf("%s step %d: failed = %v (%s %s %q), want %v", p, i, got, v.Outcome, v.Reason, v.FailedParameter, want)
					}
					if preflightsSent(v) == 0 && v.Outcome == algorithm.OK && len(v.Preflights) > 0 && !v.Preflights[0].CacheHit {
						t.Errorf("%s step %d: no preflight sent but not recorded as a cache hit: %+v", p, i, v.Preflights)
					}
					if i == 0 && c.checkMS != nil {
						if len(v.Preflights) == 0 || v.Preflights[0].LifetimeMS == nil {
							t.Errorf("%s: no lifetime recorded: %+v", p, v.Preflights)
						} else if got := *v.Preflights[0].LifetimeMS; got != c.checkMS[l] {
							t.Errorf("%s: lifetime_ms = %d, want %d", p, got, c.checkMS[l])
						}
					}
				}
			}
		})
	}
}

// TestPreflightCacheNullOrigins checks that every null-origin requester shares the entries for a URL
// within a partition: the cache's origin is the byte-serialized request origin, "null" for all of
// them (Fetch §concept-cache-origin).
func TestPreflightCacheNullOrigins(t *testing.T) {
	runCase(t, "two opaque frames share", "fetch#concept-cache-origin", func(t *testing.T) {
		clk := newClock()
		opts := clk.opts(algorithm.Spec)
		tb := table(t, map[string]scenario.Route{apiURL: cacheRoute("null", "Access-Control-Allow-Headers", "x-a", "Access-Control-Max-Age", "600")})
		first := algorithm.Fetch(algorithm.Request{Origin: origin.NewOpaque(), TopLevel: page, URL: apiURL, Headers: h("X-A", "1")}, tb, opts)
		second := algorithm.Fetch(algorithm.Request{Origin: origin.NewOpaque(), TopLevel: page, URL: apiURL, Headers: h("X-A", "1")}, tb, opts)
		if preflightsSent(first) != 1 || first.Outcome != algorithm.OK {
			t.Fatalf("first fetch: %s %s saw %q", first.Outcome, first.Reason, sawList(first))
		}
		if preflightsSent(second) != 0 {
			t.Errorf("second null-origin fetch sent a preflight; the cache origin is null for both")
		}
	})
}
