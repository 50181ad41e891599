package browser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
)

// envInt reads an integer setting with a default.
func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, v, err)
	}
	return n
}

// repoRoot walks up from the working directory to the directory holding go.mod.
func repoRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// loadCorpus reads the spec_test scenarios and the harness's probes, and generates the rest.
func loadCorpus(t *testing.T) (testdata, probes, generated []*scenario, seed uint64) {
	root := repoRoot(t)
	td, err := readScenarioFiles(filepath.Join(root, "spec_test", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	probes, err = readScenarioFiles(filepath.Join(root, "spec_test", "browser", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	seed = uint64(envInt(t, "CORSIM_GEN_SEED", 6))
	var buf bytes.Buffer
	if err := GenerateCorpus(&buf, seed, envInt(t, "CORSIM_GEN_N", 1000)); err != nil {
		t.Fatal(err)
	}
	gen, err := readScenarios(&buf, "generated")
	if err != nil {
		t.Fatal(err)
	}
	// With https, a secure generated corpus too (pages on https, some mixed content).
	if os.Getenv("CORSIM_HTTPS") == "1" {
		buf.Reset()
		if err := GenerateSecureCorpus(&buf, seed, envInt(t, "CORSIM_GEN_HTTPS_N", 200)); err != nil {
			t.Fatal(err)
		}
		secure, err := readScenarios(&buf, "generated-https")
		if err != nil {
			t.Fatal(err)
		}
		gen = append(gen, secure...)
	}
	// CORSIM_EXTRA adds scenario files of one's own (a probe of one behaviour, say) to the testdata
	// part of the corpus; they are reported with it.
	if extra := os.Getenv("CORSIM_EXTRA"); extra != "" {
		for _, name := range strings.Split(extra, ",") {
			f, err := os.Open(name)
			if err != nil {
				t.Fatalf("CORSIM_EXTRA: %v", err)
			}
			more, err := readScenarios(f, filepath.Base(name))
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			td = append(td, more...)
		}
	}
	return td, probes, gen, seed
}

// sample picks the fixed Firefox and WebKit sample of n scenarios: up to a third
// from the runnable testdata scenarios (which reuse URLs, so most of them need a
// browser of their own) and the rest from the generated ones, each at a fixed
// stride.
func sample(h *harness, testdata, generated []*scenario, n int) []*scenario {
	runnable := func(scs []*scenario) []*scenario {
		var out []*scenario
		for _, s := range scs {
			if ok, _ := h.runnable(s); ok {
				out = append(out, s)
			}
		}
		return out
	}
	stride := func(scs []*scenario, k int) []*scenario {
		if k <= 0 || len(scs) == 0 {
			return nil
		}
		if k >= len(scs) {
			return scs
		}
		var out []*scenario
		step := float64(len(scs)) / float64(k)
		for i := 0; i < k; i++ {
			out = append(out, scs[int(float64(i)*step)])
		}
		return out
	}
	td, gen := runnable(testdata), runnable(generated)
	fromTD := min(len(td), n/3)
	if len(gen) < n-fromTD {
		fromTD = min(len(td), n-len(gen))
	}
	return append(stride(td, fromTD), stride(gen, n-fromTD)...)
}

// TestBrowsers is the differential harness. It runs only when CORSIM_BROWSERS
// names the browsers to drive (see the package documentation).
func TestBrowsers(t *testing.T) {
	which := os.Getenv("CORSIM_BROWSERS")
	if which == "" {
		t.Skip("browser harness not requested: set CORSIM_BROWSERS=chromium,firefox,webkit (or all); see .ci/browsers.sh")
	}
	if which == "all" {
		which = "chromium,firefox,webkit"
	}
	testdata, probes, generated, seed := loadCorpus(t)
	if only := os.Getenv("CORSIM_ONLY"); only != "" {
		keep := func(scs []*scenario) []*scenario {
			var out []*scenario
			for _, s := range scs {
				for _, id := range strings.Split(only, ",") {
					if s.ID == id {
						out = append(out, s)
					}
				}
			}
			return out
		}
		testdata, probes, generated = keep(testdata), keep(probes), keep(generated)
	}
	corpus := append(append(append([]*scenario(nil), testdata...), probes...), generated...)
	h, err := newHarness(corpus, envInt(t, "CORSIM_CONTROL_PORT", defaultControlPort), os.Getenv("CORSIM_HTTPS") == "1")
	if err != nil {
		t.Fatal(err)
	}
	defer h.close()
	secureN := 0
	for _, sc := range generated {
		if strings.HasPrefix(sc.ID, fmt.Sprintf("gen-%ds-", seed)) {
			secureN++
		}
	}
	ci := corpusInfo{Testdata: len(testdata), Probes: len(probes), Generated: len(generated) - secureN, GeneratedSecure: secureN, Seed: seed,
		Sample: envInt(t, "CORSIM_SAMPLE", 300), Schemes: "http", Skipped: map[string]int{},
		Command: "bash .ci/browsers.sh all", ReportedAt: time.Now()}
	if h.certs != nil {
		ci.Schemes = "http and https"
	}
	for _, why := range h.skipped {
		ci.Skipped[why]++
	}
	for port, why := range h.unbound {
		t.Logf("port %d not bound: %s", port, why)
	}
	var results []*browserResult
	for _, name := range strings.Split(which, ",") {
		name = strings.TrimSpace(name)
		start := time.Now()
		var runs []scenarioRun
		var version string
		var profile algorithm.Profile
		switch name {
		case "chromium":
			profile = algorithm.Chromium
			runs, version, err = h.runChromium(corpus, envInt(t, "CORSIM_WORKERS", 3), func(done, total int) {
				if done%100 == 0 {
					t.Logf("chromium: %d/%d scenarios (%v)", done, total, time.Since(start).Round(time.Second))
				}
			})
		case "firefox":
			profile = algorithm.Firefox
			runs, version, err = h.runFirefox(append(sample(h, testdata, generated, ci.Sample), probes...))
		case "webkit":
			profile = algorithm.WebKit
			runs, version, err = h.runWebKit(append(sample(h, testdata, generated, ci.Sample), probes...))
		default:
			t.Fatalf("CORSIM_BROWSERS: unknown browser %q", name)
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if os.Getenv("CORSIM_ONLY") != "" {
			for _, r := range runs {
				t.Logf("%s: err=%v report=%+v", r.sc.ID, r.err, r.report)
				for i, l := range r.log {
					for _, x := range l {
						t.Logf("  fetch %d: %s %s %v", i, x.Method, x.URL, x.Headers)
					}
				}
				if r.chrome != nil {
					t.Logf("  DevTools failures %+v", r.chrome.failures)
				}
			}
		}
		br, err := tally(name, version, profile, runs)
		if err != nil {
			t.Fatal(err)
		}
		br.Seconds = time.Since(start).Seconds()
		results = append(results, br)
		t.Logf("%s %s: %d scenarios, %d/%d fetches agree on every field, %d field differences, %d harness failures, %.0f s",
			name, version, br.Scenarios, br.FetchAgree, br.Fetches, len(br.Diffs), len(br.Failed), br.Seconds)
		for _, f := range comparedFields {
			c := br.Fields[f]
			t.Logf("  %-16s %d/%d", f, c.Agreed, c.Observed)
		}
		if limit := max(len(runs)/50, 3); len(br.Failed) > limit {
			t.Errorf("%s: %d scenarios could not be completed (more than %d)", name, len(br.Failed), limit)
			for i, f := range br.Failed {
				if i < 10 {
					t.Logf("  failed %s: err=%v origin=%q", f.sc.ID, f.err, f.report.Origin)
				}
			}
		}
		if limit := os.Getenv("CORSIM_MAX_UNEXPLAINED"); limit != "" {
			n := envInt(t, "CORSIM_MAX_UNEXPLAINED", 0)
			bad := map[string]bool{}
			for _, d := range br.Diffs {
				if d.Cause == "" {
					bad[fmt.Sprintf("%s/%d", d.Scenario, d.Fetch)] = true
				}
			}
			if len(bad) > 0 {
				msg := fmt.Sprintf("%s: %d fetches disagree with corsim on a field no documented cause explains (at most %d allowed)", name, len(bad), n)
				if len(bad) > n {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
				for _, d := range br.Diffs {
					if d.Cause == "" {
						t.Logf("  %s fetch %d %s: browser %s, corsim %s", d.Scenario, d.Fetch, d.Field, d.Browser, d.Engine)
					}
				}
			}
		}
		if os.Getenv("CORSIM_BROWSERS_STRICT") == "1" {
			for _, d := range br.Diffs {
				if d.Cause == "" {
					t.Errorf("%s: %s fetch %d %s: browser %s, corsim %s", name, d.Scenario, d.Fetch, d.Field, d.Browser, d.Engine)
				}
			}
		}
	}
	if out := os.Getenv("CORSIM_FIDELITY_OUT"); out != "" {
		var b bytes.Buffer
		writeReport(&b, ci, results)
		if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out := os.Getenv("CORSIM_DIFF_OUT"); out != "" {
		var b bytes.Buffer
		for _, r := range results {
			for _, d := range r.Diffs {
				line, _ := json.Marshal(struct {
					Browser string `json:"browser"`
					fieldDiff
				}{r.Name, d})
				b.Write(append(line, '\n'))
			}
		}
		if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Fprint(os.Stderr)
}
