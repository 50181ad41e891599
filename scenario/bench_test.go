package scenario

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
)

// The built-in checkout scenario of `corsim explain`, as one line: a preflighted, credentialed PATCH.
const checkout = `{"id":"checkout","page_origin":"https://www.shop.test","servers":{"https://api.shop.test/cart/items/17":{` +
	`"options":{"status":204,"headers":[["Access-Control-Allow-Origin","https://www.shop.test"],["Access-Control-Allow-Credentials","true"],` +
	`["Access-Control-Allow-Methods","GET, PATCH, OPTIONS"],["Access-Control-Allow-Headers","content-type, x-csrf-token"],["Access-Control-Max-Age","600"]]},` +
	`"actual":{"status":200,"headers":[["Access-Control-Allow-Origin","https://www.shop.test"],["Access-Control-Allow-Credentials","true"],` +
	`["Content-Type","application/json"]],"body":"{\"items\":3}"}}},"fetches":[{"url":"https://api.shop.test/cart/items/17","method":"PATCH",` +
	`"headers":[["Content-Type","application/json"],["X-CSRF-Token","t0k"]],"credentials":"include","expected":{"outcome":"ok"}}]}`

func BenchmarkScenario(b *testing.B) {
	line := []byte(checkout)
	b.Run("step=parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Parse(line); err != nil {
				b.Fatal(err)
			}
		}
	})
	s, _ := Parse(line)
	for _, p := range []algorithm.Profile{algorithm.Spec, algorithm.Chromium} {
		b.Run("step=run/profile="+p.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Run(Options{Profile: p})
			}
		})
	}
	s.Run(Options{Profile: algorithm.Chromium})
	b.Run("step=write", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]byte, 0, 4096)
		for b.Loop() {
			buf, _ = s.AppendJSON(buf[:0])
		}
	})
}

func BenchmarkStream(b *testing.B) {
	for _, n := range []int{1, 1000} {
		in := []byte(strings.Repeat(checkout+"\n", n))
		b.Run("lines="+itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := Stream(io.Discard, bytes.NewReader(in), StreamOptions{Options: Options{Profile: algorithm.Chromium}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
