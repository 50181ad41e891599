package spec_test

import (
	"fmt"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/scenario"
)

// A credentialed fetch answered with "Access-Control-Allow-Origin: *" is sent (the server saw it) but
// never readable: Fetch §concept-cors-check step 3 honours "*" only without credentials. A simulator
// that accepts "*" whatever the credentials mode gets this case wrong.
func Example_wildcardWithCredentials() {
	srv, _ := scenario.NewTable(map[string]scenario.Route{
		"https://api.example/me": {Actual: &algorithm.Response{Status: 200, Headers: fetchmode.HeaderList{
			{Name: "Access-Control-Allow-Origin", Value: "*"},
			{Name: "Access-Control-Allow-Credentials", Value: "true"},
		}}},
	})
	for _, p := range algorithm.Profiles() {
		v := algorithm.Fetch(algorithm.Request{
			Origin:      origin.MustParse("https://app.example"),
			URL:         "https://api.example/me",
			Credentials: fetchmode.CredentialsInclude,
		}, srv, algorithm.Options{Profile: p})
		fmt.Println(p, v.Outcome, v.ActualSent, v.Reason)
	}
	// Output:
	// spec network-error true WildcardOriginNotAllowed
	// chromium network-error true WildcardOriginNotAllowed
	// firefox network-error true WildcardOriginNotAllowed
	// webkit network-error true WildcardOriginNotAllowed
}
