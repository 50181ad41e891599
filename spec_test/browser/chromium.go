package browser

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// chromiumFlags are the flags the harness always passes. It never passes
// --disable-web-security or anything else that changes CORS.
var chromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--remote-debugging-pipe",
}

// chromium is one headless Chromium process driven over the DevTools pipe.
type chromium struct {
	cmd     *exec.Cmd
	conn    *cdpConn
	dir     string
	version string
	mu      sync.Mutex
	ev      map[string]*chromeEvents // by DevTools session, children included
	ctxEv   map[string]*chromeEvents // by browser context
}

// chromiumBinary finds the Chromium executable (the Debian package's real binary,
// not its wrapper script, which may close the pipe's descriptors).
func chromiumBinary() (string, error) {
	for _, p := range []string{os.Getenv("CORSIM_CHROMIUM"), "/usr/lib/chromium/chromium", "/usr/bin/chromium"} {
		if p == "" {
			continue
		}
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("corsim: browser: chromium not found (apt-get install -y chromium)")
}

// startChromium launches Chromium with a fresh profile. resolverRules maps the test
// hostnames to loopback; spki, when not empty, is the base64 SHA-256 of the
// harness certificate's public key.
func startChromium(resolverRules, spki string) (*chromium, error) {
	bin, err := chromiumBinary()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "corsim-chromium-")
	if err != nil {
		return nil, fmt.Errorf("corsim: browser: chromium profile: %v", err)
	}
	args := append([]string(nil), chromiumFlags...)
	args = append(args, "--user-data-dir="+dir, "--host-resolver-rules="+resolverRules)
	if spki != "" {
		args = append(args, "--ignore-certificate-errors-spki-list="+spki)
	}
	args = append(args, "about:blank")
	toBrowserR, toBrowserW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("corsim: browser: pipe: %v", err)
	}
	fromBrowserR, fromBrowserW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("corsim: browser: pipe: %v", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.ExtraFiles = []*os.File{toBrowserR, fromBrowserW} // fd 3 and fd 4
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("corsim: browser: start chromium: %v", err)
	}
	toBrowserR.Close()
	fromBrowserW.Close()
	c := &chromium{cmd: cmd, dir: dir, conn: newCDPConn(toBrowserW, fromBrowserR), ev: map[string]*chromeEvents{},
		ctxEv: map[string]*chromeEvents{}}
	c.conn.setEventHandler(c.event)
	var v struct {
		Product string `json:"product"`
	}
	if err := c.conn.call("", "Browser.getVersion", nil, &v, 30*time.Second); err != nil {
		c.close()
		return nil, err
	}
	c.version = v.Product
	// Every new target (page, frame, worker) stops at its start until its network
	// events are enabled, so no request of a scenario goes unseen.
	if err := c.conn.call("", "Target.setAutoAttach", map[string]any{"autoAttach": true,
		"waitForDebuggerOnStart": true, "flatten": true}, nil, 10*time.Second); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

func (c *chromium) close() {
	if c.conn != nil {
		c.conn.call("", "Browser.close", nil, nil, 5*time.Second)
	}
	done := make(chan struct{})
	go func() { c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		c.cmd.Process.Kill()
		<-done
	}
	os.RemoveAll(c.dir)
}

// netFailure is a Network.loadingFailed event.
type netFailure struct {
	Type            string
	ErrorText       string
	BlockedReason   string
	CorsError       string
	FailedParameter string
	HasCORSStatus   bool
}

// chromeEvents collects the DevTools events of one scenario.
type chromeEvents struct {
	mu       sync.Mutex
	fetchIdx int
	reqFetch map[string]int
	reqType  map[string]string
	failures map[int][]netFailure
	console  map[int][]string
	// unpaired are console messages that named no request, by the fetch they were
	// first filed under, waiting for the next message that does name one.
	unpaired []unpairedMessage
}

type unpairedMessage struct {
	fetch int
	text  string
}

func newChromeEvents() *chromeEvents {
	return &chromeEvents{fetchIdx: -2, reqFetch: map[string]int{}, reqType: map[string]string{},
		failures: map[int][]netFailure{}, console: map[int][]string{}}
}

// event handles one DevTools event on the reading goroutine.
func (c *chromium) event(m cdpMessage) {
	c.mu.Lock()
	ev := c.ev[m.SessionID]
	c.mu.Unlock()
	switch m.Method {
	case "Target.attachedToTarget":
		debugf("attached %s", m.Params)
		var p struct {
			SessionID  string `json:"sessionId"`
			TargetInfo struct {
				Type             string `json:"type"`
				BrowserContextID string `json:"browserContextId"`
			} `json:"targetInfo"`
		}
		if json.Unmarshal(m.Params, &p) == nil && p.SessionID != "" {
			c.mu.Lock()
			if ev == nil {
				ev = c.ctxEv[p.TargetInfo.BrowserContextID]
			}
			if ev != nil {
				c.ev[p.SessionID] = ev
			}
			c.mu.Unlock()
			go func() {
				c.conn.call(p.SessionID, "Network.enable", nil, nil, 10*time.Second)
				c.conn.call(p.SessionID, "Log.enable", nil, nil, 10*time.Second)
				c.conn.call(p.SessionID, "Target.setAutoAttach", map[string]any{"autoAttach": true,
					"waitForDebuggerOnStart": true, "flatten": true}, nil, 10*time.Second)
				c.conn.call(p.SessionID, "Runtime.runIfWaitingForDebugger", nil, nil, 10*time.Second)
			}()
		}
	case "Network.requestWillBeSent":
		if ev == nil {
			return
		}
		var p struct {
			RequestID string `json:"requestId"`
			Type      string `json:"type"`
			Request   struct {
				URL string `json:"url"`
			} `json:"request"`
		}
		if json.Unmarshal(m.Params, &p) != nil {
			return
		}
		ev.mu.Lock()
		if i := strings.Index(p.Request.URL, controlPrefix+"mark?"); i >= 0 {
			if n, err := strconv.Atoi(p.Request.URL[strings.LastIndex(p.Request.URL, "&i=")+3:]); err == nil {
				ev.fetchIdx = n
			}
		} else if _, seen := ev.reqFetch[p.RequestID]; !seen {
			ev.reqFetch[p.RequestID] = ev.fetchIdx
			ev.reqType[p.RequestID] = p.Type
		}
		ev.mu.Unlock()
	case "Network.loadingFailed":
		if ev == nil {
			return
		}
		var p struct {
			RequestID       string `json:"requestId"`
			Type            string `json:"type"`
			ErrorText       string `json:"errorText"`
			BlockedReason   string `json:"blockedReason"`
			CorsErrorStatus *struct {
				CorsError       string `json:"corsError"`
				FailedParameter string `json:"failedParameter"`
			} `json:"corsErrorStatus"`
		}
		if json.Unmarshal(m.Params, &p) != nil {
			return
		}
		f := netFailure{Type: p.Type, ErrorText: p.ErrorText, BlockedReason: p.BlockedReason}
		if p.CorsErrorStatus != nil {
			f.HasCORSStatus, f.CorsError, f.FailedParameter = true, p.CorsErrorStatus.CorsError, p.CorsErrorStatus.FailedParameter
		}
		ev.mu.Lock()
		if i, ok := ev.reqFetch[p.RequestID]; ok && i >= 0 {
			if f.Type == "" {
				f.Type = ev.reqType[p.RequestID]
			}
			ev.failures[i] = append(ev.failures[i], f)
		}
		ev.mu.Unlock()
	case "Log.entryAdded":
		if ev == nil {
			return
		}
		var p struct {
			Entry struct {
				Level            string `json:"level"`
				Text             string `json:"text"`
				NetworkRequestID string `json:"networkRequestId"`
			} `json:"entry"`
		}
		if json.Unmarshal(m.Params, &p) == nil && p.Entry.Level == "error" {
			ev.mu.Lock()
			ev.fileConsole(p.Entry.NetworkRequestID, p.Entry.Text)
			ev.mu.Unlock()
		}
	}
}

// fileConsole files one console error under its fetch. Chromium's CORS message
// names no request, but it comes just before the "Failed to load resource" line
// of the same request, which does; a message that names no request is filed under
// the current fetch and moved to the fetch of the next message that names one, so
// a message that arrives after the page has begun its next fetch is not taken for
// that fetch's. ev.mu must be held.
func (ev *chromeEvents) fileConsole(requestID, text string) {
	j, named := ev.reqFetch[requestID]
	if requestID == "" || !named {
		debugf("console (no request, fetch %d): %s", ev.fetchIdx, text)
		ev.console[ev.fetchIdx] = append(ev.console[ev.fetchIdx], text)
		ev.unpaired = append(ev.unpaired, unpairedMessage{ev.fetchIdx, text})
		return
	}
	debugf("console (request %q, fetch %d): %s", requestID, j, text)
	for _, u := range ev.unpaired {
		if u.fetch == j {
			continue
		}
		msgs := ev.console[u.fetch]
		for k, m := range msgs {
			if m == u.text {
				ev.console[u.fetch] = append(msgs[:k:k], msgs[k+1:]...)
				break
			}
		}
		ev.console[j] = append(ev.console[j], u.text)
	}
	ev.unpaired = ev.unpaired[:0]
	ev.console[j] = append(ev.console[j], text)
}

// runScenario runs sc in a fresh browser context and returns the runner's report,
// what the servers saw, and the DevTools events.
// The run must have begun (hub.begin); runScenario ends it.
func (c *chromium) runScenario(h *hub, run *activeRun, timeout time.Duration) (runnerReport, []record, *chromeEvents, error) {
	sc := run.sc
	defer h.end(run)
	var ctx struct {
		ID string `json:"browserContextId"`
	}
	if err := c.conn.call("", "Target.createBrowserContext", map[string]any{"disposeOnDetach": true}, &ctx, 10*time.Second); err != nil {
		return runnerReport{}, nil, nil, err
	}
	ev := newChromeEvents()
	c.mu.Lock()
	c.ctxEv[ctx.ID] = ev
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.ctxEv, ctx.ID)
		for k, v := range c.ev {
			if v == ev {
				delete(c.ev, k)
			}
		}
		c.mu.Unlock()
		go c.conn.call("", "Target.disposeBrowserContext", map[string]any{"browserContextId": ctx.ID}, nil, 10*time.Second)
	}()
	debugf("context created")
	if err := c.conn.call("", "Target.createTarget", map[string]any{"url": h.runnerURL(sc), "browserContextId": ctx.ID}, nil, 10*time.Second); err != nil {
		return runnerReport{}, nil, nil, err
	}
	select {
	case b := <-run.result:
		log := h.end(run)
		rep, err := parseRunnerReport(b)
		return rep, log, ev, err
	case <-time.After(timeout):
		log := h.end(run)
		return runnerReport{}, log, ev, fmt.Errorf("corsim: browser: chromium: no result within %v", timeout)
	case <-c.conn.closed:
		h.end(run)
		return runnerReport{}, nil, nil, c.conn.err
	}
}
