package har

import (
	"strings"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
)

// A HAR records the headers that went on the wire, which are the script's headers plus the ones the
// browser (and DevTools) added itself. ScriptHeaders takes the browser's out again, so the fetch can
// be replayed as script made it. docs/har.md states the rule for users; this is it.

// browserHeaders are headers that are not forbidden request-headers (script could set them) but
// that a browser adds on its own to a fetch, so a HAR shows them on requests script never gave them
// to. They are left out unless a recorded preflight announced them.
var browserHeaders = map[string]string{
	"user-agent":                "every browser sends it",
	"priority":                  "Chromium and Firefox send it over HTTP/2 and HTTP/3 (RFC 9218)",
	"pragma":                    "DevTools' \"Disable cache\" and reloads add Pragma: no-cache",
	"cache-control":             "DevTools' \"Disable cache\" and reloads add Cache-Control: no-cache",
	"if-none-match":             "the HTTP cache adds it to revalidate",
	"if-modified-since":         "the HTTP cache adds it to revalidate",
	"upgrade-insecure-requests": "navigations carry it, fetches do not",
	"x-client-data":             "Chrome adds it for Google hosts",
	"alt-used":                  "Firefox adds it on alternative services",
	"purpose":                   "prefetches carry it",
	"save-data":                 "a client hint the browser adds",
	"device-memory":             "a client hint the browser adds",
	"dpr":                       "a client hint the browser adds",
	"viewport-width":            "a client hint the browser adds",
	"width":                     "a client hint the browser adds",
	"rtt":                       "a client hint the browser adds",
	"downlink":                  "a client hint the browser adds",
	"ect":                       "a client hint the browser adds",
}

// restoredValue stands for the value of a header a recorded preflight announced but the HAR's request
// does not show (Chromium's sanitized export removes Authorization and Cookie).
const restoredValue = "(not in the HAR)"

// Dropped is a recorded request header ScriptHeaders took for the browser's, and why.
type Dropped struct {
	Name, Why string
}

// ScriptHeaders returns the headers script passed to fetch(), rebuilt from the request headers a HAR
// recorded, in their order:
//
//   - HTTP/2 pseudo-headers (already left out by Parse) and forbidden request-headers are the
//     browser's (Fetch §forbidden-request-header: Origin, Referer, Cookie, Host, Connection,
//     Accept-Encoding, Content-Length, Sec-*, Proxy-*, …): script cannot set them;
//   - so are the headers in browserHeaders (User-Agent, Priority, the revalidation and DevTools cache
//     headers, client hints), Accept when it is "*/*" (the default of fetch() and XMLHttpRequest in
//     all three engines), and Accept-Language when its value is acceptLanguage, the browser's own
//     (the value most entries of the HAR carry);
//   - every other header is script's.
//
// When the preflight the browser sent for the request was recorded, its Access-Control-Request-Headers
// (acrh, lower-cased names) settles the CORS-unsafe ones: a name it lists is script's whatever the
// rules above say, a CORS-unsafe header it does not list is the browser's, and a name it lists that
// the request does not show is restored with the value "(not in the HAR)". acrhKnown says whether a
// preflight was recorded at all.
func ScriptHeaders(recorded fetchmode.HeaderList, acceptLanguage string, acrh []string, acrhKnown bool) (script fetchmode.HeaderList, dropped []Dropped, restored []string) {
	announced := func(name string) bool {
		for _, a := range acrh {
			if ascii.EqualFold(a, name) {
				return true
			}
		}
		return false
	}
	for _, h := range recorded {
		lower := ascii.Lower(h.Name)
		if acrhKnown && announced(lower) {
			script = append(script, h)
			continue
		}
		why := ""
		switch {
		case fetchmode.IsForbiddenRequestHeader(h.Name, h.Value):
			why = "a forbidden request-header: only the browser sets it"
		case browserHeaders[lower] != "":
			why = browserHeaders[lower]
		case lower == "accept" && h.Value == "*/*":
			why = "the browser's default Accept for fetch() and XMLHttpRequest"
		case lower == "accept-language" && h.Value == acceptLanguage:
			why = "the browser's own Accept-Language (the value most entries carry)"
		case acrhKnown && !fetchmode.IsCORSSafelistedRequestHeader(h.Name, h.Value):
			why = "CORS-unsafe, yet the recorded preflight did not announce it, so the browser or an extension added it"
		}
		if why != "" {
			dropped = append(dropped, Dropped{Name: h.Name, Why: why})
			continue
		}
		script = append(script, h)
	}
	for _, a := range acrh {
		if a != "" && !script.Contains(a) && fetchmode.IsHeaderName(a) {
			script = append(script, fetchmode.Header{Name: a, Value: restoredValue})
			restored = append(restored, a)
		}
	}
	return script, dropped, restored
}

// browserAcceptLanguage is the Accept-Language value most entries of l carry: the browser's
// preference, which it sends on every request. Ties go to the value seen first.
func browserAcceptLanguage(l *Log) string {
	count := map[string]int{}
	best, bestN := "", 0
	for i := range l.Entries {
		v, ok := l.Entries[i].Request.Headers.Get("Accept-Language")
		if !ok {
			continue
		}
		count[v]++
		if count[v] > bestN {
			best, bestN = v, count[v]
		}
	}
	return best
}

// splitList splits a comma-separated header value into trimmed, lower-cased, non-empty elements.
func splitList(v string) []string {
	var out []string
	for el := range strings.SplitSeq(v, ",") {
		if el = ascii.Lower(strings.TrimSpace(el)); el != "" {
			out = append(out, el)
		}
	}
	return out
}
