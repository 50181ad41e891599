package browser

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"golang.org/x/net/http2"
)

// h2Handler is a fixedHandler that wants HTTP/2 for one host.
type h2Handler struct {
	*fixedHandler
	host string
}

func (h h2Handler) wantsHTTP2(host string, port int) bool { return host == h.host }

func TestServersOfferHTTP2OnlyWhereWanted(t *testing.T) {
	ca, err := newCertAuthority()
	if err != nil {
		t.Fatal(err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	resp := algorithm.Response{Status: 200, Headers: fetchmode.HeaderList{
		{Name: "Access-Control-Allow-Origin", Value: "*"},
		{Name: "X-Twice", Value: "1"},
		{Name: "X-Twice", Value: "2"},
	}, Body: "<html>streamed</html>"}
	fh := &fixedHandler{resp: resp, scheme: make(chan string, 4), body: make(chan []byte, 4)}
	s := newServers(h2Handler{fh, "h2.shop.test"}, ca.serverConfig())
	if err := s.listen(port); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.shutdown)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca.caPEM())

	negotiated := func(host string) string {
		c, err := tls.Dial("tcp", addr, &tls.Config{ServerName: host, RootCAs: pool, NextProtos: []string{"h2", "http/1.1"}})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		return c.ConnectionState().NegotiatedProtocol
	}
	if p := negotiated("h1.shop.test"); p != "http/1.1" {
		t.Errorf("h1.shop.test negotiated %q, want http/1.1", p)
	}
	if p := negotiated("h2.shop.test"); p != "h2" {
		t.Errorf("h2.shop.test negotiated %q, want h2", p)
	}

	tr := &http2.Transport{TLSClientConfig: &tls.Config{RootCAs: pool},
		DialTLS: func(network, _ string, cfg *tls.Config) (net.Conn, error) { return tls.Dial(network, addr, cfg) }}
	defer tr.CloseIdleConnections()
	req, _ := http.NewRequest("POST", "https://h2.shop.test/upload", strings.NewReader("chunk"))
	res, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(body) != resp.Body {
		t.Errorf("got %d %q", res.StatusCode, body)
	}
	// Exactly the configured fields: no Date, no sniffed Content-Type, no Content-Length.
	want := http.Header{"Access-Control-Allow-Origin": {"*"}, "X-Twice": {"1", "2"}}
	if len(res.Header) != len(want) || res.Header.Get("Access-Control-Allow-Origin") != "*" ||
		strings.Join(res.Header.Values("X-Twice"), ",") != "1,2" {
		t.Errorf("headers %v, want %v", res.Header, want)
	}
	if s := <-fh.scheme; s != "https" {
		t.Errorf("scheme %q", s)
	}
	if b := <-fh.body; string(b) != "chunk" {
		t.Errorf("request body %q", b)
	}
}

func TestHubWantsHTTP2ForStreamScenariosInChromium(t *testing.T) {
	h := newHub(0)
	stream := mustScenario(t, `{"page_origin":"https://p.test","servers":{"https://api.test/u":{"actual":{"status":200}}},"fetches":[{"url":"https://api.test/u","method":"POST","stream_body":true}]}`)
	plain := mustScenario(t, `{"page_origin":"https://q.test","servers":{"https://cdn.test/u":{"actual":{"status":200}}},"fetches":[{"url":"https://cdn.test/u","method":"POST","body":"x"}]}`)
	plain.key = "other"
	for _, sc := range []*scenario{stream, plain} {
		if _, err := h.begin(sc); err != nil {
			t.Fatal(err)
		}
	}
	if h.wantsHTTP2("api.test", 443) {
		t.Error("HTTP/2 offered before Chromium runs")
	}
	h.setHTTP2(true)
	for _, c := range []struct {
		host string
		port int
		want bool
	}{{"api.test", 443, true}, {"p.test", 443, true}, {"cdn.test", 443, false}, {"q.test", 443, false}, {"nobody.test", 443, false}, {"api.test", 8443, false}} {
		if got := h.wantsHTTP2(c.host, c.port); got != c.want {
			t.Errorf("wantsHTTP2(%s, %d) = %v, want %v", c.host, c.port, got, c.want)
		}
	}
}

func TestSendableOverHTTP2(t *testing.T) {
	for _, c := range []struct {
		headers [][]string
		status  int
		want    bool
	}{
		{[][]string{{"Access-Control-Allow-Origin", "*"}, {"X-Twice", "1"}, {"X-Twice", "2"}, {"Content-Length", "2"}}, 200, true},
		{[][]string{{"Access-Control-Allow-Origin", "https://x.test\r"}}, 200, false},
		{[][]string{{"Access-Control-Allow-Origin", "https://x.test\x01"}}, 200, false},
		{[][]string{{"Bad Name", "1"}}, 200, false},
		{[][]string{{"Connection", "close"}}, 200, false},
		{[][]string{{"Transfer-Encoding", "chunked"}}, 200, false},
		{[][]string{{"Content-Length", "two"}}, 200, false},
		{[][]string{{"Content-Length", "2"}, {"Content-Length", "2"}}, 200, false},
		{nil, 103, false},
		{nil, 600, false},
		{nil, 308, true},
	} {
		// Built by hand: package scenario does not read a scenario with the invalid names and values.
		sc := &scenario{PageOrigin: "https://p.test",
			Servers: map[string]serverSpec{"https://api.test/u": {Actual: &responseSpec{Status: c.status, Headers: c.headers}}},
			Fetches: []fetchSpec{{URL: "https://api.test/u", Method: "POST", StreamBody: true}}}
		if got := sendableOverHTTP2(sc); got != c.want {
			t.Errorf("%d %q: %v, want %v", c.status, c.headers, got, c.want)
		}
	}
}
