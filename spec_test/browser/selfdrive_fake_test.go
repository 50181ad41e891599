package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// fakeBrowser plays the runner page's part with a Go HTTP client: it follows the
// self-driving protocol (open the start URL, read the page's configuration, mark,
// fetch, post the result, go to the next scenario) so that the harness's loop,
// hub and servers can be tested without a browser. Every name resolves to
// 127.0.0.1.
type fakeSelfDriver struct {
	done chan struct{}
}

func (f *fakeSelfDriver) stop() { <-f.done }

func fakeLauncher(t *testing.T, hang string) launcher {
	return func(start string, hosts []string) (process, error) {
		dial := &net.Dialer{Timeout: 5 * time.Second}
		client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				_, port, _ := net.SplitHostPort(addr)
				return dial.DialContext(ctx, "tcp4", "127.0.0.1:"+port)
			},
			DisableKeepAlives: true,
		}}
		p := &fakeSelfDriver{done: make(chan struct{})}
		go func() {
			defer close(p.done)
			next := start
			for i := 0; i < 20 && next != ""; i++ {
				resp, err := client.Get(next)
				if err != nil {
					return
				}
				page, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				a := strings.Index(string(page), `{"key"`)
				if a < 0 {
					return // the done page
				}
				b := strings.Index(string(page[a:]), "</script>")
				var cfg runnerConfig
				if json.Unmarshal(page[a:a+b], &cfg) != nil {
					return
				}
				if cfg.Key == hang {
					return // a page that never reports
				}
				var results []runnerResult
				for j, f := range cfg.Fetches {
					client.Post(cfg.Control+fmt.Sprintf("mark?k=%s&i=%d", cfg.Key, j), "text/plain", nil)
					req, _ := http.NewRequest(strings.ToUpper(f.Method+map[bool]string{true: "GET"}[f.Method == ""]), f.URL, nil)
					r, err := client.Do(req)
					if err != nil {
						results = append(results, runnerResult{Outcome: "network-error"})
						continue
					}
					r.Body.Close()
					results = append(results, runnerResult{Outcome: "ok", Type: "basic", Status: r.StatusCode, URL: f.URL})
				}
				postFakeReport(client, cfg, results)
				next = cfg.Next
			}
		}()
		return p, nil
	}
}

func TestRunSelfDrivingWithAFakeBrowser(t *testing.T) {
	ctl, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	line := func(id, host string) string {
		return fmt.Sprintf(`{"id":%q,"page_origin":"http://%s:%d","servers":{"http://%s:%d/x":{"actual":{"status":201}}},"fetches":[{"url":"http://%s:%d/x"},{"url":"http://%s:%d/missing"}]}`,
			id, host, port, host, port, host, port, host, port)
	}
	src := line("a", "a.test") + "\n" + line("b", "b.test") + "\n" + line("hangs", "c.test") + "\n" + line("d", "d.test") + "\n" + line("a-again", "a.test") + "\n"
	scs, err := readScenarios(strings.NewReader(src), "fake")
	if err != nil {
		t.Fatal(err)
	}
	h, err := newHarness(scs, ctl, false)
	if err != nil {
		t.Fatal(err)
	}
	defer h.close()
	h.timeout = func(*scenario) time.Duration { return time.Second }
	h.nextPageWait = 2 * time.Second
	runs, err := h.runSelfDriving(scs, fakeLauncher(t, "s00002"))
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 5 {
		t.Fatalf("%d runs", len(runs))
	}
	byID := map[string]scenarioRun{}
	for _, r := range runs {
		byID[r.sc.ID] = r
	}
	if r := byID["hangs"]; r.err == nil || !strings.HasPrefix(r.err.Error(), "corsim: ") {
		t.Errorf("the hanging page was not reported: %v", r.err)
	}
	for _, id := range []string{"a", "b", "d", "a-again"} {
		r := byID[id]
		if r.err != nil || len(r.report.Results) != 2 {
			t.Errorf("%s: %v %+v", id, r.err, r.report)
			continue
		}
		if r.report.Results[0].Status != 201 || r.report.Results[1].Status != 404 {
			t.Errorf("%s: statuses %+v", id, r.report.Results)
		}
		if len(r.log[0]) != 1 || r.log[0][0].Method != "GET" || len(r.log[1]) != 1 {
			t.Errorf("%s: server log %+v", id, r.log)
		}
		if r.marks[0].IsZero() || r.marks[1].Before(r.marks[0]) {
			t.Errorf("%s: marks %v", id, r.marks)
		}
	}
	br, err := tally("fake", "1", 0, runs)
	if err != nil {
		t.Fatal(err)
	}
	if br.Scenarios != 4 || len(br.Failed) != 1 {
		t.Errorf("tally: %d scenarios, %d failed", br.Scenarios, len(br.Failed))
	}
}
