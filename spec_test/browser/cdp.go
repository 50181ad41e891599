package browser

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// cdpConn speaks the Chrome DevTools Protocol over --remote-debugging-pipe: the
// browser reads NUL-terminated JSON messages on its fd 3 and writes them on fd 4.
type cdpConn struct {
	w       io.WriteCloser
	mu      sync.Mutex
	nextID  int64
	pending map[int64]chan cdpMessage
	onEvent func(cdpMessage)
	closed  chan struct{}
	err     error
}

// cdpMessage is one protocol message: a response (ID set) or an event (Method set).
type cdpMessage struct {
	ID        int64           `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *cdpError       `json:"error,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
}

type cdpError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// maxCDPMessage bounds one message from the browser.
const maxCDPMessage = 64 << 20

func newCDPConn(w io.WriteCloser, r io.Reader) *cdpConn {
	c := &cdpConn{w: w, pending: map[int64]chan cdpMessage{}, closed: make(chan struct{})}
	go c.read(r)
	return c
}

func (c *cdpConn) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxCDPMessage)
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		for i, b := range data {
			if b == 0 {
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
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			continue
		}
		if m.ID != 0 {
			c.mu.Lock()
			ch := c.pending[m.ID]
			delete(c.pending, m.ID)
			c.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		c.mu.Lock()
		f := c.onEvent
		c.mu.Unlock()
		if f != nil {
			f(m)
		}
	}
	c.mu.Lock()
	c.err = sc.Err()
	if c.err == nil {
		c.err = errors.New("corsim: browser: DevTools pipe closed")
	}
	c.mu.Unlock()
	close(c.closed)
}

// setEventHandler sets the function that receives every event; it runs on the
// reading goroutine and must not block.
func (c *cdpConn) setEventHandler(f func(cdpMessage)) {
	c.mu.Lock()
	c.onEvent = f
	c.mu.Unlock()
}

// call sends a command and waits (at most timeout) for its response; result, when
// not nil, receives the decoded result.
func (c *cdpConn) call(session, method string, params any, result any, timeout time.Duration) error {
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan cdpMessage, 1)
	c.pending[id] = ch
	c.mu.Unlock()
	if params == nil {
		params = struct{}{}
	}
	p, err := json.Marshal(params)
	if err != nil {
		return fmt.Errorf("corsim: browser: DevTools %s: %v", method, err)
	}
	msg, _ := json.Marshal(cdpMessage{ID: id, Method: method, Params: p, SessionID: session})
	c.mu.Lock()
	_, err = c.w.Write(append(msg, 0))
	c.mu.Unlock()
	if err != nil {
		return fmt.Errorf("corsim: browser: DevTools %s: %v", method, err)
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("corsim: browser: DevTools %s: %s (%d)", method, m.Error.Message, m.Error.Code)
		}
		if result != nil && len(m.Result) > 0 {
			if err := json.Unmarshal(m.Result, result); err != nil {
				return fmt.Errorf("corsim: browser: DevTools %s result: %v", method, err)
			}
		}
		return nil
	case <-c.closed:
		return c.err
	case <-t.C:
		c.mu.Lock()
		delete(c.pending, id)
		c.mu.Unlock()
		return fmt.Errorf("corsim: browser: DevTools %s: no answer within %v", method, timeout)
	}
}
