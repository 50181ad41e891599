package browser

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeBrowser answers DevTools commands over a pair of pipes: "Echo" returns its
// params, "Fail" an error, "Silent" nothing; every command is followed by an event.
func fakeBrowser(t *testing.T) (*cdpConn, func()) {
	toBrowserR, toBrowserW := io.Pipe()
	fromBrowserR, fromBrowserW := io.Pipe()
	go func() {
		r := bufio.NewReader(toBrowserR)
		for {
			b, err := r.ReadBytes(0)
			if err != nil {
				fromBrowserW.Close()
				return
			}
			var m cdpMessage
			json.Unmarshal(b[:len(b)-1], &m)
			var out []byte
			switch m.Method {
			case "Echo":
				out, _ = json.Marshal(cdpMessage{ID: m.ID, Result: m.Params})
			case "Fail":
				out, _ = json.Marshal(cdpMessage{ID: m.ID, Error: &cdpError{Code: -32000, Message: "nope"}})
			default:
				continue
			}
			ev, _ := json.Marshal(cdpMessage{Method: "Some.event", SessionID: m.SessionID, Params: json.RawMessage(`{}`)})
			fromBrowserW.Write(append(append(out, 0), append(ev, 0)...))
		}
	}()
	c := newCDPConn(toBrowserW, fromBrowserR)
	return c, func() { toBrowserW.Close() }
}

func TestCDPConn(t *testing.T) {
	c, stop := fakeBrowser(t)
	var mu sync.Mutex
	var events []string
	c.setEventHandler(func(m cdpMessage) {
		mu.Lock()
		events = append(events, m.Method+"@"+m.SessionID)
		mu.Unlock()
	})
	var got struct{ X int }
	if err := c.call("S1", "Echo", map[string]int{"X": 7}, &got, 5*time.Second); err != nil || got.X != 7 {
		t.Errorf("Echo: %v %+v", err, got)
	}
	if err := c.call("", "Fail", nil, nil, 5*time.Second); err == nil || !strings.Contains(err.Error(), "nope") || !strings.HasPrefix(err.Error(), "corsim: ") {
		t.Errorf("Fail: %v", err)
	}
	if err := c.call("", "Silent", nil, nil, 50*time.Millisecond); err == nil || !strings.Contains(err.Error(), "no answer") {
		t.Errorf("Silent: %v", err)
	}
	if err := c.call("", "Echo", func() {}, nil, time.Second); err == nil {
		t.Error("unencodable params accepted")
	}
	stop()
	select {
	case <-c.closed:
	case <-time.After(5 * time.Second):
		t.Fatal("pipe close not noticed")
	}
	if err := c.call("", "Echo", nil, nil, time.Second); err == nil {
		t.Error("call on a closed pipe succeeded")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(events) < 2 || events[0] != "Some.event@S1" {
		t.Errorf("events %v", events)
	}
}
