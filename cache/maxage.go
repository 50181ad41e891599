package cache

import (
	"math"
	"time"

	"github.com/corsim/corsim/internal/grammar"
)

// defaultMaxAge is the standard's lifetime when Access-Control-Max-Age is
// absent or fails to parse (Fetch §cors-preflight-fetch-0 step 7.9).
const defaultMaxAge = 5 * time.Second

// MaxAge turns the Access-Control-Max-Age header lines of a preflight
// response (values as received, one per header line, in order) into the
// lifetime to store, applying the policy's syntax, default, invalid-value
// rule, zero rule and cap. store=false means "do not cache this preflight";
// otherwise 0 <= d and, when the policy has a cap, d <= MaxAgeCap. A zero d
// with store=true means the preflight's entries are stored already expired.
//
// Each line is first trimmed of HTTP whitespace bytes (tab, LF, CR, space),
// as header values are normalized.
func (p Policy) MaxAge(lines []string) (d time.Duration, store bool) {
	secs, res := p.parseMaxAge(lines)
	switch res {
	case ageAbsent:
		// Fetch §cors-preflight-fetch-0 step 7.9: null → 5.
		return p.capAge(p.defaultAge()), true
	case ageInvalid:
		// Fetch §cors-preflight-fetch-0 step 7.9: failure → 5; Gecko
		// stores nothing (nsCORSListenerProxy.cpp AddResultToCache).
		if p.InvalidMaxAge == InvalidDoNotStore {
			return 0, false
		}
		return p.capAge(p.defaultAge()), true
	}
	if secs <= 0 {
		// A zero (or, under SyntaxInteger, negative) max-age: the
		// standard creates entries with max-age 0; Chromium and WebKit
		// store an already-expired result; Gecko stores nothing.
		if p.ZeroMaxAge == ZeroDoesNotStore {
			return 0, false
		}
		return 0, true
	}
	// Fetch §cors-preflight-fetch-0 step 7.10: apply the imposed limit.
	return p.capAge(seconds(secs)), true
}

func (p Policy) defaultAge() time.Duration {
	if p.DefaultMaxAge <= 0 {
		return defaultMaxAge
	}
	return p.DefaultMaxAge
}

// seconds converts a count of seconds to a Duration, saturating.
func seconds(s int64) time.Duration {
	if s > int64(math.MaxInt64/time.Second) {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(s) * time.Second
}

type ageResult uint8

const (
	ageValue ageResult = iota
	ageAbsent
	ageInvalid
)

// parseMaxAge returns the number of seconds the header says, saturated at
// math.MaxInt64, or why there is none.
func (p Policy) parseMaxAge(lines []string) (int64, ageResult) {
	if len(lines) == 0 {
		return 0, ageAbsent
	}
	switch p.MaxAgeSyntax {
	case SyntaxInteger:
		return parseInteger(lines)
	case SyntaxDigitsOnly:
		return parseDigitsOnly(lines)
	default:
		return parseDeltaSeconds(lines)
	}
}

// parseDeltaSeconds implements the standard's grammar.
func parseDeltaSeconds(lines []string) (int64, ageResult) {
	// Fetch §extract-header-list-values step 2: the Access-Control-Max-Age
	// ABNF allows a single header, so more than one is failure.
	if len(lines) != 1 {
		return 0, ageInvalid
	}
	return deltaSeconds(grammar.TrimHTTPWhitespace(lines[0]))
}

// parseInteger implements Chromium's base::StringToInt64 and WebKit's
// parseInteger<int64_t> on the combined header value.
func parseInteger(lines []string) (int64, ageResult) {
	// Several lines are combined with ", ", which no integer contains.
	if len(lines) != 1 {
		return 0, ageInvalid
	}
	v := grammar.TrimHTTPWhitespace(lines[0])
	neg := false
	if v != "" && (v[0] == '+' || v[0] == '-') {
		neg = v[0] == '-'
		v = v[1:]
	}
	if v == "" {
		return 0, ageInvalid
	}
	var n uint64
	for i := 0; i < len(v); i++ {
		if !digitTable[v[i]] {
			return 0, ageInvalid
		}
		// int64 overflow (or underflow) is a failure, not saturation.
		const limit = uint64(math.MaxInt64) + 1
		if n > limit/10 {
			return 0, ageInvalid
		}
		n = n*10 + uint64(v[i]-'0')
		if n > limit || (!neg && n == limit) {
			return 0, ageInvalid
		}
	}
	if neg {
		// Chromium preflight_result.cc, WebKit
		// CrossOriginPreflightResultCache.cpp: a negative value expires at once.
		return 0, ageValue
	}
	return int64(n), ageValue
}

// parseDigitsOnly implements Gecko's strict parser.
func parseDigitsOnly(lines []string) (int64, ageResult) {
	// Gecko merges repeated header lines with ", ", skipping empty ones.
	v, count := "", 0
	for _, l := range lines {
		if t := grammar.TrimHTTPWhitespace(l); t != "" {
			v = t
			count++
		}
	}
	switch {
	case count == 0:
		// Gecko PREFLIGHT_DEFAULT_EXPIRY_SECONDS: absent or empty → the default.
		return 0, ageAbsent
	case count > 1:
		return 0, ageInvalid
	}
	return deltaSeconds(v)
}

// deltaSeconds parses delta-seconds (Fetch §http-access-control-max-age:
// 1*DIGIT), saturating at math.MaxInt64.
func deltaSeconds(v string) (int64, ageResult) {
	if !grammar.IsDigits(v) {
		return 0, ageInvalid
	}
	n, _ := grammar.DecimalInt64(v)
	return n, ageValue
}

var digitTable = func() (t [256]bool) {
	for b := '0'; b <= '9'; b++ {
		t[b] = true
	}
	return t
}()
