package observe

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/internal/httpheader"
	"github.com/corsim/corsim/internal/lint"
)

// Live probes a live URL as scanners do, with Go's net/http client: for each test origin, a
// preflight-shaped OPTIONS (Origin, Access-Control-Request-Method, Access-Control-Request-Headers)
// and a GET with that Origin; then one plain OPTIONS (no Access-Control-Request-Method) from the
// first origin. Redirects are not followed: the redirect response is what a browser's CORS check
// would see first.
type Live struct {
	// Client sends the requests; nil means a client with a 10-second timeout. Its CheckRedirect is
	// replaced so that redirects are returned, not followed.
	Client *http.Client
	// Method is what the preflights ask for in Access-Control-Request-Method; "" means PUT.
	Method string
	// RequestHeaders are the names the preflights announce in Access-Control-Request-Headers
	// (lower-cased, sorted, joined with "," as browsers do); nil means authorization and content-type.
	RequestHeaders []string
	// Header is added to every GET, such as a Cookie that makes the response the one a signed-in
	// visitor gets.
	Header http.Header
	// Concurrency bounds the requests in flight; 0 means 4.
	Concurrency int
}

// probe is one request Live sends.
type probe struct {
	method string
	origin string
	acrm   string // "" for none
	acrh   string
}

// Probe sends the requests to target and returns the exchanges in the order they were planned
// (each origin's OPTIONS, then its GET; the plain OPTIONS last), leaving out the requests that got
// no response; errs has one error per such request.
func (lv Live) Probe(ctx context.Context, target string, origins []lint.TestOrigin) (xs []lint.Exchange, errs []error) {
	client := &http.Client{Timeout: 10 * time.Second}
	if lv.Client != nil {
		c := *lv.Client
		client = &c
	}
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	method := lv.Method
	if method == "" {
		method = "PUT"
	}
	names := lv.RequestHeaders
	if names == nil {
		names = []string{"authorization", "content-type"}
	}
	acrh := strings.ToLower(strings.Join(sortedUnique(names), ","))

	var plan []probe
	for _, o := range origins {
		plan = append(plan, probe{method: "OPTIONS", origin: o.Origin, acrm: method, acrh: acrh}, probe{method: "GET", origin: o.Origin})
	}
	if len(origins) > 0 {
		plan = append(plan, probe{method: "OPTIONS", origin: origins[0].Origin})
	}

	results := make([]*lint.Exchange, len(plan))
	failures := make([]error, len(plan))
	n := lv.Concurrency
	if n <= 0 {
		n = 4
	}
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, p := range plan {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i], failures[i] = lv.send(ctx, client, target, p)
		}()
	}
	wg.Wait()
	for i := range plan {
		if failures[i] != nil {
			errs = append(errs, failures[i])
		} else {
			xs = append(xs, *results[i])
		}
	}
	return xs, errs
}

// send sends one probe and records the exchange.
func (lv Live) send(ctx context.Context, client *http.Client, target string, p probe) (*lint.Exchange, error) {
	req, err := http.NewRequestWithContext(ctx, p.method, target, nil)
	if err != nil {
		return nil, fmt.Errorf("corsim: %s %s: %w", p.method, target, err)
	}
	req.Header.Set("Origin", p.origin)
	credentials := false
	if p.acrm != "" {
		req.Header.Set("Access-Control-Request-Method", p.acrm)
		if p.acrh != "" {
			req.Header.Set("Access-Control-Request-Headers", p.acrh)
		}
	} else if p.method == "GET" {
		for name, vs := range lv.Header {
			for _, v := range vs {
				req.Header.Add(name, v)
			}
		}
		credentials = req.Header.Get("Cookie") != "" || req.Header.Get("Authorization") != ""
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("corsim: %s %s from Origin %s: %w", p.method, target, p.origin, err)
	}
	// The body decides nothing here; read a little so the connection can be reused.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	source := "probe"
	if p.method == "OPTIONS" && p.acrm == "" {
		source = "probe (plain OPTIONS)"
	}
	return &lint.Exchange{
		Request:  lint.Request{Method: p.method, URL: target, Headers: httpheader.FromHTTP(req.Header), Credentials: credentials},
		Response: algorithm.Response{Status: resp.StatusCode, Headers: httpheader.FromHTTP(resp.Header)},
		Source:   source,
	}, nil
}

func sortedUnique(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}
