// Package lint finds CORS misconfigurations in observed exchanges: the requests a server received
// (with their Origin, method, headers and whether they were preflights) and the responses it gave.
// It is what `corsim lint` runs on a live target, a scenario file, or (later) a HAR capture; the
// adapters that turn each into exchanges live in package lint/observe.
//
// Lint is pure: it sends nothing and reads no clock. Every judgement about a browser goes through
// package algorithm, in each profile judged: which browsers let script on an untrusted origin read a
// response is algorithm.Fetch against the observed responses, which fail a malformed header is
// algorithm.CORSCheck or algorithm.ValidatePreflight, and how long a preflight is cached is the
// profile's cache policy. So a finding's Browsers are computed, not assumed.
//
// Each finding names a Rule: a stable kebab-case ID, a severity, a one-line title and a fix.
// Rules lists them; docs/lint.md is the same table with the tools that also detect each.
//
// # What is judged
//
//   - Trust (check_trust.go): the request's Origin echoed back, or a fixed null or http:// origin,
//     classified against the allowed origins (Config.Allowed) and the target's own origin: an
//     arbitrary origin, null, an http:// downgrade, a prefix, suffix, substring or unescaped-dot
//     look-alike, a special character after the allowed host, an unlisted subdomain, another port.
//     TestOrigins derives the Origin values a live probe sends to find them.
//   - Response headers (check_response.go): several Access-Control-Allow-Origin values, one that is
//     not a serialized origin, Access-Control-Allow-Credentials other than true, a wildcard origin
//     with credentials and without, "*" in Access-Control-Expose-Headers with credentials.
//   - Preflights (check_preflight.go): a status outside 200–299, unparsable or wrongly cased method
//     and header lists, Access-Control-Max-Age invalid, 0 or beyond a browser's cap, Authorization
//     allowed only by "*", "*" with credentials; and a plain OPTIONS answered as a preflight.
//   - Across the exchanges of one URL (check_group.go): the CORS headers on the preflight only, and
//     Access-Control-Allow-Origin varying with Origin without Vary: Origin.
package lint
