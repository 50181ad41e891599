package algorithm

import (
	"math"
	"time"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchmode"
)

// profileRules holds each profile's rules, indexed by Profile. docs/profiles.md gives each rule's
// engine source and the probes that pin it.
var profileRules = [...]rules{
	Spec: {
		name:    "spec",
		order:   orderSpec,
		console: dialectSpec,
		acao:    acaoSpec,
		// The standard's cache: per-token entries, 5 s default, no cap of its own, cleared on failure
		// (Fetch §concept-cache, §concept-main-fetch step 12).
		cachePolicy: cache.Policy{},
	},
	Chromium: {
		name:                            "chromium",
		safelist:                        fetchmode.Safelist{ClientHints: true, RangeMax: math.MaxInt64 - 1},
		ruleForbidUserAgent:             true,
		ruleSafelistCombined:            true,
		ruleWildcardCoversAuthorization: true,
		order:                           orderChromium,
		console:                         dialectChromium,
		ruleReportRequestOrder:          true,
		acao:                            acaoChromium,
		ruleMixedContentFirst:           true,
		ruleEscapeSpaceInHost:           true,
		ruleStreamNeedsHTTP2:            true,
		ruleAllowedPorts:                []uint16{6679},
		ruleEmptyParameter: []Reason{PreflightInvalidStatus, WildcardOriginNotAllowed, PreflightDisallowedRedirect,
			PreflightWildcardOriginNotAllowed, InvalidAllowHeadersPreflightResponse, InvalidAllowMethodsPreflightResponse,
			RedirectContainsCredentials},
		ruleBypassCacheModes:  cacheModes(fetchmode.CacheNoStore, fetchmode.CacheReload, fetchmode.CacheNoCache),
		ruleNoStoreCacheModes: cacheModes(fetchmode.CacheNoStore),
		// services/network/cors/preflight_cache.cc and preflight_result.cc: one
		// result per key, replaced; 5 s default; 2 h cap; StringToInt64 parsing; an entry found stale
		// or insufficient is erased; no clearing on actual-request failure; the newest cache keeps 32
		// results per top-frame site (random purge of 4) and 128 sites (LRU); URLs of 1024 characters
		// or more are never cached.
		cachePolicy: cache.Policy{
			MaxAgeCap:         7200 * time.Second,
			MaxAgeSyntax:      cache.SyntaxInteger,
			InvalidMaxAge:     cache.InvalidUseDefault,
			ZeroMaxAge:        cache.ZeroStoresExpired,
			Granularity:       cache.WholeResult,
			Wildcards:         cache.WildcardsUncredentialed,
			EraseOnMiss:       true,
			KeepOnFailure:     true,
			Eviction:          cache.EvictRandomPurge,
			PurgeUnit:         4,
			PartitionCapacity: 32,
			MaxPartitions:     128,
			MaxURLLength:      1024,
		},
	},
	Firefox: {
		name:                            "firefox",
		safelist:                        fetchmode.Safelist{NoTotalLimit: true, RangeMax: math.MaxUint64},
		ruleWildcardCoversAuthorization: true,
		order:                           orderFirefox,
		console:                         dialectFirefox,
		ruleListParameterFirstToken:     true,
		// Gecko names several Access-Control-Allow-Origin lines "multiple" and anything else a
		// mismatch (CORSMultipleAllowOriginNotAllowed), as corsim's Spec naming does.
		acao:                         acaoSpec,
		rulePreflightOriginUntainted: true,
		rulePreflightAfterRedirect:   true,
		ruleStreamBodyAsString:       true,
		ruleDataURLContentLength:     true,
		// reload and no-store set LOAD_BYPASS_CACHE (dom/fetch/FetchDriver.cpp; not yet probed).
		ruleBypassCacheModes: cacheModes(fetchmode.CacheNoStore, fetchmode.CacheReload),
		// nsPreflightCache (netwerk/protocol/http/nsCORSListenerProxy.cpp): per-token entries that merge; credentials
		// in the key; a cached "*" never reused; HEAD needs a method entry; invalid or zero max-age
		// stores nothing; 24 h cap; 100 entries, expired first then LRU; cleared on failure.
		cachePolicy: cache.Policy{
			MaxAgeCap:        86400 * time.Second,
			MaxAgeSyntax:     cache.SyntaxDigitsOnly,
			InvalidMaxAge:    cache.InvalidDoNotStore,
			ZeroMaxAge:       cache.ZeroDoesNotStore,
			Granularity:      cache.PerToken,
			CredentialsInKey: true,
			Wildcards:        cache.WildcardsNever,
			ExemptMethods:    cache.ExemptGetPost,
			Capacity:         100,
			Eviction:         cache.EvictLRU,
		},
	},
	WebKit: {
		name: "webkit",
		// WebKit has no 1024-byte total either, but judging combined values (ruleSafelistCombined) leaves
		// at most five safelisted names of 128 bytes, so the total can never exceed 1024 there.
		safelist:                        fetchmode.Safelist{RangeMax: math.MaxUint64},
		ruleWildcardCoversAuthorization: true,
		order:                           orderWebKit,
		console:                         dialectWebKit,
		ruleReportRequestOrder:          true,
		acao:                            acaoWebKit,
		ruleCrossOriginDeleteAsGET:      true,
		ruleListStrippedAuthorization:   true,
		ruleKeepBodyHeadersOnRedirect:   true,
		ruleKeepOriginOnRewrite:         true,
		ruleLoopbackIsMixedContent:      true,
		ruleSafelistCombined:            true,
		ruleUTF8HeaderValues:            true,
		ruleStreamBodyUnsupported:       true,
		// CrossOriginPreflightResultCache.cpp: one item per key,
		// replaced; 5 s default; 600 s cap; parseInteger; unbounded; an unusable item is removed at
		// look-up; a cached "*" covers Authorization; a preflight that failed the method or header
		// check is still stored; no clearing on actual-request failure.
		cachePolicy: cache.Policy{
			MaxAgeCap:                   600 * time.Second,
			MaxAgeSyntax:                cache.SyntaxInteger,
			InvalidMaxAge:               cache.InvalidUseDefault,
			ZeroMaxAge:                  cache.ZeroStoresExpired,
			Granularity:                 cache.WholeResult,
			Wildcards:                   cache.WildcardsUncredentialed,
			WildcardCoversAuthorization: true,
			EraseOnMiss:                 true,
			KeepOnFailure:               true,
			StoreRejected:               true,
		},
	},
}
