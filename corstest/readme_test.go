package corstest_test

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/corstest"
	"github.com/corsim/corsim/fetchmode"
)

// apiNew stands for the reader's own handler in the README's snippet.
func apiNew() http.Handler { return cartAPI{} }

// TestCheckoutCORS is the README's "Test your handler" snippet, run as it is printed there
// (TestREADMESnippet keeps the two the same).
func TestCheckoutCORS(t *testing.T) {
	corstest.AssertReadable(t, apiNew(), "https://www.shop.test", browser.Request{
		URL: "https://api.shop.test/cart/items/17", Method: "PATCH",
		Headers:     fetchmode.HeaderList{{Name: "Content-Type", Value: "application/json"}},
		Body:        browser.Text(`{"quantity":3}`),
		Credentials: fetchmode.CredentialsInclude,
	})
}

func TestREADMESnippet(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "## Test your handler")
	_, after, ok2 := strings.Cut(after, "```go\n")
	snippet, _, ok3 := strings.Cut(after, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README.md has no Go block under \"## Test your handler\"")
	}
	src, err := os.ReadFile("readme_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, fn, _ := strings.Cut(string(src), "\nfunc TestCheckoutCORS")
	fn, _, _ = strings.Cut(fn, "\n}\n")
	fn = "func TestCheckoutCORS" + fn + "\n}\n"
	if want := strings.ReplaceAll(fn, "apiNew()", "api.New()"); snippet != want {
		t.Errorf("README.md's snippet differs from TestCheckoutCORS:\n%s\nwant\n%s", snippet, want)
	}
	if n := strings.Count(snippet, "\n"); n > 10 {
		t.Errorf("the snippet has %d lines; the README promises at most ten", n)
	}
}
