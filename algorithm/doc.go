// Package algorithm is corsim's engine: a pure model of what a browser does with a script's fetch()
// under the WHATWG Fetch standard's CORS rules, with profiles for Chromium, Firefox and WebKit where
// they differ from the standard.
//
// [Fetch] takes the page's origin and the script's call ([Request]), a [Responder] that answers every
// request the simulated browser sends, and [Options] (profile, preflight cache, clock, trace), and
// returns a [Verdict]: the requests the server saw, whether the actual request reached it, and what
// the script may read. The engine does no I/O, reads no clock and keeps no globals; the only state is
// the preflight cache the caller passes in. It is safe for concurrent use.
//
// # The algorithm, step by step
//
// Each step names the standard's anchor; a traced verdict ([Options.Trace]) shows the same anchors.
//
//  1. The Request constructor (fetch#dom-request): the URL is parsed (a URL with credentials throws),
//     the method must be a token and not CONNECT, TRACE or TRACK, and is normalized (patch stays
//     patch); headers go through the Headers guard: an invalid name or value throws, a forbidden
//     request-header is dropped silently; no-cors allows only safelisted methods and headers; a string
//     body adds Content-Type text/plain;charset=UTF-8; a stream body forces a preflight. Anything that
//     throws ends the fetch with [JSError] and nothing sent.
//  2. Main fetch (fetch#concept-main-fetch) refuses bad ports and mixed content, then decides the
//     response tainting: same-origin URLs and data: URLs are basic; mode same-origin fails for
//     anything else; no-cors is opaque; a cross-origin URL that is not http(s) fails; otherwise the
//     request is a CORS request, preflighted when its method is not GET, HEAD or POST, when it carries
//     CORS-unsafe request headers ([NeedsPreflight]), or when its body is a stream.
//  3. The preflight (fetch#cors-preflight-fetch-0), unless the preflight cache covers the request: an
//     OPTIONS request with Origin, Access-Control-Request-Method and Access-Control-Request-Headers
//     ([PreflightRequest]), validated in the order the profile's browser validates ([ValidatePreflight]):
//     the CORS check, an ok status, Access-Control-Allow-Methods and -Headers ("*" counts only without
//     credentials and, in the standard, never for Authorization), then Access-Control-Max-Age for the
//     cache. A failed preflight means the actual request is never sent.
//  4. The actual request carries Origin (null once a redirect tainted it) and, with credentials mode
//     include, cookies. Its response, and every redirect response, must pass the CORS check
//     ([CORSCheck]): Access-Control-Allow-Origin byte-equal to the serialized origin, or "*" without
//     credentials; Access-Control-Allow-Credentials exactly "true" with them.
//  5. Redirects (fetch#concept-http-redirect-fetch): at most 20; a Location with credentials fails;
//     301/302 turn POST into GET, 303 anything but GET and HEAD; a cross-origin hop drops
//     Authorization; each hop goes through main fetch again, which may preflight again. Redirect mode
//     error fails on a redirect; manual returns an opaque-redirect response.
//  6. Filtering (fetch#concept-filtered-response, [FilterResponse]): basic responses show every header
//     but Set-Cookie; CORS responses only the safelisted response headers and those named in
//     Access-Control-Expose-Headers; opaque responses nothing, with status 0.
//
// A failure carries a [Reason] (the Chrome DevTools Protocol's Network.CorsError name where one
// exists) and the offending value, and the [Verdict.Message] is the console line the profile's
// browser prints.
//
// # Profiles
//
// [Spec] is the standard read strictly; [Chromium], [Firefox] and [WebKit] each add named rules where
// the browser differs: "Access-Control-Allow-Headers: *" covering Authorization, the safelist's
// limits, the order preflight checks run in (which decides the reason reported), what redirects do to
// methods, headers and Origin, the console's wording, and the shape of the preflight cache (see
// [Profile.CachePolicy]). docs/profiles.md lists every rule with the engine source it was read from
// and the probes that pin it in the real browsers. [Profiles] returns all four.
//
// # Building blocks
//
// Tools that judge one exchange at a time (linters, proxies, scanners) can call the steps on their
// own: [NeedsPreflight] and [PreflightRequest] say whether and which preflight a fetch sends,
// [ValidatePreflight] judges a preflight response, [CORSCheck] an actual or redirect response, and
// [FilterResponse] what script may read of it. The package scenario has a Responder that answers
// from a fixed table of URLs, as scenario files describe servers.
package algorithm
