package browser

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/corsim/corsim/algorithm"
)

// Limits that keep every connection bounded in size and time.
const (
	connDeadline   = 20 * time.Second
	maxRequestBody = 16 << 20
)

// handler answers one request read from a connection. scheme is "http" or "https".
type handler interface {
	serve(scheme string, req *http.Request, body []byte) (algorithm.Response, bool)
}

// servers owns the loopback listeners. Every listener serves plain HTTP/1.1 and,
// when the first byte of a connection is a TLS handshake record, HTTPS with the
// harness's own certificates, so one port can serve either scheme.
type servers struct {
	h     handler
	tls   *tls.Config // nil: TLS connections are closed
	mu    sync.Mutex
	lns   map[int][]net.Listener
	wg    sync.WaitGroup
	close chan struct{}
}

func newServers(h handler, tlsConf *tls.Config) *servers {
	return &servers{h: h, tls: tlsConf, lns: map[int][]net.Listener{}, close: make(chan struct{})}
}

// listen binds port on 127.0.0.1 (and on ::1 when the machine has it). Binding a port
// twice is a no-op.
func (s *servers) listen(port int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.lns[port]; ok {
		return nil
	}
	ln, err := net.Listen("tcp4", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("corsim: browser: listen on 127.0.0.1:%d: %v", port, err)
	}
	s.lns[port] = append(s.lns[port], ln)
	if ln6, err := net.Listen("tcp6", net.JoinHostPort("::1", strconv.Itoa(port))); err == nil {
		s.lns[port] = append(s.lns[port], ln6)
	}
	for _, l := range s.lns[port] {
		s.wg.Add(1)
		go s.accept(l)
	}
	return nil
}

// shutdown closes every listener and waits for the connections to finish.
func (s *servers) shutdown() {
	s.mu.Lock()
	select {
	case <-s.close:
	default:
		close(s.close)
	}
	for _, ls := range s.lns {
		for _, l := range ls {
			l.Close()
		}
	}
	s.lns = map[int][]net.Listener{}
	s.mu.Unlock()
	s.wg.Wait()
}

func (s *servers) accept(l net.Listener) {
	defer s.wg.Done()
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.conn(c)
		}()
	}
}

// conn serves requests on one connection until the first response: every response
// is delimited by closing the connection, so no framing header is added to the
// configured ones.
func (s *servers) conn(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(connDeadline))
	br := bufio.NewReader(c)
	first, err := br.Peek(1)
	if err != nil {
		return
	}
	scheme := "http"
	var rw io.ReadWriter = struct {
		io.Reader
		io.Writer
	}{br, c}
	if first[0] == 0x16 { // TLS handshake record
		if s.tls == nil {
			return
		}
		tc := tls.Server(&peekedConn{Conn: c, r: br}, s.tlsFor(c))
		if err := tc.Handshake(); err != nil {
			return
		}
		defer tc.Close()
		if tc.ConnectionState().NegotiatedProtocol == "h2" {
			s.serveHTTP2(tc)
			return
		}
		scheme = "https"
		br = bufio.NewReader(tc)
		rw = struct {
			io.Reader
			io.Writer
		}{br, tc}
	}
	req, body, err := readRawRequest(br)
	if err != nil {
		return
	}
	resp, ok := s.h.serve(scheme, req, body)
	if !ok {
		return // the route asks for no answer: the browser sees a network failure
	}
	rw.Write(rawResponse(req.Method, resp))
}

// peekedConn lets crypto/tls read the bytes already buffered while sniffing.
type peekedConn struct {
	net.Conn
	r *bufio.Reader
}

func (p *peekedConn) Read(b []byte) (int, error) { return p.r.Read(b) }

// rawResponse serializes resp exactly: the status line, the configured header lines
// in order, a blank line and the body. Nothing is added. The body is left out for
// HEAD and for statuses that have none.
func rawResponse(method string, resp algorithm.Response) []byte {
	var b bytes.Buffer
	text := http.StatusText(resp.Status)
	if text == "" {
		text = "Status"
	}
	fmt.Fprintf(&b, "HTTP/1.1 %03d %s\r\n", resp.Status, text)
	for _, h := range resp.Headers {
		b.WriteString(h.Name)
		b.WriteString(": ")
		b.WriteString(h.Value)
		b.WriteString("\r\n")
	}
	b.WriteString("\r\n")
	if method != http.MethodHead && resp.Status >= 200 && resp.Status != 204 && resp.Status != 304 {
		b.WriteString(resp.Body)
	}
	return b.Bytes()
}

// requestURL rebuilds the absolute URL of a request from the scheme of its
// connection, its Host header and its request target.
func requestURL(scheme string, req *http.Request) (string, error) {
	target := req.RequestURI
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		return target, nil
	}
	if req.Host == "" {
		return "", errors.New("corsim: browser: request without Host")
	}
	if !strings.HasPrefix(target, "/") {
		return "", fmt.Errorf("corsim: browser: request target %q", target)
	}
	return scheme + "://" + strings.ToLower(req.Host) + target, nil
}
