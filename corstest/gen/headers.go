package gen

import (
	"slices"
	"strings"

	"pgregory.net/rapid"

	"github.com/corsim/corsim/fetchmode"
)

// headerKind is one header script sets, with the values it sets it to and how often.
type headerKind struct {
	name   string
	values []string
	weight int
}

// scriptHeaders are the headers script sets in init.headers. The safelisted names carry both
// values that keep them safelisted and values that do not (the comment says which are unsafe).
var scriptHeaders = []headerKind{
	{"Content-Type", []string{
		"text/plain", "application/x-www-form-urlencoded", "text/plain;charset=UTF-8",
		"multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW", "TEXT/PLAIN",
		// unsafe:
		"application/json", "application/json; charset=utf-8", "application/xml",
		`text/plain; charset="utf-8"`, "application/csp-report", "application/octet-stream",
	}, 6},
	{"Accept", []string{
		"*/*", "application/json", "application/json, text/plain, */*",
		"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
		// unsafe:
		`application/vnd.api+json; ext="https://jsonapi.org/ext/atomic"`,
		"application/json, " + strings.Repeat("application/vnd.example.v2+json, ", 4) + "*/*", // over 128 bytes
	}, 4},
	{"Accept-Language", []string{
		"en-US,en;q=0.9", "de", "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "zh-Hant-TW",
		// unsafe:
		"en_US",
	}, 2},
	{"Content-Language", []string{"en", "de-DE, en-CA", "en_GB" /* unsafe */}, 1},
	{"Range", []string{"bytes=0-1023", "bytes=500-", "bytes=-500" /* unsafe */, "bytes=0-99,200-299" /* unsafe */}, 1},
	{"X-Requested-With", []string{"XMLHttpRequest"}, 2},
	{"X-CSRF-Token", []string{"k9Xq2Lr0aVt7", "fa8c4e1d-3f5e-4f1c-9b0e-2d7a6c5b4e3f"}, 2},
	{"X-Api-Key", []string{"AIzaSyD-example-key"}, 1},
	{"X-Request-ID", []string{"0b8e4c9a-7f21-4d3b-a6e5-3c2d1f0e9a8b"}, 1},
	{"X-Client-Version", []string{"1.4.2", "web/2026.1"}, 1},
	{"Authorization", []string{
		"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl", "Basic dXNlcjpwYXNz",
	}, 3},
	{"Cache-Control", []string{"no-cache", "max-age=0"}, 1},
	{"If-None-Match", []string{`"33a64df551425fcc55e4d42a148795d9f25f89d4"`, `W/"0815"`}, 1},
	{"Idempotency-Key", []string{"8e03978e-40d5-43e8-bc93-6894a57f9324"}, 1},
	{"X-HTTP-Method-Override", []string{"PATCH", "DELETE"}, 1},
	// Client hints: safelisted in Chromium only, with well-formed values.
	{"DPR", []string{"2", "1.5", "abc" /* unsafe everywhere */}, 1},
	{"Save-Data", []string{"on"}, 1},
	{"Viewport-Width", []string{"1280"}, 1},
}

// forbiddenHeaders are headers script may set but the browser drops silently (Fetch
// §forbidden-request-header); User-Agent only Chromium drops.
var forbiddenHeaders = []headerKind{
	{"Cookie", []string{"session=38afes7a8"}, 1},
	{"User-Agent", []string{"Mozilla/5.0 (compatible; corsim-gen)"}, 1},
	{"Referer", []string{"https://app.example/checkout"}, 1},
	{"Origin", []string{"https://app.example"}, 1},
	{"Accept-Encoding", []string{"gzip, deflate, br"}, 1},
	{"Sec-Fetch-Site", []string{"same-origin"}, 1},
	{"Proxy-Authorization", []string{"Basic dXNlcjpwYXNz"}, 1},
	{"Content-Length", []string{"42"}, 1},
	{"X-HTTP-Method-Override", []string{"TRACE"}, 1},
}

// Headers returns a generator of init.headers as script sets them: zero to five entries, most
// often one or two, in the order script gives them. The names are the CORS-safelisted
// Content-Type, Accept, Accept-Language, Content-Language and Range, each with values that keep it
// safelisted and values that do not (application/json, a quoted parameter, a suffix or multiple
// range, a value over 128 bytes); custom X- headers; Authorization; conditional and cache headers;
// the client hints Chromium safelists (DPR, Save-Data, Viewport-Width); and now and then a name
// set twice (headers.append twice), whose values the browser combines. Names come in their usual case and
// sometimes in lower case, upper case or with one word's case off ("Content-type").
//
// Every name is a token and every value a header value, so the Headers guard never throws. About
// one entry in thirty is a forbidden request-header (Cookie, Referer, Origin, Sec-Fetch-Site,
// Content-Length, an X-HTTP-Method-Override of TRACE, …) or User-Agent, which the browser drops
// silently, as it drops them from real scripts (Chromium drops User-Agent too, the others send it).
// Check fetchmode.IsForbiddenRequestHeader to tell them apart. Lists shrink toward no header.
func Headers() *rapid.Generator[fetchmode.HeaderList] {
	weights := make([]int, len(scriptHeaders)+1)
	for i, k := range scriptHeaders {
		weights[i] = k.weight
	}
	weights[len(scriptHeaders)] = 1 // forbidden: one in 32 against the weights above
	return rapid.Custom(func(t *rapid.T) fetchmode.HeaderList {
		n := pick(t, "header-count", 3, 5, 4, 2, 1, 1)
		var l fetchmode.HeaderList
		var kinds []headerKind
		for i := 0; i < n; i++ {
			var k headerKind
			if len(kinds) > 0 && pick(t, "repeat-name", 9, 1) == 1 {
				k = rapid.SampledFrom(kinds).Draw(t, "repeated-header")
			} else {
				if j := pick(t, "header-kind", weights...); j < len(scriptHeaders) {
					k = scriptHeaders[j]
				} else {
					k = rapid.SampledFrom(forbiddenHeaders).Draw(t, "forbidden-header")
				}
				if slices.ContainsFunc(kinds, func(o headerKind) bool { return o.name == k.name }) {
					continue // an object literal names a header once; repeat-name sets one twice
				}
			}
			kinds = append(kinds, k)
			name := nameCase(t, k.name)
			l = append(l, fetchmode.Header{Name: name, Value: rapid.SampledFrom(k.values).Draw(t, "header-value")})
		}
		return l
	})
}

// nameCase draws the case script writes name in: as given, lower case, upper case, or with the
// first letter of its last word in the other case.
func nameCase(t *rapid.T, name string) string {
	switch pick(t, "header-case", 12, 5, 1, 1) {
	case 1:
		return strings.ToLower(name)
	case 2:
		return strings.ToUpper(name)
	case 3:
		i := strings.LastIndexByte(name, '-') + 1
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		return name[:i] + string(c) + name[i+1:]
	}
	return name
}
