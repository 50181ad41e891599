package lint

// Rule is one kind of finding: its stable ID, its severity, what it detects and the fix.
// docs/lint.md lists the same table, with the tools that also detect each.
type Rule struct {
	ID       string
	Severity Severity
	Title    string
	// Detects says in one sentence what the rule looks for.
	Detects string
	Fix     string
}

// The rule IDs.
const (
	IDOriginReflectedWithCredentials = "origin-reflected-with-credentials"
	IDNullOriginTrusted              = "null-origin-trusted"
	IDOriginPrefixMatch              = "origin-prefix-match"
	IDOriginSuffixMatch              = "origin-suffix-match"
	IDOriginSubstringMatch           = "origin-substring-match"
	IDOriginUnescapedDot             = "origin-unescaped-dot"
	IDOriginSpecialCharacters        = "origin-special-characters"
	IDInsecureOriginTrusted          = "insecure-origin-trusted"
	IDAnySubdomainTrusted            = "any-subdomain-trusted"
	IDWildcardWithCredentials        = "wildcard-with-credentials"
	IDACAOMultipleValues             = "acao-multiple-values"
	IDACAOInvalid                    = "acao-invalid"
	IDACACInvalid                    = "acac-invalid"
	IDACAOPreflightOnly              = "acao-preflight-only"
	IDPreflightStatusNotOK           = "preflight-status-not-ok"
	IDACAMInvalid                    = "acam-invalid"
	IDACAHInvalid                    = "acah-invalid"
	IDACAMMethodCase                 = "acam-method-case"
	IDOriginReflected                = "origin-reflected"
	IDUntrustedOriginAllowed         = "untrusted-origin-allowed"
	IDOtherPortTrusted               = "other-port-trusted"
	IDVaryOriginMissing              = "vary-origin-missing"
	IDAuthorizationByWildcard        = "authorization-by-wildcard"
	IDWildcardLiteralWithCredentials = "wildcard-literal-with-credentials"
	IDMaxAgeInvalid                  = "max-age-invalid"
	IDPlainOptionsAsPreflight        = "plain-options-as-preflight"
	IDWildcardOrigin                 = "wildcard-origin"
	IDMaxAgeCapped                   = "max-age-capped"
	IDMaxAgeZero                     = "max-age-zero"
)

var rules = []Rule{
	{IDOriginReflectedWithCredentials, High, "any origin can read responses with the visitor's cookies",
		"Access-Control-Allow-Origin echoes an arbitrary Origin, with Access-Control-Allow-Credentials: true.",
		"compare Origin with an exact allow-list of serialized origins and send Access-Control-Allow-Origin only on a match; never echo Origin unchecked next to Access-Control-Allow-Credentials: true"},
	{IDNullOriginTrusted, High, "the null origin can read responses with the visitor's cookies",
		"Access-Control-Allow-Origin: null with credentials, for an Origin: null request or for any.",
		"remove null from the allow-list: sandboxed iframes, data: URLs and redirected requests all send Origin: null, so any attacker page can"},
	{IDOriginPrefixMatch, High, "origins that merely start with an allowed origin are trusted",
		"An origin such as https://app.example.com.evil.test is trusted with credentials: the check tests a prefix.",
		"compare the whole origin for equality with the allow-list (or anchor the pattern at both ends: ^https://app\\.example\\.com$)"},
	{IDOriginSuffixMatch, High, "origins that merely end with an allowed host are trusted",
		"An origin such as https://evilapp.example.com or https://evilexample.com is trusted with credentials: the check tests a suffix without a label boundary.",
		"compare hosts for equality, or accept a subdomain only as \".\" followed by the allowed host, and only if you mean every subdomain"},
	{IDOriginSubstringMatch, High, "origins whose host is part of an allowed host are trusted",
		"An origin such as https://example.co is trusted with credentials: the check tests that the allowed origin contains it.",
		"compare for equality; a substring test accepts shorter, unrelated hosts"},
	{IDOriginUnescapedDot, High, "a dot in the allow-list pattern matches any character",
		"An origin such as https://appxexample.com is trusted with credentials: a regular expression left a dot unescaped.",
		"escape the dots in allow-list patterns (\\.), or better, compare for equality"},
	{IDOriginSpecialCharacters, High, "special characters after an allowed host carry the match into another domain",
		"An origin such as https://app.example.com_.evil.test is trusted with credentials: the check stops at a character it thinks ends the host, which browsers accept inside one.",
		"compare the whole origin for equality; \"_\", \"`\", \"{\", \"!\" and the like are valid in a browser's host name, so a check that stops at them lets the rest of the host be the attacker's"},
	{IDInsecureOriginTrusted, Medium, "an http:// origin can read an https:// resource with the visitor's cookies",
		"An http:// origin (such as the allowed origin downgraded) is trusted with credentials by an https:// resource.",
		"allow only https:// origins on an https:// resource: anyone on the network path can inject script into an http:// page"},
	{IDAnySubdomainTrusted, Medium, "any subdomain can read responses with the visitor's cookies",
		"A subdomain nobody listed (evil.app.example.com, evil.example.com) is trusted with credentials.",
		"list the subdomains that need access; trusting every subdomain makes an XSS or a dangling DNS record anywhere under the site a way into this resource"},
	{IDWildcardWithCredentials, Medium, "Access-Control-Allow-Origin: * with credentials fails in every browser",
		"Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true.",
		"send the requesting origin (chosen from an allow-list) instead of *, with Vary: Origin; or drop Access-Control-Allow-Credentials if the resource is public"},
	{IDACAOMultipleValues, Medium, "Access-Control-Allow-Origin has several values",
		"Access-Control-Allow-Origin sent on several lines, or as a comma- or space-separated list; browsers allow exactly one origin.",
		"send Access-Control-Allow-Origin once, with the one origin that asked (chosen from the allow-list), and Vary: Origin"},
	{IDACAOInvalid, Medium, "Access-Control-Allow-Origin is not a serialized origin",
		"Access-Control-Allow-Origin is neither *, null nor an origin as browsers serialize it (a path, a trailing slash, upper case, a default port).",
		"send the origin exactly as the Origin header has it: scheme://host[:port], lower-case, no path, no trailing slash, no default port"},
	{IDACACInvalid, Medium, "Access-Control-Allow-Credentials is not exactly true",
		"Access-Control-Allow-Credentials with a value other than true (True, 1, yes, repeated), which browsers treat as absent.",
		"send Access-Control-Allow-Credentials: true exactly (lower-case, once), or leave it out"},
	{IDACAOPreflightOnly, Medium, "only the preflight carries Access-Control-Allow-Origin",
		"The preflight allows an origin but the actual response to the same origin has no Access-Control-Allow-Origin, so the fetch fails after its request was processed.",
		"send Access-Control-Allow-Origin (and -Credentials) on the actual responses too: browsers run the CORS check on both"},
	{IDPreflightStatusNotOK, Medium, "the preflight is answered with a status outside 200–299",
		"A preflight whose response allows the origin but whose status is not 2xx (a 401 from authentication, a 404 or 405 from routing, a redirect).",
		"answer preflights (OPTIONS with Access-Control-Request-Method) with 204 before authentication and routing see them"},
	{IDACAMInvalid, Medium, "Access-Control-Allow-Methods does not parse",
		"Access-Control-Allow-Methods has an element that is not a token, so browsers fail every preflight.",
		"list methods as tokens separated by commas: GET, PUT, PATCH"},
	{IDACAHInvalid, Medium, "Access-Control-Allow-Headers does not parse",
		"Access-Control-Allow-Headers has an element that is not a token, so browsers fail every preflight.",
		"list header names as tokens separated by commas: content-type, authorization"},
	{IDACAMMethodCase, Medium, "a method is allowed in the wrong case",
		"Access-Control-Allow-Methods lists a method in lower or mixed case (patch, put); browsers compare methods case-sensitively and fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT.",
		"list methods in upper case, as scripts send them: PATCH, PUT, DELETE"},
	{IDOriginReflected, Low, "any origin can read responses, without credentials",
		"Access-Control-Allow-Origin echoes an arbitrary Origin, without credentials: in effect *, but with a cache that must vary.",
		"use an allow-list; if the resource is public to every site, send * instead"},
	{IDUntrustedOriginAllowed, Low, "an origin outside the allow-list can read responses, without credentials",
		"A look-alike, null, http://, other-port or subdomain origin is trusted, but without credentials: it reads only what any site could.",
		"fix the origin check as for the credentialed case: it is wrong, even if credentials are off today"},
	{IDOtherPortTrusted, Low, "another port of the allowed host can read responses with the visitor's cookies",
		"An origin that differs from an allowed one only in its port is trusted with credentials.",
		"compare the port too: https://app.example.com:8443 is another origin, often another service"},
	{IDVaryOriginMissing, Low, "Access-Control-Allow-Origin depends on Origin but Vary: Origin is missing",
		"Responses whose Access-Control-Allow-Origin changes with the request's Origin (or echoes it), without Vary: Origin, so an HTTP cache can serve one origin's answer to another.",
		"send Vary: Origin on every response whose Access-Control-Allow-Origin depends on Origin, including the ones that carry none"},
	{IDAuthorizationByWildcard, Low, "Authorization is allowed only through * in Access-Control-Allow-Headers",
		"A preflight asking for Authorization passes only because Access-Control-Allow-Headers is *: browsers accept it, the Fetch standard does not.",
		"list authorization by name in Access-Control-Allow-Headers; the standard's * never covers it"},
	{IDWildcardLiteralWithCredentials, Low, "* in an allow list means the literal name * with credentials",
		"Access-Control-Allow-Methods, -Allow-Headers or -Expose-Headers contain * on a credentialed response, where * is no wildcard.",
		"with credentials, list methods, request headers and exposed headers by name"},
	{IDMaxAgeInvalid, Low, "Access-Control-Max-Age does not parse",
		"Access-Control-Max-Age is not a plain number of seconds (a sign, a unit, a fraction, several values); each browser falls back differently.",
		"send Access-Control-Max-Age once, as a whole number of seconds"},
	{IDPlainOptionsAsPreflight, Low, "a plain OPTIONS request is answered as a preflight",
		"An OPTIONS request without Access-Control-Request-Method gets Access-Control-Allow-Methods, -Headers or -Max-Age: the server takes every OPTIONS for a preflight.",
		"treat OPTIONS as a preflight only when it carries Access-Control-Request-Method; pass other OPTIONS requests to the application"},
	{IDWildcardOrigin, Info, "every origin can read responses, without credentials",
		"Access-Control-Allow-Origin: * without credentials.",
		"nothing to fix if the resource is public to every site; otherwise use an allow-list"},
	{IDMaxAgeCapped, Info, "Access-Control-Max-Age exceeds a browser's cap",
		"Access-Control-Max-Age is longer than some browser caches a preflight (Chromium 7200 s, Firefox 86400 s, WebKit 600 s); the browser cuts it silently.",
		"expect the capped lifetime, or send at most the smallest cap you care about"},
	{IDMaxAgeZero, Info, "Access-Control-Max-Age: 0 turns the preflight cache off",
		"Access-Control-Max-Age: 0, so every request that needs a preflight sends one.",
		"fine if every request must be preflighted; otherwise send the cache time you can live with"},
}

// Rules returns every rule, most severe first, in a new slice.
func Rules() []Rule { return append([]Rule(nil), rules...) }

// rule returns the rule named id; an unknown id (a bug TestEveryIDHasARule catches) gives a rule
// with only that ID.
func rule(id string) Rule {
	for _, r := range rules {
		if r.ID == id {
			return r
		}
	}
	return Rule{ID: id, Severity: Info}
}

// ruleIndex orders findings of one severity as the table does.
func ruleIndex(id string) int {
	for i, r := range rules {
		if r.ID == id {
			return i
		}
	}
	return len(rules)
}
