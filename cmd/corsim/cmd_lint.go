package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/internal/har"
	"github.com/corsim/corsim/internal/httpheader"
	"github.com/corsim/corsim/internal/lint"
	"github.com/corsim/corsim/internal/lint/observe"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/scenario"
)

const lintUsage = `Usage: corsim lint [--origin O] [--browser B] [--json] FILE | - | URL

Finds CORS misconfigurations and says which browsers each one affects. With a URL it probes the live
server: for the allowed origin O and for origins a careless check lets in (null, an http:// downgrade,
prefix, suffix and unescaped-dot look-alikes, subdomains, special characters after the host, another
port, an arbitrary origin) it sends a preflight-shaped OPTIONS and a GET, then one plain OPTIONS. With
a scenario FILE ("-" for standard input) it judges what the scenario's servers answered its fetches;
each scenario's page origin is allowed, and so is O. With a HAR export (a .har file, or any input whose
JSON starts with the key "log") it judges the requests with an Origin header that the browser recorded
and their answers; the origins of the HAR's pages are allowed, and so is O.

Findings are grouped by severity (high, medium, low, info); --json writes one object per finding
(docs/json.md, kind "finding"). docs/lint.md lists every finding. Exit status: 0 when there is no
finding or only info findings, 1 when there is a finding of severity low or above or an input could
not be read, 2 for a usage error.

Flags:
`

// profilesFlag is lint's --browser: one profile, or all of them when not given.
type profilesFlag struct{ ps []algorithm.Profile }

func (f *profilesFlag) String() string {
	if len(f.ps) == 1 {
		return f.ps[0].String()
	}
	return "all"
}

func (f *profilesFlag) Set(s string) error {
	if strings.EqualFold(s, "all") {
		f.ps = nil
		return nil
	}
	p, err := algorithm.ParseProfile(s)
	if err != nil {
		return errors.New("want one of chromium, firefox, webkit, spec, all")
	}
	f.ps = []algorithm.Profile{p}
	return nil
}

// linted is what a lint found, and what it looked at.
type linted struct {
	findings  []lint.Finding
	exchanges int
	subject   string // what was linted, for the text heading
}

func cmdLint(args []string, e env) int {
	fs := newCommand("lint", lintUsage, e)
	allowed := fs.String("origin", "", "the `origin` the server means to trust, such as https://app.example.com")
	browsers := &profilesFlag{}
	fs.Var(browsers, "browser", "judge only in this `browser`: chromium, firefox, webkit or spec (default all)")
	asJSON := fs.Bool("json", false, "write one JSON object per finding instead of text")
	method := fs.String("method", "PUT", "URL: the `method` the probe's preflights ask for")
	reqHeaders := fs.String("request-headers", "authorization,content-type", "URL: the header `names` the probe's preflights announce")
	extra := &headerFlags{}
	fs.Var(extra, "header", "URL: a `header` (\"Name: value\") to send with every GET, such as a Cookie; repeatable")
	timeout := fs.Duration("timeout", 10*time.Second, "URL: how long each request may take")
	insecure := fs.Bool("insecure", false, "URL: do not verify the server's TLS certificate")
	if status, ok := fs.parse(args); !ok {
		return status
	}
	if fs.NArg() != 1 {
		return fs.usageError(`want one FILE, "-" for standard input, or an http(s) URL`)
	}
	var allow []string
	if *allowed != "" {
		o, err := origin.ParseSerialized(*allowed)
		if err != nil || o.IsOpaque() {
			return fs.usageError("--origin: want a serialized origin such as https://app.example.com")
		}
		allow = []string{o.String()}
	}
	cfg := lint.Config{Allowed: allow, Profiles: browsers.ps}
	arg := fs.Arg(0)

	var res linted
	status := exitOK
	if strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://") {
		if _, err := origin.ParseURL(arg); err != nil {
			return fs.usageError(err.Error())
		}
		tr := http.DefaultTransport.(*http.Transport).Clone()
		if *insecure {
			tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
		}
		defer tr.CloseIdleConnections()
		live := observe.Live{Client: &http.Client{Transport: tr, Timeout: *timeout}, Method: *method, RequestHeaders: splitList(*reqHeaders), Header: httpheader.ToHTTP(extra.l)}
		var ok bool
		if res, ok = lintLive(arg, live, cfg, e); !ok {
			return exitInput
		}
	} else {
		var ok bool
		if res, ok = lintFile(arg, cfg, *asJSON, e); !ok {
			status = exitInput
		}
		if res.subject == "" {
			// Nothing could be read at all: there is nothing to report, least of all "No findings".
			return exitInput
		}
	}
	if *asJSON {
		writeFindingsJSON(e.stdout, res.findings)
	} else {
		renderLint(e.stdout, res, browsers.ps, palette{on: e.color})
	}
	for _, f := range res.findings {
		if f.Severity != lint.Info {
			return exitInput
		}
	}
	return status
}

// lintLive probes target; ok is false when no request got an answer.
func lintLive(target string, live observe.Live, cfg lint.Config, e env) (linted, bool) {
	ref := ""
	if len(cfg.Allowed) > 0 {
		ref = cfg.Allowed[0]
	} else if o, err := origin.Parse(target); err == nil {
		ref = o.String()
	}
	origins := lint.TestOrigins(ref)
	xs, errs := live.Probe(context.Background(), target, origins)
	for i, err := range errs {
		if i == 3 {
			fmt.Fprintf(e.stderr, "corsim lint: and %d more requests failed\n", len(errs)-i)
			break
		}
		fmt.Fprintln(e.stderr, err)
	}
	if len(xs) == 0 {
		fmt.Fprintf(e.stderr, "corsim lint: no request to %s got an answer; nothing to judge\n", target)
		return linted{}, false
	}
	// A probe that the allowed origin itself cannot pass shows what is refused, not what is trusted
	// by mistake; say so rather than let an empty report look like a clean one.
	if len(cfg.Allowed) > 0 {
		for _, x := range xs {
			if x.Request.Method == "GET" && x.Request.Origin() == ref && !x.Response.Headers.Contains("Access-Control-Allow-Origin") {
				fmt.Fprintf(e.stderr, "corsim lint: note: the GET from the allowed origin %s got no Access-Control-Allow-Origin; "+
					"check --origin and the URL\n", ref)
			}
		}
	}
	return linted{
		findings:  lint.Lint(xs, cfg),
		exchanges: len(xs),
		subject:   fmt.Sprintf("%s (%s from %s)", target, counted(len(xs), "request"), counted(len(origins), "origin")),
	}, true
}

// lintFile judges every scenario of a file, or every exchange of a HAR export; ok is false when some
// line could not be read.
func lintFile(name string, cfg lint.Config, asJSON bool, e env) (linted, bool) {
	r, closeInput, err := openInput(name, e)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return linted{}, false
	}
	defer closeInput()
	br := bufio.NewReaderSize(r, 64<<10)
	if isHAR(name, br) {
		return lintHAR(name, br, cfg, e)
	}
	r = br
	label := name
	if name == "-" {
		label = ""
	}
	// The exchanges are recorded as the judged browser sends them, or as Chromium, the default of
	// the other commands, when every profile is judged.
	record := defaultBrowser
	if len(cfg.Profiles) == 1 {
		record = cfg.Profiles[0]
	}
	res := linted{subject: name}
	if name == "-" {
		res.subject = "standard input"
	}
	ok := true
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	rd := scenario.NewReader(r, label, 0)
	n := 0
	for {
		s, err := rd.Next()
		var le *scenario.LineError
		switch {
		case errors.Is(err, io.EOF):
			res.subject += " (" + counted(n, "scenario") + ", " + counted(res.exchanges, "request") + ")"
			return res, ok
		case errors.As(err, &le):
			ok = false
			fmt.Fprintln(e.stderr, le)
			if asJSON {
				writeLineError(out, le)
			}
			continue
		case err != nil:
			fmt.Fprintln(e.stderr, err)
			return res, false
		}
		n++
		xs, err := observe.Scenario(s, record)
		if err != nil {
			fmt.Fprintf(e.stderr, "corsim lint: scenario %s: %v\n", s.ID, err)
			ok = false
			continue
		}
		c := cfg
		c.Allowed = append([]string{s.PageOrigin().String()}, cfg.Allowed...)
		res.exchanges += len(xs)
		res.findings = append(res.findings, lint.Lint(xs, c)...)
	}
}

// findingJSON is a finding as --json writes it, kind "finding" (docs/json.md).
type findingJSON struct {
	Schema      string       `json:"schema"`
	Kind        string       `json:"kind"`
	ID          string       `json:"id"`
	Severity    string       `json:"severity"`
	Title       string       `json:"title"`
	Explanation string       `json:"explanation"`
	Browsers    []string     `json:"browsers"`
	Fix         string       `json:"fix"`
	Evidence    evidenceJSON `json:"evidence"`
}

type evidenceJSON struct {
	Origin  string      `json:"origin,omitempty"`
	Method  string      `json:"method"`
	URL     string      `json:"url"`
	Status  int         `json:"status"`
	Headers [][2]string `json:"headers"`
	Source  string      `json:"source,omitempty"`
}

func writeFindingsJSON(w io.Writer, fs []lint.Finding) {
	out := bufio.NewWriter(w)
	defer out.Flush()
	for _, f := range fs {
		j := findingJSON{
			Schema: jsonSchema, Kind: "finding", ID: f.ID, Severity: f.Severity.String(), Title: f.Title,
			Explanation: f.Explanation, Browsers: make([]string, len(f.Browsers)), Fix: f.Fix,
			Evidence: evidenceJSON{Origin: f.Evidence.Origin, Method: f.Evidence.Method, URL: f.Evidence.URL,
				Status: f.Evidence.Status, Headers: make([][2]string, len(f.Evidence.Headers)), Source: f.Evidence.Source},
		}
		for i, p := range f.Browsers {
			j.Browsers[i] = p.String()
		}
		for i, h := range f.Evidence.Headers {
			j.Evidence.Headers[i] = [2]string{h.Name, h.Value}
		}
		b, _ := json.Marshal(j) // strings, ints and slices of them cannot fail to marshal
		out.Write(b)
		out.WriteByte('\n')
	}
}

// renderLint writes the findings for a person, most severe first.
func renderLint(w io.Writer, res linted, ps []algorithm.Profile, pal palette) {
	out := bufio.NewWriter(w)
	defer out.Flush()
	judged := "spec, chromium, firefox, webkit"
	if len(ps) == 1 {
		judged = ps[0].String()
	}
	fmt.Fprintf(out, "%s %s, judged in %s\n", pal.bold("corsim lint:"), res.subject, judged)
	if len(res.findings) == 0 {
		fmt.Fprintln(out, "\n"+pal.green("No findings."))
		return
	}
	count := map[lint.Severity]int{}
	for _, f := range res.findings {
		count[f.Severity]++
	}
	var parts []string
	for _, s := range lint.Severities() {
		if count[s] > 0 {
			parts = append(parts, strconv.Itoa(count[s])+" "+s.String())
		}
	}
	noun := "findings"
	if len(res.findings) == 1 {
		noun = "finding"
	}
	fmt.Fprintf(out, "%d %s: %s\n", len(res.findings), noun, strings.Join(parts, ", "))
	for _, s := range lint.Severities() {
		if count[s] == 0 {
			continue
		}
		fmt.Fprintf(out, "\n%s\n", severityColor(pal, s, strings.ToUpper(s.String())))
		for _, f := range res.findings {
			if f.Severity == s {
				renderFinding(out, f, pal)
			}
		}
	}
}

func renderFinding(out *bufio.Writer, f lint.Finding, pal palette) {
	fmt.Fprintf(out, "\n  %s  %s\n", severityColor(pal, f.Severity, f.ID), f.Title)
	for _, l := range wrap(f.Explanation, 96) {
		fmt.Fprintf(out, "    %s\n", l)
	}
	field := func(name string, lines ...string) {
		for i, l := range lines {
			if i == 0 {
				fmt.Fprintf(out, "    %-9s %s\n", pal.bold(name), l)
			} else {
				fmt.Fprintf(out, "    %-9s %s\n", "", l)
			}
		}
	}
	if len(f.Browsers) > 0 {
		bs := make([]string, len(f.Browsers))
		for i, p := range f.Browsers {
			bs[i] = p.String()
		}
		field("browsers", strings.Join(bs, ", "))
	}
	ev := f.Evidence
	line := ev.Method + " " + ev.URL
	if ev.Origin != "" {
		line += " from Origin " + ev.Origin
	}
	line += " → " + strconv.Itoa(ev.Status)
	if ev.Source != "" {
		line += pal.dim("  (" + ev.Source + ")")
	}
	lines := []string{line}
	for _, h := range ev.Headers {
		lines = append(lines, "  "+h.Name+": "+h.Value)
	}
	if len(ev.Headers) == 0 {
		lines = append(lines, "  (no Access-Control-* or Vary headers)")
	}
	field("evidence", lines...)
	field("fix", wrap(f.Fix, 86)...)
}

func severityColor(pal palette, s lint.Severity, text string) string {
	switch s {
	case lint.High:
		return pal.red(text)
	case lint.Medium:
		return pal.yellow(text)
	case lint.Low:
		return pal.cyan(text)
	}
	return pal.dim(text)
}

// unitSpace is the space between a number and its unit ("600 s"), which wrap keeps on one line.
var unitSpace = regexp.MustCompile(`([0-9]) (s\b)`)

// wrap breaks text into lines of at most width bytes at spaces (a longer word gets a line of its own),
// never between a number and its unit.
func wrap(text string, width int) []string {
	text = unitSpace.ReplaceAllString(text, "${1}\x00${2}")
	lines := wrapWords(text, width)
	for i := range lines {
		lines[i] = strings.ReplaceAll(lines[i], "\x00", " ")
	}
	return lines
}

func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) > width:
			lines = append(lines, line)
			line = w
		default:
			line += " " + w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// counted writes n and a noun, "1 request" or "2 requests".
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// splitList splits a comma-separated flag value.
func splitList(s string) []string {
	out := []string{}
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// isHAR reports whether the input is a HAR export rather than a scenario file: its name ends in .har,
// or it holds a JSON object whose first key is "log" (a HAR document's one top-level key; a scenario
// line has no "log" key).
func isHAR(name string, br *bufio.Reader) bool {
	if strings.HasSuffix(strings.ToLower(name), ".har") {
		return true
	}
	head, _ := br.Peek(br.Size())
	d := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	t, err := d.Token()
	return err == nil && t == "log"
}

// lintHAR judges the exchanges a HAR export recorded; the origins of its pages are allowed, and so is
// --origin. ok is false when the document or one of its entries could not be read.
func lintHAR(name string, r io.Reader, cfg lint.Config, e env) (linted, bool) {
	l, err := har.Read(r, 0)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return linted{}, false
	}
	ok := true
	for i := range l.Entries {
		if err := l.Entries[i].Err; err != nil {
			fmt.Fprintf(e.stderr, "corsim lint: HAR entry %d: %v\n", l.Entries[i].Index, err)
			ok = false
		}
	}
	xs, pages := observe.HAR(l)
	if name == "-" {
		name = "standard input"
	}
	c := cfg
	c.Allowed = append(pages, cfg.Allowed...)
	if len(c.Allowed) == 0 {
		fmt.Fprintln(e.stderr, "corsim lint: note: the HAR names no page origin; without --origin every origin a response trusts is judged as untrusted")
	}
	return linted{
		findings:  lint.Lint(xs, c),
		exchanges: len(xs),
		subject:   fmt.Sprintf("%s (HAR: %d entries, %d with an Origin header and a response)", name, len(l.Entries), len(xs)),
	}, ok
}
