package browser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// hostsBegin and hostsEnd mark the block the harness adds to /etc/hosts for
// WebKitGTK, which resolves names through the system. The block is always
// removed again, and a stale one is removed before a new one is written.
const (
	hostsFile  = "/etc/hosts"
	hostsBegin = "# corsim browser harness: begin (removed automatically)"
	hostsEnd   = "# corsim browser harness: end"
)

// withoutHostsBlock removes the harness's block from a hosts file's content.
func withoutHostsBlock(content string) string {
	var out []string
	in := false
	for _, line := range strings.SplitAfter(content, "\n") {
		switch strings.TrimSpace(line) {
		case hostsBegin:
			in = true
			continue
		case hostsEnd:
			in = false
			continue
		}
		if !in && line != "" {
			out = append(out, line)
		}
	}
	return strings.Join(out, "")
}

// withHostsBlock adds a block mapping every name to 127.0.0.1.
func withHostsBlock(content string, hosts []string) string {
	var b strings.Builder
	b.WriteString(withoutHostsBlock(content))
	if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
		b.WriteString("\n")
	}
	b.WriteString(hostsBegin + "\n")
	for _, h := range hosts {
		b.WriteString("127.0.0.1 " + h + "\n")
	}
	b.WriteString(hostsEnd + "\n")
	return b.String()
}

// editHosts rewrites /etc/hosts in place (it may be a bind mount, so it is not
// replaced) with f applied to its content.
func editHosts(f func(string) string) error {
	b, err := os.ReadFile(hostsFile)
	if err != nil {
		return fmt.Errorf("corsim: browser: %s: %v", hostsFile, err)
	}
	if err := os.WriteFile(hostsFile, []byte(f(string(b))), 0o644); err != nil {
		return fmt.Errorf("corsim: browser: %s (WebKit needs the test names there; run as root): %v", hostsFile, err)
	}
	return nil
}

// miniBrowser finds WebKitGTK's MiniBrowser.
func miniBrowser() (string, error) {
	for _, p := range []string{os.Getenv("CORSIM_MINIBROWSER"),
		"/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
		"/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
		"/usr/libexec/webkit2gtk-4.1/MiniBrowser"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
	}
	out, err := exec.Command("dpkg", "-L", "libwebkit2gtk-4.1-0").Output()
	if err == nil {
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasSuffix(l, "/MiniBrowser") {
				return l, nil
			}
		}
	}
	return "", fmt.Errorf("corsim: browser: MiniBrowser not found (apt-get install -y webkit2gtk-driver)")
}

// webkitVersion reads the installed WebKitGTK version from dpkg.
func webkitVersion() string {
	out, err := exec.Command("dpkg-query", "-W", "-f=${Version}", "libwebkit2gtk-4.1-0").Output()
	if err != nil {
		return "unknown"
	}
	v := strings.TrimSpace(string(out))
	if i := strings.IndexAny(v, "-~"); i > 0 {
		v = v[:i]
	}
	return "WebKitGTK " + v
}

// freePort asks the kernel for an unused loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// webdriver sends one WebDriver command and decodes its value.
func webdriver(method, url string, body any, out any, timeout time.Duration) error {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{Timeout: timeout}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != 200 {
		return fmt.Errorf("corsim: browser: WebDriver %s %s: %s: %s", method, url, resp.Status, b)
	}
	if out != nil {
		var w struct {
			Value json.RawMessage `json:"value"`
		}
		if err := json.Unmarshal(b, &w); err != nil {
			return err
		}
		return json.Unmarshal(w.Value, out)
	}
	return nil
}

// runWebKit runs scs in WebKitGTK's MiniBrowser under Xvfb, driven by
// WebKitWebDriver only to open the first page; a fresh session per batch.
func (h *harness) runWebKit(scs []*scenario) ([]scenarioRun, string, error) {
	mb, err := miniBrowser()
	if err != nil {
		return nil, "", err
	}
	driver, err := exec.LookPath("WebKitWebDriver")
	if err != nil {
		return nil, "", fmt.Errorf("corsim: browser: WebKitWebDriver not found (apt-get install -y webkit2gtk-driver)")
	}
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		return nil, "", fmt.Errorf("corsim: browser: Xvfb not found (apt-get install -y xvfb)")
	}
	defer editHosts(withoutHostsBlock)
	launch := func(start string, hosts []string) (process, error) {
		p := &cmdProcess{}
		if err := editHosts(func(s string) string { return withHostsBlock(s, hosts) }); err != nil {
			return nil, err
		}
		p.undo = append(p.undo, func() { editHosts(withoutHostsBlock) })
		display := ":" + strconv.Itoa(90+os.Getpid()%100)
		x := exec.Command(xvfb, display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
		if err := p.startCmd(x); err != nil {
			p.stop()
			return nil, fmt.Errorf("corsim: browser: start Xvfb: %v", err)
		}
		port, err := freePort()
		if err != nil {
			p.stop()
			return nil, fmt.Errorf("corsim: browser: WebDriver port: %v", err)
		}
		d := exec.Command(driver, "--port="+strconv.Itoa(port))
		d.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8",
			"WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1", "WEBKIT_DISABLE_COMPOSITING_MODE=1")
		if err := p.startCmd(d); err != nil {
			p.stop()
			return nil, fmt.Errorf("corsim: browser: start WebKitWebDriver: %v", err)
		}
		base := "http://127.0.0.1:" + strconv.Itoa(port)
		caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
			"acceptInsecureCerts":      true,
			"webkitgtk:browserOptions": map[string]any{"binary": mb, "args": []string{"--automation"}},
		}}}
		var sess struct {
			SessionID string `json:"sessionId"`
		}
		var lastErr error
		for i := 0; i < 50; i++ { // the driver needs a moment to listen
			if lastErr = webdriver("POST", base+"/session", caps, &sess, 60*time.Second); lastErr == nil {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		if lastErr != nil {
			p.stop()
			return nil, fmt.Errorf("corsim: browser: WebDriver session: %v", lastErr)
		}
		go webdriver("POST", base+"/session/"+sess.SessionID+"/url", map[string]any{"url": start}, nil, 30*time.Second)
		p.before = append(p.before, func() {
			webdriver("DELETE", base+"/session/"+sess.SessionID, nil, nil, 5*time.Second)
		})
		return p, nil
	}
	runs, err := h.runSelfDriving(scs, launch)
	return runs, webkitVersion(), err
}
