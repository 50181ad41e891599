package algorithm

import (
	"sort"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/internal/grammar"
)

// Filtered is what script can see of a response (Fetch §concept-filtered-response).
type Filtered struct {
	Type ResponseType
	// Status is 0 for opaque and opaque-redirect responses.
	Status int
	// VisibleHeaders are the lower-cased, sorted, unique names response.headers exposes.
	VisibleHeaders []string
	// BodyReadable is false when the body is withheld (opaque and opaque-redirect responses).
	BodyReadable bool
}

// FilterResponse wraps a response the way main fetch does once the fetch succeeded (Fetch
// §concept-main-fetch step 14): basic for same-origin responses (every header but Set-Cookie and
// Set-Cookie2), cors for CORS responses (the CORS-safelisted response-header names plus
// Access-Control-Expose-Headers, where "*" exposes every name unless credentials are included, and
// never Set-Cookie), opaque for no-cors cross-origin responses (nothing). It does not run the CORS
// check; use CORSCheck first.
func FilterResponse(p Profile, tainting fetchmode.Tainting, credentials fetchmode.Credentials, resp Response) Filtered {
	return filterResponse(p.rules(), tainting, credentials == fetchmode.CredentialsInclude, resp.Status, resp.Headers)
}

func filterResponse(r *rules, tainting fetchmode.Tainting, include bool, status int, h fetchmode.HeaderList) Filtered {
	switch tainting {
	case fetchmode.TaintingBasic:
		// Fetch §concept-filtered-response-basic: all but forbidden response-header names.
		return Filtered{Type: TypeBasic, Status: status, BodyReadable: true,
			VisibleHeaders: visibleNames(h, func(string) bool { return true })}
	case fetchmode.TaintingCORS:
		// Fetch §concept-main-fetch step 14.1: the CORS-exposed header-name list.
		var lb [4]string
		var eb [8]string
		lines := appendHeaderLines(lb[:0], h, hACEH)
		exposed, err := grammar.AppendTokenList(eb[:0], hACEH, lines...)
		if err != nil {
			// A list that fails to parse exposes nothing beyond the safelist: step 14.1.3 says
			// "non-null or failure", which only makes sense as neither null nor failure.
			exposed = nil
		}
		// Fetch §concept-main-fetch step 14.1.2: "*" exposes every name unless credentials are included.
		all := !include && contains(exposed, "*")
		// Fetch §concept-filtered-response-cors.
		return Filtered{Type: TypeCORS, Status: status, BodyReadable: true,
			VisibleHeaders: visibleNames(h, func(name string) bool {
				return all || fetchmode.IsCORSSafelistedResponseHeaderName(name, exposed)
			})}
	default:
		// Fetch §concept-filtered-response-opaque.
		return Filtered{Type: TypeOpaque, VisibleHeaders: []string{}}
	}
}

// visibleNames lists the lower-cased, sorted, unique names of h that keep accepts, never the
// forbidden response-header names.
func visibleNames(h fetchmode.HeaderList, keep func(string) bool) []string {
	out := make([]string, 0, len(h))
	for _, hd := range h {
		if fetchmode.IsForbiddenResponseHeaderName(hd.Name) || !keep(hd.Name) {
			continue
		}
		n := asciiLower(hd.Name)
		if !contains(out, n) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// asciiLower byte-lowercases s: only A–Z change, as Fetch's header-name operations do; other bytes,
// including non-ASCII and invalid UTF-8, stay as they are.
func asciiLower(s string) string {
	// Common names come back as constants, without allocating.
	for _, c := range commonNames {
		if ascii.EqualFold(s, c) {
			return c
		}
	}
	return ascii.Lower(s)
}

// commonNames are header names that responses and requests often carry, lower-cased.
var commonNames = [...]string{
	"content-type", "content-length", "cache-control", "content-language", "expires", "last-modified",
	"pragma", "access-control-allow-origin", "access-control-allow-credentials", "vary", "date", "etag",
	"set-cookie", "location", "origin", "authorization", "x-csrf-token", "x-requested-with", "accept",
}
