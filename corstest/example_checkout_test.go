package corstest_test

import (
	"fmt"
	"net/http"

	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/corstest"
	"github.com/corsim/corsim/fetchmode"
)

// cartAPI is the shop's API: it lets https://www.shop.test update the cart with its cookies.
type cartAPI struct{}

func (cartAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Origin")
	if r.Header.Get("Origin") == "https://www.shop.test" {
		w.Header().Set("Access-Control-Allow-Origin", "https://www.shop.test")
		w.Header().Set("Access-Control-Allow-Credentials", "true")
	}
	if r.Method == http.MethodOptions {
		w.Header().Set("Access-Control-Allow-Methods", "GET, PATCH")
		w.Header().Set("Access-Control-Allow-Headers", "content-type, x-csrf-token")
		w.Header().Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, `{"items":[{"id":17,"quantity":3}]}`)
}

// The README's checkout, as a test would check it: the shop page updates the cart with a JSON
// PATCH that carries a CSRF token and the session cookie. In a test, write
// corstest.AssertReadable(t, …) and corstest.AssertPolicy(t, …) with the same arguments.
func Example() {
	checkout := browser.Request{
		URL: "https://api.shop.test/cart/items/17", Method: "PATCH",
		Headers: fetchmode.HeaderList{
			{Name: "Content-Type", Value: "application/json"},
			{Name: "X-CSRF-Token", Value: "k9Xq2"},
		},
		Body:        browser.Text(`{"quantity":3}`),
		Credentials: fetchmode.CredentialsInclude,
	}
	fmt.Println("readable:", corstest.CheckReadable(cartAPI{}, "https://www.shop.test", checkout))
	fmt.Println("policy:", corstest.CheckPolicy(cartAPI{}, corstest.Policy{
		Allowed: []string{"https://www.shop.test"},
		Request: checkout,
	}))
	// Output:
	// readable: <nil>
	// policy: <nil>
}
