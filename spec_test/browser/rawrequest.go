package browser

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
)

// maxRequestHead bounds the request line and header lines of one request.
const maxRequestHead = 8 << 20

// readRawRequest reads one HTTP/1.1 request more leniently than net/http does:
// header values may hold any byte but CR and LF (a browser sends what script set,
// control bytes included), and names are kept as they came, only canonicalized as
// map keys. The body is read whole, framed by Content-Length or chunked coding.
func readRawRequest(br *bufio.Reader) (*http.Request, []byte, error) {
	budget := maxRequestHead
	line, err := readLine(br, &budget)
	if err != nil {
		return nil, nil, err
	}
	parts := strings.SplitN(line, " ", 3)
	if len(parts) != 3 || parts[0] == "" || !strings.HasPrefix(parts[2], "HTTP/1.") {
		return nil, nil, fmt.Errorf("corsim: browser: request line %q", line)
	}
	req := &http.Request{Method: parts[0], RequestURI: parts[1], Proto: parts[2], ProtoMajor: 1,
		Header: http.Header{}}
	req.ProtoMinor, _ = strconv.Atoi(strings.TrimPrefix(parts[2], "HTTP/1."))
	if req.URL, err = url.ParseRequestURI(parts[1]); err != nil {
		req.URL = &url.URL{Path: parts[1]}
	}
	for {
		line, err := readLine(br, &budget)
		if err != nil {
			return nil, nil, err
		}
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return nil, nil, fmt.Errorf("corsim: browser: header line %q", line)
		}
		key := textproto.CanonicalMIMEHeaderKey(name)
		req.Header[key] = append(req.Header[key], strings.Trim(value, " \t"))
	}
	req.Host = req.Header.Get("Host")
	body, err := readBody(br, req.Header)
	if err != nil {
		return nil, nil, err
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	return req, body, nil
}

// readLine reads one CRLF- (or LF-) terminated line, charging it to budget.
func readLine(br *bufio.Reader, budget *int) (string, error) {
	var b []byte
	for {
		chunk, err := br.ReadSlice('\n')
		*budget -= len(chunk)
		if *budget < 0 {
			return "", errors.New("corsim: browser: request head too large")
		}
		b = append(b, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return "", err
		}
		return strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r"), nil
	}
}

// readBody reads a request body framed by Content-Length or chunked coding.
func readBody(br *bufio.Reader, h http.Header) ([]byte, error) {
	if te := strings.ToLower(h.Get("Transfer-Encoding")); strings.Contains(te, "chunked") {
		var body []byte
		budget := maxRequestHead
		for {
			line, err := readLine(br, &budget)
			if err != nil {
				return nil, err
			}
			size, _, _ := strings.Cut(line, ";")
			n, err := strconv.ParseInt(strings.TrimSpace(size), 16, 64)
			if err != nil || n < 0 || int64(len(body))+n > maxRequestBody {
				return nil, fmt.Errorf("corsim: browser: chunk size %q", line)
			}
			if n == 0 {
				for { // trailers
					if l, err := readLine(br, &budget); err != nil || l == "" {
						return body, err
					}
				}
			}
			chunk := make([]byte, n)
			if _, err := io.ReadFull(br, chunk); err != nil {
				return nil, err
			}
			body = append(body, chunk...)
			if _, err := readLine(br, &budget); err != nil {
				return nil, err
			}
		}
	}
	cl := h.Get("Content-Length")
	if cl == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(cl, 10, 64)
	if err != nil || n < 0 || n > maxRequestBody {
		return nil, fmt.Errorf("corsim: browser: Content-Length %q", cl)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(br, body); err != nil {
		return nil, err
	}
	return body, nil
}
