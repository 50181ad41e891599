package corstest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/corstest"
	"github.com/corsim/corsim/fetchmode"
)

// publicAPI allows every origin with "*" and, as the common mistake goes, credentials too.
func publicAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Access-Control-Allow-Credentials", "true")
	fmt.Fprint(w, `{"name":"Ada"}`)
}

// The most common CORS mistake: "*" with credentials. A fetch without credentials can read the
// response; with credentials "include" no browser lets script read it, and the error says why
// and what to send instead.
func Example_wildcardWithCredentials() {
	h := http.HandlerFunc(publicAPI)
	me := browser.Request{URL: "https://api.example/me"}
	fmt.Println("without credentials:", corstest.CheckReadable(h, "https://app.example", me))

	me.Credentials = fetchmode.CredentialsInclude
	fmt.Println("with credentials:", corstest.CheckBlocked(h, "https://app.example", me, algorithm.WildcardOriginNotAllowed))

	b, _ := browser.New("https://app.example", browser.Handler(h))
	_, err := b.Fetch(context.Background(), me)
	var blocked *browser.Error
	if errors.As(err, &blocked) {
		fmt.Println("reason:", blocked.Reason())
		fmt.Println("fix:", blocked.Fix())
	}
	// Output:
	// without credentials: <nil>
	// with credentials: <nil>
	// reason: WildcardOriginNotAllowed
	// fix: send Access-Control-Allow-Origin: https://app.example instead of * in the response of https://api.example/me with credentials "include" (or do not include credentials)
}
