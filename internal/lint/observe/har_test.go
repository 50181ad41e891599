package observe

import (
	"testing"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/har"
)

func TestHARSelectsCORSExchanges(t *testing.T) {
	l, err := har.Parse([]byte(`{"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "140.0"},
	  "pages": [{"id": "page_1", "title": "Cart"}],
	  "entries": [
	    {"pageref": "page_1", "request": {"method": "GET", "url": "https://app.example/cart", "headers": [{"name": "Sec-Fetch-Dest", "value": "document"}]},
	     "response": {"status": 200, "headers": []}},
	    {"pageref": "page_1", "request": {"method": "GET", "url": "https://api.example/me", "headers": [{"name": "Origin", "value": "https://app.example"}, {"name": "Cookie", "value": "sid=1"}]},
	     "response": {"status": 200, "headers": [{"name": "Access-Control-Allow-Origin", "value": " https://app.example\t"}]}},
	    {"pageref": "page_1", "request": {"method": "PUT", "url": "https://api.example/me", "headers": [{"name": "Origin", "value": "https://app.example"}]},
	     "response": {"status": 0, "headers": []}},
	    {"pageref": "page_1", "request": {"method": "GET", "url": "https://cdn.example/a.png", "headers": []},
	     "response": {"status": 200, "headers": [{"name": "Access-Control-Allow-Origin", "value": "*"}]}},
	    {"pageref": "page_1", "request": {"method": "GET", "url": "wss://api.example/live", "headers": [{"name": "Origin", "value": "https://app.example"}]},
	     "response": {"status": 101, "headers": []}},
	    {"pageref": "page_1", "request": {"method": 7}}
	  ]}}`))
	if err != nil {
		t.Fatal(err)
	}
	xs, pages := HAR(l)
	if len(pages) != 1 || pages[0] != "https://app.example" {
		t.Errorf("pages = %q, want the document's origin", pages)
	}
	if len(xs) != 1 {
		t.Fatalf("got %d exchanges, want 1 (the GET with an Origin header and a response): %+v", len(xs), xs)
	}
	x := xs[0]
	want := fetchmode.HeaderList{{Name: "Access-Control-Allow-Origin", Value: "https://app.example"}}
	if x.Request.Method != "GET" || !x.Request.Credentials || x.Source != "HAR entry 2" || !equalHeaders(x.Response.Headers, want) {
		t.Errorf("exchange = %+v", x)
	}
}

func equalHeaders(a, b fetchmode.HeaderList) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
