package spec_test

import (
	"strings"

	"pgregory.net/rapid"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/scenario"
)

// The rapid generators of properties_test.go. They are biased toward the mistakes people make when
// they configure CORS: case, spaces, commas, trailing slashes, wrong port or scheme, null, duplicate
// header lines.

// pageOrigins are the pages scripts run in; "null" stands for an opaque origin.
var pageOrigins = []string{"https://app.example", "https://app.example:8443", "https://sub.app.example", "http://localhost:3000", "null"}

// targetURLs are the URLs the generated fetches go to (the generated server answers all of them).
var targetURLs = []string{"https://api.example/r", "https://api.example:8443/r", "https://app.example/r", "https://api.example/r?q=1", "http://localhost:3000/r", "https://app.example:8443/r"}

// genOrigin draws a page origin.
func genOrigin() *rapid.Generator[origin.Origin] {
	return rapid.Custom(func(t *rapid.T) origin.Origin {
		s := rapid.SampledFrom(pageOrigins).Draw(t, "page")
		if s == "null" {
			return origin.NewOpaque()
		}
		return origin.MustParse(s)
	})
}

// genMethod draws a method as script writes it, including lower-case forms and tokens that are not
// methods any server lists.
func genMethod() *rapid.Generator[string] {
	return rapid.SampledFrom([]string{"", "", "GET", "HEAD", "POST", "POST", "PUT", "PUT", "DELETE", "PATCH", "patch", "get", "post", "put", "OPTIONS", "CHICKEN", "*", "TRACE"})
}

// headerNames are request-header names, safelisted and not, with case variants and one forbidden.
var headerNames = []string{"Accept", "Accept-Language", "content-language", "Content-Type", "Range", "X-A", "x-a", "X-Requested-With", "Authorization", "User-Agent", "DPR", "Cookie", "X-B"}

// headerValues are values for them, safelisted for some names and not for others.
var headerValues = []string{"", "*/*", "en-US,en;q=0.9", "text/plain", "application/json", "multipart/form-data; boundary=x", "bytes=0-", "bytes=-5", "2", "1", "Bearer t", "a@b", "\"q\"", strings.Repeat("v", 130)}

// genHeaders draws a request header list of up to four entries.
func genHeaders() *rapid.Generator[fetchmode.HeaderList] {
	return rapid.Custom(func(t *rapid.T) fetchmode.HeaderList {
		n := rapid.IntRange(0, 4).Draw(t, "nheaders")
		var l fetchmode.HeaderList
		for i := 0; i < n; i++ {
			l = append(l, fetchmode.Header{Name: rapid.SampledFrom(headerNames).Draw(t, "hname"), Value: rapid.SampledFrom(headerValues).Draw(t, "hvalue")})
		}
		return l
	})
}

// genRequest draws one fetch() call from page.
func genRequest(page origin.Origin) *rapid.Generator[algorithm.Request] {
	return rapid.Custom(func(t *rapid.T) algorithm.Request {
		req := algorithm.Request{
			Origin:      page,
			URL:         rapid.SampledFrom(targetURLs).Draw(t, "url"),
			Method:      genMethod().Draw(t, "method"),
			Headers:     genHeaders().Draw(t, "headers"),
			Credentials: rapid.SampledFrom([]fetchmode.Credentials{fetchmode.CredentialsSameOrigin, fetchmode.CredentialsInclude, fetchmode.CredentialsOmit}).Draw(t, "credentials"),
			Mode:        rapid.SampledFrom([]fetchmode.Mode{fetchmode.ModeCORS, fetchmode.ModeCORS, fetchmode.ModeCORS, fetchmode.ModeNoCORS}).Draw(t, "mode"),
		}
		if page.IsOpaque() {
			req.TopLevel = origin.MustParse("https://top.example")
		}
		getOrHead := req.Method == "" || strings.EqualFold(req.Method, "GET") || strings.EqualFold(req.Method, "HEAD")
		switch rapid.IntRange(0, 9).Draw(t, "body") {
		case 1, 2, 3:
			if !getOrHead {
				req.Body = str("payload")
			}
		case 4:
			req.StreamBody = true
			if getOrHead {
				req.Method = "POST"
			}
		case 5:
			req.Body = str("a body on any method: a TypeError for GET and HEAD")
		}
		return req
	})
}

// acaoValue draws an Access-Control-Allow-Origin value relative to the serialized origin so.
func acaoValue(t *rapid.T, so, label string) (value string, present bool) {
	switch rapid.IntRange(0, 18).Draw(t, label) {
	case 0:
		return "", false
	case 1, 2, 3, 4, 5, 6:
		return so, true
	case 7, 8, 9:
		return "*", true
	case 10:
		return "null", true
	case 11:
		return so + "/", true
	case 12:
		return strings.ToUpper(so), true
	case 13:
		return strings.Replace(so, "https://", "http://", 1), true
	case 14:
		return so + ":444", true
	case 15:
		return so + ", " + so, true
	case 16:
		return so + " " + so, true
	case 17:
		return "", true
	default:
		return "https://evil.example", true
	}
}

// genAnswer draws the CORS headers of one server answer for a request from the serialized origin
// so with method m and header names names: right, wrong, duplicated, or absent.
func genAnswer(t *rapid.T, so, m string, names []string, preflight bool) fetchmode.HeaderList {
	var l fetchmode.HeaderList
	add := func(n, v string) { l = append(l, fetchmode.Header{Name: n, Value: v}) }
	if preflight && rapid.IntRange(0, 4).Draw(t, "well-configured") < 2 {
		// A server that gets it right, so that properties about passing preflights have cases.
		add("Access-Control-Allow-Origin", so)
		add("Access-Control-Allow-Credentials", "true")
		add("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, PATCH, patch, OPTIONS, CHICKEN, *")
		if len(names) > 0 {
			add("Access-Control-Allow-Headers", strings.Join(names, ", "))
		}
		return l
	}
	if v, ok := acaoValue(t, so, "acao"); ok {
		add("Access-Control-Allow-Origin", v)
		if rapid.IntRange(0, 9).Draw(t, "acao-dup") == 0 {
			add("access-control-allow-origin", v)
		}
	}
	switch rapid.IntRange(0, 8).Draw(t, "acac") {
	case 1, 2, 3, 7, 8:
		add("Access-Control-Allow-Credentials", "true")
	case 4:
		add("Access-Control-Allow-Credentials", "True")
	case 5:
		add("Access-Control-Allow-Credentials", "true")
		add("Access-Control-Allow-Credentials", "true")
	case 6:
		add("Access-Control-Allow-Credentials", "false")
	}
	if preflight {
		normM := fetchmode.NormalizeMethod(m)
		if normM == "" {
			normM = "GET"
		}
		switch rapid.IntRange(0, 8).Draw(t, "acam") {
		case 1, 2, 7, 8:
			add("Access-Control-Allow-Methods", "GET, "+normM+" ,POST")
		case 3:
			add("Access-Control-Allow-Methods", "*")
		case 4:
			add("Access-Control-Allow-Methods", strings.ToLower(normM))
		case 5:
			add("Access-Control-Allow-Methods", "PUT POST")
		case 6:
			add("Access-Control-Allow-Methods", ",,"+normM)
			add("Access-Control-Allow-Methods", "DELETE")
		}
		switch rapid.IntRange(0, 7).Draw(t, "acah") {
		case 1, 2, 6, 7:
			add("Access-Control-Allow-Headers", strings.ToUpper(strings.Join(names, ", ")))
		case 3:
			add("Access-Control-Allow-Headers", "*")
		case 4:
			if len(names) > 0 {
				add("Access-Control-Allow-Headers", strings.Join(names[1:], ","))
			}
		case 5:
			add("Access-Control-Allow-Headers", "x y")
		}
		switch rapid.IntRange(0, 3).Draw(t, "max-age") {
		case 1:
			add("Access-Control-Max-Age", "600")
		case 2:
			add("Access-Control-Max-Age", "-1")
		case 3:
			add("Access-Control-Max-Age", "abc")
		}
		return l
	}
	switch rapid.IntRange(0, 4).Draw(t, "aceh") {
	case 1:
		add("Access-Control-Expose-Headers", "*")
	case 2:
		add("Access-Control-Expose-Headers", "X-Secret, set-cookie")
	case 3:
		add("Access-Control-Expose-Headers", "x-secret , , accept")
	case 4:
		add("Access-Control-Expose-Headers", "x y")
	}
	add("Content-Type", "text/plain")
	add("X-Secret", "s")
	add("Set-Cookie", "a=b")
	if rapid.Bool().Draw(t, "accept-hdr") {
		add("Accept", "x")
	}
	return l
}

// genServer draws the server at the request's URL: one preflight answer and one actual answer,
// generated for a request from so with method m and unsafe names names.
func genServer(t *rapid.T, url, so, m string, names []string) map[string]scenario.Route {
	if i := strings.IndexByte(url, '?'); i >= 0 {
		url = url[:i] // the route of the path answers every query
	}
	pre := algorithm.Response{Status: rapid.SampledFrom([]int{204, 200, 204, 204, 200, 403, 302, 500}).Draw(t, "pre-status"), Headers: genAnswer(t, so, m, names, true)}
	act := algorithm.Response{Status: rapid.SampledFrom([]int{200, 200, 201, 404, 500}).Draw(t, "status"), Headers: genAnswer(t, so, m, names, false), Body: "body"}
	return map[string]scenario.Route{url: {Options: &pre, Actual: &act}}
}
