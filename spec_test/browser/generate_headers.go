package browser

import (
	"fmt"
	"strings"
)

// allowOrigin draws an Access-Control-Allow-Origin answer for page: usually right,
// often one of the usual mistakes. ok reports whether the header is present.
func (g *generator) allowOrigin(page string) [][]string {
	scheme, host, found := strings.Cut(page, "://")
	if !found { // "null"
		scheme, host = "http", page
	}
	other := map[string]string{"http": "https", "https": "http"}[scheme]
	port := genPagePort
	if scheme == "https" {
		port = genSecurePagePort
	}
	switch g.r.IntN(16) {
	case 0, 1, 2, 3, 4, 5:
		return hdr("Access-Control-Allow-Origin", page)
	case 6, 7:
		return hdr("Access-Control-Allow-Origin", "*")
	case 8:
		return hdr("Access-Control-Allow-Origin", page+"/")
	case 9:
		return hdr("Access-Control-Allow-Origin", strings.ToUpper(page))
	case 10:
		return hdr("Access-Control-Allow-Origin", other+"://"+host) // the wrong scheme
	case 11:
		return hdr("Access-Control-Allow-Origin", strings.TrimSuffix(page, fmt.Sprintf(":%d", port))) // no port
	case 12:
		return hdr("Access-Control-Allow-Origin", page+", http://other.corsim.test")
	case 13:
		return hdr("Access-Control-Allow-Origin", pick(g, "null", "", " "+page+" ", page+" "+page))
	case 14:
		return append(hdr("Access-Control-Allow-Origin", page), hdr("Access-Control-Allow-Origin", page)...)
	}
	return nil
}

func (g *generator) allowCredentials() [][]string {
	switch g.r.IntN(10) {
	case 0, 1, 2, 3:
		return nil
	case 4, 5, 6:
		return hdr("Access-Control-Allow-Credentials", "true")
	}
	return hdr("Access-Control-Allow-Credentials", pick(g, "True", "false", "1", "true, true", "TRUE"))
}

func (g *generator) exposeHeaders() [][]string {
	switch g.r.IntN(8) {
	case 0, 1, 2:
		return nil
	case 3:
		return hdr("Access-Control-Expose-Headers", "x-request-id")
	case 4:
		return hdr("Access-Control-Expose-Headers", "*")
	case 5:
		return hdr("Access-Control-Expose-Headers", "X-Request-Id, X-Total-Count")
	case 6:
		return hdr("Access-Control-Expose-Headers", pick(g, "x-request-id x-total-count", "x-request-id,,", "set-cookie, x-request-id", "*, x-request-id"))
	}
	return append(hdr("Access-Control-Expose-Headers", "x-request-id"), hdr("Access-Control-Expose-Headers", "x-total-count")...)
}

// payloadHeaders are ordinary response headers script may or may not see.
func (g *generator) payloadHeaders() [][]string {
	h := hdr("Content-Type", pick(g, "application/json", "text/plain", "text/html; charset=utf-8"))
	if g.chance(0.6) {
		h = append(h, hdr("X-Request-Id", "r-17")...)
	}
	if g.chance(0.4) {
		h = append(h, hdr("X-Total-Count", "3")...)
	}
	if g.chance(0.3) {
		h = append(h, hdr("Content-Language", "en")...)
	}
	if g.chance(0.2) {
		h = append(h, hdr("Set-Cookie", "s=1; Path=/")...)
	}
	return h
}

func hdr(name, value string) [][]string { return [][]string{{name, value}} }

func join(hs ...[][]string) [][]string {
	var out [][]string
	for _, h := range hs {
		out = append(out, h...)
	}
	return out
}

func strp(s string) *string { return &s }

func (g *generator) credentials() string {
	return pick(g, "", "", "omit", "same-origin", "include", "include")
}

// actualResponse draws the answer to an actual request.
func (g *generator) actualResponse(page string) *responseSpec {
	status := pick(g, 200, 200, 200, 200, 201, 204, 404, 500)
	body := `{"ok":true}`
	if status == 204 {
		body = ""
	}
	return &responseSpec{Status: status, Headers: join(g.allowOrigin(page), g.allowCredentials(), g.exposeHeaders(), g.payloadHeaders()), Body: body}
}

// allowMethods draws Access-Control-Allow-Methods for method m.
func (g *generator) allowMethods(m string) [][]string {
	if m == "" {
		m = "GET"
	}
	switch g.r.IntN(12) {
	case 0, 1, 2, 3:
		return hdr("Access-Control-Allow-Methods", "GET, POST, "+m)
	case 4:
		return hdr("Access-Control-Allow-Methods", "*")
	case 5:
		return hdr("Access-Control-Allow-Methods", strings.ToLower(m))
	case 6:
		return hdr("Access-Control-Allow-Methods", strings.ToUpper(m))
	case 7:
		return hdr("Access-Control-Allow-Methods", pick(g, m+",", " "+m+" ", m+",,GET", m+"; GET", m+" GET"))
	case 8:
		return hdr("Access-Control-Allow-Methods", "GET, POST")
	case 9:
		return append(hdr("Access-Control-Allow-Methods", "GET"), hdr("Access-Control-Allow-Methods", m)...)
	}
	return nil
}

// allowHeaders draws Access-Control-Allow-Headers for the request's header names.
func (g *generator) allowHeaders(f fetchSpec) [][]string {
	var names []string
	for _, h := range f.Headers {
		names = append(names, strings.ToLower(h[0]))
	}
	list := strings.Join(names, ", ")
	switch g.r.IntN(12) {
	case 0, 1, 2, 3:
		return hdr("Access-Control-Allow-Headers", list)
	case 4:
		return hdr("Access-Control-Allow-Headers", "*")
	case 5:
		return hdr("Access-Control-Allow-Headers", strings.ToUpper(list))
	case 6:
		return hdr("Access-Control-Allow-Headers", "content-type")
	case 7:
		return hdr("Access-Control-Allow-Headers", pick(g, list+",", list+" x-other", "*, authorization", list+", *"))
	case 8:
		return hdr("Access-Control-Allow-Headers", "x-custom, x-csrf-token, content-type, authorization")
	}
	return nil
}

func (g *generator) maxAge() [][]string {
	switch g.r.IntN(10) {
	case 0, 1, 2, 3:
		return nil
	case 4, 5:
		return hdr("Access-Control-Max-Age", "600")
	}
	return hdr("Access-Control-Max-Age", pick(g, "0", "-1", "abc", "86400", "9.5"))
}
