package browser

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/httpheader"
	"github.com/corsim/corsim/origin"
)

// exchange answers the engine's requests for one fetch by sending them over HTTP: it is the
// only place where corsim's requests become net/http ones and back.
type exchange struct {
	b      *Browser
	ctx    context.Context
	body   *string
	method string              // the fetch's normalized method
	last   *algorithm.Response // the last response received
	err    error               // the first transport error
}

// errNoServer is the error for a URL that no in-process handler serves.
var errNoServer = errors.New("no handler serves this origin")

// Respond sends one request the engine decided to send and returns the server's answer as it
// came over the wire. A transport error fails the fetch as a network error.
func (x *exchange) Respond(sr algorithm.SentRequest) (algorithm.Response, error) {
	resp, err := x.send(sr)
	if err != nil {
		if x.err == nil {
			x.err = err
		}
		return algorithm.Response{}, err
	}
	x.last = &resp
	return resp, nil
}

func (x *exchange) send(sr algorithm.SentRequest) (algorithm.Response, error) {
	if err := x.ctx.Err(); err != nil {
		return algorithm.Response{}, err
	}
	hr, err := x.request(sr)
	if err != nil {
		return algorithm.Response{}, err
	}
	var res *http.Response
	switch b := x.b; {
	case b.rt != nil:
		res, err = b.rt.RoundTrip(hr)
	case b.server != nil:
		hr.URL.Scheme, hr.URL.Host = b.server.url.Scheme, b.server.url.Host
		res, err = b.server.rt.RoundTrip(hr)
	default:
		res, err = x.serve(hr, sr.URL)
	}
	if err != nil {
		return algorithm.Response{}, err
	}
	if res == nil {
		// http.Client refuses this too.
		return algorithm.Response{}, errors.New("the RoundTripper returned a nil *http.Response and a nil error")
	}
	if res.Body == nil {
		// RoundTrippers written for tests often mean an empty body by it; http.Client reads it so.
		res.Body = http.NoBody
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, x.b.maxBody+1))
	if err != nil {
		return algorithm.Response{}, fmt.Errorf("reading the response body: %w", err)
	}
	if int64(len(body)) > x.b.maxBody {
		return algorithm.Response{}, fmt.Errorf("the response body is over %d bytes (MaxBodyBytes)", x.b.maxBody)
	}
	if hr.Method == http.MethodHead || nullBodyStatus(res.StatusCode) {
		// A browser gives these responses no body, whatever bytes came (Fetch §null-body-status,
		// and HTTP: a response to HEAD has none). An in-process handler's writes are recorded as
		// they are, and a RoundTripper may return some.
		body = nil
	}
	headers, err := responseHeaders(res)
	if err != nil {
		return algorithm.Response{}, err
	}
	return algorithm.Response{Status: res.StatusCode, Headers: headers, Body: string(body)}, nil
}

// nullBodyStatus is Fetch §null-body-status.
func nullBodyStatus(s int) bool { return s == 101 || s == 103 || s == 204 || s == 205 || s == 304 }

// request builds the net/http request for sr. Only the actual request carries the body, and only
// while its method is the fetch's own: a redirect that turns the method into GET drops the body
// (Fetch §concept-http-redirect-fetch step 12).
func (x *exchange) request(sr algorithm.SentRequest) (*http.Request, error) {
	var body io.Reader
	if x.body != nil && !sr.Preflight && sr.Method == x.method {
		body = strings.NewReader(*x.body)
	}
	hr, err := http.NewRequestWithContext(x.ctx, sr.Method, sr.URL, body)
	if err != nil {
		return nil, fmt.Errorf("net/http cannot send %s %s: %w", sr.Method, sr.URL, err)
	}
	hr.Header = httpheader.ToHTTP(sr.Headers)
	return hr, nil
}

// serve answers hr in-process with the handler that serves rawURL's origin. The request looks as
// a server would see it: RequestURI, RemoteAddr, and TLS for https; its context is the fetch's.
func (x *exchange) serve(hr *http.Request, rawURL string) (*http.Response, error) {
	h := x.b.fallback
	if u, perr := origin.ParseURL(rawURL); perr == nil {
		key := u.Origin().String()
		for _, r := range x.b.routes {
			if r.origin == key {
				h = r.h
				break
			}
		}
	}
	if h == nil {
		return nil, fmt.Errorf("%s: %w", rawURL, errNoServer)
	}
	hr.RequestURI = hr.URL.RequestURI()
	hr.RemoteAddr = "192.0.2.1:49152"
	if hr.URL.Scheme == "https" {
		hr.TLS = &tls.ConnectionState{Version: tls.VersionTLS13, HandshakeComplete: true, ServerName: hr.URL.Hostname()}
	}
	if hr.Body == nil {
		hr.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	ctx := hr.Context()
	if ctx.Done() == nil {
		// A context that never ends: call h on this goroutine, so that t.FailNow in h behaves as
		// in the test itself.
		if err := call(h, rec, hr); err != nil {
			return nil, err
		}
		return result(rec, hr), nil
	}
	// Otherwise the context bounds the wait, as it bounds a client's: a handler that ignores it is
	// left to finish on its own goroutine, and what it writes is dropped, as a server's answer to a
	// client that has gone.
	done := make(chan error, 1)
	go func() {
		err := errors.New("the handler ended its goroutine without returning (runtime.Goexit, as t.FailNow calls)")
		defer func() { done <- err }()
		err = call(h, rec, hr)
	}()
	select {
	case err := <-done:
		if err != nil {
			return nil, err
		}
		return result(rec, hr), nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// call runs h, turning a panic into an error as a server that drops the connection would.
func call(h http.Handler, rec *httptest.ResponseRecorder, hr *http.Request) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				err = fmt.Errorf("the handler aborted the response: %v", p)
				return
			}
			err = fmt.Errorf("the handler panicked: %v", p)
		}
	}()
	h.ServeHTTP(interim{rec}, hr)
	return nil
}

// result is the recorded response with what net/http's server adds to one, so that script sees
// the same in-process as over a listener: Date, and Content-Length when the whole body fit in the
// server's buffer (2048 bytes), the handler did not flush, and the status allows a body (a HEAD
// response gets one only for a body the handler wrote). send drops the body where HTTP has none.
func result(rec *httptest.ResponseRecorder, hr *http.Request) *http.Response {
	res := rec.Result()
	if _, ok := res.Header["Date"]; !ok {
		res.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	}
	if _, ok := res.Header["Content-Length"]; !ok && !rec.Flushed && res.Header.Get("Transfer-Encoding") == "" &&
		rec.Body.Len() <= 2048 && !nullBodyStatus(res.StatusCode) && res.StatusCode >= 200 &&
		(hr.Method != http.MethodHead || rec.Body.Len() > 0) {
		res.Header.Set("Content-Length", strconv.Itoa(rec.Body.Len()))
	}
	return res
}

// interim keeps the informational responses a handler sends (WriteHeader(103) for Early Hints, say)
// out of the recorder, as Go's server sends them ahead of the response and its client skips them:
// the response is the final one. 101 Switching Protocols is final, as it is for Go's server.
type interim struct{ *httptest.ResponseRecorder }

func (w interim) WriteHeader(code int) {
	if code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols {
		return
	}
	w.ResponseRecorder.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the recorder.
func (w interim) Unwrap() http.ResponseWriter { return w.ResponseRecorder }

// responseHeaders converts a response's headers to a header list, as they would be after a trip
// over the wire from a Go server to a Go client: a name that is not a token is dropped, CR and LF
// in a value become spaces, values are trimmed, names canonicalized. An in-process handler's (or a
// RoundTripper's) header map is otherwise taken as it is, so script could read a line no browser
// receives, and a padded value could fail in-process though it passes over Server. A header the
// client would refuse fails the fetch as a network error. Go keeps no order between names, so
// names come out sorted; the lines of one name keep their order, so two
// Access-Control-Allow-Origin lines reach the engine as two.
func responseHeaders(res *http.Response) (fetchmode.HeaderList, error) {
	var wire bytes.Buffer
	if err := res.Header.Write(&wire); err != nil {
		return nil, fmt.Errorf("writing the response headers: %w", err)
	}
	wire.WriteString("\r\n")
	h, err := textproto.NewReader(bufio.NewReader(&wire)).ReadMIMEHeader()
	if err != nil {
		return nil, fmt.Errorf("a Go client refuses the response headers: %w", err)
	}
	return httpheader.FromHTTP(http.Header(h)), nil
}
