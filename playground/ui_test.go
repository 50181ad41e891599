package playground_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/playground"
	"github.com/corsim/corsim/scenario"
)

// preset is one lesson of static/presets.json.
type preset struct {
	ID       string          `json:"id"`
	Title    string          `json:"title"`
	Lesson   string          `json:"lesson"`
	Scenario json.RawMessage `json:"scenario"`
}

func loadPresets(t *testing.T) []preset {
	t.Helper()
	b, err := fs.ReadFile(playground.Assets(), "presets.json")
	if err != nil {
		t.Fatal(err)
	}
	var ps []preset
	if err := json.Unmarshal(b, &ps); err != nil {
		t.Fatalf("presets.json: %v", err)
	}
	return ps
}

// shown is one profile's verdict as the page shows it.
type shown struct {
	Profile string `json:"profile"`
	Outcome string `json:"outcome"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

// shownJS reads the verdicts of the first fetch() from the comparison table.
const shownJS = `[...document.querySelectorAll('.compare[data-fetch="0"] tr.outcome-row td[data-profile]')].map((td) => {
	const p = td.dataset.profile;
	const msg = td.closest("table").querySelector('td[data-row="Console message"][data-profile="' + p + '"]');
	return {profile: p, outcome: td.dataset.outcome, reason: td.dataset.reason, message: msg ? msg.textContent : ""};
})`

// engineVerdicts runs a scenario line in Go, as the page should have.
func engineVerdicts(t *testing.T, line []byte) []shown {
	t.Helper()
	s, err := scenario.Parse(line)
	if err != nil {
		t.Fatalf("the page's scenario: %v\n%s", err, line)
	}
	var out []shown
	for _, p := range algorithm.Profiles() {
		s.Run(scenario.Options{Profile: p})
		v := s.Fetches[0].Verdict
		msg := v.Message
		if msg == "" {
			msg = "none"
		}
		out = append(out, shown{Profile: p.String(), Outcome: string(v.Outcome), Reason: string(v.Reason), Message: msg})
	}
	return out
}

// artifactsDir is where the screenshots go: $CORSIM_ARTIFACTS, or a new temporary directory.
func artifactsDir(t *testing.T) string {
	dir := os.Getenv("CORSIM_ARTIFACTS")
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "corsim-playground-screenshots-"); err != nil {
			t.Fatal(err)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestPageInChromium drives the page as `corsim serve` serves it, in headless Chromium: it picks
// the lesson "missing Access-Control-Allow-Headers", checks that the page shows the engine's own
// verdicts, fixes the preflight answer by typing as a learner would, checks that all four profiles
// then succeed, and takes a screenshot of every lesson at desktop and phone sizes.
func TestPageInChromium(t *testing.T) {
	bin, ok := chromiumBinary()
	if !ok {
		t.Skip("no Chromium binary found (set CORSIM_CHROMIUM, or apt-get install chromium as .ci/browsers.sh does): the playground's browser test needs one")
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	site := t.TempDir()
	if err := playground.Build(ctx, site); err != nil {
		t.Fatal(err)
	}
	built := time.Since(start)
	if st, err := os.Stat(filepath.Join(site, playground.WasmFile)); err == nil {
		t.Logf("built the site in %v; %s is %d bytes", built.Round(time.Millisecond), playground.WasmFile, st.Size())
	}
	h, err := playground.Handler(os.DirFS(site))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h) // loopback
	defer srv.Close()

	// Every request must go to the playground's own server, and the page must log no error.
	var mu sync.Mutex
	var problems []string
	onEvent := func(m cdpMessage) {
		var p struct {
			Request struct{ URL string } `json:"request"`
			Entry   struct {
				Level, Text, URL string
			} `json:"entry"`
			ExceptionDetails struct {
				Text      string                       `json:"text"`
				Exception struct{ Description string } `json:"exception"`
			} `json:"exceptionDetails"`
			Type string `json:"type"`
			Args []struct {
				Value any `json:"value"`
			} `json:"args"`
		}
		json.Unmarshal(m.Params, &p)
		mu.Lock()
		defer mu.Unlock()
		switch m.Method {
		case "Network.requestWillBeSent":
			if u := p.Request.URL; !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, "data:") {
				problems = append(problems, "request to "+u)
			}
		case "Log.entryAdded":
			if p.Entry.Level == "error" {
				problems = append(problems, "console error: "+p.Entry.Text+" "+p.Entry.URL)
			}
		case "Runtime.exceptionThrown":
			problems = append(problems, "exception: "+p.ExceptionDetails.Text+" "+p.ExceptionDetails.Exception.Description)
		case "Runtime.consoleAPICalled":
			if p.Type == "error" {
				problems = append(problems, fmt.Sprint("console.error: ", p.Args))
			}
		}
	}
	b, err := startBrowser(bin, onEvent)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	renders := func() int {
		var n string
		must(b.eval(`document.documentElement.dataset.renders || "0"`, &n))
		var i int
		fmt.Sscan(n, &i)
		return i
	}
	// after runs an action and waits for the page to show its consequence.
	after := func(action func()) {
		t.Helper()
		before := renders()
		action()
		// Typing may queue a render without showing it yet: wait until none is pending.
		must(b.waitFor(fmt.Sprintf(`(+document.documentElement.dataset.renders || 0) > %d && !document.documentElement.dataset.pending`, before), 10*time.Second))
	}
	pick := func(id string) {
		t.Helper()
		after(func() {
			must(b.eval(fmt.Sprintf(`(() => { const s = document.querySelector("#preset"); s.focus(); s.value = %q;
				s.dispatchEvent(new Event("change", {bubbles: true})); })()`, id), nil))
		})
	}

	must(b.viewport(1280, 800, false))
	must(b.page("Page.navigate", map[string]any{"url": srv.URL + "/"}, nil))
	must(b.waitFor(`document.documentElement.dataset.ready === "1"`, 30*time.Second))
	var firstMS string
	must(b.eval(`document.documentElement.dataset.firstVerdictMs`, &firstMS))
	t.Logf("first verdict %s ms after the page began loading", firstMS)

	// The lesson, as the engine in Go computes it.
	var missing preset
	presets := loadPresets(t)
	for _, p := range presets {
		if p.ID == "missing-allow-headers" {
			missing = p
		}
	}
	pick(missing.ID)
	var got []shown
	must(b.eval(shownJS, &got))
	want := engineVerdicts(t, missing.Scenario)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the page shows\n%v\nthe engine says\n%v", got, want)
	}
	for _, v := range got {
		if v.Outcome != "network-error" || v.Reason != "HeaderDisallowedByPreflightResponse" {
			t.Errorf("%s: shown %s %s, want blocked by HeaderDisallowedByPreflightResponse", v.Profile, v.Outcome, v.Reason)
		}
	}
	var status string
	must(b.eval(`document.querySelector("#status").textContent`, &status))
	if !strings.Contains(status, "blocked") || !strings.Contains(status, "all four") {
		t.Errorf("the live verdict says %q", status)
	}

	// The learner adds the header to the preflight answer: a click on "Add header", the name typed,
	// Tab to the value, the value typed.
	list := `[data-server="0"] [data-list="options"]`
	must(b.click(list + ` .add-header`))
	must(b.waitFor(`document.activeElement && document.activeElement.matches('`+list+` .row:last-child .h-name')`, 5*time.Second))
	after(func() { must(b.typeText("Access-Control-Allow-Headers")) })
	must(b.key("Tab", 9))
	var focus struct {
		Value   bool   `json:"value"`
		Outline string `json:"outline"`
	}
	must(b.eval(`(() => { const e = document.activeElement; return {value: e.matches('`+list+` .row:last-child .h-value'),
		outline: getComputedStyle(e).outlineStyle}; })()`, &focus))
	if !focus.Value || focus.Outline == "none" {
		t.Errorf("after Tab: focus on the value box %v, outline %q; want the value box, with a visible outline", focus.Value, focus.Outline)
	}
	after(func() { must(b.typeText("x-csrf-token")) })
	must(b.eval(shownJS, &got))
	var line string
	must(b.eval(`document.querySelector("#line").value`, &line))
	want = engineVerdicts(t, []byte(line))
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after the fix the page shows\n%v\nthe engine says\n%v", got, want)
	}
	for _, v := range got {
		if v.Outcome != "ok" {
			t.Errorf("after the fix, %s shows %s %s, want ok", v.Profile, v.Outcome, v.Reason)
		}
	}
	if !strings.Contains(line, `["Access-Control-Allow-Headers","x-csrf-token"]`) {
		t.Errorf("the exported line lacks the new header: %s", line)
	}

	// The page's state is its address: a new load of the link shows the fixed scenario.
	var href string
	must(b.eval(`location.href`, &href))
	must(b.page("Page.navigate", map[string]any{"url": "about:blank"}, nil))
	must(b.page("Page.navigate", map[string]any{"url": href}, nil))
	must(b.waitFor(`document.documentElement.dataset.ready === "1" && document.querySelector("#line").value.length > 0`, 30*time.Second))
	var again string
	must(b.eval(`document.querySelector("#line").value`, &again))
	must(b.eval(shownJS, &got))
	if again != line || got[0].Outcome != "ok" {
		t.Errorf("the link reloads as\n%s (%v)\nwant\n%s", again, got, line)
	}

	// Every control has a name a screen reader can say, and the verdict is announced.
	var unnamed []string
	must(b.eval(`[...document.querySelectorAll("input, select, textarea, button")].filter((e) =>
		!(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby") &&
		!(e.tagName === "BUTTON" && e.textContent.trim())).map((e) => e.outerHTML.slice(0, 120))`, &unnamed))
	if len(unnamed) > 0 {
		t.Errorf("controls without an accessible name:\n%s", strings.Join(unnamed, "\n"))
	}
	var live string
	must(b.eval(`document.querySelector("#status").getAttribute("aria-live")`, &live))
	if live != "polite" {
		t.Errorf("#status aria-live = %q", live)
	}

	t.Logf("the page's checks done after %v; screenshots follow", time.Since(start).Round(time.Millisecond))
	// Each lesson at desktop and phone sizes; on a phone nothing may need sideways scrolling.
	dir := artifactsDir(t)
	for _, size := range []struct {
		name          string
		width, height int
		mobile        bool
	}{{"desktop", 1280, 800, false}, {"phone", 375, 812, true}} {
		must(b.viewport(size.width, size.height, size.mobile))
		for _, p := range presets {
			pick(p.ID)
			var widths struct{ Scroll, Inner int }
			must(b.eval(`({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})`, &widths))
			if widths.Scroll > widths.Inner {
				t.Errorf("%s at %s: the page is %d px wide in a %d px window", p.ID, size.name, widths.Scroll, widths.Inner)
			}
			must(b.eval(`document.activeElement.blur(); window.scrollTo(0, 0)`, nil))
			must(b.screenshot(filepath.Join(dir, p.ID+"-"+size.name+".png")))
		}
	}
	mu.Lock()
	if len(problems) > 0 {
		t.Errorf("the page:\n%s", strings.Join(problems, "\n"))
	}
	mu.Unlock()
	fmt.Fprintf(os.Stderr, "playground screenshots (%d lessons, desktop and phone): %s\n", len(presets), dir)
	t.Logf("screenshots in %s; the test took %v", dir, time.Since(start).Round(time.Millisecond))
}
