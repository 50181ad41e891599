package cache

import "time"

// Policy describes how one browser (or the standard) runs its CORS-preflight
// cache. It is a plain comparable value: no slices, maps or funcs, so two
// profiles can be compared with ==.
//
// The zero Policy is the Fetch standard's cache: per-method and per-header
// entries that merge across preflights, a 5 s default max-age, no cap, no
// capacity limit, and the credentials rules of Fetch §concept-cache-match.
// The only zero-value choice the standard does not make itself is
// [WildcardsUncredentialed]; see [WildcardRule].
//
// Fields whose value lies outside the named constants behave like the zero
// value; negative numbers behave like zero.
type Policy struct {
	// DefaultMaxAge is the lifetime used when Access-Control-Max-Age is
	// absent, or invalid under InvalidUseDefault. Zero or negative means
	// 5 s, the standard's value (Fetch §cors-preflight-fetch-0 step 7.9),
	// which all three engines share (docs/profiles.md). It is capped by
	// MaxAgeCap like any other value.
	DefaultMaxAge time.Duration

	// MaxAgeCap is the UA's imposed limit on max-age (Fetch
	// §cors-preflight-fetch-0 step 7.10). Zero or negative means no limit.
	// Chromium 7200 s, Firefox 86400 s, WebKit 600 s (docs/profiles.md).
	MaxAgeCap time.Duration

	// MaxAgeSyntax says how Access-Control-Max-Age is parsed.
	MaxAgeSyntax Syntax

	// InvalidMaxAge says what a value that fails MaxAgeSyntax does.
	InvalidMaxAge InvalidRule

	// ZeroMaxAge says what a max-age of zero (and, under SyntaxInteger, a
	// negative one) does.
	ZeroMaxAge ZeroRule

	// Granularity says whether entries are per token (the standard, Gecko)
	// or one whole preflight result per key (Chromium, WebKit).
	Granularity Granularity

	// CredentialsInKey makes the credentials mode part of the cache key, as
	// Gecko does ("cred"/"nocred" key prefix, BasePrincipal.cpp
	// GetPrefLightCacheKey): a
	// credentialed entry then no longer serves a non-credentialed request.
	// When false, Fetch §concept-cache-match applies: a credentialed entry
	// serves both, a non-credentialed entry only non-credentialed requests.
	CredentialsInKey bool

	// Wildcards says when a cached `*` method or header name acts as a
	// wildcard.
	Wildcards WildcardRule

	// WildcardCoversAuthorization lets a cached `*` header name cover
	// `authorization`. The standard says it never does (Fetch
	// §concept-cache-match-header); Chromium's cache agrees even though its
	// live check does not (preflight_cache.cc; observed in Chromium 156);
	// WebKit lets it (observed in WebKitGTK 2.50).
	WildcardCoversAuthorization bool

	// ExemptMethods says which CORS-safelisted methods need no method entry
	// at look-up (unless the preflight is forced).
	ExemptMethods MethodExemption

	// EraseOnMiss erases a record that a look-up found but could not use
	// (expired, wrong credentials, or missing a method or header), as
	// Chromium (preflight_cache.cc) and WebKit (canSkipPreflight in
	// CrossOriginPreflightResultCache.cpp) do.
	EraseOnMiss bool

	// KeepOnFailure tells the engine not to clear the cache entries for a
	// request whose CORS-with-preflight fetch failed, as Chromium and WebKit
	// do: they keep entries until a look-up fails. When false the engine
	// calls [Cache.Clear], as the standard (Fetch §concept-main-fetch step 12,
	// preflight branch) and Gecko do. The cache itself never reads this field; see
	// [Policy.ClearsOnFailure].
	KeepOnFailure bool

	// StoreRejected tells the engine to store a preflight result whose
	// CORS check and status passed even when its method or header check then
	// failed, as WebKit does (CrossOriginAccessControl.cpp
	// validatePreflightResponse appends before it checks). The cache
	// itself never reads this field.
	StoreRejected bool

	// Capacity bounds the number of records in the whole cache; zero means
	// unbounded (the standard, WebKit). A record is one key's result: one
	// per Key, or per Key and credentials mode when CredentialsInKey is set.
	// Chromium (2018–2025) uses 1024, Gecko 100. With partitions enabled it
	// is an extra global bound, useful for long-running embedders.
	Capacity int

	// Eviction chooses the victim when Capacity or PartitionCapacity is
	// reached.
	Eviction Eviction

	// PurgeUnit is how many contiguous records an EvictRandomPurge purge
	// removes: Chromium 10 (global) or 4 (per partition). Zero means 1.
	// EvictLRU ignores it.
	PurgeUnit int

	// Seed seeds the cache's own pseudo-random source, used only by
	// EvictRandomPurge. The same seed and the same calls give the same
	// evictions.
	Seed uint64

	// PartitionCapacity, when positive, bounds the records in each
	// partition (Key.Partition), as Chromium's newest cache does with 32
	// per top-frame site (preflight_cache.cc); Eviction and PurgeUnit then
	// apply inside the partition. Zero means partitions are not bounded.
	PartitionCapacity int

	// MaxPartitions, when positive, bounds the number of partitions; when a
	// new partition would exceed it the least recently used partition is
	// dropped whole (Chromium: 128). Zero means unbounded.
	MaxPartitions int

	// MaxURLLength, when positive, stops the cache from storing any key whose
	// URL has this many bytes or more (Chromium: 1024, kMaxKeyLength in
	// preflight_cache.cc).
	// Zero means no limit.
	MaxURLLength int
}

// ClearsOnFailure reports whether the engine should call [Cache.Clear] when a
// CORS-with-preflight fetch ends in a network error (Fetch
// §concept-main-fetch step 12, preflight branch). It is !p.KeepOnFailure.
func (p Policy) ClearsOnFailure() bool { return !p.KeepOnFailure }

// Syntax is a grammar for the Access-Control-Max-Age header.
type Syntax uint8

const (
	// SyntaxDeltaSeconds is the standard's grammar: exactly one header line
	// whose value is 1*DIGIT (Fetch §http-access-control-max-age,
	// delta-seconds). Several lines, a sign, or any other byte is a failure.
	// Values too large to represent saturate.
	SyntaxDeltaSeconds Syntax = iota

	// SyntaxInteger is Chromium's base::StringToInt64 and WebKit's
	// parseInteger<int64_t>: the lines are joined with ", " (so several
	// lines fail), then an optional '+' or '-' and one or more digits must
	// make up the whole trimmed value; overflow is a failure. A negative
	// value counts as zero (Chromium preflight_result.cc
	// ParseAccessControlMaxAge, WebKit CrossOriginPreflightResultCache.cpp).
	SyntaxInteger

	// SyntaxDigitsOnly is Gecko's parser: the lines are joined with ", ",
	// every byte of the trimmed value must be a digit, an empty or absent
	// value means the default, and large values saturate at the cap
	// (Gecko nsCORSListenerProxy.cpp).
	SyntaxDigitsOnly
)

// InvalidRule says what an Access-Control-Max-Age value that fails its
// syntax does.
type InvalidRule uint8

const (
	// InvalidUseDefault uses DefaultMaxAge (Fetch §cors-preflight-fetch-0
	// step 7.9; Chromium and WebKit).
	InvalidUseDefault InvalidRule = iota

	// InvalidDoNotStore stores nothing (Gecko nsCORSListenerProxy.cpp).
	InvalidDoNotStore
)

// ZeroRule says what a max-age of zero does.
type ZeroRule uint8

const (
	// ZeroStoresExpired stores the result with a lifetime of zero: it is
	// never used, and it replaces (WholeResult) or ends (PerToken) what the
	// same preflight would refresh. This is the standard (entries with
	// max-age 0), Chromium and WebKit (an already-expired entry).
	ZeroStoresExpired ZeroRule = iota

	// ZeroDoesNotStore leaves the cache untouched (Gecko).
	ZeroDoesNotStore
)

// Granularity says how a preflight result is kept.
type Granularity uint8

const (
	// PerToken keeps one entry per allowed method and per allowed header
	// name, each with its own expiry; a later preflight refreshes the
	// entries it repeats and adds the others (Fetch §cors-preflight-fetch-0
	// steps 7.12–7.15; Gecko). A refresh restarts the entry's timer.
	PerToken Granularity = iota

	// WholeResult keeps one result per key; a later preflight replaces it
	// whole (Chromium preflight_cache.cc, WebKit
	// CrossOriginPreflightResultCache.cpp).
	WholeResult
)

// WildcardRule says when a cached `*` method or header name matches other
// methods or header names.
//
// Fetch §concept-cache-match-method and §concept-cache-match-header treat a
// `*` entry as a wildcard for any request the entry matches, including
// credentialed ones, even though a credentialed preflight treated that `*`
// as a literal name (Fetch §cors-preflight-fetch-0 step 7.5). The zero value
// takes the safer reading.
type WildcardRule uint8

const (
	// WildcardsUncredentialed honours a `*` entry only when both the entry
	// and the request are non-credentialed, so a `*` that a credentialed
	// preflight accepted literally never widens later look-ups. This is
	// also Chromium's cache (the stored result's credentials flag decides).
	WildcardsUncredentialed WildcardRule = iota

	// WildcardsAlways is the standard's text taken literally: any matching
	// `*` entry is a wildcard.
	WildcardsAlways

	// WildcardsNever makes a cached `*` match only a literal `*` (Gecko,
	// observed in Firefox ESR 153).
	WildcardsNever
)

// MethodExemption says which CORS-safelisted methods skip the method check
// at look-up.
type MethodExemption uint8

const (
	// ExemptSafelisted exempts GET, HEAD and POST (Fetch §concept-http-fetch
	// step 4.1; Chromium, WebKit).
	ExemptSafelisted MethodExemption = iota

	// ExemptGetPost exempts only GET and POST: HEAD needs a method entry
	// (Gecko nsCORSListenerProxy.cpp CheckRequest).
	ExemptGetPost
)

// Eviction chooses which records leave a full cache or partition.
type Eviction uint8

const (
	// EvictLRU first drops records whose entries have all expired, then the
	// least recently used record (Gecko nsCORSListenerProxy.cpp). A record is
	// used when a look-up finds it or a preflight stores into it.
	EvictLRU Eviction = iota

	// EvictRandomPurge removes PurgeUnit contiguous records of the cache's
	// internal table, starting at a pseudo-random index drawn from Seed
	// (Chromium preflight_cache.cc). It does not look at expiry.
	EvictRandomPurge
)
