package browser

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

// fixedHandler answers every request with one response and remembers the last request.
type fixedHandler struct {
	resp   algorithm.Response
	scheme chan string
	body   chan []byte
}

func (f *fixedHandler) serve(scheme string, req *http.Request, body []byte) (algorithm.Response, bool) {
	f.scheme <- scheme
	f.body <- body
	return f.resp, f.resp.Status != 0
}

func startTestServers(t *testing.T, resp algorithm.Response, ca *certAuthority) (*servers, *fixedHandler, string) {
	t.Helper()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	h := &fixedHandler{resp: resp, scheme: make(chan string, 4), body: make(chan []byte, 4)}
	s := newServers(h, ca.serverConfig())
	if err := s.listen(port); err != nil {
		t.Fatal(err)
	}
	if err := s.listen(port); err != nil { // binding twice is a no-op
		t.Fatal(err)
	}
	t.Cleanup(s.shutdown)
	return s, h, "127.0.0.1:" + strconv.Itoa(port)
}

func roundTrip(t *testing.T, conn net.Conn, request string) string {
	t.Helper()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(conn)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRawServerWritesExactlyTheConfiguredBytes(t *testing.T) {
	long := strings.Repeat("v", 1<<20)
	tests := []struct {
		name    string
		method  string
		resp    algorithm.Response
		want    string
		reqBody string
	}{
		{name: "no headers at all", method: "GET", resp: algorithm.Response{Status: 200, Body: "hi"}, want: "HTTP/1.1 200 OK\r\n\r\nhi"},
		{name: "order and repeats kept", method: "GET", resp: algorithm.Response{Status: 200, Headers: fetchmode.HeaderList{{Name: "B", Value: "1"}, {Name: "a", Value: "2"}, {Name: "B", Value: "3"}}}, want: "HTTP/1.1 200 OK\r\nB: 1\r\na: 2\r\nB: 3\r\n\r\n"},
		{name: "HEAD has no body", method: "HEAD", resp: algorithm.Response{Status: 200, Body: "x"}, want: "HTTP/1.1 200 OK\r\n\r\n"},
		{name: "204 has no body", method: "GET", resp: algorithm.Response{Status: 204, Body: "x"}, want: "HTTP/1.1 204 No Content\r\n\r\n"},
		{name: "unknown status", method: "GET", resp: algorithm.Response{Status: 599}, want: "HTTP/1.1 599 Status\r\n\r\n"},
		{name: "empty value", method: "GET", resp: algorithm.Response{Status: 200, Headers: fetchmode.HeaderList{{Name: "X", Value: ""}}}, want: "HTTP/1.1 200 OK\r\nX: \r\n\r\n"},
		{name: "1 MiB value", method: "GET", resp: algorithm.Response{Status: 200, Headers: fetchmode.HeaderList{{Name: "X", Value: long}}}, want: "HTTP/1.1 200 OK\r\nX: " + long + "\r\n\r\n"},
		{name: "request body is read first", method: "POST", reqBody: "a=1", resp: algorithm.Response{Status: 201}, want: "HTTP/1.1 201 Created\r\n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, h, addr := startTestServers(t, tt.resp, nil)
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			req := tt.method + " /x HTTP/1.1\r\nHost: a.test\r\n"
			if tt.reqBody != "" {
				req += "Content-Length: " + strconv.Itoa(len(tt.reqBody)) + "\r\n"
			}
			got := roundTrip(t, c, req+"\r\n"+tt.reqBody)
			if got != tt.want {
				t.Errorf("got %.200q, want %.200q", got, tt.want)
			}
			if s := <-h.scheme; s != "http" {
				t.Errorf("scheme %q", s)
			}
			if b := <-h.body; string(b) != tt.reqBody {
				t.Errorf("body %q", b)
			}
		})
	}
}

func TestRawServerClosesWithoutAnswer(t *testing.T) {
	_, _, addr := startTestServers(t, algorithm.Response{}, nil)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := roundTrip(t, c, "GET / HTTP/1.1\r\nHost: a.test\r\n\r\n"); got != "" {
		t.Errorf("got %q, want nothing", got)
	}
}

func TestRawServerIgnoresGarbage(t *testing.T) {
	_, _, addr := startTestServers(t, algorithm.Response{Status: 200}, nil)
	for _, in := range []string{"\x00\x01\x02\r\n\r\n", "GET\r\n\r\n", "\xff\xfe not http\r\n\r\n"} {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := roundTrip(t, c, in); got != "" {
			t.Errorf("%q: got %q", in, got)
		}
		c.Close()
	}
}

func TestRawServerServesTLSOnTheSamePort(t *testing.T) {
	ca, err := newCertAuthority()
	if err != nil {
		t.Fatal(err)
	}
	_, h, addr := startTestServers(t, algorithm.Response{Status: 200, Body: "secure"}, ca)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca.caPEM())
	c, err := tls.Dial("tcp", addr, &tls.Config{ServerName: "api.shop.test", RootCAs: pool})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := roundTrip(t, c, "GET / HTTP/1.1\r\nHost: api.shop.test\r\n\r\n"); got != "HTTP/1.1 200 OK\r\n\r\nsecure" {
		t.Errorf("got %q", got)
	}
	if s := <-h.scheme; s != "https" {
		t.Errorf("scheme %q, want https", s)
	}
	if ca.spki == "" {
		t.Error("no SPKI hash for Chromium")
	}
}

func TestRequestURL(t *testing.T) {
	tests := []struct {
		name, scheme, raw, want string
		wantErr                 bool
	}{
		{name: "origin form", scheme: "http", raw: "GET /a?b HTTP/1.1\r\nHost: API.test:8080\r\n\r\n", want: "http://api.test:8080/a?b"},
		{name: "https", scheme: "https", raw: "GET / HTTP/1.1\r\nHost: a.test\r\n\r\n", want: "https://a.test/"},
		{name: "absolute form", scheme: "http", raw: "GET http://p.test/x HTTP/1.1\r\nHost: p.test\r\n\r\n", want: "http://p.test/x"},
		{name: "no host", scheme: "http", raw: "GET /x HTTP/1.0\r\n\r\n", wantErr: true},
		{name: "asterisk", scheme: "http", raw: "OPTIONS * HTTP/1.1\r\nHost: a.test\r\n\r\n", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _, err := readRawRequest(bufio.NewReader(strings.NewReader(tt.raw)))
			if err != nil {
				t.Fatal(err)
			}
			got, err := requestURL(tt.scheme, req)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("got %q, %v; want %q (error %v)", got, err, tt.want, tt.wantErr)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "corsim: ") {
				t.Errorf("error %q lacks the corsim: prefix", err)
			}
		})
	}
}

func TestReadRawRequest(t *testing.T) {
	tests := []struct {
		name, raw  string
		wantErr    bool
		header     string
		wantHeader string
		wantBody   string
	}{
		{name: "control byte in value", raw: "GET / HTTP/1.1\r\nHost: a\r\nContent-Language: a\x01b\r\n\r\n", header: "Content-Language", wantHeader: "a\x01b"},
		{name: "byte 0xff in value", raw: "GET / HTTP/1.1\r\nHost: a\r\nX: \xff\r\n\r\n", header: "X", wantHeader: "\xff"},
		{name: "value trimmed", raw: "GET / HTTP/1.1\r\nHost: a\r\nX:  \t v \t\r\n\r\n", header: "X", wantHeader: "v"},
		{name: "bare LF lines", raw: "GET / HTTP/1.1\nHost: a\nX: 1\n\n", header: "X", wantHeader: "1"},
		{name: "content length body", raw: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc", wantBody: "abc"},
		{name: "chunked body", raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nT: 1\r\n\r\n", wantBody: "abcde"},
		{name: "1 MiB value", raw: "GET / HTTP/1.1\r\nHost: a\r\nX: " + strings.Repeat("v", 1<<20) + "\r\n\r\n", header: "X", wantHeader: strings.Repeat("v", 1<<20)},
		{name: "empty", raw: "", wantErr: true},
		{name: "bad request line", raw: "GET /\r\n\r\n", wantErr: true},
		{name: "not http", raw: "GET / SPDY/3\r\n\r\n", wantErr: true},
		{name: "space in name", raw: "GET / HTTP/1.1\r\nBad Name: 1\r\n\r\n", wantErr: true},
		{name: "no colon", raw: "GET / HTTP/1.1\r\nnocolon\r\n\r\n", wantErr: true},
		{name: "bad length", raw: "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", wantErr: true},
		{name: "short body", raw: "POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nab", wantErr: true},
		{name: "bad chunk", raw: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", wantErr: true},
		{name: "truncated head", raw: "GET / HTTP/1.1\r\nHost: a", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, body, err := readRawRequest(bufio.NewReader(strings.NewReader(tt.raw)))
			if tt.wantErr {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.header != "" && req.Header.Get(tt.header) != tt.wantHeader {
				t.Errorf("%s = %.50q", tt.header, req.Header.Get(tt.header))
			}
			if string(body) != tt.wantBody {
				t.Errorf("body %q", body)
			}
		})
	}
}

func TestReadRawRequestHeadBudget(t *testing.T) {
	raw := "GET / HTTP/1.1\r\nX: " + strings.Repeat("v", maxRequestHead) + "\r\n\r\n"
	if _, _, err := readRawRequest(bufio.NewReader(strings.NewReader(raw))); err == nil || !strings.HasPrefix(err.Error(), "corsim: ") {
		t.Errorf("oversized head: %v", err)
	}
}
