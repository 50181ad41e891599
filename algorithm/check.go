package algorithm

import (
	"strings"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/internal/grammar"
	"github.com/corsim/corsim/origin"
)

// Header names the engine reads and writes.
const (
	hACAO     = "Access-Control-Allow-Origin"
	hACAC     = "Access-Control-Allow-Credentials"
	hACAM     = "Access-Control-Allow-Methods"
	hACAH     = "Access-Control-Allow-Headers"
	hACEH     = "Access-Control-Expose-Headers"
	hACMA     = "Access-Control-Max-Age"
	hACRM     = "Access-Control-Request-Method"
	hACRH     = "Access-Control-Request-Headers"
	hOrigin   = "Origin"
	hLocation = "Location"
	hVary     = "Vary"
	hCORP     = "Cross-Origin-Resource-Policy"
)

// CORSCheck is the CORS check (Fetch §concept-cors-check): whether a response may be shared with a
// request whose byte-serialized origin is serializedOrigin ("null" for an opaque or redirect-tainted
// origin) and whose credentials mode is credentials. It reports the zero Failure on success; a failure
// carries the DevTools reason and the offending header value. An absent header is
// MissingAllowOriginHeader in every profile (WebKit's console calls it a mismatch, and its message
// says so); a value that is present but wrong is classified as the profile's browser classifies it
// (docs/profiles.md, "ACAO faults told apart"): "multiple values" and "invalid value" where the
// engine tells them apart, a mismatch otherwise. It runs on actual responses, on each redirect
// response, and inside preflight validation. It does not allocate unless the response repeats a
// header.
func CORSCheck(p Profile, serializedOrigin string, credentials fetchmode.Credentials, headers fetchmode.HeaderList) Failure {
	return corsCheck(p.rules(), serializedOrigin, credentials == fetchmode.CredentialsInclude, headers)
}

func corsCheck(r *rules, serializedOrigin string, include bool, h fetchmode.HeaderList) Failure {
	// Fetch §concept-cors-check steps 1 and 6: get ACAO and ACAC; several lines combine with ", ".
	acao, ok, acac := corsHeaders(h)
	// Fetch §concept-cors-check step 2: an absent header fails (a value "null" is not absence).
	if !ok {
		return Failure{Reason: MissingAllowOriginHeader}
	}
	// Fetch §concept-cors-check step 3: "*" suffices when credentials mode is not "include".
	if !include && acao == "*" {
		return Failure{}
	}
	// Fetch §concept-cors-check step 4: otherwise byte-for-byte equality with the serialized origin.
	if acao != serializedOrigin {
		return Failure{Reason: classifyACAO(r, acao, include, h), Parameter: acao}
	}
	// Fetch §concept-cors-check step 5.
	if !include {
		return Failure{}
	}
	// Fetch §concept-cors-check step 7: exactly "true", case-sensitive.
	if grammar.IsAllowCredentialsTrue(acac) {
		return Failure{}
	}
	// Fetch §concept-cors-check step 8.
	return Failure{Reason: InvalidAllowCredentials, Parameter: acac}
}

// corsHeaders gets Access-Control-Allow-Origin (ok reports it is present) and
// -Allow-Credentials ("" when absent) in one pass over h; only a response that repeats one of
// them takes HeaderList.Get's combining, allocating path.
func corsHeaders(h fetchmode.HeaderList) (acao string, ok bool, acac string) {
	ai, ci, repeated := -1, -1, false
	for i := range h {
		switch n := h[i].Name; len(n) {
		case len(hACAO):
			if ascii.EqualFold(n, hACAO) {
				repeated = repeated || ai >= 0
				ai = i
			}
		case len(hACAC):
			if ascii.EqualFold(n, hACAC) {
				repeated = repeated || ci >= 0
				ci = i
			}
		}
	}
	if repeated {
		acao, ok = h.Get(hACAO)
		acac, _ = h.Get(hACAC)
		return acao, ok, acac
	}
	if ai >= 0 {
		acao, ok = h[ai].Value, true
	}
	if ci >= 0 {
		acac = h[ci].Value
	}
	return acao, ok, acac
}

// classifyACAO names a failed ACAO comparison the way the profile's browser does (Chromium
// services/network/public/cpp/cors/cors.cc CheckAccessInternal, Gecko nsCORSListenerProxy.cpp
// CheckRequestApproved, WebKit CrossOriginAccessControl.cpp passesAccessControlCheck; docs/profiles.md).
// The Fetch grammar (grammar.ClassifyAllowOrigin) tells "*" and "null" from the rest; whether a value
// is one origin or a list, and whether Chromium can parse it, are each engine's own tests.
func classifyACAO(r *rules, acao string, include bool, h fetchmode.HeaderList) Reason {
	kind, wellFormed := grammar.ClassifyAllowOrigin(acao)
	if include && wellFormed && kind == grammar.AllowOriginWildcard {
		return WildcardOriginNotAllowed
	}
	switch r.acao {
	case acaoChromium:
		// cors.cc CheckAccessInternal: find_first_of(" ,") → multiple; !GURL.is_valid() → invalid.
		if strings.ContainsAny(acao, " ,") {
			return MultipleAllowOriginValues
		}
		// "null" is a well-formed (opaque) origin to Chromium, so a tuple origin merely mismatches it
		// (harness, Chromium 156, acao-null-for-tuple-origin). Any other value is judged by the URL
		// parser: the grammar's serialized-origin is both stricter (no upper case, no "/") and looser
		// (port 99999, host 1.2.3.256) than GURL.
		if !(wellFormed && kind == grammar.AllowOriginNull) && !origin.CanParseURL(acao) {
			return InvalidAllowOriginValue
		}
	case acaoWebKit:
		// CrossOriginAccessControl.cpp: a comma in the joined value → "more than one origin".
		if strings.Contains(acao, ",") {
			return MultipleAllowOriginValues
		}
	case acaoSpec:
		// Gecko counts header lines (CORSMultipleAllowOriginNotAllowed); the standard just compares
		// bytes, and corsim names the same cause.
		if h.Count(hACAO) > 1 {
			return MultipleAllowOriginValues
		}
	}
	return AllowOriginMismatch
}
