// Command benchtable prints bench/compare.sh's summary table from the three measurements of one run:
// the Go benchmarks' raw output (BenchmarkExchange, go test -bench -benchmem -count N), the last
// line of mentoss/bench.mjs, and the real-browser harness's log.
//
//	go run ./cmd/benchtable -go go.txt [-mentoss mentoss.txt] [-browser browser.log]
//
// A Go row's numbers are the medians over the -count runs (the centre benchstat reports too). Each
// row's "×corsim" is its verdicts per second divided by corsim's: 0.5 is half as many, 2 twice as
// many. The net columns take away what is not the implementation's own work: for a middleware, the
// handler-no-cors row (recorders and the bare handler, which every middleware row also pays); for
// Mentoss, laying its one-shot mock routes anew for each fetch; corsim has nothing to take away.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// goRow is one Go benchmark's medians.
type goRow struct {
	NsPerOp, BPerOp, AllocsPerOp float64
	Runs                         int
}

var benchLine = regexp.MustCompile(`^BenchmarkExchange/impl=([^\s]+?)(?:-\d+)?\s+\d+\s+(.*)$`)

// parseGo reads go test -bench output and returns, per impl, the medians of ns/op, B/op and
// allocs/op, and the impls in the order they first appear.
func parseGo(r io.Reader) (map[string]goRow, []string, error) {
	vals := map[string]map[string][]float64{}
	var order []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		impl := m[1]
		if vals[impl] == nil {
			vals[impl] = map[string][]float64{}
			order = append(order, impl)
		}
		f := strings.Fields(m[2])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, nil, fmt.Errorf("%q: %v", sc.Text(), err)
			}
			vals[impl][f[i+1]] = append(vals[impl][f[i+1]], v)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	rows := map[string]goRow{}
	for impl, u := range vals {
		rows[impl] = goRow{median(u["ns/op"]), median(u["B/op"]), median(u["allocs/op"]), len(u["ns/op"])}
	}
	return rows, order, nil
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(v))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// mentoss is bench.mjs's last line: `mentoss fetches/s median=… setup_ns=… runs=… n=… node=…`.
type mentoss struct {
	PerSecond, SetupNs float64
	Runs, N            int
	Node               string
}

func parseMentoss(r io.Reader) (mentoss, error) {
	var m mentoss
	found := false
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "mentoss fetches/s ") {
			continue
		}
		found = true
		for _, kv := range strings.Fields(strings.TrimPrefix(line, "mentoss fetches/s ")) {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "median":
				m.PerSecond, _ = strconv.ParseFloat(v, 64)
			case "setup_ns":
				m.SetupNs, _ = strconv.ParseFloat(v, 64)
			case "runs":
				m.Runs, _ = strconv.Atoi(v)
			case "n":
				m.N, _ = strconv.Atoi(v)
			case "node":
				m.Node = v
			}
		}
	}
	if err := sc.Err(); err != nil {
		return m, err
	}
	if !found || m.PerSecond <= 0 {
		return m, fmt.Errorf("no `mentoss fetches/s median=…` line")
	}
	return m, nil
}

// browser is the harness's summary line for Chromium.
type browser struct {
	Version             string
	Scenarios           int
	Agree, Fetches      int
	Seconds             float64
	TestSeconds         float64 // "--- PASS: TestBrowsers (12.53s)", when present
	HarnessFailures     int
	FieldDiffs          int
	DisagreeingFetches  int
	SummaryLine, Result string
}

var (
	browserLine = regexp.MustCompile(`chromium (\S+): (\d+) scenarios, (\d+)/(\d+) fetches agree on every field, (\d+) field differences, (\d+) harness failures, ([\d.]+) s`)
	testLine    = regexp.MustCompile(`^--- (PASS|FAIL): TestBrowsers \(([\d.]+)s\)`)
)

func parseBrowser(r io.Reader) (browser, error) {
	var b browser
	found := false
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if m := browserLine.FindStringSubmatch(line); m != nil {
			found = true
			b.SummaryLine = strings.TrimSpace(line)
			b.Version = m[1]
			b.Scenarios, _ = strconv.Atoi(m[2])
			b.Agree, _ = strconv.Atoi(m[3])
			b.Fetches, _ = strconv.Atoi(m[4])
			b.FieldDiffs, _ = strconv.Atoi(m[5])
			b.HarnessFailures, _ = strconv.Atoi(m[6])
			b.Seconds, _ = strconv.ParseFloat(m[7], 64)
		}
		if m := testLine.FindStringSubmatch(line); m != nil {
			b.Result = m[1]
			b.TestSeconds, _ = strconv.ParseFloat(m[2], 64)
		}
	}
	if err := sc.Err(); err != nil {
		return b, err
	}
	if !found {
		return b, fmt.Errorf("no `chromium …: N scenarios, M/K fetches agree …, T s` line")
	}
	if b.Fetches == 0 || b.Seconds <= 0 {
		return b, fmt.Errorf("harness ran %d fetches in %v s", b.Fetches, b.Seconds)
	}
	return b, nil
}

// dur formats nanoseconds with a unit that keeps three or four significant digits.
func dur(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.3g s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	}
	return fmt.Sprintf("%.3g ns", ns)
}

func rate(ns float64) string {
	r := 1e9 / ns
	if r >= 100 {
		return strconv.FormatFloat(r, 'f', 0, 64)
	}
	return fmt.Sprintf("%.3g", r)
}

func ratio(corsimNs, ns float64) string {
	x := corsimNs / ns
	if x >= 0.01 {
		return fmt.Sprintf("%.2f×", x)
	}
	return fmt.Sprintf("%.2g×", x)
}

// about rounds x to three significant digits and writes it in full, with thousands separators.
func about(x float64) string {
	if x < 1000 {
		return fmt.Sprintf("%.3g", x)
	}
	v, _ := strconv.ParseFloat(fmt.Sprintf("%.3g", x), 64)
	digits := strconv.FormatFloat(v, 'f', 0, 64)
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}

type row struct {
	impl, what     string
	ns             float64 // time per exchange (per fetch)
	allocs, bytes  string
	netNs          float64 // < 0: no net figure
	netWhy, source string
}

func main() {
	goFile := flag.String("go", "", "go test -bench output (required)")
	mentossFile := flag.String("mentoss", "", "output of mentoss/bench.mjs")
	browserFile := flag.String("browser", "", "log of the real-browser harness")
	flag.Parse()
	if err := run(os.Stdout, *goFile, *mentossFile, *browserFile); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, goFile, mentossFile, browserFile string) error {
	if goFile == "" {
		return fmt.Errorf("-go is required")
	}
	f, err := os.Open(goFile)
	if err != nil {
		return err
	}
	gorows, order, err := parseGo(f)
	f.Close()
	if err != nil {
		return err
	}
	c, ok := gorows["corsim"]
	if !ok {
		return fmt.Errorf("%s: no BenchmarkExchange/impl=corsim results", goFile)
	}
	base, haveBase := gorows["handler-no-cors"]
	var rows []row
	for _, impl := range order {
		g := gorows[impl]
		r := row{impl: impl, ns: g.NsPerOp, allocs: strconv.FormatFloat(g.AllocsPerOp, 'f', -1, 64),
			bytes: strconv.FormatFloat(g.BPerOp, 'f', -1, 64), netNs: -1, source: fmt.Sprintf("Go, median of %d", g.Runs)}
		switch impl {
		case "corsim":
			r.netNs, r.netWhy = g.NsPerOp, "nothing to take away"
		case "handler-no-cors", "recorders-only":
			r.netWhy = "baseline"
		default:
			if haveBase {
				r.netNs, r.netWhy = g.NsPerOp-base.NsPerOp, "minus handler-no-cors"
			}
		}
		rows = append(rows, r)
	}
	var notes []string
	if mentossFile != "" {
		f, err := os.Open(mentossFile)
		if err != nil {
			return err
		}
		m, err := parseMentoss(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %v", mentossFile, err)
		}
		ns := 1e9 / m.PerSecond
		rows = append(rows, row{impl: "mentoss", ns: ns, allocs: "—", bytes: "—", netNs: ns - m.SetupNs,
			netWhy: "minus route setup", source: fmt.Sprintf("Node %s, median of %d×%d", m.Node, m.Runs, m.N)})
	} else {
		notes = append(notes, "mentoss: not measured")
	}
	if browserFile != "" {
		f, err := os.Open(browserFile)
		if err != nil {
			return err
		}
		b, err := parseBrowser(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %v", browserFile, err)
		}
		rows = append(rows, row{impl: "chromium (harness)", ns: b.Seconds * 1e9 / float64(b.Fetches), allocs: "—", bytes: "—",
			netNs: -1, netWhy: "n/a", source: fmt.Sprintf("%d fetches in %g s", b.Fetches, b.Seconds)})
		notes = append(notes, fmt.Sprintf("chromium (harness): %s %d scenarios, %d/%d fetches agree with corsim on every field, %d harness failures; "+
			"T is the harness's own figure in whole seconds (the test took %.2f s in all)", b.Version, b.Scenarios, b.Agree, b.Fetches, b.HarnessFailures, b.TestSeconds))
	} else {
		notes = append(notes, "chromium (harness): not measured")
	}

	// Text columns are padded to one width so that they read left-aligned in a right-aligned table.
	implW, whyW, fromW := len("impl"), len("net is"), len("measured as")
	for _, r := range rows {
		implW, whyW, fromW = max(implW, len(r.impl)), max(whyW, len(r.netWhy)), max(fromW, len(r.source))
	}
	left := func(s string, n int) string { return s + strings.Repeat(" ", n-len([]rune(s))) }
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\ttime/fetch\tfetches/s\tallocs/op\tB/op\t×corsim\tnet time/fetch\tnet ×corsim\t%s\t%s\t\n",
		left("impl", implW), left("net is", whyW), left("measured as", fromW))
	for _, r := range rows {
		net, netRatio := "—", "—"
		switch {
		case r.netNs > 0:
			net, netRatio = dur(r.netNs), ratio(c.NsPerOp, r.netNs)
		case r.netWhy != "baseline" && r.netWhy != "n/a" && r.netWhy != "":
			net, netRatio = "≤0 (noise)", "—"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", left(r.impl, implW), dur(r.ns), rate(r.ns), r.allocs, r.bytes,
			ratio(c.NsPerOp, r.ns), net, netRatio, left(r.netWhy, whyW), left(r.source, fromW))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "×corsim = the row's fetches per second ÷ corsim's (0.5: half as many as corsim; 1e-05: corsim does 100,000 times more).")
	for _, r := range rows {
		if x := c.NsPerOp / r.ns; x < 0.1 {
			fmt.Fprintf(w, "corsim gives %s verdicts in the time %s gives one.\n", about(1/x), r.impl)
		}
	}
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
	return nil
}
