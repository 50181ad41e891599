package spec_test

import (
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/cache"
)

// TestProfilePolicies checks each profile's preflight-cache policy against the browsers' caches (the
// harness's cache-* scenarios where a real browser shows the behaviour, the engine's cache source
// where it does not; docs/profiles.md, "Preflight cache") and the standard's defaults (Fetch
// §cors-preflight-fetch-0 steps 7.9–7.10).
func TestProfilePolicies(t *testing.T) {
	S, C, F, W := algorithm.Spec.CachePolicy(), algorithm.Chromium.CachePolicy(), algorithm.Firefox.CachePolicy(), algorithm.WebKit.CachePolicy()
	cases := []struct {
		name   string
		anchor string
		ok     bool
	}{
		{name: "spec no cap", anchor: "fetch#cors-preflight-fetch-0 step 7.10", ok: S.MaxAgeCap <= 0},
		{name: "chromium cap 7200", anchor: "chromium: services/network/cors/preflight_result.cc (kMaxTimeout)", ok: C.MaxAgeCap == 7200*time.Second},
		{name: "firefox cap 86400", anchor: "gecko: netwerk/protocol/http/nsCORSListenerProxy.cpp (nsPreflightCache)", ok: F.MaxAgeCap == 86400*time.Second},
		{name: "webkit cap 600", anchor: "webkit: Source/WebCore/loader/CrossOriginPreflightResultCache.cpp (maxPreflightCacheTimeout)", ok: W.MaxAgeCap == 600*time.Second},
		{name: "spec per token", anchor: "fetch#concept-cache", ok: S.Granularity == cache.PerToken},
		{name: "firefox per token", anchor: "harness: Firefox 153.7.0esr, cache-replace-or-merge", ok: F.Granularity == cache.PerToken},
		{name: "chromium whole result", anchor: "harness: Chromium 156, cache-replace-or-merge", ok: C.Granularity == cache.WholeResult},
		{name: "webkit whole result", anchor: "harness: WebKitGTK 2.50.6, cache-replace-or-merge", ok: W.Granularity == cache.WholeResult},
		{name: "firefox credentials in key", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, cache-credentials-serves-anonymous", ok: F.CredentialsInKey && !S.CredentialsInKey && !C.CredentialsInKey && !W.CredentialsInKey},
		{name: "clears on failure spec and firefox", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, cache-cleared-on-failure", ok: S.ClearsOnFailure() && F.ClearsOnFailure() && !C.ClearsOnFailure() && !W.ClearsOnFailure()},
		{name: "webkit stores rejected", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, cache-failed-preflight-erases", ok: W.StoreRejected && !S.StoreRejected && !C.StoreRejected && !F.StoreRejected},
		{name: "firefox exempts get post only", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, cache-head-firefox", ok: F.ExemptMethods == cache.ExemptGetPost && S.ExemptMethods == cache.ExemptSafelisted && C.ExemptMethods == cache.ExemptSafelisted && W.ExemptMethods == cache.ExemptSafelisted},
		{name: "firefox invalid not stored", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, cache-invalid-max-age", ok: F.InvalidMaxAge == cache.InvalidDoNotStore && S.InvalidMaxAge == cache.InvalidUseDefault && C.InvalidMaxAge == cache.InvalidUseDefault && W.InvalidMaxAge == cache.InvalidUseDefault},
		{name: "spec and webkit unbounded", anchor: "webkit: Source/WebCore/loader/CrossOriginPreflightResultCache.cpp", ok: S.Capacity == 0 && W.Capacity == 0},
		{name: "firefox 100 lru", anchor: "gecko: netwerk/protocol/http/nsCORSListenerProxy.cpp (nsPreflightCache)", ok: F.Capacity == 100 && F.Eviction == cache.EvictLRU},
		{name: "chromium partitions", anchor: "chromium: services/network/cors/preflight_cache.cc", ok: C.PartitionCapacity == 32 && C.MaxPartitions == 128 && C.Eviction == cache.EvictRandomPurge && C.MaxURLLength == 1024},
		{name: "webkit star covers authorization", anchor: "harness: Chromium 156 and WebKitGTK 2.50.6, cache-wildcard-authorization", ok: W.WildcardCoversAuthorization && !S.WildcardCoversAuthorization && !C.WildcardCoversAuthorization},
		{name: "default max-age five seconds", anchor: "harness: Chromium 156, Firefox 153.7.0esr and WebKitGTK 2.50.6, cache-default-5s", ok: defaultLifetime(S) == 5*time.Second && defaultLifetime(C) == 5*time.Second && defaultLifetime(F) == 5*time.Second && defaultLifetime(W) == 5*time.Second},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			if !c.ok {
				t.Errorf("policy does not match the source: spec %+v chromium %+v firefox %+v webkit %+v", S, C, F, W)
			}
		})
	}
}

func defaultLifetime(p cache.Policy) time.Duration {
	d, ok := p.MaxAge(nil)
	if !ok {
		return -1
	}
	return d
}

// TestProfileNames checks the profile names the CLI and scenario files use.
func TestProfileNames(t *testing.T) {
	cases := []struct {
		name   string
		anchor string
		in     string
		want   algorithm.Profile
		ok     bool
	}{
		{name: "spec", anchor: "docs/profiles.md", in: "spec", want: algorithm.Spec, ok: true},
		{name: "chromium", anchor: "docs/profiles.md", in: "chromium", want: algorithm.Chromium, ok: true},
		{name: "firefox", anchor: "docs/profiles.md", in: "firefox", want: algorithm.Firefox, ok: true},
		{name: "webkit", anchor: "docs/profiles.md", in: "webkit", want: algorithm.WebKit, ok: true},
		{name: "case-insensitive", anchor: "docs/profiles.md", in: "WebKit", want: algorithm.WebKit, ok: true},
		{name: "unknown", anchor: "docs/profiles.md", in: "chrome", ok: false},
		{name: "empty", anchor: "docs/profiles.md", in: "", ok: false},
		{name: "invalid utf-8", anchor: "docs/profiles.md", in: "\xff", ok: false},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			p, err := algorithm.ParseProfile(c.in)
			if (err == nil) != c.ok {
				t.Fatalf("ParseProfile(%q) error = %v, want ok %v", c.in, err, c.ok)
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "corsim: ") {
					t.Errorf("error %q lacks the corsim: prefix", err)
				}
				return
			}
			if p != c.want || !p.IsValid() {
				t.Errorf("ParseProfile(%q) = %v", c.in, p)
			}
			b, err := p.MarshalText()
			if err != nil || strings.ToLower(c.in) != string(b) || p.String() != string(b) {
				t.Errorf("MarshalText = %q, %v", b, err)
			}
			var q algorithm.Profile
			if err := q.UnmarshalText(b); err != nil || q != p {
				t.Errorf("UnmarshalText(%q) = %v, %v", b, q, err)
			}
		})
	}
}
