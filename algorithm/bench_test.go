package algorithm_test

import (
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

var sinkFailure algorithm.Failure

func BenchmarkCORSCheck(b *testing.B) {
	cases := []struct {
		name  string
		creds fetchmode.Credentials
		h     fetchmode.HeaderList
	}{
		{"acao=star", fetchmode.CredentialsSameOrigin, hl("Content-Type", "text/plain", "Access-Control-Allow-Origin", "*")},
		{"acao=exact/creds=include", fetchmode.CredentialsInclude, hl("Content-Type", "text/plain",
			"Access-Control-Allow-Origin", "https://www.shop.test", "Access-Control-Allow-Credentials", "true")},
		{"acao=mismatch", fetchmode.CredentialsSameOrigin, hl("Access-Control-Allow-Origin", "https://evil.test")},
		{"acao=missing", fetchmode.CredentialsSameOrigin, hl("Content-Type", "text/plain")},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkFailure = algorithm.CORSCheck(algorithm.Chromium, "https://www.shop.test", c.creds, c.h)
			}
		})
	}
}

func BenchmarkValidatePreflight(b *testing.B) {
	resp := algorithm.Response{Status: 204, Headers: hl(
		"Access-Control-Allow-Origin", "https://www.shop.test",
		"Access-Control-Allow-Credentials", "true",
		"Access-Control-Allow-Methods", "GET, PATCH, OPTIONS",
		"Access-Control-Allow-Headers", "content-type, x-csrf-token",
		"Access-Control-Max-Age", "600")}
	check := algorithm.PreflightCheck{Origin: "https://www.shop.test", Method: "PATCH",
		Headers: []string{"content-type", "x-csrf-token"}, Credentials: fetchmode.CredentialsInclude}
	for _, p := range algorithm.Profiles() {
		b.Run("profile="+p.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, sinkFailure = algorithm.ValidatePreflight(p, check, resp)
			}
		})
	}
}

var sinkVerdict algorithm.Verdict

func BenchmarkFetch(b *testing.B) {
	pre := algorithm.Response{Status: 204, Headers: hl(
		"Access-Control-Allow-Origin", "https://www.shop.test",
		"Access-Control-Allow-Credentials", "true",
		"Access-Control-Allow-Methods", "GET, PATCH, OPTIONS",
		"Access-Control-Allow-Headers", "content-type, x-csrf-token",
		"Access-Control-Max-Age", "600")}
	act := algorithm.Response{Status: 200, Headers: hl(
		"Access-Control-Allow-Origin", "https://www.shop.test",
		"Access-Control-Allow-Credentials", "true",
		"Vary", "Origin",
		"Content-Type", "application/json")}
	srv := server(pre, act)
	req := checkoutRequest()
	for _, p := range algorithm.Profiles() {
		b.Run("req=preflighted/cache=none/profile="+p.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkVerdict = algorithm.Fetch(req, srv, algorithm.Options{Profile: p})
			}
		})
	}
	b.Run("req=preflighted/cache=hit/profile=chromium", func(b *testing.B) {
		c := algorithm.Chromium.NewCache()
		now := time.Unix(0, 0)
		opts := algorithm.Options{Profile: algorithm.Chromium, Cache: c, Clock: func() time.Time { return now }}
		algorithm.Fetch(req, srv, opts)
		b.ReportAllocs()
		for b.Loop() {
			sinkVerdict = algorithm.Fetch(req, srv, opts)
		}
	})
	simple := algorithm.Request{Origin: req.Origin, URL: "https://api.shop.test/items"}
	b.Run("req=simple/profile=chromium", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkVerdict = algorithm.Fetch(simple, srv, algorithm.Options{Profile: algorithm.Chromium})
		}
	})
	b.Run("req=preflighted/trace=on/profile=spec", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkVerdict = algorithm.Fetch(req, srv, algorithm.Options{Trace: true})
		}
	})
}
