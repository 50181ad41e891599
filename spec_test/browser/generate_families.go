package browser

import "strings"

// simple draws fetches that need no preflight.
func (g *generator) simple(nm names) scenario {
	url := nm.api + "/simple"
	f := fetchSpec{URL: url, Method: pick(g, "", "GET", "HEAD", "POST", "post", "get"), Credentials: g.credentials()}
	if strings.EqualFold(f.Method, "POST") {
		f.Body = strp("a=1")
		switch g.r.IntN(4) {
		case 0:
			f.Headers = hdr("Content-Type", "application/x-www-form-urlencoded")
		case 1:
			f.Headers = hdr("Content-Type", "text/plain;charset=UTF-8")
		case 2:
			f.Headers = hdr("Content-Type", "multipart/form-data; boundary=x")
		}
	}
	if g.chance(0.3) {
		f.Headers = append(f.Headers, pick(g, hdr("Accept", "application/json"), hdr("Accept-Language", "en-US"),
			hdr("Content-Language", "de"), hdr("Range", "bytes=0-10"), hdr("DPR", "2"), hdr("Save-Data", "on"),
			hdr("Cookie", "a=b"), hdr("Accept", strings.Repeat("a", 200)))...)
	}
	if g.chance(0.15) {
		url += "?q=1"
		f.URL = url
	}
	return scenario{Servers: map[string]serverSpec{nm.api + "/simple": {Actual: g.actualResponse(nm.page)}},
		Fetches: []fetchSpec{f}}
}

// preflightRequest draws a request that needs a preflight.
func (g *generator) preflightRequest(url string) fetchSpec {
	f := fetchSpec{URL: url, Credentials: g.credentials()}
	switch g.r.IntN(8) {
	case 0, 1:
		f.Method = pick(g, "PUT", "DELETE", "PATCH", "patch", "QUERY", "delete", "OPTIONS")
	case 2, 3:
		f.Method = pick(g, "POST", "GET")
		f.Headers = hdr("Content-Type", "application/json")
	case 4:
		f.Method = pick(g, "GET", "POST")
		f.Headers = hdr(pick(g, "X-Custom", "x-custom", "X-CSRF-Token"), "1")
	case 5:
		f.Method = "GET"
		f.Headers = hdr("Authorization", "Bearer t0k")
	case 6:
		f.Method = pick(g, "PUT", "PATCH")
		f.Headers = join(hdr("Content-Type", "application/json"), hdr("X-CSRF-Token", "t0k"))
	default:
		f.Method = "GET"
		f.Headers = join(hdr("X-Custom", "1"), hdr("Authorization", "Basic Zm9vOmJhcg=="), hdr("Accept", "application/json"))
	}
	if f.Method != "GET" && f.Method != "HEAD" && g.chance(0.7) {
		f.Body = strp(`{"n":1}`)
	}
	return f
}

// preflightResponse draws the answer to a preflight for f.
func (g *generator) preflightResponse(page string, f fetchSpec) *responseSpec {
	status := pick(g, 200, 204, 204, 204, 200, 403, 404, 500, 302)
	h := join(g.allowOrigin(page), g.allowCredentials(), g.allowMethods(f.Method), g.allowHeaders(f), g.maxAge())
	if status == 302 {
		h = append(h, hdr("Location", page+"/elsewhere")...)
	}
	return &responseSpec{Status: status, Headers: h}
}

func (g *generator) preflight(nm names) scenario {
	url := nm.api + "/pf"
	f := g.preflightRequest(url)
	return scenario{Servers: map[string]serverSpec{url: {Options: g.preflightResponse(nm.page, f), Actual: g.actualResponse(nm.page)}},
		Fetches: []fetchSpec{f}}
}

// redirect draws a fetch through one or two redirects, same-origin or cross-origin.
func (g *generator) redirect(nm names) scenario {
	first := pick(g, nm.api, nm.api, nm.page) + "/r1"
	var target string
	switch g.r.IntN(4) {
	case 0:
		target = nm.alt + "/final"
	case 1:
		target = nm.api + "/final"
	case 2:
		target = nm.page + "/final"
	default:
		target = "/final"
	}
	targetURL := target
	if strings.HasPrefix(target, "/") {
		start := strings.Index(first, "://") + len("://")
		targetURL = first[:start+strings.Index(first[start:], "/")] + target
	}
	code := pick(g, 301, 302, 303, 307, 308)
	hop := &responseSpec{Status: code, Headers: join(hdr("Location", target), g.maybe(0.6, g.allowOrigin(nm.page)), g.maybe(0.3, g.allowCredentials()))}
	servers := map[string]serverSpec{first: {Actual: hop}}
	final := g.actualResponse(pick(g, nm.page, nm.page, "null"))
	if g.chance(0.5) {
		final.Headers = join(hdr("Access-Control-Allow-Origin", pick(g, "*", "null", nm.page)), g.payloadHeaders())
	}
	servers[targetURL] = serverSpec{Actual: final, Options: &responseSpec{Status: 204, Headers: join(
		hdr("Access-Control-Allow-Origin", pick(g, "*", "null", nm.page)), hdr("Access-Control-Allow-Methods", "PUT, DELETE, PATCH"),
		hdr("Access-Control-Allow-Headers", "*"))}}
	f := fetchSpec{URL: first, Method: pick(g, "", "GET", "POST", "PUT", "DELETE"), Credentials: g.credentials(),
		Redirect: pick(g, "", "", "", "follow", "manual", "error")}
	if f.Method == "POST" || f.Method == "PUT" {
		f.Body = strp("x=1")
	}
	if g.chance(0.3) {
		f.Headers = hdr(pick(g, "X-Custom", "Authorization"), "1")
	}
	if strings.HasPrefix(first, nm.api) {
		servers[first] = serverSpec{Actual: hop, Options: &responseSpec{Status: 204, Headers: join(
			hdr("Access-Control-Allow-Origin", nm.page), hdr("Access-Control-Allow-Methods", "PUT, DELETE"),
			hdr("Access-Control-Allow-Headers", "x-custom, authorization"), g.maybe(0.5, hdr("Access-Control-Allow-Credentials", "true")))}}
	}
	return scenario{Servers: servers, Fetches: []fetchSpec{f}}
}

func (g *generator) maybe(p float64, h [][]string) [][]string {
	if g.chance(p) {
		return h
	}
	return nil
}

// cacheSequence draws two to four preflighted fetches to one URL, with waits chosen
// well away from the entry's lifetime so that real time and the engine's virtual
// clock agree on expiry.
func (g *generator) cacheSequence(nm names) scenario {
	url := nm.api + "/cached"
	page := nm.page
	n := 2 + g.r.IntN(3)
	ok := func(methods, headers, maxAge string) responseSpec {
		h := join(hdr("Access-Control-Allow-Origin", page), hdr("Access-Control-Allow-Methods", methods),
			hdr("Access-Control-Allow-Headers", headers))
		if maxAge != "" {
			h = append(h, hdr("Access-Control-Max-Age", maxAge)...)
		}
		return responseSpec{Status: 204, Headers: h}
	}
	maxAge := pick(g, "", "1", "1", "0", "60", "abc", "-1")
	seq := []responseSpec{ok(pick(g, "PUT", "PUT, DELETE", "*"), pick(g, "x-custom", "*", "x-custom, authorization"), maxAge)}
	if g.chance(0.4) {
		seq = append(seq, ok(pick(g, "DELETE", "PATCH", "PUT"), pick(g, "x-other", "x-custom"), pick(g, "1", "60")))
	}
	if g.chance(0.2) {
		seq = append(seq, responseSpec{Status: 403})
	}
	actual := &responseSpec{Status: 200, Headers: join(hdr("Access-Control-Allow-Origin", page), hdr("Access-Control-Allow-Credentials", "true")), Body: "ok"}
	var fs []fetchSpec
	for i := 0; i < n; i++ {
		f := fetchSpec{URL: url, Method: pick(g, "PUT", "PUT", "DELETE", "PATCH", "GET"), Credentials: pick(g, "", "include", "omit")}
		switch g.r.IntN(4) {
		case 0:
			f.Headers = hdr("X-Custom", "1")
		case 1:
			f.Headers = hdr("Authorization", "Bearer t")
		case 2:
			f.Headers = hdr("X-Other", "2")
		}
		if f.Method == "GET" && len(f.Headers) == 0 {
			f.Headers = hdr("X-Custom", "1")
		}
		if i > 0 {
			f.WaitMS = pick(g, 0, 0, 100, 300, 1600)
		}
		fs = append(fs, f)
	}
	return scenario{Servers: map[string]serverSpec{url: {OptionsSeq: seq, Actual: actual}}, Fetches: fs}
}

// modes draws no-cors, same-origin and manual-redirect fetches, and calls the
// Request constructor rejects.
func (g *generator) modes(nm names) scenario {
	cross := nm.api + "/m"
	same := nm.page + "/m"
	url := pick(g, cross, cross, same)
	f := fetchSpec{URL: url, Mode: pick(g, "no-cors", "no-cors", "same-origin", "cors"), Credentials: g.credentials()}
	switch g.r.IntN(6) {
	case 0:
		f.Method = pick(g, "PUT", "DELETE")
	case 1:
		f.Method = pick(g, "CONNECT", "TRACE", "track")
	case 2:
		f.Method, f.Body = "GET", strp("x")
	case 3:
		f.Headers = hdr(pick(g, "X-Custom", "Content-Type"), pick(g, "1", "application/json", "text/plain"))
	case 4:
		f.Redirect = pick(g, "manual", "error")
	default:
		f.Headers = hdr(pick(g, "Bad Name", "X-Ok"), pick(g, "v\x01", "ok"))
	}
	resp := g.actualResponse(nm.page)
	if g.chance(0.3) {
		resp = &responseSpec{Status: 302, Headers: join(hdr("Location", nm.alt+"/m2"), g.allowOrigin(nm.page))}
	}
	servers := map[string]serverSpec{url: {Actual: resp, Options: g.preflightResponse(nm.page, f)}}
	servers[nm.alt+"/m2"] = serverSpec{Actual: &responseSpec{Status: 200, Headers: join(hdr("Access-Control-Allow-Origin", "*"), g.payloadHeaders()), Body: "2"}}
	return scenario{Servers: servers, Fetches: []fetchSpec{f}}
}

// opaque draws fetches from an opaque-origin (sandboxed) frame.
func (g *generator) opaque(nm names) scenario {
	url := nm.api + "/o"
	f := fetchSpec{URL: url, Credentials: g.credentials()}
	if g.chance(0.5) {
		f = g.preflightRequest(url)
	}
	acao := pick(g, "null", "null", "*", nm.page, "NULL")
	opt := &responseSpec{Status: 204, Headers: join(hdr("Access-Control-Allow-Origin", acao), g.allowMethods(f.Method), g.allowHeaders(f), g.allowCredentials())}
	act := &responseSpec{Status: 200, Headers: join(hdr("Access-Control-Allow-Origin", acao), g.allowCredentials(), g.payloadHeaders()), Body: "o"}
	return scenario{PageOrigin: "null", NullParent: nm.page, Servers: map[string]serverSpec{url: {Options: opt, Actual: act}},
		Fetches: []fetchSpec{f}}
}
