package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goOut = `goos: linux
BenchmarkExchange/impl=corsim-2         	  519481	      2000 ns/op	    2288 B/op	      12 allocs/op
BenchmarkExchange/impl=rs-cors-2        	  729362	      1700 ns/op	    2168 B/op	      20 allocs/op
BenchmarkExchange/impl=handler-no-cors-2	 1000000	      1000 ns/op	    1224 B/op	      14 allocs/op
BenchmarkExchange/impl=corsim-2         	  519481	      3000 ns/op	    2288 B/op	      12 allocs/op
BenchmarkExchange/impl=rs-cors-2        	  729362	      1500 ns/op	    2168 B/op	      20 allocs/op
BenchmarkExchange/impl=handler-no-cors-2	 1000000	      1200 ns/op	    1224 B/op	      14 allocs/op
BenchmarkExchange/impl=corsim-2         	  519481	      2500 ns/op	    2288 B/op	      12 allocs/op
PASS
`

func TestParseGo(t *testing.T) {
	rows, order, err := parseGo(strings.NewReader(goOut))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(order, ",") != "corsim,rs-cors,handler-no-cors" {
		t.Errorf("order %v", order)
	}
	if c := rows["corsim"]; c.NsPerOp != 2500 || c.AllocsPerOp != 12 || c.Runs != 3 {
		t.Errorf("corsim %+v", c)
	}
	if r := rows["rs-cors"]; r.NsPerOp != 1600 {
		t.Errorf("rs-cors median of two %v", r.NsPerOp)
	}
}

func TestParseMentossAndBrowser(t *testing.T) {
	m, err := parseMentoss(strings.NewReader("mentoss run 1: …\nmentoss fetches/s median=1508.2 setup_ns=119500 runs=6 n=2000 node=v20.20.2\n"))
	if err != nil || m.PerSecond != 1508.2 || m.SetupNs != 119500 || m.Runs != 6 || m.N != 2000 || m.Node != "v20.20.2" {
		t.Errorf("%+v %v", m, err)
	}
	if _, err := parseMentoss(strings.NewReader("mentoss blocked the exchange: …\n")); err == nil {
		t.Error("no result line, no error")
	}
	log := "    browsers_test.go:231: chromium Chrome/156.0.8078.114: 40 scenarios, 39/40 fetches agree on every field, 1 field differences, 0 harness failures, 12 s\n" +
		"--- PASS: TestBrowsers (12.53s)\n"
	b, err := parseBrowser(strings.NewReader(log))
	if err != nil || b.Fetches != 40 || b.Agree != 39 || b.Seconds != 12 || b.TestSeconds != 12.53 || b.Version != "Chrome/156.0.8078.114" {
		t.Errorf("%+v %v", b, err)
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	goFile := filepath.Join(dir, "go.txt")
	if err := os.WriteFile(goFile, []byte(goOut), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := run(&out, goFile, "", ""); err != nil {
		t.Fatal(err)
	}
	// rs-cors: 1600 ns, net 1600-1100 = 500 ns; corsim 2500 ns.
	for _, want := range []string{"1.56×", "500 ns", "5.00×", "minus handler-no-cors", "mentoss: not measured"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}

func TestAbout(t *testing.T) {
	for x, want := range map[float64]string{202.4: "202", 1.5: "1.5", 121234: "121,000", 1234567: "1,230,000"} {
		if got := about(x); got != want {
			t.Errorf("about(%v) = %q, want %q", x, got, want)
		}
	}
}
