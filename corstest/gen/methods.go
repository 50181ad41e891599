package gen

import (
	"pgregory.net/rapid"

	"github.com/corsim/corsim/fetchmode"
)

// scriptMethods are init.method values as script writes them, weighted by how often it does:
// mostly the safelisted GET, POST and HEAD, then PUT, PATCH and DELETE, some in lower case (which
// fetch() upper-cases, except "patch"), OPTIONS, and the methods of WebDAV and HTTP extensions.
var scriptMethods = []struct {
	method string
	weight int
}{
	{"GET", 12}, {"POST", 10}, {"HEAD", 2},
	{"PUT", 5}, {"PATCH", 4}, {"DELETE", 4},
	{"patch", 2}, {"delete", 1}, {"post", 1}, {"get", 1}, {"Put", 1},
	{"OPTIONS", 1}, {"PROPFIND", 1}, {"PURGE", 1}, {"REPORT", 1}, {"QUERY", 1}, {"MKCOL", 1},
}

// Methods returns a generator of request methods as script passes them in init.method: mostly
// GET, POST and HEAD; PUT, PATCH and DELETE; lower- and mixed-case spellings ("patch" stays
// lower-case on the wire, the others fetch() upper-cases); OPTIONS; extension methods such as
// PROPFIND; and arbitrary tokens. Every value is one fetch() accepts: an HTTP token other than
// CONNECT, TRACE and TRACK. Values shrink toward "GET".
func Methods() *rapid.Generator[string] {
	weights := make([]int, len(scriptMethods)+1)
	for i, m := range scriptMethods {
		weights[i] = m.weight
	}
	weights[len(scriptMethods)] = 2 // an arbitrary token
	token := rapid.StringMatching(`[A-Z]{3,8}(-[A-Z]{2,6})?`).Filter(func(s string) bool {
		return fetchmode.IsMethod(s) && !fetchmode.IsForbiddenMethod(s)
	})
	return rapid.Custom(func(t *rapid.T) string {
		i := pick(t, "method-kind", weights...)
		if i < len(scriptMethods) {
			return scriptMethods[i].method
		}
		return token.Draw(t, "method-token")
	})
}

// pick draws an index into weights with the probability its weight gives it; it shrinks toward 0.
// A weight of 0 is never drawn.
func pick(t *rapid.T, label string, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := rapid.IntRange(0, total-1).Draw(t, label)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}
