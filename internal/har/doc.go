// Package har replays a browser's HAR 1.2 export (DevTools "Save all as HAR", Firefox's network
// monitor, Playwright's recordHar) through corsim's engine: each cross-origin fetch() or
// XMLHttpRequest in it is rebuilt as script made it, run by algorithm.Fetch against the responses the
// HAR recorded, and its verdict compared with what the browser recorded. `corsim har` is its
// command-line face; docs/har.md is the user's account of the rules below.
//
// # Reading
//
// Parse and Read accept any JSON object with a "log" holding an "entries" array, within the limits
// DefaultMaxBytes, MaxEntries and MaxHeaders. Only what the replay needs is read: pages (id, title),
// and per entry its pageref, startedDateTime, Chromium's _resourceType and _initiator.type, the
// request (method, url, headers, cookies, postData) and the response (status, headers, redirectURL,
// Chromium's _error, Playwright's _failureText). A member of the wrong type makes its entry unreadable
// (Entry.Err names the key) and leaves the other entries alone. Nothing here panics.
//
// # Replaying
//
// Replay walks the entries in order:
//
//  1. Preflights (Chromium's _resourceType "preflight", or an OPTIONS request carrying
//     Access-Control-Request-Method, which script cannot set) are not fetches; each is paired with the
//     fetch it precedes: same URL, same Origin, Access-Control-Request-Method equal to the fetch's
//     method, the nearest such entry on either side (Chromium lists a preflight after its request).
//  2. A 3xx whose Location or redirectURL names the URL of a later entry continues there: the later
//     entry is a hop of the first one's fetch, not a fetch of its own.
//  3. The page's origin is --origin, else the request's Origin header (the origin of the document
//     that called fetch, a frame's included), else the URL in the title of the entry's page (where
//     Chromium puts it), else the Referer header's origin.
//  4. Entries that are unreadable, not http(s) (data:, blob:, WebSocket), same-origin with their page
//     on every hop, or not made by fetch() or XMLHttpRequest (by _resourceType, Sec-Fetch-Mode,
//     Sec-Fetch-Dest, or the absence of Origin) are ignored, each with a reason.
//  5. The call is rebuilt: method, URL and body as recorded, mode cors, the script's headers as
//     ScriptHeaders finds them, credentials from Options or inferred (include when the request shows
//     a Cookie header or request.cookies, else fetch()'s default same-origin).
//  6. algorithm.Fetch runs it with one preflight cache per page and the entry's time as the clock.
//     Its Responder answers a preflight with the paired (or a matching) recorded preflight's
//     response, and the actual request and each redirect with the fetch's own entries. A request
//     the HAR has no answer to — a preflight it does not have, a hop it did not record, a response
//     it did not keep (status 0) — is not answered by invention: the fetch is reported as not
//     judged (Result.Judged), with the preflight the browser would have sent when that was the gap.
//  7. The verdict is compared with the record: a failure is an error field (Chromium's
//     "net::ERR_FAILED") or no response (status 0 in Firefox's export).
package har
