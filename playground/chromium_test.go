package playground_test

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"time"
)

// This file drives headless Chromium over the DevTools protocol on a pipe, as
// spec_test/browser's harness does: the browser reads NUL-terminated JSON messages on its fd 3 and
// writes them on fd 4.

// chromiumBinary finds Chromium: $CORSIM_CHROMIUM, the Debian package's real binary (its
// /usr/bin/chromium wrapper script may close the pipe's descriptors), then PATH.
func chromiumBinary() (string, bool) {
	for _, p := range []string{os.Getenv("CORSIM_CHROMIUM"), "/usr/lib/chromium/chromium", "/usr/bin/chromium"} {
		if st, err := os.Stat(p); p != "" && err == nil && !st.IsDir() {
			return p, true
		}
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

type cdpMessage struct {
	ID        int64                     `json:"id,omitempty"`
	Method    string                    `json:"method,omitempty"`
	Params    json.RawMessage           `json:"params,omitempty"`
	Result    json.RawMessage           `json:"result,omitempty"`
	Error     *struct{ Message string } `json:"error,omitempty"`
	SessionID string                    `json:"sessionId,omitempty"`
}

// browser is one headless Chromium and the one page the test drives.
type browser struct {
	cmd     *exec.Cmd
	dir     string
	w       io.WriteCloser
	mu      sync.Mutex
	nextID  int64
	pending map[int64]chan cdpMessage
	events  func(cdpMessage)
	closed  chan struct{}
	session string // the page's DevTools session
}

func startBrowser(bin string, onEvent func(cdpMessage)) (*browser, error) {
	dir, err := os.MkdirTemp("", "corsim-playground-chromium-")
	if err != nil {
		return nil, err
	}
	toR, toW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	fromR, fromW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--font-render-hinting=none", "--remote-debugging-pipe", "--user-data-dir="+dir, "about:blank")
	cmd.ExtraFiles = []*os.File{toR, fromW} // fd 3 and fd 4
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start chromium: %v", err)
	}
	toR.Close()
	fromW.Close()
	b := &browser{cmd: cmd, dir: dir, w: toW, pending: map[int64]chan cdpMessage{}, events: onEvent, closed: make(chan struct{})}
	go b.read(fromR)
	var target struct{ TargetID string }
	if err := b.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		b.close()
		return nil, err
	}
	var att struct{ SessionID string }
	if err := b.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att); err != nil {
		b.close()
		return nil, err
	}
	b.session = att.SessionID
	for _, domain := range []string{"Page.enable", "Runtime.enable", "Log.enable", "Network.enable"} {
		if err := b.call(b.session, domain, nil, nil); err != nil {
			b.close()
			return nil, err
		}
	}
	return b, nil
}

func (b *browser) read(r io.Reader) {
	defer close(b.closed)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 256<<20)
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		for i, c := range data {
			if c == 0 {
				return i + 1, data[:i], nil
			}
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	})
	for sc.Scan() {
		var m cdpMessage
		if json.Unmarshal(sc.Bytes(), &m) != nil {
			continue
		}
		if m.ID != 0 {
			b.mu.Lock()
			ch := b.pending[m.ID]
			delete(b.pending, m.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- m
			}
		} else if b.events != nil {
			b.events(m)
		}
	}
}

// call sends one command and waits for its answer.
func (b *browser) call(session, method string, params, result any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpMessage, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	if params == nil {
		params = struct{}{}
	}
	p, err := json.Marshal(params)
	if err != nil {
		return err
	}
	msg, _ := json.Marshal(cdpMessage{ID: id, Method: method, Params: p, SessionID: session})
	b.mu.Lock()
	_, err = b.w.Write(append(msg, 0))
	b.mu.Unlock()
	if err != nil {
		return fmt.Errorf("DevTools %s: %v", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("DevTools %s: %s", method, m.Error.Message)
		}
		if result != nil && len(m.Result) > 0 {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-b.closed:
		return errors.New("DevTools pipe closed")
	case <-time.After(30 * time.Second):
		return fmt.Errorf("DevTools %s: no answer within 30 s", method)
	}
}

// page sends a command to the page's session.
func (b *browser) page(method string, params, result any) error {
	return b.call(b.session, method, params, result)
}

// eval evaluates a JavaScript expression in the page (awaiting a promise) and decodes its value.
func (b *browser) eval(expr string, out any) error {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	if err := b.page("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &r); err != nil {
		return err
	}
	if r.ExceptionDetails != nil {
		return fmt.Errorf("%s: %s %s", expr, r.ExceptionDetails.Text, r.ExceptionDetails.Exception.Description)
	}
	if out != nil && len(r.Result.Value) > 0 {
		return json.Unmarshal(r.Result.Value, out)
	}
	return nil
}

// waitFor polls a JavaScript condition until it is true. An exception, or a page still loading,
// counts as false.
func (b *browser) waitFor(cond string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var last error
	for {
		var ok bool
		err := b.eval("(() => { try { return !!("+cond+"); } catch (e) { return false; } })()", &ok)
		if err == nil && ok {
			return nil
		}
		if err != nil {
			last = err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("still false after %v: %s (last error: %v)", timeout, cond, last)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// viewport sets the page's size: a desktop window, or a phone (touch, mobile layout).
func (b *browser) viewport(width, height int, mobile bool) error {
	return b.page("Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": height,
		"deviceScaleFactor": 1, "mobile": mobile}, nil)
}

// click clicks the middle of the element a selector finds, as a mouse would.
func (b *browser) click(selector string) error {
	var box struct{ X, Y float64 }
	expr := fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.scrollIntoView({block: "center"});
		const r = e.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()`, selector)
	if err := b.eval(expr, &box); err != nil {
		return err
	}
	for _, typ := range []string{"mousePressed", "mouseReleased"} {
		if err := b.page("Input.dispatchMouseEvent", map[string]any{"type": typ, "x": box.X, "y": box.Y,
			"button": "left", "clickCount": 1}, nil); err != nil {
			return err
		}
	}
	return nil
}

// typeText types into the focused element.
func (b *browser) typeText(s string) error {
	return b.page("Input.insertText", map[string]any{"text": s}, nil)
}

// key presses one key such as Tab.
func (b *browser) key(key string, code int) error {
	for _, typ := range []string{"keyDown", "keyUp"} {
		if err := b.page("Input.dispatchKeyEvent", map[string]any{"type": typ, "key": key, "code": key,
			"windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code}, nil); err != nil {
			return err
		}
	}
	return nil
}

// screenshot captures the whole page, beyond the viewport, as PNG.
func (b *browser) screenshot(path string) error {
	var m struct {
		CSSContentSize struct{ Width, Height float64 } `json:"cssContentSize"`
	}
	if err := b.page("Page.getLayoutMetrics", nil, &m); err != nil {
		return err
	}
	var shot struct{ Data string }
	if err := b.page("Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true,
		"clip": map[string]any{"x": 0, "y": 0, "width": m.CSSContentSize.Width, "height": m.CSSContentSize.Height, "scale": 1}}, &shot); err != nil {
		return err
	}
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil {
		return err
	}
	return os.WriteFile(path, png, 0o644)
}

func (b *browser) close() {
	b.call("", "Browser.close", nil, nil)
	done := make(chan struct{})
	go func() { b.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		b.cmd.Process.Kill()
		<-done
	}
	os.RemoveAll(b.dir)
}
