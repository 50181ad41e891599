package algorithm_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

// BenchmarkFetchRedirects is a credentialed preflighted PATCH through a chain of same-origin 307
// redirects on the API's origin: every hop is preflighted again and checked again.
func BenchmarkFetchRedirects(b *testing.B) {
	for _, hops := range []int{1, 5} {
		b.Run(fmt.Sprintf("hops=%d/profile=chromium", hops), func(b *testing.B) {
			srv := redirectChain(hops)
			req := checkoutRequest()
			b.ReportAllocs()
			for b.Loop() {
				sinkVerdict = algorithm.Fetch(req, srv, algorithm.Options{Profile: algorithm.Chromium})
			}
		})
	}
}

// redirectChain answers /cart/items/17 with a 307 to /hop/1, which redirects on to /hop/hops, which
// answers 200; every preflight allows the checkout request.
func redirectChain(hops int) algorithm.Responder {
	pre := algorithm.Response{Status: 204, Headers: hl(
		"Access-Control-Allow-Origin", "https://www.shop.test", "Access-Control-Allow-Credentials", "true",
		"Access-Control-Allow-Methods", "PATCH", "Access-Control-Allow-Headers", "content-type, x-csrf-token")}
	final := algorithm.Response{Status: 200, Headers: hl(
		"Access-Control-Allow-Origin", "https://www.shop.test", "Access-Control-Allow-Credentials", "true")}
	redirects := make(map[string]algorithm.Response, hops)
	from := "https://api.shop.test/cart/items/17"
	for i := 1; i <= hops; i++ {
		to := fmt.Sprintf("https://api.shop.test/hop/%d", i)
		redirects[from] = algorithm.Response{Status: 307, Headers: hl("Location", to,
			"Access-Control-Allow-Origin", "https://www.shop.test", "Access-Control-Allow-Credentials", "true")}
		from = to
	}
	return algorithm.ResponderFunc(func(r algorithm.SentRequest) (algorithm.Response, error) {
		if r.Preflight {
			return pre, nil
		}
		if resp, ok := redirects[r.URL]; ok {
			return resp, nil
		}
		return final, nil
	})
}

// adversarialSizes are the sizes the adversarial benchmarks run at; time and memory must grow
// linearly from one to the next (docs/performance.md).
var adversarialSizes = []int{64 << 10, 256 << 10, 1 << 20}

// adversarialShapes build a list value of about n bytes: all commas, whitespace around few names,
// and one name repeated.
var adversarialShapes = []struct {
	name string
	make func(n int, name string) string
}{
	{"commas", func(n int, name string) string { return name + strings.Repeat(",", n-len(name)) }},
	{"whitespace", func(n int, name string) string {
		return name + "," + strings.Repeat(" \t", (n-len(name))/2-1) + "," + name
	}},
	{"repeated", func(n int, name string) string {
		return strings.Repeat(name+", ", n/(len(name)+2))
	}},
}

func sizeName(n int) string { return fmt.Sprintf("%dKiB", n>>10) }

// BenchmarkAdversarialPreflight answers the checkout request's preflight with a huge
// Access-Control-Allow-Methods or -Allow-Headers that still allows it, with and without a cache.
func BenchmarkAdversarialPreflight(b *testing.B) {
	for _, header := range []string{"Access-Control-Allow-Methods", "Access-Control-Allow-Headers"} {
		short := map[string]string{"Access-Control-Allow-Methods": "ACAM", "Access-Control-Allow-Headers": "ACAH"}[header]
		name := map[string]string{"Access-Control-Allow-Methods": "PATCH", "Access-Control-Allow-Headers": "x-csrf-token"}[header]
		for _, shape := range adversarialShapes {
			for _, n := range adversarialSizes {
				for _, cached := range []bool{false, true} {
					value := shape.make(n, name)
					pre := algorithm.Response{Status: 204, Headers: hl(
						"Access-Control-Allow-Origin", "https://www.shop.test", "Access-Control-Allow-Credentials", "true",
						"Access-Control-Allow-Methods", "PATCH", "Access-Control-Allow-Headers", "content-type, x-csrf-token",
						"Access-Control-Max-Age", "600")}
					for i := range pre.Headers {
						if pre.Headers[i].Name == header {
							pre.Headers[i].Value = pre.Headers[i].Value + ", " + value
						}
					}
					act := algorithm.Response{Status: 200, Headers: hl(
						"Access-Control-Allow-Origin", "https://www.shop.test", "Access-Control-Allow-Credentials", "true")}
					srv := server(pre, act)
					req := checkoutRequest()
					b.Run(fmt.Sprintf("header=%s/shape=%s/size=%s/cache=%v", short, shape.name, sizeName(n), cached), func(b *testing.B) {
						b.ReportAllocs()
						b.SetBytes(int64(len(value)))
						now := time.Unix(0, 0)
						for b.Loop() {
							opts := algorithm.Options{Profile: algorithm.Chromium}
							if cached {
								// A fresh cache each time: the preflight is sent, validated and stored.
								opts.Cache = algorithm.Chromium.NewCache()
								opts.Clock = func() time.Time { return now }
							}
							sinkVerdict = algorithm.Fetch(req, srv, opts)
						}
						if sinkVerdict.Outcome != algorithm.OK {
							b.Fatalf("the fetch failed: %s %s", sinkVerdict.Reason, sinkVerdict.Message)
						}
					})
				}
			}
		}
	}
}

// BenchmarkAdversarialExpose answers a simple GET with a huge Access-Control-Expose-Headers.
func BenchmarkAdversarialExpose(b *testing.B) {
	for _, shape := range adversarialShapes {
		for _, n := range adversarialSizes {
			value := shape.make(n, "x-request-id")
			act := algorithm.Response{Status: 200, Headers: hl("Access-Control-Allow-Origin", "*",
				"Access-Control-Expose-Headers", value, "X-Request-Id", "r-1", "Content-Type", "text/plain")}
			srv := server(algorithm.Response{Status: 404}, act)
			req := algorithm.Request{Origin: checkoutRequest().Origin, URL: "https://api.shop.test/items"}
			b.Run(fmt.Sprintf("header=ACEH/shape=%s/size=%s", shape.name, sizeName(n)), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(value)))
				for b.Loop() {
					sinkVerdict = algorithm.Fetch(req, srv, algorithm.Options{Profile: algorithm.Chromium})
				}
				if len(sinkVerdict.VisibleHeaders) != 2 {
					b.Fatalf("visible headers %v", sinkVerdict.VisibleHeaders)
				}
			})
		}
	}
}

// BenchmarkAdversarialRequestHeader sends a request header whose value script made huge: it is
// validated, normalized and makes the request preflighted.
func BenchmarkAdversarialRequestHeader(b *testing.B) {
	pre := algorithm.Response{Status: 204, Headers: hl("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "x-big")}
	act := algorithm.Response{Status: 200, Headers: hl("Access-Control-Allow-Origin", "*")}
	srv := server(pre, act)
	for _, n := range adversarialSizes {
		for _, p := range []algorithm.Profile{algorithm.Chromium, algorithm.WebKit} {
			req := algorithm.Request{Origin: checkoutRequest().Origin, URL: "https://api.shop.test/items",
				Headers: fetchmode.HeaderList{{Name: "X-Big", Value: " " + strings.Repeat("v", n-2) + " "}}}
			b.Run(fmt.Sprintf("header=request/size=%s/profile=%s", sizeName(n), p), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(n))
				for b.Loop() {
					sinkVerdict = algorithm.Fetch(req, srv, algorithm.Options{Profile: p})
				}
				if sinkVerdict.Outcome != algorithm.OK {
					b.Fatalf("the fetch failed: %s", sinkVerdict.Reason)
				}
			})
		}
	}
}
