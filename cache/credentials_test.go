package cache

import "testing"

func TestLookupCredentials(t *testing.T) {
	cred := put(0, allow(list("PUT"), nil, true, 60))
	plain := put(0, allow(list("PUT"), nil, false, 60))
	runLookupRows(t, []lookupRow{
		// Fetch §concept-cache-match: a credentialed entry serves both.
		{name: "spec/cred-entry-serves-plain", p: specPolicy, stores: []stored{cred}, q: ask("PUT"), want: true},
		{name: "spec/cred-entry-serves-cred", p: specPolicy, stores: []stored{cred}, q: askCred("PUT"), want: true},
		{name: "spec/plain-entry-not-for-cred", p: specPolicy, stores: []stored{plain}, q: askCred("PUT"), want: false},
		{name: "chromium/cred-entry-serves-plain", p: chromiumPolicy, stores: []stored{cred}, q: ask("PUT"), want: true},
		{name: "chromium/plain-entry-not-for-cred", p: chromiumPolicy, stores: []stored{plain}, q: askCred("PUT"), want: false},
		{name: "webkit/plain-entry-not-for-cred", p: webkitPolicy, stores: []stored{plain}, q: askCred("PUT"), want: false},
		// Gecko BasePrincipal.cpp GetPrefLightCacheKey: credentials are in the key.
		{name: "firefox/cred-entry-not-for-plain", p: firefoxPolicy, stores: []stored{cred}, q: ask("PUT"), want: false},
		{name: "firefox/cred-entry-for-cred", p: firefoxPolicy, stores: []stored{cred}, q: askCred("PUT"), want: true},
		{name: "firefox/plain-entry-not-for-cred", p: firefoxPolicy, stores: []stored{plain}, q: askCred("PUT"), want: false},
		{name: "firefox/both-kept", p: firefoxPolicy, stores: []stored{cred, put(1, allow(list("DELETE"), nil, false, 60))}, q: askCred("PUT"), want: true},
		// Spec gap, literal: a non-credentialed preflight sets the max-age of
		// the matching credentialed entry (steps 7.12, §concept-cache-match).
		{name: "spec/plain-refresh-shortens-cred-entry", p: specPolicy, stores: []stored{cred, put(1, allow(list("PUT"), nil, false, 5))}, q: askCred("PUT"), at: 10, want: false},
		{name: "spec/cred-refresh-leaves-plain-entry", p: specPolicy, stores: []stored{plain, put(1, allow(list("PUT"), nil, true, 5))}, q: ask("PUT"), at: 10, want: true},
		// WholeResult: a new preflight replaces the result whatever its mode.
		{name: "chromium/plain-replaces-cred", p: chromiumPolicy, stores: []stored{cred, put(1, allow(list("PUT"), nil, false, 60))}, q: askCred("PUT"), at: 2, want: false},
	})
}

func TestLookupWildcards(t *testing.T) {
	star := put(0, allow(list("*"), list("*"), false, 60))
	starCred := put(0, allow(list("*"), list("*"), true, 60))
	literal := specPolicy
	literal.Wildcards = WildcardsAlways
	runLookupRows(t, []lookupRow{
		// Fetch §concept-cache-match-method / -header with `*`.
		{name: "spec/star-method-plain", p: specPolicy, stores: []stored{star}, q: ask("PATCH"), want: true},
		{name: "spec/star-header-plain", p: specPolicy, stores: []stored{star}, q: ask("GET", "x-any"), want: true},
		// Safer reading of Fetch §concept-cache-match-header for a `*` stored with credentials.
		{name: "spec/star-not-for-cred-request", p: specPolicy, stores: []stored{starCred}, q: askCred("PATCH"), want: false},
		{name: "spec/cred-star-not-for-plain-request", p: specPolicy, stores: []stored{starCred}, q: ask("PATCH"), want: false},
		{name: "spec/cred-star-still-literal", p: specPolicy, stores: []stored{starCred}, q: askCred("*"), want: true},
		{name: "literal/star-for-cred-request", p: literal, stores: []stored{starCred}, q: askCred("PATCH"), want: true},
		{name: "literal/cred-star-for-plain-request", p: literal, stores: []stored{starCred}, q: ask("GET", "x-any"), want: true},
		{name: "literal/plain-star-not-for-cred", p: literal, stores: []stored{star}, q: askCred("PATCH"), want: false},
		// Chromium checks the stored result's credentials flag (preflight_result.cc).
		{name: "chromium/star-plain", p: chromiumPolicy, stores: []stored{star}, q: ask("PATCH"), want: true},
		{name: "chromium/cred-star-not-wildcard", p: chromiumPolicy, stores: []stored{starCred}, q: ask("PATCH"), want: false},
		// Observed in Firefox ESR 153: a cached `*` is never reused.
		{name: "firefox/star-never-wildcard", p: firefoxPolicy, stores: []stored{star}, q: ask("PATCH"), want: false},
		{name: "firefox/star-header-never-wildcard", p: firefoxPolicy, stores: []stored{star}, q: ask("GET", "x-any"), want: false},
		{name: "firefox/literal-star-method", p: firefoxPolicy, stores: []stored{star}, q: ask("*"), want: true},
		// Fetch §concept-cache-match-header: `*` never covers Authorization.
		{name: "spec/star-not-authorization", p: specPolicy, stores: []stored{star}, q: ask("GET", "authorization"), want: false},
		{name: "spec/star-with-authorization-and-other", p: specPolicy, stores: []stored{star}, q: ask("GET", "authorization", "x-a"), want: false},
		{name: "spec/listed-authorization", p: specPolicy, stores: []stored{put(0, allow(nil, list("Authorization"), false, 60))}, q: ask("GET", "authorization"), want: true},
		{name: "chromium/cached-star-not-authorization", p: chromiumPolicy, stores: []stored{star}, q: ask("GET", "authorization"), want: false},
		{name: "webkit/cached-star-covers-authorization", p: webkitPolicy, stores: []stored{star}, q: ask("GET", "authorization"), want: true},
		{name: "webkit/cred-star-not-authorization", p: webkitPolicy, stores: []stored{starCred}, q: askCred("GET", "authorization"), want: false},
	})
}
