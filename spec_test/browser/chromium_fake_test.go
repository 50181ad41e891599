package browser

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for Chromium: with CORSIM_FAKE_CHROMIUM
// set it speaks the DevTools protocol on fds 3 and 4 and loads each page it is
// asked to open with a Go HTTP client, as fakeLauncher does.
func TestMain(m *testing.M) {
	if os.Getenv("CORSIM_FAKE_CHROMIUM") == "1" {
		fakeChromiumMain()
		return
	}
	os.Exit(m.Run())
}

func fakeChromiumMain() {
	in, out := os.NewFile(3, "in"), os.NewFile(4, "out")
	if in == nil || out == nil {
		os.Exit(2)
	}
	send := make(chan cdpMessage, 64)
	go func() {
		for m := range send {
			b, _ := json.Marshal(m)
			out.Write(append(b, 0))
		}
	}()
	event := func(session, method string, params any) {
		p, _ := json.Marshal(params)
		send <- cdpMessage{Method: method, SessionID: session, Params: p}
	}
	dial := &net.Dialer{Timeout: 5 * time.Second}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			_, port, _ := net.SplitHostPort(addr)
			return dial.DialContext(ctx, "tcp4", "127.0.0.1:"+port)
		}}}
	n := 0
	r := bufio.NewReader(in)
	for {
		b, err := r.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMessage
		json.Unmarshal(b[:len(b)-1], &m)
		reply := func(result any) {
			p, _ := json.Marshal(result)
			send <- cdpMessage{ID: m.ID, Result: p}
		}
		switch m.Method {
		case "Browser.getVersion":
			reply(map[string]string{"product": "FakeChrome/1.0"})
		case "Browser.close":
			reply(struct{}{})
			time.Sleep(50 * time.Millisecond)
			return
		case "Target.createBrowserContext":
			n++
			reply(map[string]string{"browserContextId": fmt.Sprint("ctx", n)})
		case "Target.createTarget":
			var p struct {
				URL              string `json:"url"`
				BrowserContextID string `json:"browserContextId"`
			}
			json.Unmarshal(m.Params, &p)
			reply(map[string]string{"targetId": "t" + p.BrowserContextID})
			session := "s" + p.BrowserContextID
			event("", "Target.attachedToTarget", map[string]any{"sessionId": session,
				"targetInfo": map[string]string{"type": "page", "browserContextId": p.BrowserContextID}})
			go fakePage(client, p.URL, func(method string, params any) { event(session, method, params) })
		default:
			reply(struct{}{})
		}
	}
}

// fakePage runs one runner page: every fetch fails with a CORS error reported as
// DevTools would, except a 2xx answer.
func fakePage(client *http.Client, url string, event func(string, any)) {
	resp, err := client.Get(url)
	if err != nil {
		return
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	a := strings.Index(string(page), `{"key"`)
	if a < 0 {
		return
	}
	b := strings.Index(string(page[a:]), "</script>")
	var cfg runnerConfig
	if json.Unmarshal(page[a:a+b], &cfg) != nil {
		return
	}
	var results []runnerResult
	for j, f := range cfg.Fetches {
		mark := cfg.Control + fmt.Sprintf("mark?k=%s&i=%d", cfg.Key, j)
		event("Network.requestWillBeSent", map[string]any{"requestId": fmt.Sprint("m", j), "type": "Fetch", "request": map[string]string{"url": mark}})
		client.Post(mark, "text/plain", nil)
		id := fmt.Sprint("r", j)
		event("Network.requestWillBeSent", map[string]any{"requestId": id, "type": "Fetch", "request": map[string]string{"url": f.URL}})
		r, err := client.Get(f.URL)
		if err != nil || r.StatusCode >= 300 {
			if r != nil {
				r.Body.Close()
			}
			event("Network.loadingFailed", map[string]any{"requestId": id, "errorText": "net::ERR_FAILED",
				"corsErrorStatus": map[string]string{"corsError": "MissingAllowOriginHeader", "failedParameter": ""}})
			event("Log.entryAdded", map[string]any{"entry": map[string]string{"level": "error", "text": corsConsolePrefix + "'" + f.URL + "' ..."}})
			results = append(results, runnerResult{Outcome: "network-error"})
			continue
		}
		r.Body.Close()
		results = append(results, runnerResult{Outcome: "ok", Type: "cors", Status: r.StatusCode, URL: f.URL})
	}
	postFakeReport(client, cfg, results)
}

func TestRunChromiumWithAFakeBrowser(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	t.Setenv("CORSIM_CHROMIUM", self)
	t.Setenv("CORSIM_FAKE_CHROMIUM", "1")
	ctl, _ := freePort()
	port, _ := freePort()
	var lines []string
	for i, host := range []string{"a.test", "b.test", "a.test"} {
		lines = append(lines, fmt.Sprintf(`{"id":"c%d","page_origin":"http://%s:%d","servers":{"http://api.%s:%d/x":{"actual":{"status":200,"headers":[["Access-Control-Allow-Origin","*"]]}}},"fetches":[{"url":"http://api.%s:%d/x"},{"url":"http://api.%s:%d/none"}]}`,
			i, host, port, host, port, host, port, host, port))
	}
	scs, err := readScenarios(strings.NewReader(strings.Join(lines, "\n")), "fake")
	if err != nil {
		t.Fatal(err)
	}
	h, err := newHarness(scs, ctl, true)
	if err != nil {
		t.Fatal(err)
	}
	defer h.close()
	var progress []int
	runs, version, err := h.runChromium(scs, 2, func(done, total int) { progress = append(progress, done) })
	if err != nil {
		t.Fatal(err)
	}
	if version != "FakeChrome/1.0" || len(runs) != 3 || len(progress) != 3 {
		t.Fatalf("version %q, %d runs, progress %v", version, len(runs), progress)
	}
	for _, r := range runs {
		if r.err != nil || len(r.report.Results) != 2 {
			t.Fatalf("%s: %v %+v", r.sc.ID, r.err, r.report)
		}
		reason, _, ok, _ := chromeReason(r.chrome, 1, r.report.Results[1], fetchInfo{scheme: "https"})
		if !ok || reason != "MissingAllowOriginHeader" {
			t.Errorf("%s: reason %q %v", r.sc.ID, reason, ok)
		}
		if msg, ok := chromeMessage(r.chrome, 1); !ok || !strings.Contains(msg, "/none") {
			t.Errorf("%s: message %q", r.sc.ID, msg)
		}
		if len(r.log[0]) != 1 || r.log[0][0].Headers["host"] == "" {
			t.Errorf("%s: log %+v", r.sc.ID, r.log)
		}
	}
}

// postFakeReport ends a fake runner page's run as runner.js does: the last mark,
// then the report.
func postFakeReport(client *http.Client, cfg runnerConfig, results []runnerResult) {
	client.Post(cfg.Control+"mark?k="+cfg.Key+"&i=-1", "text/plain", nil)
	rep, _ := json.Marshal(runnerReport{Origin: "http://" + strings.Split(cfg.Control, "/")[2], Results: results})
	client.Post(cfg.Control+"result?k="+cfg.Key, "text/plain", strings.NewReader(string(rep)))
}
