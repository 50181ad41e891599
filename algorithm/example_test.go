package algorithm_test

import (
	"fmt"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

// hl builds a header list from name, value pairs.
func hl(kv ...string) fetchmode.HeaderList {
	var l fetchmode.HeaderList
	for i := 0; i+1 < len(kv); i += 2 {
		l = append(l, fetchmode.Header{Name: kv[i], Value: kv[i+1]})
	}
	return l
}

// server answers every URL with the same preflight and actual responses.
func server(preflight, actual algorithm.Response) algorithm.Responder {
	return algorithm.ResponderFunc(func(req algorithm.SentRequest) (algorithm.Response, error) {
		if req.Preflight {
			return preflight, nil
		}
		return actual, nil
	})
}

func checkoutRequest() algorithm.Request {
	return algorithm.Request{
		Origin:      origin.MustParse("https://www.shop.test"),
		URL:         "https://api.shop.test/cart/items/17",
		Method:      "PATCH",
		Headers:     hl("Content-Type", "application/json", "X-CSRF-Token", "t0k"),
		Credentials: fetchmode.CredentialsInclude,
	}
}

func printVerdict(v algorithm.Verdict) {
	for _, s := range v.ServerSaw {
		fmt.Printf("sent %s %s\n", s.Method, s.URL)
	}
	fmt.Printf("outcome %s, actual sent %v, type %s, status %d, headers %v\n",
		v.Outcome, v.ActualSent, v.ResponseType, v.Status, v.VisibleHeaders)
	if v.Reason != "" {
		fmt.Printf("reason %s %q\n", v.Reason, v.FailedParameter)
	}
	for _, w := range v.Warnings {
		fmt.Println("warning", w.ID)
	}
}

// The checkout flow: a credentialed PATCH with a JSON body and a CSRF token, preflighted, allowed,
// and read. The trace walks the standard's steps.
func ExampleFetch() {
	srv := server(
		algorithm.Response{Status: 204, Headers: hl(
			"Access-Control-Allow-Origin", "https://www.shop.test",
			"Access-Control-Allow-Credentials", "true",
			"Access-Control-Allow-Methods", "GET, PATCH, OPTIONS",
			"Access-Control-Allow-Headers", "content-type, x-csrf-token",
			"Access-Control-Max-Age", "600")},
		algorithm.Response{Status: 200, Headers: hl(
			"Access-Control-Allow-Origin", "https://www.shop.test",
			"Access-Control-Allow-Credentials", "true",
			"Vary", "Origin",
			"Content-Type", "application/json"), Body: `{"items":3}`},
	)
	opts := algorithm.Options{Profile: algorithm.Spec, Cache: algorithm.Spec.NewCache(), Trace: true}
	v := algorithm.Fetch(checkoutRequest(), srv, opts)
	for i, s := range v.Trace {
		fmt.Printf("%d. %s: %s → %s\n", i+1, s.Anchor, s.LookedAt, s.Decision)
	}
	printVerdict(v)
	// Output:
	// 1. fetch#dom-request: PATCH https://api.shop.test/cart/items/17 mode cors, credentials include, redirect follow → the Request constructor accepts the call
	// 2. fetch#concept-fetch step 12: no Accept header → the user agent appends Accept: */*
	// 3. fetch#concept-main-fetch step 12.1: method PATCH is not CORS-safelisted; CORS-unsafe request-header names content-type,x-csrf-token → tainting cors; HTTP fetch with makeCORSPreflight
	// 4. fetch#concept-http-fetch step 4.1: cache entries for https://www.shop.test https://api.shop.test/cart/items/17 → no usable entry: send a preflight
	// 5. fetch#cors-preflight-fetch-0 steps 1-5: OPTIONS https://api.shop.test/cart/items/17 → send Origin: https://www.shop.test, Access-Control-Request-Method: PATCH, Access-Control-Request-Headers: content-type,x-csrf-token; no credentials
	// 6. fetch#cors-preflight-fetch-0 step 7: preflight response 204 with Access-Control-Allow-Origin "https://www.shop.test", -Allow-Methods "GET, PATCH, OPTIONS", -Allow-Headers "content-type, x-csrf-token" → pass
	// 7. fetch#cors-preflight-fetch-0 step 7.13: max-age 10m0s → cache entries stored for https://api.shop.test/cart/items/17
	// 8. fetch#concept-http-network-or-cache-fetch step 8: PATCH https://api.shop.test/cart/items/17 → send the request with Origin: https://www.shop.test; credentials included
	// 9. fetch#concept-cors-check: Access-Control-Allow-Origin "https://www.shop.test" against https://www.shop.test with credentials mode include → pass
	// 10. fetch#concept-main-fetch step 14: tainting cors → response type cors; script reads headers [content-type]
	// sent OPTIONS https://api.shop.test/cart/items/17
	// sent PATCH https://api.shop.test/cart/items/17
	// outcome ok, actual sent true, type cors, status 200, headers [content-type]
}

// A wildcard origin with credentials is the most common CORS mistake: "*" never allows a credentialed
// response, whatever Access-Control-Allow-Credentials says.
func ExampleFetch_wildcardWithCredentials() {
	req := algorithm.Request{
		Origin:      origin.MustParse("https://app.example"),
		URL:         "https://api.example/me",
		Credentials: fetchmode.CredentialsInclude,
	}
	srv := server(algorithm.Response{}, algorithm.Response{Status: 200, Headers: hl(
		"Access-Control-Allow-Origin", "*",
		"Access-Control-Allow-Credentials", "true")})
	v := algorithm.Fetch(req, srv, algorithm.Options{Profile: algorithm.Chromium})
	printVerdict(v)
	fmt.Println(v.Message)
	// Output:
	// sent GET https://api.example/me
	// outcome network-error, actual sent true, type error, status 0, headers []
	// reason WildcardOriginNotAllowed ""
	// Access to fetch at 'https://api.example/me' from origin 'https://app.example' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.
}

// A preflight that passes does not make the actual response readable: it needs its own
// Access-Control-Allow-Origin. The PUT has still reached the server.
func ExampleFetch_actualResponseWithoutACAO() {
	req := checkoutRequest()
	req.Method = "PUT"
	srv := server(
		algorithm.Response{Status: 204, Headers: hl(
			"Access-Control-Allow-Origin", "https://www.shop.test",
			"Access-Control-Allow-Credentials", "true",
			"Access-Control-Allow-Methods", "PUT",
			"Access-Control-Allow-Headers", "content-type, x-csrf-token")},
		algorithm.Response{Status: 200, Headers: hl("Content-Type", "application/json")},
	)
	printVerdict(algorithm.Fetch(req, srv, algorithm.Options{Profile: algorithm.Chromium}))
	// Output:
	// sent OPTIONS https://api.shop.test/cart/items/17
	// sent PUT https://api.shop.test/cart/items/17
	// outcome network-error, actual sent true, type error, status 0, headers []
	// reason MissingAllowOriginHeader ""
}

// A server without an OPTIONS route answers the preflight 404; the actual request is never sent.
// Chromium reports the missing Access-Control-Allow-Origin first, WebKit the status.
func ExampleFetch_preflight404() {
	srv := server(algorithm.Response{Status: 404}, algorithm.Response{Status: 200})
	for _, p := range []algorithm.Profile{algorithm.Chromium, algorithm.WebKit} {
		v := algorithm.Fetch(checkoutRequest(), srv, algorithm.Options{Profile: p})
		fmt.Printf("%s: actual sent %v, %s %q\n", p, v.ActualSent, v.Reason, v.FailedParameter)
	}
	// Output:
	// chromium: actual sent false, PreflightMissingAllowOriginHeader ""
	// webkit: actual sent false, PreflightInvalidStatus "404"
}

// Authorization must be listed by name in Access-Control-Allow-Headers. The standard says "*" never
// covers it; browsers still let it through without credentials, with a deprecation warning.
func ExampleFetch_authorizationMissingFromACAH() {
	req := algorithm.Request{
		Origin:  origin.MustParse("https://app.example"),
		URL:     "https://api.example/orders",
		Headers: hl("Authorization", "Bearer abc"),
	}
	srv := server(
		algorithm.Response{Status: 204, Headers: hl(
			"Access-Control-Allow-Origin", "https://app.example",
			"Access-Control-Allow-Headers", "*")},
		algorithm.Response{Status: 200, Headers: hl("Access-Control-Allow-Origin", "*")},
	)
	for _, p := range []algorithm.Profile{algorithm.Spec, algorithm.Chromium} {
		v := algorithm.Fetch(req, srv, algorithm.Options{Profile: p})
		var warn []string
		for _, w := range v.Warnings {
			warn = append(warn, w.ID)
		}
		fmt.Printf("%s: %s %s %q warnings=%v\n", p, v.Outcome, v.Reason, v.FailedParameter, strings.Join(warn, ","))
	}
	// Output:
	// spec: network-error HeaderDisallowedByPreflightResponse "authorization" warnings=
	// chromium: ok  "" warnings=AuthorizationCoveredByWildcard
}

// Echoing the request's origin without Vary: Origin works, but a shared cache may serve the response
// to another origin; corsim reports it as a warning, not a failure.
func ExampleFetch_echoedOriginWithoutVary() {
	req := algorithm.Request{Origin: origin.MustParse("https://app.example"), URL: "https://api.example/data"}
	srv := server(algorithm.Response{}, algorithm.Response{Status: 200, Headers: hl(
		"Access-Control-Allow-Origin", "https://app.example", "Content-Type", "text/plain")})
	printVerdict(algorithm.Fetch(req, srv, algorithm.Options{}))
	// Output:
	// sent GET https://api.example/data
	// outcome ok, actual sent true, type cors, status 200, headers [content-type]
	// warning VaryOriginMissing
}

func ExampleCORSCheck() {
	h := hl("Access-Control-Allow-Origin", "https://app.example/")
	f := algorithm.CORSCheck(algorithm.Chromium, "https://app.example", fetchmode.CredentialsSameOrigin, h)
	fmt.Println(f.OK(), f.Reason, f.Parameter)
	// Output:
	// false AllowOriginMismatch https://app.example/
}

func ExamplePreflightRequest() {
	pre, ok := algorithm.PreflightRequest(checkoutRequest(), algorithm.Options{})
	fmt.Println(ok, pre.Method, pre.URL)
	for _, h := range pre.Headers {
		fmt.Printf("%s: %s\n", h.Name, h.Value)
	}
	// Output:
	// true OPTIONS https://api.shop.test/cart/items/17
	// Origin: https://www.shop.test
	// Access-Control-Request-Method: PATCH
	// Access-Control-Request-Headers: content-type,x-csrf-token
}
