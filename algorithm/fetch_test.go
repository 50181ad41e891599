package algorithm_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
	"github.com/google/go-cmp/cmp"
)

// want is the part of a verdict a table row asserts.
type want struct {
	Outcome    algorithm.Outcome
	Reason     algorithm.Reason
	Param      string
	ActualSent bool
	Type       algorithm.ResponseType
	Status     int
	Headers    []string
	Sent       []string // "METHOD URL" of each request the server saw
	Origins    []string // the Origin header of each request ("-" when absent)
	FinalURL   string
	Redirected bool
}

func got(v algorithm.Verdict) want {
	w := want{Outcome: v.Outcome, Reason: v.Reason, Param: v.FailedParameter, ActualSent: v.ActualSent,
		Type: v.ResponseType, Status: v.Status, Headers: v.VisibleHeaders, FinalURL: v.FinalURL, Redirected: v.Redirected}
	for _, s := range v.ServerSaw {
		w.Sent = append(w.Sent, s.Method+" "+s.URL)
		o, ok := s.Headers.Get("Origin")
		if !ok {
			o = "-"
		}
		w.Origins = append(w.Origins, o)
	}
	return w
}

type row struct {
	name    string
	profile algorithm.Profile
	req     algorithm.Request
	routes  routes
	want    want
}

var page = origin.MustParse("https://app.test")

// routes is the tests' server: it answers each request from the route of its URL, keyed as the
// browser serializes the URL it sends, and 404 with no headers where there is none.
type routes map[string]route

// route is how the server answers at one URL: Options answers CORS preflights and Actual every other
// request; nil answers 404.
type route struct{ Options, Actual *algorithm.Response }

// Respond implements algorithm.Responder.
func (rs routes) Respond(req algorithm.SentRequest) (algorithm.Response, error) {
	r := rs[req.URL]
	answer := r.Actual
	if req.Preflight {
		answer = r.Options
	}
	if answer == nil {
		return algorithm.Response{Status: 404}, nil
	}
	return *answer, nil
}

func ok200(kv ...string) *algorithm.Response {
	return &algorithm.Response{Status: 200, Headers: hl(kv...)}
}

func resp(status int, kv ...string) *algorithm.Response {
	return &algorithm.Response{Status: status, Headers: hl(kv...)}
}

func strp(s string) *string { return &s }

func runRows(t *testing.T, rows []row) {
	t.Helper()
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			if !r.req.Origin.IsValid() {
				r.req.Origin = page
			}
			v := algorithm.Fetch(r.req, r.routes, algorithm.Options{Profile: r.profile})
			g := got(v)
			w := r.want
			if w.Headers == nil {
				w.Headers = []string{}
			}
			if w.Type == "" {
				w.Type = algorithm.TypeError
			}
			if diff := cmp.Diff(w, g); diff != "" {
				t.Errorf("verdict mismatch (-want +got):\n%s\nmessage: %s", diff, v.Message)
			}
			if v.Outcome != algorithm.OK && v.Message == "" {
				t.Errorf("failed fetch has no console message")
			}
		})
	}
}

const api = "https://api.test/x"

func TestFetchMainFetch(t *testing.T) {
	runRows(t, []row{
		{name: "same-origin GET is basic and sends no Origin",
			req:    algorithm.Request{URL: "https://app.test/a"},
			routes: routes{"https://app.test/a": {Actual: ok200("Content-Type", "text/plain", "Set-Cookie", "a=b", "X-Y", "1")}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeBasic, Status: 200,
				Headers: []string{"content-type", "x-y"}, Sent: []string{"GET https://app.test/a"}, Origins: []string{"-"}, FinalURL: "https://app.test/a"}},
		{name: "same-origin POST sends Origin",
			req:    algorithm.Request{URL: "https://app.test/a", Method: "post", Body: strp("x")},
			routes: routes{"https://app.test/a": {Actual: ok200()}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeBasic, Status: 200,
				Sent: []string{"POST https://app.test/a"}, Origins: []string{"https://app.test"}, FinalURL: "https://app.test/a"}},
		{name: "cross-origin simple GET with ACAO star",
			req:    algorithm.Request{URL: api},
			routes: routes{api: {Actual: ok200("Access-Control-Allow-Origin", "*", "Content-Type", "a/b", "X-Secret", "1")}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 200, Headers: []string{"content-type"},
				Sent: []string{"GET " + api}, Origins: []string{"https://app.test"}, FinalURL: api}},
		{name: "a 500 with ACAO is readable",
			req:    algorithm.Request{URL: api},
			routes: routes{api: {Actual: resp(500, "Access-Control-Allow-Origin", "https://app.test", "Vary", "Origin")}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 500,
				Sent: []string{"GET " + api}, Origins: []string{"https://app.test"}, FinalURL: api}},
		{name: "missing ACAO blocks but the request was sent",
			req:    algorithm.Request{URL: api, Method: "POST", Body: strp("x")},
			routes: routes{api: {Actual: ok200()}},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.MissingAllowOriginHeader, ActualSent: true,
				Sent: []string{"POST " + api}, Origins: []string{"https://app.test"}}},
		{name: "mode same-origin cross-origin fails without sending",
			req:  algorithm.Request{URL: api, Mode: fetchmode.ModeSameOrigin},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.DisallowedByMode}},
		{name: "no-cors is opaque and sends no Origin on GET",
			req:    algorithm.Request{URL: api, Mode: fetchmode.ModeNoCORS},
			routes: routes{api: {Actual: ok200("Content-Type", "text/plain")}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeOpaque,
				Sent: []string{"GET " + api}, Origins: []string{"-"}}},
		{name: "no-cors with redirect manual fails",
			req:  algorithm.Request{URL: api, Mode: fetchmode.ModeNoCORS, Redirect: fetchmode.RedirectManual},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.NoCorsRedirectModeNotFollow}},
		{name: "no-cors blocked by CORP same-origin",
			req:    algorithm.Request{URL: api, Mode: fetchmode.ModeNoCORS},
			routes: routes{api: {Actual: ok200("Cross-Origin-Resource-Policy", "same-origin")}},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.CorpNotSameOrigin, Param: "same-origin", ActualSent: true,
				Sent: []string{"GET " + api}, Origins: []string{"-"}}},
		{name: "data URL is basic even in cors mode",
			req:  algorithm.Request{URL: "data:text/plain;base64,aGk="},
			want: want{Outcome: algorithm.OK, Type: algorithm.TypeBasic, Status: 200, Headers: []string{"content-type"}, FinalURL: "data:text/plain;base64,aGk="}},
		{name: "about:blank in cors mode fails",
			req:  algorithm.Request{URL: "about:blank"},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.CorsDisabledScheme, Param: "about"}},
		{name: "bad port is blocked before sending",
			req:  algorithm.Request{URL: "https://api.test:6667/x"},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.BadPort, Param: "6667"}},
		{name: "mixed content from an https page",
			req:  algorithm.Request{URL: "http://api.test/x"},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.MixedContent, Param: "http://api.test/x"}},
		{name: "http://localhost is not mixed content",
			req:    algorithm.Request{URL: "http://localhost:8080/x"},
			routes: routes{"http://localhost:8080/x": {Actual: ok200("Access-Control-Allow-Origin", "*")}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 200,
				Sent: []string{"GET http://localhost:8080/x"}, Origins: []string{"https://app.test"}, FinalURL: "http://localhost:8080/x"}},
		{name: "opaque page origin sends Origin null",
			req:    algorithm.Request{Origin: origin.NewOpaque(), URL: api},
			routes: routes{api: {Actual: ok200("Access-Control-Allow-Origin", "null")}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 200,
				Sent: []string{"GET " + api}, Origins: []string{"null"}, FinalURL: api}},
	})
}

func TestFetchRequestConstructor(t *testing.T) {
	js := func(name string, req algorithm.Request, param string) row {
		return row{name: name, req: req, want: want{Outcome: algorithm.JSError, Reason: algorithm.InvalidRequest, Param: param}}
	}
	runRows(t, []row{
		js("forbidden method TRACE", algorithm.Request{URL: api, Method: "trace"}, "trace"),
		js("invalid method token", algorithm.Request{URL: api, Method: "GE T"}, "GE T"),
		js("credentials in the URL", algorithm.Request{URL: "https://u:p@api.test/x"}, "https://u:p@api.test/x"),
		js("unparsable URL", algorithm.Request{URL: "https://exa mple.test/"}, "https://exa mple.test/"),
		js("no-cors with PUT", algorithm.Request{URL: api, Method: "PUT", Mode: fetchmode.ModeNoCORS}, "PUT"),
		js("only-if-cached outside same-origin", algorithm.Request{URL: api, Cache: fetchmode.CacheOnlyIfCached}, "cors"),
		js("navigate mode", algorithm.Request{URL: api, Mode: fetchmode.ModeNavigate}, "navigate"),
		js("GET with a body", algorithm.Request{URL: api, Body: strp("x")}, "GET"),
		js("invalid header name", algorithm.Request{URL: api, Headers: hl("X Y", "1")}, "X Y"),
		js("header value with NUL", algorithm.Request{URL: api, Headers: hl("X-Y", "a\x00b")}, "X-Y"),
		js("unknown mode value", algorithm.Request{URL: api, Mode: fetchmode.Mode(99)}, ""),
		js("stream body in no-cors", algorithm.Request{URL: api, Method: "POST", Mode: fetchmode.ModeNoCORS, StreamBody: true}, "no-cors"),
	})
	// The zero Origin is replaced by runRows' default; check it directly.
	v := algorithm.Fetch(algorithm.Request{URL: api}, nil, algorithm.Options{})
	if v.Outcome != algorithm.JSError || len(v.ServerSaw) != 0 {
		t.Errorf("request without an origin: got %s, %d requests", v.Outcome, len(v.ServerSaw))
	}
}

func TestFetchHeadersGuard(t *testing.T) {
	var saw algorithm.SentRequest
	srv := algorithm.ResponderFunc(func(r algorithm.SentRequest) (algorithm.Response, error) {
		saw = r
		return algorithm.Response{Status: 200, Headers: hl("Access-Control-Allow-Origin", "*")}, nil
	})
	for _, c := range []struct {
		name    string
		profile algorithm.Profile
		mode    fetchmode.Mode
		in      fetchmode.HeaderList
		want    []string
	}{
		{"forbidden Cookie dropped", algorithm.Spec, fetchmode.ModeCORS, hl("Cookie", "a=b", "Accept", "x/y"), []string{"Accept: x/y", "Origin: https://app.test"}},
		{"Sec- prefix dropped", algorithm.Spec, fetchmode.ModeCORS, hl("Sec-Foo", "1", "Accept", "x/y"), []string{"Accept: x/y", "Origin: https://app.test"}},
		{"value normalized", algorithm.Spec, fetchmode.ModeCORS, hl("Accept", "  x/y \t"), []string{"Accept: x/y", "Origin: https://app.test"}},
		{"Chromium drops User-Agent", algorithm.Chromium, fetchmode.ModeCORS, hl("User-Agent", "bot", "Accept", "x/y"), []string{"Accept: x/y", "Origin: https://app.test"}},
		{"no-cors drops a non-safelisted header", algorithm.Spec, fetchmode.ModeNoCORS, hl("X-Y", "1", "Accept", "x/y"), []string{"Accept: x/y"}},
		{"no-cors drops Range", algorithm.Spec, fetchmode.ModeNoCORS, hl("Range", "bytes=0-", "Accept", "x/y"), []string{"Accept: x/y"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			saw = algorithm.SentRequest{}
			algorithm.Fetch(algorithm.Request{Origin: page, URL: api, Mode: c.mode, Headers: c.in}, srv, algorithm.Options{Profile: c.profile})
			var g []string
			for _, h := range saw.Headers {
				g = append(g, h.Name+": "+h.Value)
			}
			if diff := cmp.Diff(c.want, g); diff != "" {
				t.Errorf("sent headers (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFetchPreflight(t *testing.T) {
	goodPre := func(kv ...string) *algorithm.Response {
		return resp(204, append([]string{"Access-Control-Allow-Origin", "https://app.test"}, kv...)...)
	}
	act := ok200("Access-Control-Allow-Origin", "https://app.test", "Vary", "Origin")
	put := algorithm.Request{URL: api, Method: "PUT", Body: strp("x")}
	sentBoth := []string{"OPTIONS " + api, "PUT " + api}
	orig2 := []string{"https://app.test", "https://app.test"}
	okPut := want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 200, Sent: sentBoth, Origins: orig2, FinalURL: api}
	blocked := func(reason algorithm.Reason, param string) want {
		return want{Outcome: algorithm.NetworkError, Reason: reason, Param: param, Sent: []string{"OPTIONS " + api}, Origins: []string{"https://app.test"}}
	}
	route := func(pre *algorithm.Response) routes {
		return routes{api: {Options: pre, Actual: act}}
	}
	runRows(t, []row{
		{name: "PUT allowed by ACAM", req: put, routes: route(goodPre("Access-Control-Allow-Methods", "PUT")), want: okPut},
		{name: "ACAM put does not allow PUT", req: put, routes: route(goodPre("Access-Control-Allow-Methods", "put")),
			want: blocked(algorithm.MethodDisallowedByPreflightResponse, "PUT")},
		{name: "ACAM star allows PUT without credentials", req: put, routes: route(goodPre("Access-Control-Allow-Methods", "*")), want: okPut},
		{name: "ACAM absent blocks PUT", req: put, routes: route(goodPre()), want: blocked(algorithm.MethodDisallowedByPreflightResponse, "PUT")},
		{name: "unparsable ACAM blocks even when not needed", req: algorithm.Request{URL: api, Headers: hl("X-A", "1")},
			routes: route(goodPre("Access-Control-Allow-Methods", "GET POST", "Access-Control-Allow-Headers", "x-a")),
			want:   want{Outcome: algorithm.NetworkError, Reason: algorithm.InvalidAllowMethodsPreflightResponse, Param: "GET POST", Sent: []string{"OPTIONS " + api}, Origins: []string{"https://app.test"}}},
		{name: "ACAM absent blocks PUT even with a 204", req: put, routes: route(goodPre()),
			want: blocked(algorithm.MethodDisallowedByPreflightResponse, "PUT")},
		{name: "preflight status 500", req: put, routes: route(resp(500, "Access-Control-Allow-Origin", "https://app.test", "Access-Control-Allow-Methods", "PUT")),
			want: blocked(algorithm.PreflightInvalidStatus, "500")},
		{name: "preflight redirect", req: put, routes: route(resp(302, "Location", "/y", "Access-Control-Allow-Origin", "https://app.test")),
			want: blocked(algorithm.PreflightDisallowedRedirect, "302")},
		{name: "preflight without ACAO", req: put, routes: route(resp(204, "Access-Control-Allow-Methods", "PUT")),
			want: blocked(algorithm.PreflightMissingAllowOriginHeader, "")},
		{name: "Chromium: ACAO checked before status", profile: algorithm.Chromium, req: put, routes: route(resp(403)),
			want: blocked(algorithm.PreflightMissingAllowOriginHeader, "")},
		{name: "WebKit: status checked before ACAO", profile: algorithm.WebKit, req: put, routes: route(resp(403)),
			want: blocked(algorithm.PreflightInvalidStatus, "403")},
		{name: "header not allowed", req: algorithm.Request{URL: api, Headers: hl("X-B", "1", "X-A", "1")},
			routes: route(goodPre("Access-Control-Allow-Headers", "x-b")), want: blocked(algorithm.HeaderDisallowedByPreflightResponse, "x-a")},
		{name: "Chromium reports the first disallowed header in request order", profile: algorithm.Chromium,
			req:    algorithm.Request{URL: api, Headers: hl("X-B", "1", "X-A", "1")},
			routes: route(goodPre()), want: blocked(algorithm.HeaderDisallowedByPreflightResponse, "x-b")},
		{name: "Firefox reports the first disallowed header in sorted order", profile: algorithm.Firefox,
			req:    algorithm.Request{URL: api, Headers: hl("X-B", "1", "X-A", "1")},
			routes: route(goodPre()), want: blocked(algorithm.HeaderDisallowedByPreflightResponse, "x-a")},
		{name: "Firefox: disallowed method wins over unparsable ACAH", profile: algorithm.Firefox,
			req:    algorithm.Request{URL: api, Method: "PUT", Body: strp("x"), Headers: hl("X-A", "1")},
			routes: route(goodPre("Access-Control-Allow-Headers", "x a")), want: blocked(algorithm.MethodDisallowedByPreflightResponse, "PUT")},
		{name: "Chromium: unparsable ACAH wins over disallowed method", profile: algorithm.Chromium,
			req:    algorithm.Request{URL: api, Method: "PUT", Body: strp("x"), Headers: hl("X-A", "1")},
			routes: route(goodPre("Access-Control-Allow-Headers", "x a")), want: blocked(algorithm.InvalidAllowHeadersPreflightResponse, "")},
		{name: "ACAH star allows a custom header without credentials", req: algorithm.Request{URL: api, Headers: hl("X-A", "1")},
			routes: route(goodPre("Access-Control-Allow-Headers", "*")),
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 200,
				Sent: []string{"OPTIONS " + api, "GET " + api}, Origins: orig2, FinalURL: api}},
		{name: "ACAH star is literal with credentials",
			req:    algorithm.Request{URL: api, Headers: hl("X-A", "1"), Credentials: fetchmode.CredentialsInclude},
			routes: route(goodPre("Access-Control-Allow-Headers", "*", "Access-Control-Allow-Credentials", "true")),
			want:   blocked(algorithm.HeaderDisallowedByPreflightResponse, "x-a")},
		{name: "credentialed preflight needs ACAC true", req: algorithm.Request{URL: api, Headers: hl("X-A", "1"), Credentials: fetchmode.CredentialsInclude},
			routes: route(goodPre("Access-Control-Allow-Headers", "x-a")), want: blocked(algorithm.PreflightInvalidAllowCredentials, "")},
		{name: "Authorization needs naming in the spec", req: algorithm.Request{URL: api, Headers: hl("Authorization", "x")},
			routes: route(goodPre("Access-Control-Allow-Headers", "*")), want: blocked(algorithm.HeaderDisallowedByPreflightResponse, "authorization")},
		{name: "Authorization under star passes in WebKit", profile: algorithm.WebKit, req: algorithm.Request{URL: api, Headers: hl("Authorization", "x")},
			routes: route(goodPre("Access-Control-Allow-Headers", "*")),
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 200,
				Sent: []string{"OPTIONS " + api, "GET " + api}, Origins: orig2, FinalURL: api}},
		{name: "patch is sent lower-case and not matched by PATCH", req: algorithm.Request{URL: api, Method: "patch", Body: strp("x")},
			routes: route(goodPre("Access-Control-Allow-Methods", "PATCH")), want: blocked(algorithm.MethodDisallowedByPreflightResponse, "patch")},
		{name: "stream body forces a preflight even for POST", req: algorithm.Request{URL: api, Method: "POST", StreamBody: true},
			routes: route(goodPre()),
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 200,
				Sent: []string{"OPTIONS " + api, "POST " + api}, Origins: orig2, FinalURL: api}},
		{name: "good preflight then actual without ACAO", req: put,
			routes: routes{api: {Options: goodPre("Access-Control-Allow-Methods", "PUT"), Actual: ok200()}},
			want:   want{Outcome: algorithm.NetworkError, Reason: algorithm.MissingAllowOriginHeader, ActualSent: true, Sent: sentBoth, Origins: orig2}},
	})
}

func TestFetchRedirects(t *testing.T) {
	b := "https://b.test/y"
	c := "https://c.test/z"
	star := ok200("Access-Control-Allow-Origin", "*")
	redirectTo := func(status int, loc string) *algorithm.Response {
		return resp(status, "Location", loc, "Access-Control-Allow-Origin", "*")
	}
	loop := routes{}
	for i := 0; i < 25; i++ {
		loop["https://api.test/"+string(rune('a'+i))] = route{Actual: redirectTo(302, "https://api.test/"+string(rune('a'+i+1)))}
	}
	var twentyOne []string
	for i := 0; i < 21; i++ {
		twentyOne = append(twentyOne, "GET https://api.test/"+string(rune('a'+i)))
	}
	origins21 := strings.Split(strings.Repeat("https://app.test,", 21), ",")[:21]
	runRows(t, []row{
		{name: "cross-origin to another origin taints Origin",
			req:    algorithm.Request{URL: api},
			routes: routes{api: {Actual: redirectTo(302, b)}, b: {Actual: star}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 200,
				Sent: []string{"GET " + api, "GET " + b}, Origins: []string{"https://app.test", "null"}, FinalURL: b, Redirected: true}},
		{name: "tainted request needs ACAO null or star",
			req:    algorithm.Request{URL: api},
			routes: routes{api: {Actual: redirectTo(302, b)}, b: {Actual: ok200("Access-Control-Allow-Origin", "https://app.test")}},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.AllowOriginMismatch, Param: "https://app.test", ActualSent: true,
				Sent: []string{"GET " + api, "GET " + b}, Origins: []string{"https://app.test", "null"}}},
		{name: "redirect response without ACAO fails",
			req:    algorithm.Request{URL: api},
			routes: routes{api: {Actual: resp(302, "Location", b)}},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.MissingAllowOriginHeader, ActualSent: true,
				Sent: []string{"GET " + api}, Origins: []string{"https://app.test"}}},
		{name: "301 turns POST into GET without a preflight",
			req: algorithm.Request{URL: api, Method: "POST", Body: strp("x"), Headers: hl("Content-Type", "application/json")},
			routes: routes{api: {Options: resp(204, "Access-Control-Allow-Origin", "https://app.test", "Access-Control-Allow-Headers", "content-type"),
				Actual: redirectTo(301, c)}, c: {Actual: star}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 200,
				Sent: []string{"OPTIONS " + api, "POST " + api, "GET " + c}, Origins: []string{"https://app.test", "https://app.test", "null"}, FinalURL: c, Redirected: true}},
		{name: "307 keeps PUT and preflights the new URL with Origin null",
			req: algorithm.Request{URL: api, Method: "PUT", Body: strp("x")},
			routes: routes{
				api: {Options: resp(204, "Access-Control-Allow-Origin", "https://app.test", "Access-Control-Allow-Methods", "PUT"), Actual: redirectTo(307, b)},
				b:   {Options: resp(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT"), Actual: star}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 200,
				Sent:    []string{"OPTIONS " + api, "PUT " + api, "OPTIONS " + b, "PUT " + b},
				Origins: []string{"https://app.test", "https://app.test", "null", "null"}, FinalURL: b, Redirected: true}},
		{name: "Location with credentials fails",
			req:    algorithm.Request{URL: api},
			routes: routes{api: {Actual: redirectTo(302, "https://u:p@b.test/")}},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.RedirectContainsCredentials, Param: "https://u:p@b.test/", ActualSent: true,
				Sent: []string{"GET " + api}, Origins: []string{"https://app.test"}}},
		{name: "redirect mode error",
			req:    algorithm.Request{URL: api, Redirect: fetchmode.RedirectError},
			routes: routes{api: {Actual: redirectTo(302, b)}},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.RedirectModeError, Param: api, ActualSent: true,
				Sent: []string{"GET " + api}, Origins: []string{"https://app.test"}}},
		{name: "redirect mode manual gives opaqueredirect",
			req:    algorithm.Request{URL: api, Redirect: fetchmode.RedirectManual},
			routes: routes{api: {Actual: redirectTo(302, b)}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeOpaqueRedirect,
				Sent: []string{"GET " + api}, Origins: []string{"https://app.test"}, FinalURL: api}},
		{name: "redirect manual still runs the CORS check",
			req:    algorithm.Request{URL: api, Redirect: fetchmode.RedirectManual},
			routes: routes{api: {Actual: resp(302, "Location", b)}},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.MissingAllowOriginHeader, ActualSent: true,
				Sent: []string{"GET " + api}, Origins: []string{"https://app.test"}}},
		{name: "the 21st redirect fails",
			req:    algorithm.Request{URL: "https://api.test/a"},
			routes: loop,
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.TooManyRedirects, Param: "https://api.test/v", ActualSent: true,
				Sent: twentyOne, Origins: origins21}},
		{name: "redirect to data: fails",
			req:    algorithm.Request{URL: api},
			routes: routes{api: {Actual: redirectTo(302, "data:,x")}},
			want: want{Outcome: algorithm.NetworkError, Reason: algorithm.InvalidRedirect, Param: "data:,x", ActualSent: true,
				Sent: []string{"GET " + api}, Origins: []string{"https://app.test"}}},
		{name: "3xx without Location is the response",
			req:    algorithm.Request{URL: api},
			routes: routes{api: {Actual: resp(302, "Access-Control-Allow-Origin", "*")}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 302,
				Sent: []string{"GET " + api}, Origins: []string{"https://app.test"}, FinalURL: api}},
		{name: "same-origin redirected cross-origin becomes CORS",
			req: algorithm.Request{URL: "https://app.test/r"},
			routes: routes{"https://app.test/r": {Actual: resp(302, "Location", b)},
				b: {Actual: ok200("Access-Control-Allow-Origin", "https://app.test", "Vary", "Origin")}},
			want: want{Outcome: algorithm.OK, ActualSent: true, Type: algorithm.TypeCORS, Status: 200,
				Sent: []string{"GET https://app.test/r", "GET " + b}, Origins: []string{"-", "https://app.test"}, FinalURL: b, Redirected: true}},
	})
}

func TestFetchCacheAndClock(t *testing.T) {
	now := time.Unix(1000, 0)
	srv := routes{api: {
		Options: resp(204, "Access-Control-Allow-Origin", "https://app.test", "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "10"),
		Actual:  ok200("Access-Control-Allow-Origin", "https://app.test", "Vary", "Origin")}}
	put := algorithm.Request{Origin: page, URL: api, Method: "PUT", Body: strp("x")}
	for _, p := range algorithm.Profiles() {
		t.Run(p.String(), func(t *testing.T) {
			opts := algorithm.Options{Profile: p, Cache: p.NewCache(), Clock: func() time.Time { return now }}
			v1 := algorithm.Fetch(put, srv, opts)
			if len(v1.Preflights) != 1 || !v1.Preflights[0].Sent || v1.Preflights[0].LifetimeMS == nil || *v1.Preflights[0].LifetimeMS != 10000 {
				t.Fatalf("first fetch preflights = %+v", v1.Preflights)
			}
			if algorithm.NeedsPreflight(put, opts) {
				t.Errorf("NeedsPreflight after a cached preflight = true")
			}
			v2 := algorithm.Fetch(put, srv, opts)
			if len(v2.ServerSaw) != 1 || !v2.Preflights[0].CacheHit {
				t.Errorf("second fetch within max-age: %d requests, preflights %+v", len(v2.ServerSaw), v2.Preflights)
			}
			now = now.Add(11 * time.Second)
			v3 := algorithm.Fetch(put, srv, opts)
			if len(v3.ServerSaw) != 2 {
				t.Errorf("after expiry: %d requests, want a new preflight", len(v3.ServerSaw))
			}
		})
	}
}

func TestFetchResponderError(t *testing.T) {
	srv := algorithm.ResponderFunc(func(algorithm.SentRequest) (algorithm.Response, error) {
		return algorithm.Response{}, errors.New("connection refused")
	})
	v := algorithm.Fetch(algorithm.Request{Origin: page, URL: api}, srv, algorithm.Options{Profile: algorithm.Chromium})
	if v.Outcome != algorithm.NetworkError || v.Reason != algorithm.NetworkFailure || !v.ActualSent {
		t.Errorf("got %s %s actualSent=%v", v.Outcome, v.Reason, v.ActualSent)
	}
}

func TestProfileNames(t *testing.T) {
	for _, p := range algorithm.Profiles() {
		q, err := algorithm.ParseProfile(strings.ToUpper(p.String()))
		if err != nil || q != p {
			t.Errorf("ParseProfile(%q) = %v, %v", p.String(), q, err)
		}
	}
	if _, err := algorithm.ParseProfile("opera"); err == nil {
		t.Error("ParseProfile(opera) succeeded")
	}
	if algorithm.Profile(9).IsValid() || algorithm.Profile(9).String() != "Profile(9)" {
		t.Error("invalid profile")
	}
}
