// Package httpheader converts between net/http's [http.Header] and the
// header list of package fetchmode, so that fetchmode itself needs no
// net/http. Adapters that talk HTTP (a test server, a browser harness) use it
// at the edge; the engine never does.
//
// Go's map is unordered and canonicalizes names, while a Fetch header list
// (Fetch §concept-header-list) is ordered and keeps the case of names, so the
// conversion is not lossless in either direction: see [FromHTTP] and
// [ToHTTP].
package httpheader

import (
	"net/http"
	"slices"

	"github.com/corsim/corsim/fetchmode"
)

// FromHTTP converts h to a header list. Go maps are unordered, so names come
// out in byte order; the values of one name keep their order. Names are kept
// as they are in the map.
func FromHTTP(h http.Header) fetchmode.HeaderList {
	names := make([]string, 0, len(h))
	n := 0
	for k, vs := range h {
		names = append(names, k)
		n += len(vs)
	}
	slices.Sort(names)
	l := make(fetchmode.HeaderList, 0, n)
	for _, k := range names {
		for _, v := range h[k] {
			l = append(l, fetchmode.Header{Name: k, Value: v})
		}
	}
	return l
}

// ToHTTP converts l to an [http.Header], adding each entry in order with
// [http.Header.Add] (which canonicalizes the name's case).
func ToHTTP(l fetchmode.HeaderList) http.Header {
	h := make(http.Header, len(l))
	for _, e := range l {
		h.Add(e.Name, e.Value)
	}
	return h
}
