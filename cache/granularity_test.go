package cache

import "testing"

func TestLookupGranularity(t *testing.T) {
	putPUT := put(0, allow(list("PUT"), list("x-a"), false, 600))
	putDEL := put(10, allow(list("DELETE"), nil, false, 600))
	runLookupRows(t, []lookupRow{
		// Merge (spec, Gecko) or replace (Chromium, WebKit): docs/profiles.md.
		{name: "spec/merge-keeps-first", p: specPolicy, stores: []stored{putPUT, putDEL}, q: ask("PUT", "x-a"), at: 20, want: true},
		{name: "firefox/merge-keeps-first", p: firefoxPolicy, stores: []stored{putPUT, putDEL}, q: ask("PUT", "x-a"), at: 20, want: true},
		{name: "chromium/replace-drops-first", p: chromiumPolicy, stores: []stored{putPUT, putDEL}, q: ask("PUT"), at: 20, want: false},
		{name: "webkit/replace-drops-first", p: webkitPolicy, stores: []stored{putPUT, putDEL}, q: ask("PUT"), at: 20, want: false},
		{name: "chromium/replace-keeps-second", p: chromiumPolicy, stores: []stored{putPUT, putDEL}, q: ask("DELETE"), at: 20, want: true},
		// Per-token expiry; a refresh restarts the timer (the standard does not say).
		{name: "spec/tokens-expire-separately", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 10)), put(5, allow(list("DELETE"), nil, false, 100))}, q: ask("PUT"), at: 12, want: false},
		{name: "spec/second-token-lives", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 10)), put(5, allow(list("DELETE"), nil, false, 100))}, q: ask("DELETE"), at: 12, want: true},
		{name: "spec/refresh-restarts-timer", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 10)), put(8, allow(list("PUT"), nil, false, 10))}, q: ask("PUT"), at: 15, want: true},
		{name: "spec/refresh-may-shorten", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 600)), put(1, allow(list("PUT"), nil, false, 5))}, q: ask("PUT"), at: 10, want: false},
		{name: "chromium/whole-result-one-timer", p: chromiumPolicy, stores: []stored{put(0, allow(list("PUT"), list("x-a"), false, 10))}, q: ask("PUT", "x-a"), at: 9, want: true},
		// Step 7.12 with a `*` match: the `*` entry is the one refreshed.
		{name: "spec/refresh-through-star", p: specPolicy, stores: []stored{put(0, allow(list("*"), nil, false, 600)), put(1, allow(list("PUT"), nil, false, 5))}, q: ask("DELETE"), at: 10, want: false},
		// Zero max-age (Fetch: entries with max-age 0; Chromium/WebKit: expired result).
		{name: "spec/zero-ends-refreshed-entry", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 600)), put(1, allow(list("PUT"), nil, false, 0))}, q: ask("PUT"), at: 2, want: false},
		{name: "spec/zero-leaves-others", p: specPolicy, stores: []stored{put(0, allow(list("PUT", "DELETE"), nil, false, 600)), put(1, allow(list("PUT"), nil, false, 0))}, q: ask("DELETE"), at: 2, want: true},
		{name: "chromium/zero-replaces-result", p: chromiumPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 600)), put(1, allow(list("DELETE"), nil, false, 0))}, q: ask("PUT"), at: 2, want: false},
		{name: "negative-max-age-is-zero", p: specPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, -5))}, q: ask("PUT"), want: false},
		// Fetch §cors-preflight-fetch-0 step 7.10 inside Store.
		{name: "chromium/store-caps-again", p: chromiumPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 100000))}, q: ask("PUT"), at: 7200, want: false},
		{name: "chromium/below-cap-alive", p: chromiumPolicy, stores: []stored{put(0, allow(list("PUT"), nil, false, 100000))}, q: ask("PUT"), at: 7199, want: true},
	})
}
