package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/advice"
	"github.com/corsim/corsim/scenario"
)

const probeUsage = `Usage: corsim probe --origin O [--method M] [-H 'Name: value']... [--data BODY]
                    [--credentials MODE] [--mode MODE] [--browser B] [--json] URL

Asks a live server what a browser would: a page on origin O calls fetch(URL) with the method,
headers, body and modes given. corsim sends the CORS preflight when the browser would, then the
actual request only if the browser would send it (a blocked preflight means the PATCH or DELETE is
never sent), follows redirects as the browser does, judges every answer with the browser's rules,
and prints the steps, the requests sent, what script could read and, when blocked, the reason, the
console message and the fix. Exit status 1 when the browser would block the fetch (or could not
reach the server), 2 for a wrong command line.

Requests go out with Go's HTTP client and the environment's proxy settings; only the headers that
CORS decides are sent (no cookies, no User-Agent of a browser).

Flags:
`

// headerFlags collects repeated -H values.
type headerFlags struct{ l fetchmode.HeaderList }

func (h *headerFlags) String() string { return "" }

func (h *headerFlags) Set(s string) error {
	name, value, ok := strings.Cut(s, ":")
	if !ok || strings.TrimSpace(name) == "" {
		return errors.New(`want "Name: value"`)
	}
	h.l = append(h.l, fetchmode.Header{Name: strings.TrimSpace(name), Value: strings.TrimLeft(value, " \t")})
	return nil
}

// enumFlag is a flag whose value must be one of a fixed set.
type enumFlag struct {
	value string
	valid []string
}

func (f *enumFlag) String() string { return f.value }

func (f *enumFlag) Set(s string) error {
	for _, v := range f.valid {
		if s == v {
			f.value = s
			return nil
		}
	}
	return fmt.Errorf("want one of %s", strings.Join(f.valid, ", "))
}

func cmdProbe(args []string, e env) int {
	fs := newCommand("probe", probeUsage, e)
	pageOrigin := fs.String("origin", "", "the page's `origin`, such as https://app.example (required)")
	method := fs.String("method", "GET", "the fetch's `method`")
	var headers headerFlags
	fs.Var(&headers, "H", "a request header script sets, `'Name: value'` (repeatable)")
	data := fs.String("data", "", "a string `body` (also makes the browser add Content-Type: text/plain;charset=UTF-8 unless -H sets one)")
	creds := &enumFlag{value: "same-origin", valid: []string{"omit", "same-origin", "include"}}
	fs.Var(creds, "credentials", "the fetch's credentials `mode`: omit, same-origin or include")
	mode := &enumFlag{value: "cors", valid: []string{"cors", "no-cors", "same-origin"}}
	fs.Var(mode, "mode", "the fetch's `mode`: cors, no-cors or same-origin")
	br := fs.browserFlag()
	asJSON := fs.Bool("json", false, "write one JSON object (kind \"explanation\") instead of text")
	timeout := fs.Duration("timeout", 15*time.Second, "give up on the server after this `long`")
	// Let flags follow the URL too (corsim probe URL --origin O), as people type them.
	if status, ok := fs.parse(reorder(args)); !ok {
		return status
	}
	if fs.NArg() != 1 {
		return fs.usageError("want exactly one URL")
	}
	if *pageOrigin == "" {
		return fs.usageError("--origin is required: the origin of the page that calls fetch()")
	}
	dataSet := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "data" {
			dataSet = true
		}
	})

	req := browser.Request{URL: fs.Arg(0), Method: *method, Headers: headers.l}
	if dataSet {
		req.Body = browser.Text(*data)
	}
	var err error
	if req.Credentials, err = fetchmode.ParseCredentials(creds.value); err != nil {
		return fs.usageError(err.Error())
	}
	if req.Mode, err = fetchmode.ParseMode(mode.value); err != nil {
		return fs.usageError(err.Error())
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.DialContext = (&net.Dialer{Timeout: *timeout}).DialContext
	transport.ResponseHeaderTimeout = *timeout
	b, err := browser.New(*pageOrigin, browser.WithProfile(br.p), browser.Transport(transport))
	if err != nil {
		return fs.usageError(strings.TrimPrefix(err.Error(), "browser: "))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4**timeout)
	defer cancel()
	resp, ferr := b.Fetch(ctx, req)

	var v algorithm.Verdict
	var ar algorithm.Request
	var transportErr error
	var ce *browser.Error
	switch {
	case ferr == nil:
		v = resp.Verdict
		ar = algorithm.Request{Origin: b.Page(), URL: req.URL, Method: req.Method, Headers: req.Headers, Body: req.Body, Mode: req.Mode, Credentials: req.Credentials}
	case errors.As(ferr, &ce):
		v, ar, transportErr = ce.Verdict, ce.Request, ce.Err
	default:
		fmt.Fprintln(e.stderr, "corsim probe:", ferr)
		return exitInput
	}
	ex, err := explainOne(ar, &v, br.p)
	if err != nil {
		fmt.Fprintln(e.stderr, "corsim probe:", err)
		return exitInput
	}
	ex.Kind = "probe"
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	if *asJSON {
		line, err := json.Marshal(ex)
		if err != nil {
			fmt.Fprintln(e.stderr, "corsim probe:", err)
			return exitInput
		}
		out.Write(line)
		out.WriteByte('\n')
	} else {
		fmt.Fprintf(out, "Probe — page %s, browser %s, live server\n", ex.PageOrigin, ex.Browser)
		renderFetch(out, &ex.Fetches[0], palette{on: e.color})
		if transportErr != nil {
			fmt.Fprintf(out, "  %-9s %s\n", "Network", transportErr)
		}
	}
	if v.Outcome != algorithm.OK {
		return exitInput
	}
	return exitOK
}

// explainOne is explain for a single fetch that has run.
func explainOne(r algorithm.Request, v *algorithm.Verdict, p algorithm.Profile) (explanation, error) {
	ex := explanation{Schema: jsonSchema, Kind: "explanation", Browser: p.String(), PageOrigin: r.Origin.String()}
	verdict, err := scenario.AppendVerdict(nil, v)
	if err != nil {
		return ex, err
	}
	method := r.Method
	if method == "" {
		method = "GET"
	}
	ex.Fetches = []explainedFetch{{
		Index: 1, Method: fetchmode.NormalizeMethod(method), URL: r.URL,
		Mode: r.Mode.String(), Credentials: r.Credentials.String(), Redirect: r.Redirect.String(), Cache: r.Cache.String(),
		Verdict: verdict, Fix: advice.Fix(r.Origin.String(), r, v), req: r, verdict: v,
	}}
	return ex, nil
}

// reorder moves the arguments that are not flags after the flags, so that the flag package,
// which stops at the first non-flag, sees every flag.
func reorder(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			rest = append(rest, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "-") && a != "-":
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue(name) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			rest = append(rest, a)
		}
	}
	return append(flags, rest...)
}

// takesValue reports whether probe's flag name takes a separate value.
func takesValue(name string) bool {
	switch name {
	case "json", "h", "help":
		return false
	}
	return true
}
