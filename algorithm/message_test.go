package algorithm_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// messageCase is one failure whose console message every profile renders.
type messageCase struct {
	name   string
	req    algorithm.Request
	routes routes
}

func messageCases() []messageCase {
	pre := func(kv ...string) *algorithm.Response {
		return resp(204, append([]string{"Access-Control-Allow-Origin", "https://app.test"}, kv...)...)
	}
	put := algorithm.Request{Origin: page, URL: api, Method: "PUT", Body: strp("x")}
	cred := algorithm.Request{Origin: page, URL: api, Credentials: fetchmode.CredentialsInclude}
	return []messageCase{
		{"missing ACAO", algorithm.Request{Origin: page, URL: api}, routes{api: {Actual: ok200()}}},
		{"ACAO mismatch", algorithm.Request{Origin: page, URL: api}, routes{api: {Actual: ok200("Access-Control-Allow-Origin", "https://app.test/")}}},
		{"ACAO two lines", algorithm.Request{Origin: page, URL: api}, routes{api: {Actual: ok200("Access-Control-Allow-Origin", "https://app.test", "Access-Control-Allow-Origin", "https://app.test")}}},
		{"ACAO invalid", algorithm.Request{Origin: page, URL: api}, routes{api: {Actual: ok200("Access-Control-Allow-Origin", "app.test")}}},
		{"wildcard with credentials", cred, routes{api: {Actual: ok200("Access-Control-Allow-Origin", "*")}}},
		{"ACAC not true", cred, routes{api: {Actual: ok200("Access-Control-Allow-Origin", "https://app.test", "Access-Control-Allow-Credentials", "True")}}},
		{"preflight status", put, routes{api: {Options: resp(404, "Access-Control-Allow-Origin", "https://app.test")}}},
		{"preflight redirect", put, routes{api: {Options: resp(301, "Location", "/z", "Access-Control-Allow-Origin", "https://app.test")}}},
		{"preflight missing ACAO", put, routes{api: {Options: resp(204)}}},
		{"method not allowed", put, routes{api: {Options: pre("Access-Control-Allow-Methods", "GET, POST")}}},
		{"ACAM unparsable", put, routes{api: {Options: pre("Access-Control-Allow-Methods", "PUT;")}}},
		{"ACAH unparsable", algorithm.Request{Origin: page, URL: api, Headers: hl("X-A", "1")}, routes{api: {Options: pre("Access-Control-Allow-Headers", "x-a, @")}}},
		{"header not allowed", algorithm.Request{Origin: page, URL: api, Headers: hl("X-CSRF-Token", "1", "Content-Type", "application/json")},
			routes{api: {Options: pre("Access-Control-Allow-Headers", "content-type")}}},
		{"redirect hop fails", algorithm.Request{Origin: page, URL: api},
			routes{api: {Actual: resp(302, "Location", "https://b.test/", "Access-Control-Allow-Origin", "*")}, "https://b.test/": {Actual: ok200()}}},
		{"redirect response without ACAO", algorithm.Request{Origin: page, URL: api},
			routes{api: {Actual: resp(302, "Location", "https://b.test/next")}}},
		{"redirect with credentials", algorithm.Request{Origin: page, URL: api},
			routes{api: {Actual: resp(302, "Location", "https://u:p@b.test/", "Access-Control-Allow-Origin", "*")}}},
		{"mode same-origin", algorithm.Request{Origin: page, URL: api, Mode: fetchmode.ModeSameOrigin}, nil},
		{"no-cors manual", algorithm.Request{Origin: page, URL: api, Mode: fetchmode.ModeNoCORS, Redirect: fetchmode.RedirectManual}, nil},
		{"cors to file:", algorithm.Request{Origin: page, URL: "file:///etc/passwd"}, nil},
		{"bad port", algorithm.Request{Origin: page, URL: "https://api.test:25/"}, nil},
		{"mixed content", algorithm.Request{Origin: page, URL: "http://api.test/"}, nil},
		{"forbidden method", algorithm.Request{Origin: page, URL: api, Method: "TRACE"}, nil},
		{"redirect mode error", algorithm.Request{Origin: page, URL: api, Redirect: fetchmode.RedirectError},
			routes{api: {Actual: resp(302, "Location", "/b", "Access-Control-Allow-Origin", "*")}}},
	}
}

// TestConsoleMessages renders every profile's console message for each failure and compares them with
// testdata/messages.golden (refresh with go test -run TestConsoleMessages -update).
func TestConsoleMessages(t *testing.T) {
	var b strings.Builder
	for _, c := range messageCases() {
		fmt.Fprintf(&b, "## %s\n", c.name)
		for _, p := range algorithm.Profiles() {
			v := algorithm.Fetch(c.req, c.routes, algorithm.Options{Profile: p})
			if v.Outcome == algorithm.OK {
				t.Errorf("%s/%s: fetch succeeded, want a failure", c.name, p)
			}
			fmt.Fprintf(&b, "%s [%s %q]:\n%s\n", p, v.Reason, v.FailedParameter, v.Message)
		}
		b.WriteString("\n")
	}
	golden := filepath.Join("testdata", "messages.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("console messages differ from %s (-want +got):\n%s", golden, diff)
	}
}
