// Package cache models the CORS-preflight cache of the Fetch standard
// (Fetch §concept-cache) and of the browsers that implement it
// differently.
//
// A [Cache] answers one question for the engine: may this request skip its
// preflight? The engine asks with [Cache.Lookup] before a CORS-with-preflight
// request (Fetch §concept-http-fetch step 4.1), calls [Cache.Store] after a
// preflight that passed (Fetch §cors-preflight-fetch-0 steps 7.8–7.15), and
// calls [Cache.Clear] when the whole fetch failed and the policy
// [Policy.ClearsOnFailure] (Fetch §concept-main-fetch step 12, preflight
// branch). [Policy.MaxAge] turns the Access-Control-Max-Age header lines into
// the lifetime to store.
//
// How the cache behaves is a plain, comparable [Policy] value. Its zero value
// is the standard; the fields describe where Chromium, Gecko and WebKit
// differ:
//
//  1. Max-age: the grammar ([Syntax]), the default of 5 s, what an invalid
//     value does ([InvalidRule]), what zero does ([ZeroRule]) and the cap
//     (7200 s, 86400 s, 600 s).
//  2. Granularity: per-method and per-header entries that merge (the
//     standard, Gecko) or one result per key that a new preflight replaces
//     (Chromium, WebKit).
//  3. Matching: whether credentials are part of the key (Gecko), when a
//     cached `*` acts as a wildcard ([WildcardRule]), whether it covers
//     `authorization`, and which safelisted methods need no entry.
//  4. Forgetting: erase-on-miss (Chromium, WebKit), clear-on-failure (the
//     standard, Gecko), capacity with LRU (Gecko) or seeded random purge
//     (Chromium), per-partition bounds, and Chromium's URL-length limit.
//
// The cache reads no clock: every call that depends on time takes now, so
// a simulation decides when max-age runs out. An entry is usable while now
// is strictly before its storage time plus its max-age.
//
// The policies of the four profiles come from the algorithm package
// (Profile.CachePolicy, Profile.NewCache); docs/profiles.md tables them with
// their sources. The cache itself imports no other public corsim package and
// can be used on its own. It is safe for concurrent use.
package cache
