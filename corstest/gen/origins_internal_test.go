package gen

import (
	"slices"
	"testing"
)

// The near-misses Origins documents are the ones it draws, and none is allowed.
func TestNearMisses(t *testing.T) {
	for _, tc := range []struct {
		name    string
		allowed []string
		want    []string
	}{
		{"production", []string{"https://app.example"}, []string{
			"http://app.example", "https://app.example:8443", "https://app.example.evil.test",
			"https://evilapp.example", "https://evil.example", "https://evil.app.example",
			"https://www.app.example", "https://appxexample", "https://app.example.",
			"https://xn--pp-6kc.example",
		}},
		{"port", []string{"https://admin.app.example:8443"}, []string{
			"http://admin.app.example:8443", "https://admin.app.example", "https://admin.app.example:8444",
			"https://app.example:8443", "https://evil.app.example:8443",
		}},
		{"www", []string{"https://www.example.com"}, []string{"https://example.com", "https://evil.example.com"}},
		{"localhost", []string{"http://localhost:3000"}, []string{
			"https://localhost:3000", "http://localhost", "http://127.0.0.1:3000", "http://[::1]:3000",
			"http://evil.localhost:3000",
		}},
		{"loopback", []string{"http://127.0.0.1:8080", "https://[::1]"}, []string{
			"http://localhost:8080", "http://127.0.0.2:8080", "http://[::1]", "https://[::1]:8443", "https://localhost",
		}},
		{"both schemes allowed", []string{"https://app.example", "http://app.example"}, []string{"https://app.example:8443"}},
		{"null", []string{"null"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := nearMisses(tc.allowed)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("no near-miss %s in %q", w, got)
				}
			}
			for _, g := range got {
				if slices.Contains(tc.allowed, g) {
					t.Errorf("near-miss %s is allowed", g)
				}
			}
			if tc.want == nil && got != nil {
				t.Errorf("near-misses %q", got)
			}
		})
	}
}
