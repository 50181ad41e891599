package observe

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/internal/lint"
	"github.com/corsim/corsim/scenario"
)

// Live sends, for each origin, a preflight-shaped OPTIONS and a GET, then one plain OPTIONS, and
// returns them in that order whatever order they were answered in.
func TestLiveProbe(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.Header.Get("Origin")+" "+r.Header.Get("Access-Control-Request-Method")+" "+
			r.Header.Get("Access-Control-Request-Headers")+" "+r.Header.Get("Cookie"))
		mu.Unlock()
		w.Header().Add("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		w.Header().Add("Access-Control-Allow-Origin", "second")
		if r.URL.Path == "/redirect" {
			http.Redirect(w, r, "/elsewhere", http.StatusFound)
		}
	}))
	defer srv.Close()
	origins := []lint.TestOrigin{{Origin: "https://a.test"}, {Origin: "null"}}
	lv := Live{Client: srv.Client(), Method: "PATCH", RequestHeaders: []string{"X-B", "x-a", "x-b"}, Header: http.Header{"Cookie": {"s=1"}}}
	xs, errs := lv.Probe(context.Background(), srv.URL+"/redirect", origins)
	if len(errs) != 0 || len(xs) != 5 {
		t.Fatalf("%d exchanges, errors %v", len(xs), errs)
	}
	want := []string{"OPTIONS https://a.test true", "GET https://a.test false", "OPTIONS null true", "GET null false", "OPTIONS https://a.test false"}
	for i, x := range xs {
		got := x.Request.Method + " " + x.Request.Origin() + " " + map[bool]string{true: "true", false: "false"}[x.Request.Preflight()]
		if got != want[i] {
			t.Errorf("exchange %d: %s, want %s", i, got, want[i])
		}
		if x.Response.Status != http.StatusFound {
			t.Errorf("exchange %d: status %d; the redirect must not be followed", i, x.Response.Status)
		}
		if n := len(x.Response.Headers.Values("Access-Control-Allow-Origin")); n != 2 {
			t.Errorf("exchange %d: %d Access-Control-Allow-Origin lines, want both", i, n)
		}
	}
	if !xs[1].Request.Credentials || xs[0].Request.Credentials {
		t.Error("only the GET carries the cookie")
	}
	joined := strings.Join(seen, "\n")
	for _, w := range []string{"OPTIONS https://a.test PATCH x-a,x-b ", "GET null   s=1", "OPTIONS https://a.test   "} {
		if !strings.Contains(joined, w) {
			t.Errorf("server saw\n%s\nwant a line %q", joined, w)
		}
	}
}

func TestLiveUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	xs, errs := Live{}.Probe(context.Background(), url, []lint.TestOrigin{{Origin: "https://a.test"}})
	if len(xs) != 0 || len(errs) != 3 || !strings.HasPrefix(errs[0].Error(), "corsim: OPTIONS ") {
		t.Errorf("exchanges %v, errors %v", xs, errs)
	}
}

// Scenario records what the browser sent and what the servers answered, preflight first, with the
// values trimmed as an HTTP parser trims them; a request never sent is not recorded.
func TestScenario(t *testing.T) {
	s, err := scenario.Parse([]byte(`{"id":"s","page_origin":"https://app.test","servers":{"https://api.test/x":{` +
		`"options":{"status":204,"headers":[["Access-Control-Allow-Origin"," https://app.test "],["Access-Control-Allow-Methods","PUT"]]},` +
		`"actual":{"status":200,"headers":[["Access-Control-Allow-Origin","https://app.test"]]}},` +
		`"https://api.test/y":{"options":{"status":404}}},` +
		`"fetches":[{"url":"https://api.test/x","method":"PUT"},{"url":"https://api.test/y","method":"PUT"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	xs, err := Scenario(s, algorithm.Chromium)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range xs {
		acao, _ := x.Response.Headers.Get("Access-Control-Allow-Origin")
		got = append(got, x.Request.Method+" "+x.Request.URL+" "+x.Request.Origin()+" "+acao+" "+x.Source)
	}
	want := []string{
		"OPTIONS https://api.test/x https://app.test https://app.test scenario s fetch 1",
		"PUT https://api.test/x https://app.test https://app.test scenario s fetch 1",
		"OPTIONS https://api.test/y https://app.test  scenario s fetch 2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !xs[0].Request.Preflight() || xs[1].Request.Preflight() {
		t.Error("the first exchange is the preflight")
	}
}
