package cache

import (
	"math"
	"strings"
	"testing"
	"time"
)

var (
	mib       = 1 << 20
	mibDigits = strings.Repeat("7", mib)
	mibJunk   = strings.Repeat("a", mib)
	commas    = "60" + strings.Repeat(",", 5000)
	forever   = time.Duration(math.MaxInt64)
)

func TestMaxAge(t *testing.T) {
	capped := specPolicy
	capped.MaxAgeCap = sec(2)
	ownDefault := specPolicy
	ownDefault.DefaultMaxAge = sec(30)
	negDefault := specPolicy
	negDefault.DefaultMaxAge = -sec(30)
	bogus := Policy{MaxAgeSyntax: Syntax(200), InvalidMaxAge: InvalidRule(200), ZeroMaxAge: ZeroRule(200)}
	for _, tc := range []struct {
		name  string
		p     Policy
		lines []string
		want  time.Duration
		store bool
	}{
		// Fetch §cors-preflight-fetch-0 steps 7.8–7.10, delta-seconds.
		{name: "spec/absent", p: specPolicy, lines: nil, want: sec(5), store: true},
		{name: "spec/empty-slice", p: specPolicy, lines: []string{}, want: sec(5), store: true},
		{name: "spec/60", p: specPolicy, lines: []string{"60"}, want: sec(60), store: true},
		{name: "spec/trimmed", p: specPolicy, lines: []string{" \t60\t "}, want: sec(60), store: true},
		{name: "spec/leading-zeros", p: specPolicy, lines: []string{"0060"}, want: sec(60), store: true},
		{name: "spec/zero", p: specPolicy, lines: []string{"0"}, want: 0, store: true},
		{name: "spec/minus-one-is-failure", p: specPolicy, lines: []string{"-1"}, want: sec(5), store: true},
		{name: "spec/plus-sign", p: specPolicy, lines: []string{"+60"}, want: sec(5), store: true},
		{name: "spec/empty-value", p: specPolicy, lines: []string{""}, want: sec(5), store: true},
		{name: "spec/only-space", p: specPolicy, lines: []string{"   "}, want: sec(5), store: true},
		{name: "spec/letters", p: specPolicy, lines: []string{"abc"}, want: sec(5), store: true},
		{name: "spec/decimal", p: specPolicy, lines: []string{"9.5"}, want: sec(5), store: true},
		{name: "spec/trailing-junk", p: specPolicy, lines: []string{"60abc"}, want: sec(5), store: true},
		{name: "spec/list-in-one-line", p: specPolicy, lines: []string{"60, 60"}, want: sec(5), store: true},
		{name: "spec/two-lines", p: specPolicy, lines: []string{"60", "60"}, want: sec(5), store: true},
		{name: "spec/inner-space", p: specPolicy, lines: []string{"6 0"}, want: sec(5), store: true},
		{name: "spec/nul-byte", p: specPolicy, lines: []string{"6\x000"}, want: sec(5), store: true},
		{name: "spec/vertical-tab-not-trimmed", p: specPolicy, lines: []string{"\v60"}, want: sec(5), store: true},
		{name: "spec/invalid-utf8", p: specPolicy, lines: []string{"\xff\xfe"}, want: sec(5), store: true},
		{name: "spec/arabic-digits", p: specPolicy, lines: []string{"٦٠"}, want: sec(5), store: true},
		{name: "spec/20-digits-saturate", p: specPolicy, lines: []string{"99999999999999999999"}, want: forever, store: true},
		{name: "spec/1MiB-digits", p: specPolicy, lines: []string{mibDigits}, want: forever, store: true},
		{name: "spec/1MiB-junk", p: specPolicy, lines: []string{mibJunk}, want: sec(5), store: true},
		{name: "spec/thousands-of-commas", p: specPolicy, lines: []string{commas}, want: sec(5), store: true},
		{name: "spec/cap", p: capped, lines: []string{"60"}, want: sec(2), store: true},
		{name: "spec/cap-applies-to-default", p: capped, lines: nil, want: sec(2), store: true},
		{name: "spec/own-default", p: ownDefault, lines: []string{"x"}, want: sec(30), store: true},
		{name: "spec/negative-default-means-5s", p: negDefault, lines: nil, want: sec(5), store: true},
		{name: "spec/unknown-enums-act-as-zero", p: bogus, lines: []string{"-1"}, want: sec(5), store: true},
		{name: "spec/unknown-zero-rule", p: bogus, lines: []string{"0"}, want: 0, store: true},

		// Chromium preflight_result.cc; observed in Chromium 156.
		{name: "chromium/absent", p: chromiumPolicy, lines: nil, want: sec(5), store: true},
		{name: "chromium/zero", p: chromiumPolicy, lines: []string{"0"}, want: 0, store: true},
		{name: "chromium/minus-one", p: chromiumPolicy, lines: []string{"-1"}, want: 0, store: true},
		{name: "chromium/min-int64", p: chromiumPolicy, lines: []string{"-9223372036854775808"}, want: 0, store: true},
		{name: "chromium/below-min-int64", p: chromiumPolicy, lines: []string{"-9223372036854775809"}, want: sec(5), store: true},
		{name: "chromium/abc", p: chromiumPolicy, lines: []string{"abc"}, want: sec(5), store: true},
		{name: "chromium/decimal", p: chromiumPolicy, lines: []string{"9.5"}, want: sec(5), store: true},
		{name: "chromium/trailing-junk", p: chromiumPolicy, lines: []string{"60abc"}, want: sec(5), store: true},
		{name: "chromium/list", p: chromiumPolicy, lines: []string{"60, 60"}, want: sec(5), store: true},
		{name: "chromium/two-lines", p: chromiumPolicy, lines: []string{"60", "60"}, want: sec(5), store: true},
		{name: "chromium/20-digit-overflow", p: chromiumPolicy, lines: []string{"99999999999999999999"}, want: sec(5), store: true},
		{name: "chromium/max-int64-capped", p: chromiumPolicy, lines: []string{"9223372036854775807"}, want: sec(7200), store: true},
		{name: "chromium/int64-plus-one", p: chromiumPolicy, lines: []string{"9223372036854775808"}, want: sec(5), store: true},
		{name: "chromium/spaces", p: chromiumPolicy, lines: []string{" 60 "}, want: sec(60), store: true},
		{name: "chromium/plus", p: chromiumPolicy, lines: []string{"+60"}, want: sec(60), store: true},
		{name: "chromium/sign-only", p: chromiumPolicy, lines: []string{"+"}, want: sec(5), store: true},
		{name: "chromium/minus-only", p: chromiumPolicy, lines: []string{"-"}, want: sec(5), store: true},
		{name: "chromium/two-signs", p: chromiumPolicy, lines: []string{"+-1"}, want: sec(5), store: true},
		{name: "chromium/empty", p: chromiumPolicy, lines: []string{""}, want: sec(5), store: true},
		{name: "chromium/cap", p: chromiumPolicy, lines: []string{"7201"}, want: sec(7200), store: true},
		{name: "chromium/below-cap", p: chromiumPolicy, lines: []string{"7199"}, want: sec(7199), store: true},
		{name: "chromium/1MiB-digits-overflow", p: chromiumPolicy, lines: []string{mibDigits}, want: sec(5), store: true},
		{name: "chromium/thousands-of-commas", p: chromiumPolicy, lines: []string{commas}, want: sec(5), store: true},
		{name: "chromium/invalid-utf8", p: chromiumPolicy, lines: []string{"6\xff0"}, want: sec(5), store: true},

		// Gecko nsCORSListenerProxy.cpp; observed in Firefox ESR 153.
		{name: "firefox/absent", p: firefoxPolicy, lines: nil, want: sec(5), store: true},
		{name: "firefox/empty", p: firefoxPolicy, lines: []string{""}, want: sec(5), store: true},
		{name: "firefox/blank", p: firefoxPolicy, lines: []string{"  "}, want: sec(5), store: true},
		{name: "firefox/60", p: firefoxPolicy, lines: []string{"60"}, want: sec(60), store: true},
		{name: "firefox/zero", p: firefoxPolicy, lines: []string{"0"}, want: 0, store: false},
		{name: "firefox/minus-one", p: firefoxPolicy, lines: []string{"-1"}, want: 0, store: false},
		{name: "firefox/plus", p: firefoxPolicy, lines: []string{"+60"}, want: 0, store: false},
		{name: "firefox/abc", p: firefoxPolicy, lines: []string{"abc"}, want: 0, store: false},
		{name: "firefox/list", p: firefoxPolicy, lines: []string{"60, 60"}, want: 0, store: false},
		{name: "firefox/two-lines", p: firefoxPolicy, lines: []string{"60", "60"}, want: 0, store: false},
		{name: "firefox/empty-second-line", p: firefoxPolicy, lines: []string{"60", ""}, want: sec(60), store: true},
		{name: "firefox/cap", p: firefoxPolicy, lines: []string{"86401"}, want: sec(86400), store: true},
		{name: "firefox/20-digits-saturate", p: firefoxPolicy, lines: []string{"99999999999999999999"}, want: sec(86400), store: true},
		{name: "firefox/1MiB-digits", p: firefoxPolicy, lines: []string{mibDigits}, want: sec(86400), store: true},
		{name: "firefox/1MiB-junk", p: firefoxPolicy, lines: []string{mibJunk}, want: 0, store: false},
		{name: "firefox/control-byte", p: firefoxPolicy, lines: []string{"6\x010"}, want: 0, store: false},

		// WebKit CrossOriginPreflightResultCache.cpp.
		{name: "webkit/absent", p: webkitPolicy, lines: nil, want: sec(5), store: true},
		{name: "webkit/plus", p: webkitPolicy, lines: []string{"+60"}, want: sec(60), store: true},
		{name: "webkit/negative", p: webkitPolicy, lines: []string{"-5"}, want: 0, store: true},
		{name: "webkit/junk", p: webkitPolicy, lines: []string{"5s"}, want: sec(5), store: true},
		{name: "webkit/cap", p: webkitPolicy, lines: []string{"601"}, want: sec(600), store: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, store := tc.p.MaxAge(tc.lines)
			if d != tc.want || store != tc.store {
				t.Errorf("MaxAge(%.40q) = %v, %v; want %v, %v", tc.lines, d, store, tc.want, tc.store)
			}
		})
	}
}

func TestClearsOnFailure(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Policy
		want bool
	}{
		// Fetch §concept-main-fetch step 12; only Gecko clears (docs/profiles.md).
		{name: "spec", p: specPolicy, want: true},
		{name: "firefox", p: firefoxPolicy, want: true},
		{name: "chromium", p: chromiumPolicy, want: false},
		{name: "webkit", p: webkitPolicy, want: false},
	} {
		if got := tc.p.ClearsOnFailure(); got != tc.want {
			t.Errorf("%s: ClearsOnFailure() = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestPolicyComparable(t *testing.T) {
	// The engine compares profiles with ==; this fails to compile if a
	// slice, map or func field is ever added.
	a, b := chromiumPolicy, chromiumPolicy
	if a != b || a == firefoxPolicy {
		t.Fatal("Policy values do not compare as expected")
	}
}
