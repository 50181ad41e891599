// Package bench compares corsim with its neighbours on one exchange: the checkout PATCH.
//
// A script on https://www.shop.test calls
//
//	fetch("https://api.shop.test/cart/items/17", {method: "PATCH", credentials: "include",
//	  headers: {"Content-Type": "application/json", "X-CSRF-Token": "t"}, body: "{}"})
//
// and the API allows that origin, the method PATCH, the request headers content-type and
// x-csrf-token, credentials, a Max-Age of 600 s, and exposes X-Request-Id. A browser sends a
// preflight and then the PATCH; this package holds both sides of that exchange once, so that every
// benchmark (exchange_test.go) and the Mentoss script (mentoss/bench.mjs) use the same values.
// bench/README.md says what each row measures; bench/compare.sh runs them all.
//
// This is a separate module so that the main module gains no dependency on the middlewares.
package bench

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"

	jub0bs "github.com/jub0bs/cors"
	rs "github.com/rs/cors"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

// The exchange.
const (
	PageOrigin = "https://www.shop.test"
	URL        = "https://api.shop.test/cart/items/17"
	Method     = http.MethodPatch
	Body       = "{}"
	CSRFToken  = "t"
	MaxAge     = 600
	RequestID  = "r-17"
	// ResponseBody is what the API's handler writes for the PATCH.
	ResponseBody = `{"id":17,"qty":1}`
)

// The policy, in the words each middleware takes.
var (
	AllowedMethods = []string{http.MethodPatch}
	AllowedHeaders = []string{"Content-Type", "X-CSRF-Token"}
	ExposedHeaders = []string{"X-Request-Id"}
	PreflightACRH  = "content-type,x-csrf-token" // as browsers send it: lower-case, sorted, no space
	// PreflightACAH is the precomputed answer's Access-Control-Allow-Headers. Both middlewares echo
	// the request's list ("content-type,x-csrf-token"); browsers and corsim read either form alike
	// (TestSameExchange), but Mentoss splits the list on ", " only and blocks the form without a
	// space, so the answer corsim and Mentoss are given is written with one.
	PreflightACAH   = "content-type, x-csrf-token"
	ActualReqHeader = http.Header{
		"Origin":       {PageOrigin},
		"Content-Type": {"application/json"},
		"X-Csrf-Token": {CSRFToken},
	}
)

// CorsimRequest is the script's fetch() call as corsim takes it.
func CorsimRequest() algorithm.Request {
	body := Body
	return algorithm.Request{
		Origin:      origin.MustParse(PageOrigin),
		URL:         URL,
		Method:      Method,
		Headers:     fetchmode.HeaderList{{Name: "Content-Type", Value: "application/json"}, {Name: "X-CSRF-Token", Value: CSRFToken}},
		Body:        &body,
		Credentials: fetchmode.CredentialsInclude,
	}
}

// PreflightResponse and ActualResponse are the server's two answers, precomputed, byte for byte the
// ones mentoss/bench.mjs's MockServer gives: what the middlewares configured for the policy send,
// up to header order, Vary and the spacing of lists (TestSameExchange checks that corsim judges their
// recorded answers exactly as it judges these).
func PreflightResponse() algorithm.Response {
	return algorithm.Response{Status: http.StatusNoContent, Headers: fetchmode.HeaderList{
		{Name: "Access-Control-Allow-Origin", Value: PageOrigin},
		{Name: "Access-Control-Allow-Credentials", Value: "true"},
		{Name: "Access-Control-Allow-Methods", Value: "PATCH"},
		{Name: "Access-Control-Allow-Headers", Value: PreflightACAH},
		{Name: "Access-Control-Max-Age", Value: "600"},
		{Name: "Vary", Value: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"},
	}}
}

// ActualResponse is the server's answer to the PATCH.
func ActualResponse() algorithm.Response {
	return algorithm.Response{Status: http.StatusOK, Headers: fetchmode.HeaderList{
		{Name: "Access-Control-Allow-Origin", Value: PageOrigin},
		{Name: "Access-Control-Allow-Credentials", Value: "true"},
		{Name: "Access-Control-Expose-Headers", Value: "X-Request-Id"},
		{Name: "Vary", Value: "Origin"},
		{Name: "Content-Type", Value: "application/json"},
		{Name: "X-Request-Id", Value: RequestID},
	}, Body: ResponseBody}
}

// FixedResponder answers a preflight with pre and anything else with act, allocating nothing.
func FixedResponder(pre, act algorithm.Response) algorithm.Responder {
	return algorithm.ResponderFunc(func(req algorithm.SentRequest) (algorithm.Response, error) {
		if req.Preflight {
			return pre, nil
		}
		return act, nil
	})
}

// NewPreflightRequest is the OPTIONS request a browser sends first, as net/http hands it to a
// handler.
func NewPreflightRequest() *http.Request {
	r := httptest.NewRequest(http.MethodOptions, URL, nil)
	r.Header = http.Header{
		"Origin":                         {PageOrigin},
		"Access-Control-Request-Method":  {Method},
		"Access-Control-Request-Headers": {PreflightACRH},
	}
	return r
}

// NewActualRequest is the PATCH itself. Its body is never read by App, so one request value can be
// served any number of times.
func NewActualRequest() *http.Request {
	r := httptest.NewRequest(Method, URL, strings.NewReader(Body))
	r.Header = ActualReqHeader.Clone()
	return r
}

// App is the API's handler behind the CORS middleware: it answers the PATCH with a small JSON
// document and a request id. It does not read the request body.
func App() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("X-Request-Id", RequestID)
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(ResponseBody))
	})
}

// Jub0bs wraps h in github.com/jub0bs/cors configured for the policy.
func Jub0bs(h http.Handler) (http.Handler, error) {
	m, err := jub0bs.NewMiddleware(jub0bs.Config{
		Origins:         []string{PageOrigin},
		Credentialed:    true,
		Methods:         AllowedMethods,
		RequestHeaders:  AllowedHeaders,
		MaxAgeInSeconds: MaxAge,
		ResponseHeaders: ExposedHeaders,
	})
	if err != nil {
		return nil, err
	}
	return m.Wrap(h), nil
}

// RS wraps h in github.com/rs/cors configured for the policy.
func RS(h http.Handler) http.Handler {
	return rs.New(rs.Options{
		AllowedOrigins:   []string{PageOrigin},
		AllowCredentials: true,
		AllowedMethods:   AllowedMethods,
		AllowedHeaders:   AllowedHeaders,
		MaxAge:           MaxAge,
		ExposedHeaders:   ExposedHeaders,
	}).Handler(h)
}

// FromRecorder turns a recorded answer into the wire response corsim judges: status, every header
// line (names in net/http's canonical case and sorted, lines of one name in order, none combined),
// and body.
func FromRecorder(rec *httptest.ResponseRecorder) algorithm.Response {
	res := rec.Result()
	var hl fetchmode.HeaderList
	for _, name := range slices.Sorted(maps.Keys(res.Header)) {
		for _, v := range res.Header[name] {
			hl = append(hl, fetchmode.Header{Name: name, Value: v})
		}
	}
	return algorithm.Response{Status: res.StatusCode, Headers: hl, Body: rec.Body.String()}
}
