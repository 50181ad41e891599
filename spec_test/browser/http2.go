package browser

import (
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"

	"golang.org/x/net/http/httpguts"
	"golang.org/x/net/http2"
)

// Chromium sends a ReadableStream request body only over HTTP/2 (or QUIC): over
// HTTP/1.1 the upload fails with net::ERR_ALPN_NEGOTIATION_FAILED. So while a
// scenario with a stream body runs in Chromium, its https hosts offer h2 through
// ALPN, and the connection is served by golang.org/x/net/http2 with the same
// handler. Everything else stays on the raw HTTP/1.1 writer, which can send bytes
// no HTTP/2 encoder would (obs-fold, bare CR, invalid names). Over plain http no
// browser speaks HTTP/2, so there Chromium's stream uploads fail, as they would
// against any server.
//
// The HTTP/2 answer carries exactly the configured header fields (names lower-cased,
// as HTTP/2 requires): the server's own Date is suppressed, Content-Type is never
// sniffed, and the headers are flushed before the body so that no Content-Length
// is computed. A scenario with a response HTTP/2 cannot carry unchanged (see
// sendableOverHTTP2) is not offered HTTP/2.

// http2Chooser is implemented by a handler that knows which hosts want HTTP/2.
type http2Chooser interface {
	wantsHTTP2(host string, port int) bool
}

// tlsFor is the TLS configuration for connection c: the servers' own, which
// offers h2 only to a host whose running scenario wants it.
func (s *servers) tlsFor(c net.Conn) *tls.Config {
	ch, ok := s.h.(http2Chooser)
	if !ok {
		return s.tls
	}
	base := s.tls.Clone()
	port := 0
	if a, ok := c.LocalAddr().(*net.TCPAddr); ok {
		port = a.Port
	}
	base.GetConfigForClient = func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
		if !ch.wantsHTTP2(hello.ServerName, port) {
			return nil, nil
		}
		h2 := s.tls.Clone()
		h2.NextProtos = []string{"h2", "http/1.1"}
		return h2, nil
	}
	return base
}

// serveHTTP2 serves one HTTP/2 connection until it closes or its deadline passes.
func (s *servers) serveHTTP2(c net.Conn) {
	srv := &http2.Server{MaxConcurrentStreams: 64, IdleTimeout: connDeadline}
	srv.ServeConn(c, &http2.ServeConnOpts{Handler: http.HandlerFunc(s.serveHTTP2Request)})
}

func (s *servers) serveHTTP2Request(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(io.LimitReader(req.Body, maxRequestBody+1))
	if err != nil || len(body) > maxRequestBody {
		panic(http.ErrAbortHandler) // resets the stream
	}
	resp, ok := s.h.serve("https", req, body)
	if !ok {
		panic(http.ErrAbortHandler) // the route asks for no answer: a network failure
	}
	hdr := w.Header()
	for _, kv := range resp.Headers {
		k := textproto.CanonicalMIMEHeaderKey(kv.Name)
		hdr[k] = append(hdr[k], kv.Value)
	}
	for _, k := range []string{"Date", "Content-Type"} {
		if _, ok := hdr[k]; !ok {
			hdr[k] = nil // present and empty: the server adds no value of its own
		}
	}
	w.WriteHeader(resp.Status)
	w.(http.Flusher).Flush()
	if req.Method != http.MethodHead && resp.Status >= 200 && resp.Status != 204 && resp.Status != 304 {
		io.WriteString(w, resp.Body)
	}
}

// setHTTP2 turns the offer of HTTP/2 to stream-body scenarios on or off.
func (h *hub) setHTTP2(on bool) {
	h.mu.Lock()
	h.http2 = on
	h.mu.Unlock()
}

// wantsHTTP2 reports whether HTTP/2 is on and the scenario that owns host:port has
// a fetch with a stream body.
func (h *hub) wantsHTTP2(host string, port int) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.byHost[host+":"+strconv.Itoa(port)]
	if !h.http2 || r == nil {
		return false
	}
	for _, f := range r.sc.Fetches {
		if f.StreamBody {
			return sendableOverHTTP2(r.sc)
		}
	}
	return false
}

// sendableOverHTTP2 reports whether every response the scenario configures reaches
// the browser unchanged over HTTP/2: a final status, header names and values an
// HTTP/2 encoder writes as they are, no connection-specific field, at most one
// numeric Content-Length. golang.org/x/net/http2 would otherwise drop or rewrite
// something silently, and the browser would judge other bytes than corsim; such a
// scenario stays on HTTP/1.1 (where Chromium's stream upload fails, a difference
// that shows in the report).
func sendableOverHTTP2(sc *scenario) bool {
	ok := func(r *responseSpec) bool {
		if r == nil {
			return true
		}
		if r.Status < 200 || r.Status > 599 {
			return false
		}
		lengths := 0
		for _, h := range r.Headers {
			if len(h) != 2 || !httpguts.ValidHeaderFieldName(h[0]) || !httpguts.ValidHeaderFieldValue(h[1]) {
				return false
			}
			switch strings.ToLower(h[0]) {
			case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade":
				return false
			case "content-length":
				lengths++
				if _, err := strconv.ParseUint(h[1], 10, 63); err != nil || lengths > 1 {
					return false
				}
			}
		}
		return true
	}
	for _, srv := range sc.Servers {
		if !ok(srv.Options) || !ok(srv.Actual) {
			return false
		}
		for i := range srv.OptionsSeq {
			if !ok(&srv.OptionsSeq[i]) {
				return false
			}
		}
		for i := range srv.ActualSeq {
			if !ok(&srv.ActualSeq[i]) {
				return false
			}
		}
	}
	return true
}
