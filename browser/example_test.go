package browser_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/fetchmode"
)

// profileAPI answers a credentialed PUT from https://app.example, and caches its preflights for
// a minute.
var profileAPI = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	fmt.Println("  server:", r.Method, r.URL.Path)
	if r.Header.Get("Origin") == "https://app.example" {
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		w.Header().Set("Access-Control-Allow-Credentials", "true")
	}
	if r.Method == http.MethodOptions {
		w.Header().Set("Access-Control-Allow-Methods", "PUT")
		w.Header().Set("Access-Control-Allow-Headers", "content-type")
		w.Header().Set("Access-Control-Max-Age", "60")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Request-Id", "7f3a")
	fmt.Fprint(w, `{"saved":true}`)
})

// A page on https://app.example saves a profile with a credentialed JSON PUT: the browser
// preflights it, then sends it; script reads the body and the safelisted Content-Type but not
// X-Request-Id, which the server did not expose.
func Example() {
	b, err := browser.New("https://app.example", browser.WithProfile(algorithm.Firefox), browser.Handler(profileAPI))
	if err != nil {
		panic(err)
	}
	resp, err := b.Fetch(context.Background(), browser.Request{
		URL: "https://api.example/profile", Method: "PUT",
		Headers:     fetchmode.HeaderList{{Name: "Content-Type", Value: "application/json"}},
		Body:        browser.Text(`{"name":"Ada"}`),
		Credentials: fetchmode.CredentialsInclude,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.Type, resp.Status, string(resp.Body))
	fmt.Println("Content-Type:", resp.Header.Get("Content-Type"), "X-Request-Id:", resp.Header.Get("X-Request-Id"))
	// Output:
	//   server: OPTIONS /profile
	//   server: PUT /profile
	// cors 200 {"saved":true}
	// Content-Type: application/json X-Request-Id:
}

// The preflight cache follows the Browser's virtual clock: within Access-Control-Max-Age the
// second PUT goes without a preflight; after it, the preflight is sent again.
func ExampleBrowser_Advance() {
	b, _ := browser.New("https://app.example", browser.Handler(profileAPI))
	put := browser.Request{
		URL: "https://api.example/profile", Method: "PUT",
		Headers:     fetchmode.HeaderList{{Name: "Content-Type", Value: "application/json"}},
		Body:        browser.Text(`{}`),
		Credentials: fetchmode.CredentialsInclude,
	}
	for _, wait := range []time.Duration{0, 30 * time.Second, time.Minute} {
		b.Advance(wait)
		fmt.Println("after", wait)
		b.Fetch(context.Background(), put)
	}
	// Output:
	// after 0s
	//   server: OPTIONS /profile
	//   server: PUT /profile
	// after 30s
	//   server: PUT /profile
	// after 1m0s
	//   server: OPTIONS /profile
	//   server: PUT /profile
}

// Client enforces CORS on any code that takes an *http.Client: a page on another origin gets an
// error wrapping *browser.Error, and the server still saw the request.
func ExampleBrowser_Client() {
	b, _ := browser.New("https://evil.example", browser.Handler(profileAPI))
	_, err := b.Client().Get("https://api.example/profile")
	var blocked *browser.Error
	if errors.As(err, &blocked) {
		fmt.Println(blocked.Reason(), "- reached the server:", blocked.Verdict.ActualSent)
	}

	b, _ = browser.New("https://app.example", browser.Handler(profileAPI))
	res, err := b.Client().Get("https://api.example/profile")
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(res.Body)
	fmt.Println(res.StatusCode, string(body))
	// Output:
	//   server: GET /profile
	// MissingAllowOriginHeader - reached the server: true
	//   server: GET /profile
	// 200 {"saved":true}
}
