package lint

import (
	"slices"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

const (
	api = "https://api.example.com/data"
	app = "https://app.example.com"
)

// hl builds a header list from name, value pairs.
func hl(kv ...string) fetchmode.HeaderList {
	var h fetchmode.HeaderList
	for i := 0; i+1 < len(kv); i += 2 {
		h = append(h, fetchmode.Header{Name: kv[i], Value: kv[i+1]})
	}
	return h
}

// get is a GET to api from origin answered 200 with the headers kv.
func get(origin string, kv ...string) Exchange { return getAt(api, origin, kv...) }

func getAt(url, origin string, kv ...string) Exchange {
	var req fetchmode.HeaderList
	if origin != "" {
		req = hl("Origin", origin)
	}
	return Exchange{Request: Request{Method: "GET", URL: url, Headers: req}, Response: algorithm.Response{Status: 200, Headers: hl(kv...)}, Source: "test"}
}

// pre is a preflight to api from origin for method and the request headers acrh, answered status
// with the headers kv.
func pre(origin, method, acrh string, status int, kv ...string) Exchange {
	req := hl("Origin", origin, "Access-Control-Request-Method", method)
	if acrh != "" {
		req = append(req, fetchmode.Header{Name: "Access-Control-Request-Headers", Value: acrh})
	}
	return Exchange{Request: Request{Method: "OPTIONS", URL: api, Headers: req}, Response: algorithm.Response{Status: status, Headers: hl(kv...)}, Source: "test"}
}

// plain is an OPTIONS to api without Access-Control-Request-Method.
func plain(origin string, status int, kv ...string) Exchange {
	return Exchange{Request: Request{Method: "OPTIONS", URL: api, Headers: hl("Origin", origin)}, Response: algorithm.Response{Status: status, Headers: hl(kv...)}, Source: "test"}
}

func xs(e ...Exchange) []Exchange { return e }

// echo is the answer of a server that trusts o, with credentials and Vary: Origin.
func echo(o string) Exchange {
	return get(o, "Access-Control-Allow-Origin", o, "Access-Control-Allow-Credentials", "true", "Vary", "Origin")
}

// echoOmit trusts o without credentials.
func echoOmit(o string) Exchange {
	return get(o, "Access-Control-Allow-Origin", o, "Vary", "Origin")
}

// okPre is a correct preflight answer for app, plus the headers kv.
func okPre(kv ...string) Exchange {
	return pre(app, "PUT", "", 204, append([]string{"Access-Control-Allow-Origin", app, "Access-Control-Allow-Methods", "GET, PUT"}, kv...)...)
}

var all = []string{"spec", "chromium", "firefox", "webkit"}

// Each rule has at least one case that must report it and one that must not (TestEveryRuleIsTested),
// so no rule can pass by never firing or by always firing.
var cases = []struct {
	name     string
	id       string
	want     bool
	xs       []Exchange
	allowed  []string // nil: app
	browsers []string // with want, the profiles expected; nil: not checked
}{
	{name: "echo with credentials", id: IDOriginReflectedWithCredentials, want: true, xs: xs(echo("https://corsim-attacker.test")), browsers: all},
	{name: "echo without credentials is not credentialed", id: IDOriginReflectedWithCredentials, want: false, xs: xs(echoOmit("https://corsim-attacker.test"))},
	{name: "echo of the allowed origin", id: IDOriginReflectedWithCredentials, want: false, xs: xs(echo(app))},
	{name: "echo without credentials", id: IDOriginReflected, want: true, xs: xs(echoOmit("https://corsim-attacker.test")), browsers: all},
	{name: "allowed origin without credentials", id: IDOriginReflected, want: false, xs: xs(echoOmit(app))},
	{name: "echo subsumes look-alikes", id: IDOriginPrefixMatch, want: false, xs: xs(echo("https://corsim-attacker.test"), echo("https://app.example.com.evil.test"))},

	{name: "null echoed", id: IDNullOriginTrusted, want: true, xs: xs(echo("null")), browsers: all},
	{name: "null fixed", id: IDNullOriginTrusted, want: true, xs: xs(get(app, "Access-Control-Allow-Origin", "null", "Access-Control-Allow-Credentials", "true", "Vary", "Origin"))},
	{name: "null refused", id: IDNullOriginTrusted, want: false, xs: xs(get("null"))},
	{name: "null without credentials", id: IDNullOriginTrusted, want: false, xs: xs(echoOmit("null"))},

	{name: "prefix", id: IDOriginPrefixMatch, want: true, xs: xs(echo("https://app.example.com.evil.test")), browsers: all},
	{name: "prefix with a hyphen", id: IDOriginPrefixMatch, want: true, xs: xs(echo("https://app.example.com-evil.test"))},
	{name: "fixed answer to a prefix", id: IDOriginPrefixMatch, want: false, xs: xs(get("https://app.example.com.evil.test", "Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "true", "Vary", "Origin"))},

	{name: "suffix of the host", id: IDOriginSuffixMatch, want: true, xs: xs(echo("https://evilapp.example.com"))},
	{name: "suffix of the site", id: IDOriginSuffixMatch, want: true, xs: xs(echo("https://evilexample.com"))},
	{name: "a subdomain is no suffix match", id: IDOriginSuffixMatch, want: false, xs: xs(echo("https://evil.example.com"))},

	{name: "substring", id: IDOriginSubstringMatch, want: true, xs: xs(echo("https://example.co"))},
	{name: "a prefix is no substring", id: IDOriginSubstringMatch, want: false, xs: xs(echo("https://app.example.com.evil.test"))},

	{name: "unescaped first dot", id: IDOriginUnescapedDot, want: true, xs: xs(echo("https://appxexample.com"))},
	{name: "unescaped last dot", id: IDOriginUnescapedDot, want: true, xs: xs(echo("https://app.examplexcom"))},
	{name: "another host of the same length", id: IDOriginUnescapedDot, want: false, xs: xs(echo("https://bpp.example.com"))},

	{name: "underscore", id: IDOriginSpecialCharacters, want: true, xs: xs(echo("https://app.example.com_.evil.test")), browsers: all},
	{name: "backtick decoded from %60", id: IDOriginSpecialCharacters, want: true, xs: xs(get("https://app.example.com%60.evil.test",
		"Access-Control-Allow-Origin", "https://app.example.com`.evil.test", "Access-Control-Allow-Credentials", "true", "Vary", "Origin"))},
	{name: "%60 echoed verbatim matches no browser origin", id: IDOriginSpecialCharacters, want: false, xs: xs(echo("https://app.example.com%60.evil.test"))},
	{name: "prefix covers special characters", id: IDOriginSpecialCharacters, want: false, xs: xs(echo("https://app.example.com.evil.test"), echo("https://app.example.com_.evil.test"))},

	{name: "http downgrade echoed", id: IDInsecureOriginTrusted, want: true, xs: xs(echo("http://app.example.com")), browsers: all},
	{name: "http origin fixed", id: IDInsecureOriginTrusted, want: true, xs: xs(get(app, "Access-Control-Allow-Origin", "http://app.example.com", "Access-Control-Allow-Credentials", "true", "Vary", "Origin"))},
	{name: "http subdomain", id: IDInsecureOriginTrusted, want: true, xs: xs(echo("http://evil.example.com"))},
	{name: "an http target is no downgrade", id: IDInsecureOriginTrusted, want: false, xs: xs(getAt("http://api.example.com/data", "http://app.example.com",
		"Access-Control-Allow-Origin", "http://app.example.com", "Access-Control-Allow-Credentials", "true", "Vary", "Origin"))},

	{name: "sibling subdomain", id: IDAnySubdomainTrusted, want: true, xs: xs(echo("https://evil.example.com"))},
	{name: "child subdomain", id: IDAnySubdomainTrusted, want: true, xs: xs(echo("https://evil.app.example.com"))},
	{name: "suffix covers subdomains", id: IDAnySubdomainTrusted, want: false, xs: xs(echo("https://evilexample.com"), echo("https://evil.example.com"))},

	{name: "other port", id: IDOtherPortTrusted, want: true, xs: xs(echo("https://app.example.com:8443"))},
	{name: "other port without credentials", id: IDOtherPortTrusted, want: false, xs: xs(echoOmit("https://app.example.com:8443"))},
	{name: "http downgrade of an http target", id: IDOtherPortTrusted, want: true, xs: xs(getAt("http://api.example.com/data", "http://app.example.com",
		"Access-Control-Allow-Origin", "http://app.example.com", "Access-Control-Allow-Credentials", "true", "Vary", "Origin"))},

	{name: "look-alike without credentials", id: IDUntrustedOriginAllowed, want: true, xs: xs(echoOmit("null"), echoOmit("https://app.example.com.evil.test")), browsers: all},
	{name: "look-alike with credentials", id: IDUntrustedOriginAllowed, want: false, xs: xs(echo("null"))},

	{name: "wildcard and credentials", id: IDWildcardWithCredentials, want: true, xs: xs(get(app, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true")), browsers: all},
	{name: "wildcard alone", id: IDWildcardWithCredentials, want: false, xs: xs(get(app, "Access-Control-Allow-Origin", "*"))},

	{name: "wildcard", id: IDWildcardOrigin, want: true, xs: xs(get(app, "Access-Control-Allow-Origin", "*")), browsers: all},
	{name: "wildcard on the preflight only", id: IDWildcardOrigin, want: false, xs: xs(pre(app, "PUT", "", 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT"))},
	{name: "no wildcard", id: IDWildcardOrigin, want: false, xs: xs(echo(app))},

	{name: "comma list", id: IDACAOMultipleValues, want: true, xs: xs(get(app, "Access-Control-Allow-Origin", app+", https://b.example.com", "Vary", "Origin")), browsers: all},
	{name: "two lines", id: IDACAOMultipleValues, want: true, xs: xs(get(app, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Origin", app, "Vary", "Origin")), browsers: all},
	{name: "one value", id: IDACAOMultipleValues, want: false, xs: xs(echo(app))},

	{name: "trailing slash", id: IDACAOInvalid, want: true, xs: xs(get(app, "Access-Control-Allow-Origin", app+"/", "Vary", "Origin")), browsers: all},
	{name: "upper case", id: IDACAOInvalid, want: true, xs: xs(get(app, "Access-Control-Allow-Origin", "https://APP.example.com", "Vary", "Origin"))},
	{name: "serialized", id: IDACAOInvalid, want: false, xs: xs(echo(app))},

	{name: "True", id: IDACACInvalid, want: true, xs: xs(get(app, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "True", "Vary", "Origin")), browsers: all},
	{name: "true", id: IDACACInvalid, want: false, xs: xs(echo(app))},
	{name: "false", id: IDACACInvalid, want: false, xs: xs(get(app, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "false", "Vary", "Origin"))},

	{name: "preflight only", id: IDACAOPreflightOnly, want: true, xs: xs(okPre(), get(app)), browsers: all},
	{name: "both carry it", id: IDACAOPreflightOnly, want: false, xs: xs(okPre(), echo(app))},

	{name: "preflight 401", id: IDPreflightStatusNotOK, want: true, xs: xs(pre(app, "PUT", "", 401, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Methods", "PUT")), browsers: all},
	{name: "preflight refused without CORS headers", id: IDPreflightStatusNotOK, want: false, xs: xs(pre(app, "PUT", "", 403))},
	{name: "preflight 204", id: IDPreflightStatusNotOK, want: false, xs: xs(okPre())},

	{name: "method not a token", id: IDACAMInvalid, want: true, xs: xs(okPre("Access-Control-Allow-Methods", "PATCH; DELETE")), browsers: all},
	{name: "methods parse", id: IDACAMInvalid, want: false, xs: xs(okPre())},
	{name: "header not a token", id: IDACAHInvalid, want: true, xs: xs(okPre("Access-Control-Allow-Headers", "x-a; x-b")), browsers: all},
	{name: "headers parse", id: IDACAHInvalid, want: false, xs: xs(okPre("Access-Control-Allow-Headers", "x-a, x-b"))},

	{name: "patch", id: IDACAMMethodCase, want: true, xs: xs(okPre("Access-Control-Allow-Methods", "patch")), browsers: all},
	{name: "put", id: IDACAMMethodCase, want: true, xs: xs(pre(app, "PUT", "", 204, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Methods", "put"))},
	{name: "both cases", id: IDACAMMethodCase, want: false, xs: xs(okPre("Access-Control-Allow-Methods", "PATCH, patch"))},
	{name: "get needs no listing", id: IDACAMMethodCase, want: false, xs: xs(okPre("Access-Control-Allow-Methods", "get"))},

	{name: "varies without Vary", id: IDVaryOriginMissing, want: true, xs: xs(get(app, "Access-Control-Allow-Origin", app), get("https://corsim-attacker.test")), browsers: all},
	{name: "Vary only on the allowed", id: IDVaryOriginMissing, want: true, xs: xs(echo(app), get("https://corsim-attacker.test"))},
	{name: "one echo without Vary", id: IDVaryOriginMissing, want: true, xs: xs(get(app, "Access-Control-Allow-Origin", app))},
	{name: "Vary everywhere", id: IDVaryOriginMissing, want: false, xs: xs(echo(app), get("https://corsim-attacker.test", "Vary", "Origin"))},
	{name: "fixed value", id: IDVaryOriginMissing, want: false, xs: xs(get(app, "Access-Control-Allow-Origin", app), get("https://corsim-attacker.test", "Access-Control-Allow-Origin", app))},

	{name: "authorization by *", id: IDAuthorizationByWildcard, want: true, xs: xs(pre(app, "PUT", "authorization", 204, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "*")),
		browsers: []string{"chromium", "firefox", "webkit"}},
	{name: "authorization by name", id: IDAuthorizationByWildcard, want: false, xs: xs(pre(app, "PUT", "authorization", 204, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "authorization"))},
	{name: "* without authorization asked", id: IDAuthorizationByWildcard, want: false, xs: xs(pre(app, "PUT", "x-a", 204, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "*"))},

	{name: "* headers with credentials", id: IDWildcardLiteralWithCredentials, want: true, xs: xs(okPre("Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Headers", "*")), browsers: all},
	{name: "* methods with credentials", id: IDWildcardLiteralWithCredentials, want: true, xs: xs(pre(app, "PUT", "", 204, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "*"))},
	{name: "* exposed with credentials", id: IDWildcardLiteralWithCredentials, want: true, xs: xs(get(app, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "true", "Access-Control-Expose-Headers", "*", "Vary", "Origin"))},
	{name: "* without credentials", id: IDWildcardLiteralWithCredentials, want: false, xs: xs(okPre("Access-Control-Allow-Headers", "*"), get(app, "Access-Control-Allow-Origin", app, "Access-Control-Expose-Headers", "*", "Vary", "Origin"))},

	{name: "max-age with a unit", id: IDMaxAgeInvalid, want: true, xs: xs(okPre("Access-Control-Max-Age", "600s")), browsers: all},
	{name: "negative max-age", id: IDMaxAgeInvalid, want: true, xs: xs(okPre("Access-Control-Max-Age", "-1"))},
	{name: "max-age 600", id: IDMaxAgeInvalid, want: false, xs: xs(okPre("Access-Control-Max-Age", "600"))},
	{name: "max-age of a day", id: IDMaxAgeCapped, want: true, xs: xs(okPre("Access-Control-Max-Age", "86400")), browsers: []string{"chromium", "webkit"}},
	{name: "max-age of a year", id: IDMaxAgeCapped, want: true, xs: xs(okPre("Access-Control-Max-Age", "31536000")), browsers: []string{"chromium", "firefox", "webkit"}},
	{name: "max-age within every cap", id: IDMaxAgeCapped, want: false, xs: xs(okPre("Access-Control-Max-Age", "600"))},
	{name: "max-age 0", id: IDMaxAgeZero, want: true, xs: xs(okPre("Access-Control-Max-Age", "0")), browsers: all},
	{name: "no max-age", id: IDMaxAgeZero, want: false, xs: xs(okPre())},

	{name: "plain OPTIONS answered as a preflight", id: IDPlainOptionsAsPreflight, want: true, xs: xs(plain(app, 204, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Methods", "GET, PUT"))},
	{name: "plain OPTIONS answered plainly", id: IDPlainOptionsAsPreflight, want: false, xs: xs(plain(app, 204, "Allow", "GET, PUT, OPTIONS"))},
}

func TestRules(t *testing.T) {
	for _, tt := range cases {
		t.Run(tt.id+"/"+tt.name, func(t *testing.T) {
			allowed := tt.allowed
			if allowed == nil {
				allowed = []string{app}
			}
			fs := Lint(tt.xs, Config{Allowed: allowed})
			i := slices.IndexFunc(fs, func(f Finding) bool { return f.ID == tt.id })
			if (i >= 0) != tt.want {
				t.Fatalf("%s reported: %v, want %v; findings:\n%s", tt.id, i >= 0, tt.want, dump(fs))
			}
			if i < 0 {
				return
			}
			f := fs[i]
			if f.Severity != rule(tt.id).Severity || f.Title == "" || f.Fix == "" || f.Explanation == "" || f.Evidence.URL == "" {
				t.Errorf("incomplete finding: %+v", f)
			}
			if tt.browsers != nil {
				if got := profileNames(f.Browsers); !slices.Equal(got, tt.browsers) {
					t.Errorf("browsers %v, want %v\n%s", got, tt.browsers, f.Explanation)
				}
			}
		})
	}
}

// TestEveryRuleIsTested fails unless each rule has a case that reports it and one that must not.
func TestEveryRuleIsTested(t *testing.T) {
	for _, r := range Rules() {
		var pos, neg bool
		for _, c := range cases {
			if c.id == r.ID {
				pos, neg = pos || c.want, neg || !c.want
			}
		}
		if !pos || !neg {
			t.Errorf("%s: positive case %v, negative case %v; add the missing one to cases", r.ID, pos, neg)
		}
	}
	for _, c := range cases {
		if rule(c.id).Title == "" {
			t.Errorf("case %q names no rule %q", c.name, c.id)
		}
	}
}

func TestRuleTable(t *testing.T) {
	seen := map[string]bool{}
	last := High
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("%s listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Severity < last {
			t.Errorf("%s: rules must be listed most severe first", r.ID)
		}
		last = r.Severity
		for _, c := range r.ID {
			if !(c >= 'a' && c <= 'z' || c == '-') {
				t.Errorf("%s is not kebab-case", r.ID)
				break
			}
		}
		if r.Title == "" || r.Detects == "" || r.Fix == "" {
			t.Errorf("%s: incomplete rule %+v", r.ID, r)
		}
	}
}

// A server that trusts exactly the allowed origin, with credentials, answers preflights correctly
// and varies its cache on Origin has no findings, whatever it is asked.
func TestCorrectServerHasNoFindings(t *testing.T) {
	var ex []Exchange
	for _, o := range TestOrigins(app) {
		h := []string{"Vary", "Origin"}
		ph := []string{"Vary", "Origin"}
		if o.Origin == app {
			h = append(h, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "true")
			ph = append(ph, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "GET, PUT, PATCH", "Access-Control-Allow-Headers", "authorization, content-type",
				"Access-Control-Max-Age", "600")
		}
		ex = append(ex, pre(o.Origin, "PUT", "authorization,content-type", 204, ph...), get(o.Origin, h...))
	}
	ex = append(ex, plain(app, 204, "Allow", "GET, PUT, PATCH, OPTIONS"))
	if fs := Lint(ex, Config{Allowed: []string{app}}); len(fs) > 0 {
		t.Errorf("findings for a correct server:\n%s", dump(fs))
	}
}

func TestProfilesNarrowFindings(t *testing.T) {
	ex := xs(okPre("Access-Control-Max-Age", "86400"))
	if fs := Lint(ex, Config{Allowed: []string{app}, Profiles: []algorithm.Profile{algorithm.Firefox}}); len(fs) != 0 {
		t.Errorf("Firefox keeps a day: %s", dump(fs))
	}
	fs := Lint(ex, Config{Allowed: []string{app}, Profiles: []algorithm.Profile{algorithm.WebKit}})
	if len(fs) != 1 || fs[0].ID != IDMaxAgeCapped || !strings.Contains(fs[0].Explanation, "webkit keeps it 600 s") {
		t.Errorf("WebKit caps at 600 s: %s", dump(fs))
	}
	// A finding no browser decides is kept whatever the profiles.
	fs = Lint(xs(plain(app, 204, "Access-Control-Allow-Methods", "GET")), Config{Profiles: []algorithm.Profile{algorithm.WebKit}})
	if len(fs) != 1 || fs[0].ID != IDPlainOptionsAsPreflight || fs[0].Browsers != nil {
		t.Errorf("plain OPTIONS: %s", dump(fs))
	}
}

func TestFindingsSortedAndOncePerURL(t *testing.T) {
	ex := xs(
		get(app, "Access-Control-Allow-Origin", "*"),
		echo("https://corsim-attacker.test"),
		echo("https://corsim-attacker.test"),
		getAt("https://api.example.com/other", "https://corsim-attacker.test", "Access-Control-Allow-Origin", "https://corsim-attacker.test", "Access-Control-Allow-Credentials", "true", "Vary", "Origin"),
	)
	fs := Lint(ex, Config{Allowed: []string{app}})
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.ID+" "+f.Evidence.URL)
	}
	want := []string{
		IDOriginReflectedWithCredentials + " " + api,
		IDOriginReflectedWithCredentials + " https://api.example.com/other",
		IDVaryOriginMissing + " " + api,
		IDWildcardOrigin + " " + api,
	}
	if !slices.Equal(ids, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(ids, "\n"), strings.Join(want, "\n"))
	}
}

func TestEvidence(t *testing.T) {
	fs := Lint(xs(get("https://corsim-attacker.test", "Access-Control-Allow-Origin", "https://corsim-attacker.test",
		"Access-Control-Allow-Credentials", "true", "Content-Type", "text/plain", "vary", "Origin")), Config{Allowed: []string{app}})
	if len(fs) != 1 {
		t.Fatalf("want one finding:\n%s", dump(fs))
	}
	e := fs[0].Evidence
	want := hl("access-control-allow-origin", "https://corsim-attacker.test", "access-control-allow-credentials", "true", "vary", "Origin")
	if e.Origin != "https://corsim-attacker.test" || e.Method != "GET" || e.URL != api || e.Status != 200 || e.Source != "test" || !slices.Equal(e.Headers, want) {
		t.Errorf("evidence %+v", e)
	}
}

func profileNames(ps []algorithm.Profile) []string {
	var s []string
	for _, p := range ps {
		s = append(s, p.String())
	}
	return s
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.Severity.String() + " " + f.ID + " [" + strings.Join(profileNames(f.Browsers), ",") + "] " + f.Explanation + "\n")
	}
	if len(fs) == 0 {
		b.WriteString("  (none)\n")
	}
	return b.String()
}
