package fuzz

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/cache"
)

// FuzzMaxAge feeds Access-Control-Max-Age header lines to Policy.MaxAge
// under every syntax (the three named ones and an unknown value, which must
// behave like the zero value), invalid rule, zero rule, cap and default. It
// never panics; store=false comes with d=0; otherwise 0 <= d <= cap. An
// oracle built on strconv checks the parsed value.
func FuzzMaxAge(f *testing.F) {
	for _, seed := range []struct {
		syntax, invalid, zero uint8
		capSec, defSec        int64
		absent                bool
		raw                   string
	}{
		{0, 0, 0, 0, 0, true, ""},                              // spec: absent → 5 s
		{0, 0, 0, 0, 0, false, "60"},                           // spec: delta-seconds
		{0, 0, 0, 0, 0, false, "-1"},                           // not delta-seconds: 5 s
		{0, 0, 0, 0, 0, false, "60\n60"},                       // two lines → failure
		{0, 0, 0, 0, 0, false, "99999999999999999999"},         // saturates
		{1, 0, 0, 7200, 0, false, " 60 "},                      // Chromium 156: 60 s
		{1, 0, 0, 7200, 0, false, "+60"},                       // Chromium 156: 60 s
		{1, 0, 0, 7200, 0, false, "60, 60"},                    // Chromium 156: 5 s
		{1, 0, 0, 7200, 0, false, "-9223372036854775808"},      // min int64 → 0
		{1, 0, 0, 7200, 0, false, "9223372036854775808"},       // overflow → 5 s
		{1, 0, 0, 600, 0, false, "9.5"},                        // WebKit parseInteger
		{2, 1, 1, 86400, 0, false, "0"},                        // Gecko: not cached
		{2, 1, 1, 86400, 0, false, "60\n"},                     // empty second line skipped
		{2, 1, 1, 86400, 0, false, "60abc"},                    // not cached
		{3, 9, 9, -5, -5, false, "\xff\x00"},                   // unknown enums, negative cap
		{0, 0, 0, 2, 30, false, "\t٦٠\r"},                      // Unicode digits are not digits
		{1, 0, 0, 0, 0, false, strings.Repeat(",", 4096)},      // thousands of commas
		{2, 1, 1, 86400, 0, false, strings.Repeat("9", 1<<16)}, // long digit run
	} {
		f.Add(seed.syntax, seed.invalid, seed.zero, seed.capSec, seed.defSec, seed.absent, seed.raw)
	}
	f.Fuzz(func(t *testing.T, syntax, invalid, zero uint8, capSec, defSec int64, absent bool, raw string) {
		p := cache.Policy{
			MaxAgeSyntax:  cache.Syntax(syntax % 4),
			InvalidMaxAge: cache.InvalidRule(invalid % 3),
			ZeroMaxAge:    cache.ZeroRule(zero % 3),
			MaxAgeCap:     maxAgeSecs(capSec % 1e6),
			DefaultMaxAge: maxAgeSecs(defSec % 1e6),
		}
		var lines []string
		if !absent {
			lines = strings.Split(raw, "\n")
		}
		d, store := p.MaxAge(lines)
		if !store && d != 0 {
			t.Fatalf("MaxAge(%q) = %v, false: a refusal must carry 0", lines, d)
		}
		if store && (d < 0 || p.MaxAgeCap > 0 && d > p.MaxAgeCap) {
			t.Fatalf("MaxAge(%q) = %v outside [0, %v]", lines, d, p.MaxAgeCap)
		}
		wantD, wantStore := maxAgeOracle(p, lines)
		if d != wantD || store != wantStore {
			t.Fatalf("MaxAge(%q) under %+v = %v, %v; oracle says %v, %v", lines, p, d, store, wantD, wantStore)
		}
	})
}

func maxAgeSecs(s int64) time.Duration { return time.Duration(s) * time.Second }

type maxAgeOutcome int

const (
	maxAgeAbsent maxAgeOutcome = iota
	maxAgeInvalid
	maxAgeGood
)

// maxAgeOracle re-derives MaxAge from strconv, independently of the cache package.
func maxAgeOracle(p cache.Policy, lines []string) (time.Duration, bool) {
	secs, what := int64(0), maxAgeAbsent
	trim := func(s string) string { return strings.Trim(s, "\t\n\r ") }
	allDigits := func(s string) bool {
		return s != "" && strings.Trim(s, "0123456789") == ""
	}
	saturated := func(s string) int64 {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return math.MaxInt64
		}
		return n
	}
	switch {
	case lines == nil:
	case p.MaxAgeSyntax == cache.SyntaxInteger:
		what = maxAgeInvalid
		if len(lines) == 1 {
			if n, err := strconv.ParseInt(trim(lines[0]), 10, 64); err == nil {
				secs, what = max(n, 0), maxAgeGood
			}
		}
	case p.MaxAgeSyntax == cache.SyntaxDigitsOnly:
		var kept []string
		for _, l := range lines {
			if trim(l) != "" {
				kept = append(kept, trim(l))
			}
		}
		switch {
		case len(kept) == 0:
		case len(kept) == 1 && allDigits(kept[0]):
			secs, what = saturated(kept[0]), maxAgeGood
		default:
			what = maxAgeInvalid
		}
	default:
		what = maxAgeInvalid
		if len(lines) == 1 && allDigits(trim(lines[0])) {
			secs, what = saturated(trim(lines[0])), maxAgeGood
		}
	}
	limit := func(d time.Duration) time.Duration {
		if p.MaxAgeCap > 0 && d > p.MaxAgeCap {
			return p.MaxAgeCap
		}
		return d
	}
	def := p.DefaultMaxAge
	if def <= 0 {
		def = 5 * time.Second
	}
	switch {
	case what == maxAgeAbsent:
		return limit(def), true
	case what == maxAgeInvalid && p.InvalidMaxAge == cache.InvalidDoNotStore:
		return 0, false
	case what == maxAgeInvalid:
		return limit(def), true
	case secs == 0 && p.ZeroMaxAge == cache.ZeroDoesNotStore:
		return 0, false
	case secs == 0:
		return 0, true
	case secs > math.MaxInt64/int64(time.Second):
		return limit(time.Duration(math.MaxInt64)), true
	}
	return limit(maxAgeSecs(secs)), true
}
