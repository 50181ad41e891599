package algorithm

import (
	"sort"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
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
	return filterResponse(p.rules(), tainting, credentials == fetchmode.CredentialsInclude, resp.Status, resp.Headers, nil)
}

// filterResponse is FilterResponse, appending the visible names to dst.
func filterResponse(r *rules, tainting fetchmode.Tainting, include bool, status int, h fetchmode.HeaderList, dst []string) Filtered {
	switch tainting {
	case fetchmode.TaintingBasic:
		// Fetch §concept-filtered-response-basic: all but forbidden response-header names.
		return Filtered{Type: TypeBasic, Status: status, BodyReadable: true,
			VisibleHeaders: visibleNames(dst, h, func(int, string) bool { return true })}
	case fetchmode.TaintingCORS:
		// Fetch §concept-main-fetch step 14.1: the CORS-exposed header-name list, read in one pass
		// that notes which of the response's headers it names.
		ex := exposedBy(h)
		// Fetch §concept-main-fetch step 14.1.2: "*" exposes every name unless credentials are included.
		all := !include && ex.star
		// Fetch §concept-filtered-response-cors.
		return Filtered{Type: TypeCORS, Status: status, BodyReadable: true,
			VisibleHeaders: visibleNames(dst, h, func(i int, name string) bool {
				return all || fetchmode.IsCORSSafelistedResponseHeaderName(name, nil) || ex.names(i)
			})}
	default:
		// Fetch §concept-filtered-response-opaque.
		return Filtered{Type: TypeOpaque, VisibleHeaders: []string{}}
	}
}

// exposed is what Access-Control-Expose-Headers names of a response's own headers.
type exposed struct {
	star  bool  // the list has "*"
	named marks // i: the list names h[i]
}

// marks is a set of indexes: the first 64 in one word, any others in a slice sized once.
type marks struct {
	low  uint64
	high []bool
}

func newMarks(n int) marks {
	if n > 64 {
		return marks{high: make([]bool, n-64)}
	}
	return marks{}
}

func (m *marks) set(i int) {
	if i < 64 {
		m.low |= 1 << i
	} else {
		m.high[i-64] = true
	}
}

func (m *marks) has(i int) bool {
	if i < 64 {
		return m.low&(1<<i) != 0
	}
	return m.high[i-64]
}

func (e *exposed) names(i int) bool { return e.named.has(i) }

// exposedBy reads Access-Control-Expose-Headers in one pass, comparing each element with the
// response's header names: time linear in the list's length for a given response, and no copy of
// it. A list that fails to parse exposes nothing beyond the safelist: Fetch §concept-main-fetch step
// 14.1.3 says "non-null or failure", which only makes sense as neither null nor failure.
func exposedBy(h fetchmode.HeaderList) exposed {
	e := exposed{named: newMarks(len(h))}
	var byName foldIndex
	if len(h) > scanAtMost {
		byName = newFoldIndex(len(h), func(i int) string { return h[i].Name })
	}
	l := newTokenList(h, hACEH)
	for {
		name, more, err := l.next()
		if err != nil {
			return exposed{named: newMarks(len(h))}
		}
		if !more {
			break
		}
		if name == "*" {
			e.star = true
		}
		if byName != nil {
			for _, j := range byName.lookup(name) {
				e.named.set(j)
			}
			continue
		}
		for j := range h {
			if ascii.EqualFold(h[j].Name, name) {
				e.named.set(j)
			}
		}
	}
	return e
}

// scanAtMost is how many names a list element is compared with one by one; past it, a foldIndex
// finds them, so a long list against many headers stays linear in the list's length.
const scanAtMost = 16

// foldIndex maps names, byte-lowercased, to their positions in a list.
type foldIndex map[string][]int

func newFoldIndex(n int, name func(int) string) foldIndex {
	x := make(foldIndex, n)
	for i := 0; i < n; i++ {
		k := ascii.Lower(name(i))
		x[k] = append(x[k], i)
	}
	return x
}

// lookup returns the positions of the names that match e ignoring ASCII case. A short e is lowered
// on the stack, so the look-up does not allocate.
func (x foldIndex) lookup(e string) []int {
	var buf [64]byte
	if len(e) > len(buf) {
		return x[ascii.Lower(e)]
	}
	b := buf[:len(e)]
	for i := 0; i < len(e); i++ {
		b[i] = ascii.LowerByte(e[i])
	}
	return x[string(b)]
}

// visibleNames appends to dst the lower-cased, sorted, unique names of h that keep accepts (given
// each header's index and name), never the forbidden response-header names.
func visibleNames(dst []string, h fetchmode.HeaderList, keep func(int, string) bool) []string {
	out := dst[:0]
	if out == nil || cap(out) < len(h) {
		out = make([]string, 0, len(h))
	}
	for i, hd := range h {
		if fetchmode.IsForbiddenResponseHeaderName(hd.Name) || !keep(i, hd.Name) {
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
	if i := commonNames.Index(s); i >= 0 {
		return commonNames.Member(i)
	}
	return ascii.Lower(s)
}

// commonNames are header names that responses and requests often carry, lower-cased.
var commonNames = ascii.NewFoldSet(
	"content-type", "content-length", "cache-control", "content-language", "expires", "last-modified",
	"pragma", "access-control-allow-origin", "access-control-allow-credentials", "vary", "date", "etag",
	"set-cookie", "location", "origin", "authorization", "x-csrf-token", "x-requested-with", "accept",
)
