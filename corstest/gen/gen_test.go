package gen_test

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/corstest/gen"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

// allowedSets are the allowed origins the tests give Origins: none, a production origin, several
// with ports, loopback and IPv6 hosts, a URL rather than an origin, and "null".
var allowedSets = [][]string{
	nil,
	{"https://app.example"},
	{"https://app.example", "http://localhost:3000", "https://admin.app.example:8443"},
	{"http://127.0.0.1:8080", "https://[::1]"},
	{"https://www.example.co.uk/login?next=/"},
	{"null"},
}

// Origins draws only origins as browsers serialize them: "null", or an http(s) origin that
// serializes to itself.
func TestOriginsAreSerialized(t *testing.T) {
	for _, allowed := range allowedSets {
		t.Run(strings.Join(allowed, ","), func(t *testing.T) {
			origins := gen.Origins(allowed...)
			rapid.Check(t, func(t *rapid.T) {
				s := origins.Draw(t, "origin")
				if s == "null" {
					return
				}
				o, err := origin.ParseSerialized(s)
				if err != nil || o.String() != s || o.IsOpaque() {
					t.Fatalf("%q is not a serialized origin (%v, %q)", s, err, o)
				}
				if o.Scheme() != "http" && o.Scheme() != "https" {
					t.Fatalf("%q: a page's scheme is http or https", s)
				}
			})
		})
	}
}

// An allowed value that is no origin fails the draw with the value in the message. Example panics
// with that failure.
func TestOriginsRejectsABadAllowedOrigin(t *testing.T) {
	defer func() {
		if msg := fmt.Sprint(recover()); !strings.Contains(msg, `corsim: gen: Origins: "app.example" is neither`) {
			t.Errorf("panic %q", msg)
		}
	}()
	gen.Origins("app.example").Example(1)
}

// Methods draws only methods fetch() accepts.
func TestMethodsAreAccepted(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := gen.Methods().Draw(t, "method")
		if !fetchmode.IsMethod(m) || fetchmode.IsForbiddenMethod(m) {
			t.Fatalf("fetch() throws on method %q", m)
		}
	})
}

// Headers draws only names and values the Headers guard accepts.
func TestHeadersAreAccepted(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		for _, h := range gen.Headers().Draw(t, "headers") {
			if !fetchmode.IsHeaderName(h.Name) || !fetchmode.IsHeaderValue(fetchmode.NormalizeHeaderValue(h.Value)) {
				t.Fatalf("the Headers guard throws on %q: %q", h.Name, h.Value)
			}
		}
	})
}

// urls are the targets the tests fetch: cross-origin to every allowed origin, same-origin to one,
// an http URL (mixed content from an https page) and one on loopback.
var urls = []string{"https://api.example/items", "https://app.example/api/cart?id=17", "http://api.example/legacy", "http://localhost:3000/graphql"}

// No generated fetch makes fetch() throw, under any profile, from any page.
func TestFetchesNeverThrow(t *testing.T) {
	ok := algorithm.ResponderFunc(func(algorithm.SentRequest) (algorithm.Response, error) {
		return algorithm.Response{Status: 200}, nil
	})
	for _, allowed := range allowedSets {
		t.Run(strings.Join(allowed, ","), func(t *testing.T) {
			fetches := gen.Fetches(allowed, urls)
			rapid.Check(t, func(t *rapid.T) {
				f := fetches.Draw(t, "fetch")
				page := origin.NewOpaque()
				if f.Page != "null" {
					page = origin.MustParse(f.Page)
				}
				r := f.Request
				req := algorithm.Request{Origin: page, URL: r.URL, Method: r.Method, Headers: r.Headers, Body: r.Body,
					StreamBody: r.StreamBody, Mode: r.Mode, Credentials: r.Credentials, Redirect: r.Redirect, Cache: r.Cache}
				for _, p := range algorithm.Profiles() {
					if v := algorithm.Fetch(req, ok, algorithm.Options{Profile: p}); v.Outcome == algorithm.JSError {
						t.Fatalf("%s: %v throws: %s %q", p, f, v.Reason, v.FailedParameter)
					}
				}
			})
		})
	}
}

// The GET and HEAD the generators draw never have a body.
func TestGetAndHeadHaveNoBody(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := gen.Requests().Draw(t, "request")
		m := fetchmode.NormalizeMethod(r.Method)
		if (m == "" || m == "GET" || m == "HEAD") && (r.Body != nil || r.StreamBody) {
			t.Fatalf("%s with a body", m)
		}
	})
}
