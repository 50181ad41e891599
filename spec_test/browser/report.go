package browser

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/corsim/corsim/algorithm"
)

// corpusInfo describes what was run, for the report.
type corpusInfo struct {
	Testdata  int
	Probes    int // scenarios from spec_test/browser/testdata, run in every browser
	Generated int
	// GeneratedSecure: scenarios from GenerateSecureCorpus (with https only)
	GeneratedSecure int
	Seed            uint64
	Sample          int
	Schemes         string
	Skipped         map[string]int // reason → scenarios the harness could not run here
	Command         string
	ReportedAt      time.Time
}

func pct(a, b int) string {
	if b == 0 {
		return "–"
	}
	if a == b {
		return "100 %"
	}
	return fmt.Sprintf("%.2f %%", 100*float64(a)/float64(b))
}

// writeReport renders docs/fidelity.md.
func writeReport(w io.Writer, ci corpusInfo, results []*browserResult) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("# Fidelity: corsim against real browsers\n\n")
	p("This file is written by the browser harness (`spec_test/browser`); do not edit it by hand.\n")
	p("Regenerate it with `%s` (about 15 minutes on 2 cores).\n", ci.Command)
	p("Last run: %s.\n\n", ci.ReportedAt.UTC().Format("2006-01-02 15:04 UTC"))
	p("Each scenario runs in a real browser, through loopback servers that answer with exactly the\n")
	p("configured bytes, and through corsim with the browser's profile; every observed field of every\n")
	p("fetch is compared. Schemes exercised: %s.\n\n", ci.Schemes)

	p("## Browsers and corpus\n\n")
	p("| browser | version | profile | scenarios run | fetches compared | fetches agreeing on every field | harness failures | wall time |\n")
	p("|---|---|---|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		p("| %s | %s | %s | %d | %d | %d (%s) | %d | %.0f s |\n", r.Name, r.Version, r.Profile, r.Scenarios, r.Fetches,
			r.FetchAgree, pct(r.FetchAgree, r.Fetches), len(r.Failed), r.Seconds)
	}
	p("\nCorpus: %d scenarios from `spec_test/testdata/*.jsonl`, %d generated with seed %d\n", ci.Testdata, ci.Generated, ci.Seed)
	p("(`go run ./spec_test/browser/gen -seed %d -n %d`)", ci.Seed, ci.Generated)
	if ci.GeneratedSecure > 0 {
		p(", %d more generated with https pages, some of them calling http servers\n", ci.GeneratedSecure)
		p("(`go run ./spec_test/browser/gen -seed %d -n %d -https`)", ci.Seed, ci.GeneratedSecure)
	}
	p(", and %d probes from `spec_test/browser/testdata/*.jsonl`\n", ci.Probes)
	p("(small matrices that pinned down one browser rule). Chromium runs all of them; Firefox and WebKit run\n")
	p("every probe and a fixed sample of %d others (a third from the testdata, the rest generated, each\n", ci.Sample)
	p("taken at a fixed stride).\n\n")
	if len(ci.Skipped) > 0 {
		p("Scenarios the harness cannot run on this machine (not compared, counted here):\n\n")
		for _, k := range sortedKeys(ci.Skipped) {
			p("- %d: %s\n", ci.Skipped[k], k)
		}
		p("\n")
	}

	p("## Agreement per field\n\n")
	p("Each cell is fetches agreeing / fetches where the browser let the harness observe the field.\n\n")
	p("| field |")
	for _, r := range results {
		p(" %s (%s profile) |", r.Name, r.Profile)
	}
	p("\n|---|")
	for range results {
		p("---:|")
	}
	p("\n")
	for _, f := range comparedFields {
		p("| `%s` |", f)
		for _, r := range results {
			c := r.Fields[f]
			if c.Observed == 0 {
				p(" not observable |")
				continue
			}
			p(" %d / %d (%s) |", c.Agreed, c.Observed, pct(c.Agreed, c.Observed))
		}
		p("\n")
	}

	p("\n## Every profile against every browser\n\n")
	p("Fetches on which a profile agrees with a browser on every observed field. The diagonal (a profile\n")
	p("against its own browser) is what corsim promises; the rest shows how much the engines differ.\n\n")
	p("| profile |")
	for _, r := range results {
		p(" %s |", r.Name)
	}
	p("\n|---|")
	for range results {
		p("---:|")
	}
	p("\n")
	for _, q := range algorithm.Profiles() {
		p("| %s |", q)
		for _, r := range results {
			p(" %d / %d (%s) |", r.Matrix[q], r.Fetches, pct(r.Matrix[q], r.Fetches))
		}
		p("\n")
	}

	p("\n## Disagreements\n\n")
	any := false
	for _, r := range results {
		if len(r.Diffs) == 0 && len(r.Failed) == 0 {
			continue
		}
		any = true
		p("### %s\n\n", r.Name)
		byCause := map[string][]fieldDiff{}
		for _, d := range r.Diffs {
			byCause[d.Cause] = append(byCause[d.Cause], d)
		}
		for _, c := range sortedKeys(byCause) {
			ds := byCause[c]
			title := c
			if c == "" {
				title = "Not explained by the environment: engine differences, reported for fixing"
			}
			p("**%s** (%d field differences)\n\n", title, len(ds))
			p("| scenario | fetch | field | %s | corsim |\n|---|---:|---|---|---|\n", r.Name)
			for i, d := range ds {
				if i == 40 {
					p("| … %d more | | | | |\n", len(ds)-40)
					break
				}
				p("| `%s` | %d | `%s` | `%s` | `%s` |\n", d.Scenario, d.Fetch, d.Field, cell(d.Browser), cell(d.Engine))
			}
			p("\n")
		}
		if len(r.Failed) > 0 {
			p("**Scenarios the harness could not complete** (%d; not compared):\n\n", len(r.Failed))
			for i, f := range r.Failed {
				if i == 20 {
					p("- … %d more\n", len(r.Failed)-20)
					break
				}
				why := "the page did not report as expected"
				if f.err != nil {
					why = f.err.Error()
				} else if f.report.Origin != f.sc.PageOrigin {
					why = fmt.Sprintf("the page ran at origin %q, not %q", f.report.Origin, f.sc.PageOrigin)
				}
				p("- `%s`: %s\n", f.sc.ID, why)
			}
			p("\n")
		}
	}
	if !any {
		p("None: every observed field of every fetch agrees.\n\n")
	}

	p("## What the harness observes\n\n")
	p("- `outcome`: whether `new Request()` throws (`js-error`), `fetch()` rejects (`network-error`) or resolves (`ok`).\n")
	p("- `response_type`, `status`, `visible_headers` (the names `response.headers` iterates), `redirected`,\n")
	p("  `final_url`: read from the `Response`; when the fetch did not resolve there is no `Response`, so both\n")
	p("  sides compare as `error`, 0, none, false, empty.\n")
	p("- `body_readable`: true for `basic` and `cors` responses that resolved (the page reads the body).\n")
	p("- `server_saw` and `actual_sent`: the requests that reached the loopback servers between the page's\n")
	p("  marks, reduced to the method, the URL and the headers the verdict lists (`origin`, the preflight's\n")
	p("  `access-control-request-*`, every header the script set, `content-type` when there is a body, and any\n")
	p("  name corsim lists).\n")
	p("- `reason` and `failed_parameter`: Chromium only, from the DevTools `Network.loadingFailed` event's\n")
	p("  `corsErrorStatus` (and for non-CORS failures its `errorText` or `blockedReason`). Firefox and WebKit\n")
	p("  give script no reason, so these fields are not compared there.\n")
	p("- `message`: Chromium only, the console line (DevTools `Log.entryAdded`) of a fetch that failed a CORS\n")
	p("  check, compared in full with corsim's message.\n")
	p("- Not compared anywhere: `preflights[].cache_hit` and `lifetime_ms` (seen only indirectly, through the\n")
	p("  preflights that do or do not reach the server in cache sequences with real waits), `warnings`\n")
	p("  (corsim's own findings) and `trace`.\n")
}

func cell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	s = strings.ReplaceAll(s, "`", "'")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
