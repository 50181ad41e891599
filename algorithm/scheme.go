package algorithm

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
	"github.com/corsim/corsim/internal/grammar"
	"github.com/corsim/corsim/origin"
)

// schemeFetch is Fetch §concept-scheme-fetch: about:blank, data: URLs, and HTTP(S) through HTTP fetch.
// blob: (corsim has no blob URL store), file: and other schemes are network errors, as the standard
// allows "when in doubt".
func (f *fetcher) schemeFetch() result {
	cur := f.current()
	switch cur.Scheme() {
	case "http", "https":
		return f.httpFetch(false, nil)
	case "about":
		// Fetch §concept-scheme-fetch "about": about:blank answers an empty HTML document.
		if cur.PathQuery() == "blank" {
			return result{status: 200, headers: fetchmode.HeaderList{{Name: "Content-Type", Value: "text/html;charset=utf-8"}}}
		}
	case "data":
		// Fetch §concept-scheme-fetch "data": the data: URL processor.
		mime, body, ok := processDataURL(cur)
		if ok {
			h := fetchmode.HeaderList{{Name: "Content-Type", Value: mime}}
			if f.rules.ruleDataURLContentLength {
				// Firefox's data: responses also carry Content-Length (profile rule).
				h = append(h, fetchmode.Header{Name: "Content-Length", Value: strconv.Itoa(len(body))})
			}
			return result{status: 200, headers: h, body: body}
		}
		if f.trace {
			f.step("fetch#data-url-processor", f.req.href(cur), "network error: not a valid data: URL")
		}
		return f.fail(InvalidResponse, f.req.href(cur), cur)
	}
	if f.trace {
		f.step("fetch#concept-scheme-fetch", "scheme "+cur.Scheme(), "network error: corsim cannot fetch this scheme")
	}
	return f.fail(UnsupportedScheme, cur.Scheme(), cur)
}

// processDataURL is Fetch §data-url-processor, reduced to the MIME type and the body.
func processDataURL(u origin.URL) (mime, body string, ok bool) {
	s := u.StringNoFragment()
	s = s[len("data:"):]
	// Steps 3–6: the MIME type is everything before the first comma.
	comma := strings.IndexByte(s, ',')
	if comma < 0 {
		return "", "", false
	}
	mimeType := strings.Trim(s[:comma], " \t\n\r\f")
	encoded := s[comma+1:]
	// Step 10: percent-decode the body.
	decoded := lenientPercentDecode(encoded)
	// Step 11: a ";base64" suffix (ASCII case-insensitive, spaces allowed before "base64").
	if i := strings.LastIndexByte(mimeType, ';'); i >= 0 && ascii.EqualFold(strings.TrimLeft(mimeType[i+1:], " "), "base64") {
		mimeType = mimeType[:i]
		raw, ok := forgivingBase64(decoded)
		if !ok {
			return "", "", false
		}
		decoded = raw
	}
	// Step 12: a leading ";" means text/plain.
	if strings.HasPrefix(mimeType, ";") {
		mimeType = "text/plain" + mimeType
	}
	// Steps 13–14: an unparsable MIME type becomes text/plain;charset=US-ASCII.
	if _, err := grammar.ParseMIMEType(mimeType); err != nil {
		mimeType = "text/plain;charset=US-ASCII"
	}
	return mimeType, decoded, true
}

// lenientPercentDecode is URL §percent-decode: a "%" not followed by two hex digits stays as is.
func lenientPercentDecode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// forgivingBase64 is Infra §forgiving-base64-decode.
func forgivingBase64(s string) (string, bool) {
	// Step 1: remove ASCII whitespace.
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\f', '\r':
			return -1
		}
		return r
	}, s)
	// Step 2: a length divisible by 4 may end in one or two "=".
	if len(s)%4 == 0 {
		if strings.HasSuffix(s, "==") {
			s = s[:len(s)-2]
		} else if strings.HasSuffix(s, "=") {
			s = s[:len(s)-1]
		}
	}
	// Step 3: a remainder of 1 fails.
	if len(s)%4 == 1 {
		return "", false
	}
	// Steps 4–9: RawStdEncoding (not Strict) discards non-zero trailing bits, as the algorithm does.
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return "", false
	}
	return string(b), true
}

// corpCheck is Fetch §cross-origin-resource-policy-check for a page whose embedder policy is
// "unsafe-none" (the default), run on opaque responses.
func (f *fetcher) corpCheck(cur origin.URL, h fetchmode.HeaderList) Failure {
	// Fetch §cross-origin-resource-policy-internal-check step 2: get the header (lines combine).
	policy, ok := h.Get(hCORP)
	if !ok {
		return Failure{}
	}
	switch policy {
	case "same-origin":
		if !origin.SameOrigin(f.req.origin, cur.Origin()) {
			f.step("fetch#cross-origin-resource-policy-internal-check", "Cross-Origin-Resource-Policy: same-origin", "blocked")
			return Failure{Reason: CorpNotSameOrigin, Parameter: policy}
		}
	case "same-site":
		// Same site when schemelessly same site, and not from a non-https page to an https URL.
		if !origin.SchemelesslySameSite(f.req.origin, cur.Origin()) || (f.req.origin.Scheme() != "https" && cur.Scheme() == "https") {
			f.step("fetch#cross-origin-resource-policy-internal-check", "Cross-Origin-Resource-Policy: same-site", "blocked")
			return Failure{Reason: CorpNotSameSite, Parameter: policy}
		}
	}
	return Failure{}
}
