package cache

import "time"

// The four policies the tests run against. The engine keeps its own copies;
// these follow docs/profiles.md, "Preflight cache".
var (
	specPolicy = Policy{}

	// Chromium preflight_cache.cc (2018–2025 flat cache); observed in Chromium 156.
	chromiumPolicy = Policy{
		MaxAgeCap:     7200 * time.Second,
		MaxAgeSyntax:  SyntaxInteger,
		Granularity:   WholeResult,
		EraseOnMiss:   true,
		KeepOnFailure: true,
		Capacity:      1024,
		Eviction:      EvictRandomPurge,
		PurgeUnit:     10,
		Seed:          1,
		MaxURLLength:  1024,
	}

	// Chromium preflight_cache.cc, newest: per top-frame-site partitions.
	chromiumPartitionedPolicy = Policy{
		MaxAgeCap:         7200 * time.Second,
		MaxAgeSyntax:      SyntaxInteger,
		Granularity:       WholeResult,
		EraseOnMiss:       true,
		KeepOnFailure:     true,
		Eviction:          EvictRandomPurge,
		PurgeUnit:         4,
		PartitionCapacity: 32,
		MaxPartitions:     128,
		MaxURLLength:      1024,
	}

	// Gecko nsCORSListenerProxy.cpp; observed in Firefox ESR 153.
	firefoxPolicy = Policy{
		MaxAgeCap:        86400 * time.Second,
		MaxAgeSyntax:     SyntaxDigitsOnly,
		InvalidMaxAge:    InvalidDoNotStore,
		ZeroMaxAge:       ZeroDoesNotStore,
		CredentialsInKey: true,
		Wildcards:        WildcardsNever,
		ExemptMethods:    ExemptGetPost,
		Capacity:         100,
	}

	// WebKit CrossOriginPreflightResultCache.cpp; observed in WebKitGTK 2.50.
	webkitPolicy = Policy{
		MaxAgeCap:                   600 * time.Second,
		MaxAgeSyntax:                SyntaxInteger,
		Granularity:                 WholeResult,
		WildcardCoversAuthorization: true,
		EraseOnMiss:                 true,
		KeepOnFailure:               true,
		StoreRejected:               true,
	}
)

// t0 is the simulated clock's start.
var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func sec(n int) time.Duration { return time.Duration(n) * time.Second }

func at(n int) time.Time { return t0.Add(sec(n)) }

var (
	keyA = Key{Partition: "https://top.test", Origin: "https://app.test", URL: "https://api.test/r"}
	keyB = Key{Partition: "https://top.test", Origin: "https://app.test", URL: "https://api.test/other"}
)
