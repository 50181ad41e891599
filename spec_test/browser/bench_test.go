package browser

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

func BenchmarkRawResponse(b *testing.B) {
	for _, n := range []int{0, 8, 64} {
		resp := algorithm.Response{Status: 200, Body: `{"ok":true}`}
		for i := 0; i < n; i++ {
			resp.Headers = append(resp.Headers, fetchmode.Header{Name: fmt.Sprint("X-H", i), Value: "value"})
		}
		b.Run(fmt.Sprintf("headers=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				rawResponse("GET", resp)
			}
		})
	}
}

func BenchmarkReadRawRequest(b *testing.B) {
	for _, n := range []int{4, 32} {
		var sb strings.Builder
		sb.WriteString("OPTIONS /pf HTTP/1.1\r\nHost: api.test:18081\r\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&sb, "X-H%d: value\r\n", i)
		}
		sb.WriteString("\r\n")
		raw := sb.String()
		b.Run(fmt.Sprintf("headers=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, _, err := readRawRequest(bufio.NewReader(strings.NewReader(raw))); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkGenerateCorpus(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("scenarios=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := GenerateCorpus(io.Discard, 6, n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCompareRun(b *testing.B) {
	var sb strings.Builder
	GenerateCorpus(&sb, 6, 50)
	scs, err := readScenarios(strings.NewReader(sb.String()), "bench")
	if err != nil {
		b.Fatal(err)
	}
	type prepared struct {
		run scenarioRun
		v   []algorithm.Verdict
	}
	var ps []prepared
	for _, sc := range scs {
		v, err := runEngine(sc, algorithm.Chromium)
		if err != nil {
			b.Fatal(err)
		}
		run := scenarioRun{sc: sc, log: make([][]record, len(sc.Fetches))}
		for i := range sc.Fetches {
			run.report.Results = append(run.report.Results, runnerResult{Outcome: string(v[i].Outcome), Type: string(v[i].ResponseType), Status: v[i].Status, Headers: v[i].VisibleHeaders})
		}
		ps = append(ps, prepared{run, v})
	}
	b.Run("scenarios=50", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for _, p := range ps {
				compareRun(p.run, "firefox", p.v)
			}
		}
	})
}
