package spec_test

import (
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/cache"
)

// TestProfilePolicies checks each profile's preflight-cache policy against the summary table of
// browsers.md §1.4 and the standard's defaults (Fetch §cors-preflight-fetch-0 steps 7.9–7.10).
func TestProfilePolicies(t *testing.T) {
	S, C, F, W := algorithm.Spec.CachePolicy(), algorithm.Chromium.CachePolicy(), algorithm.Firefox.CachePolicy(), algorithm.WebKit.CachePolicy()
	cases := []struct {
		name   string
		anchor string
		ok     bool
	}{
		{name: "spec no cap", anchor: "fetch#cors-preflight-fetch-0 step 7.10", ok: S.MaxAgeCap <= 0},
		{name: "chromium cap 7200", anchor: "browsers.md §1.4", ok: C.MaxAgeCap == 7200*time.Second},
		{name: "firefox cap 86400", anchor: "browsers.md §1.4", ok: F.MaxAgeCap == 86400*time.Second},
		{name: "webkit cap 600", anchor: "browsers.md §1.4", ok: W.MaxAgeCap == 600*time.Second},
		{name: "spec per token", anchor: "fetch#concept-cache", ok: S.Granularity == cache.PerToken},
		{name: "firefox per token", anchor: "browsers.md §1.4", ok: F.Granularity == cache.PerToken},
		{name: "chromium whole result", anchor: "browsers.md §1.4", ok: C.Granularity == cache.WholeResult},
		{name: "webkit whole result", anchor: "browsers.md §1.4", ok: W.Granularity == cache.WholeResult},
		{name: "firefox credentials in key", anchor: "browsers.md §1.2", ok: F.CredentialsInKey && !S.CredentialsInKey && !C.CredentialsInKey && !W.CredentialsInKey},
		{name: "clears on failure spec and firefox", anchor: "browsers.md §7 item 2", ok: S.ClearsOnFailure() && F.ClearsOnFailure() && !C.ClearsOnFailure() && !W.ClearsOnFailure()},
		{name: "webkit stores rejected", anchor: "browsers.md §7 item 12", ok: W.StoreRejected && !S.StoreRejected && !C.StoreRejected && !F.StoreRejected},
		{name: "firefox exempts get post only", anchor: "browsers.md §7 item 7", ok: F.ExemptMethods == cache.ExemptGetPost && S.ExemptMethods == cache.ExemptSafelisted && C.ExemptMethods == cache.ExemptSafelisted && W.ExemptMethods == cache.ExemptSafelisted},
		{name: "firefox invalid not stored", anchor: "browsers.md §7 item 5", ok: F.InvalidMaxAge == cache.InvalidDoNotStore && S.InvalidMaxAge == cache.InvalidUseDefault && C.InvalidMaxAge == cache.InvalidUseDefault && W.InvalidMaxAge == cache.InvalidUseDefault},
		{name: "spec and webkit unbounded", anchor: "browsers.md §1.4", ok: S.Capacity == 0 && W.Capacity == 0},
		{name: "firefox 100 lru", anchor: "browsers.md §1.2", ok: F.Capacity == 100 && F.Eviction == cache.EvictLRU},
		{name: "chromium partitions", anchor: "browsers.md §1.1", ok: C.PartitionCapacity == 32 && C.MaxPartitions == 128 && C.Eviction == cache.EvictRandomPurge && C.MaxURLLength == 1024},
		{name: "webkit star covers authorization", anchor: "browsers.md §10", ok: W.WildcardCoversAuthorization && !S.WildcardCoversAuthorization && !C.WildcardCoversAuthorization},
		{name: "default max-age five seconds", anchor: "browsers.md §1.4", ok: defaultLifetime(S) == 5*time.Second && defaultLifetime(C) == 5*time.Second && defaultLifetime(F) == 5*time.Second && defaultLifetime(W) == 5*time.Second},
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
		{name: "spec", anchor: "browsers.md §8", in: "spec", want: algorithm.Spec, ok: true},
		{name: "chromium", anchor: "browsers.md §8", in: "chromium", want: algorithm.Chromium, ok: true},
		{name: "firefox", anchor: "browsers.md §8", in: "firefox", want: algorithm.Firefox, ok: true},
		{name: "webkit", anchor: "browsers.md §8", in: "webkit", want: algorithm.WebKit, ok: true},
		{name: "case-insensitive", anchor: "browsers.md §8", in: "WebKit", want: algorithm.WebKit, ok: true},
		{name: "unknown", anchor: "browsers.md §8", in: "chrome", ok: false},
		{name: "empty", anchor: "browsers.md §8", in: "", ok: false},
		{name: "invalid utf-8", anchor: "browsers.md §8", in: "\xff", ok: false},
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
