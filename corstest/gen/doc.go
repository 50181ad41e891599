// Package gen has pgregory.net/rapid generators of fetch() calls as browsers make them, so that the
// author of a CORS middleware can property-test a policy against corsim's engine: for every page
// origin and every call script could make, does the browser (package browser, under each profile)
// let exactly the intended pages read the response?
//
// The generators are biased toward what goes wrong. Origins draws the allowed origins and their
// near-misses (a downgrade to http, another port, a suffix or prefix match, a sibling or child
// subdomain, a trailing dot, a homograph in punycode, "null"); Methods and Headers draw what
// script writes, lower-case "patch", a Content-Type that needs a preflight, Authorization and a
// header set twice among them; Requests and Fetches put them together into whole calls whose
// body fits the method and whose modes are mostly the defaults. Every value is one a browser
// would produce and fetch() accepts: none makes the Request constructor throw (the few forbidden
// headers Headers draws are dropped silently, as browsers drop them).
//
// A middleware's test draws a Fetch and runs it with Fetch.Do against the handler, once per
// profile:
//
//	func TestOnlyTheAppReads(t *testing.T) {
//		h := mycors.New(mycors.AllowOrigin("https://app.example"), mycors.AllowCredentials()).Handler(api)
//		fetches := gen.Fetches([]string{"https://app.example"}, []string{"https://api.example/cart"})
//		rapid.Check(t, func(t *rapid.T) {
//			f := fetches.Draw(t, "fetch")
//			for _, p := range algorithm.Profiles() {
//				resp, err := f.Do(context.Background(), browser.WithProfile(p), browser.Handler(h))
//				if err == nil && resp.Type == algorithm.TypeCORS && f.Page != "https://app.example" {
//					t.Fatalf("%s: %v reads the response", p, f)
//				}
//			}
//		})
//	}
//
// When a property fails, rapid shrinks the fetch toward the simplest that still fails (a GET of
// the first URL from the first allowed origin, no headers) and Fetch.String shows it as the
// script that makes it; the *browser.Error of a blocked fetch explains the browser's side.
package gen
