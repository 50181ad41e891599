package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/advice"
	"github.com/corsim/corsim/internal/har"
	"github.com/corsim/corsim/scenario"
)

const harUsage = `Usage: corsim har [--origin O] [--credentials omit|same-origin|include] [--browser B] [--trace] [--json] FILE.har

Replays a HAR 1.2 export (DevTools "Save all as HAR", Firefox's network monitor, Playwright's
recordHar; "-" reads standard input): every cross-origin fetch() or XMLHttpRequest in it is rebuilt
as the script made it, run against the responses the HAR recorded, and reported as explain reports a
fetch: what script can read, or why it is blocked, the console message and a fix; and whether the
browser that made the HAR recorded the same. Same-origin, non-http and non-fetch entries are listed
as ignored. A fetch whose preflight the HAR lacks (Playwright leaves them out) is not judged: corsim
prints the preflight the browser would send and does not guess its answer. docs/har.md gives the
rules for the page, the script's headers and the credentials.

Without --browser the browser is the one that made the HAR, as its creator says (chromium otherwise).
--json writes one JSON object per entry (docs/json.md, kinds har-entry and har-ignored). The exit
status is 1 when some fetch is blocked or some entry cannot be read, 2 for a usage error.

Flags:
`

// credentialsFlag is the --credentials value; set is false until the flag is given.
type credentialsFlag struct {
	c   fetchmode.Credentials
	set bool
}

func (c *credentialsFlag) String() string {
	if !c.set {
		return ""
	}
	return c.c.String()
}

func (c *credentialsFlag) Set(s string) error {
	v, err := fetchmode.ParseCredentials(s)
	if err != nil {
		return fmt.Errorf("want one of omit, same-origin, include")
	}
	c.c, c.set = v, true
	return nil
}

// harEntry is the --json line of a replayed fetch, kind "har-entry".
type harEntry struct {
	Schema          string          `json:"schema"`
	Kind            string          `json:"kind"`
	Entry           int             `json:"entry"`
	Browser         string          `json:"browser"`
	Page            string          `json:"page"`
	PageFrom        string          `json:"page_from"`
	Method          string          `json:"method"`
	URL             string          `json:"url"`
	Credentials     string          `json:"credentials"`
	CredentialsFrom string          `json:"credentials_from"`
	Headers         [][2]string     `json:"headers"`
	DroppedHeaders  []string        `json:"dropped_headers,omitempty"`
	RestoredHeaders []string        `json:"restored_headers,omitempty"`
	Body            *string         `json:"body,omitempty"`
	RedirectEntries []int           `json:"redirect_entries,omitempty"`
	Recorded        harRecorded     `json:"recorded"`
	Preflight       harPreflight    `json:"preflight"`
	Judged          bool            `json:"judged"`
	Unjudged        string          `json:"unjudged,omitempty"`
	Verdict         json.RawMessage `json:"verdict"`
	AnsweredBy      []int           `json:"answered_by"`
	Fix             string          `json:"fix,omitempty"`
	Agrees          *bool           `json:"agrees"`
	Agreement       string          `json:"agreement"`
	Hint            string          `json:"hint,omitempty"`
}

type harRecorded struct {
	Status  int    `json:"status"`
	Error   string `json:"error,omitempty"`
	Failed  bool   `json:"failed"`
	Aborted bool   `json:"aborted,omitempty"`
}

type harPreflight struct {
	Source  string      `json:"source"`
	Entry   int         `json:"entry,omitempty"`
	Request *harRequest `json:"request,omitempty"`
}

// harRequest is a request in the form of the verdict's server_saw.
type harRequest struct {
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"`
}

// harIgnored is the --json line of an entry that is not replayed, kind "har-ignored".
type harIgnored struct {
	Schema string `json:"schema"`
	Kind   string `json:"kind"`
	Entry  int    `json:"entry"`
	Method string `json:"method,omitempty"`
	URL    string `json:"url,omitempty"`
	Reason string `json:"reason"`
	Of     int    `json:"of,omitempty"`
}

func cmdHAR(args []string, e env) int {
	fs := newCommand("har", harUsage, e)
	browser := fs.browserFlag()
	if f := fs.Lookup("browser"); f != nil {
		// Here the default is the exporter's browser, not a fixed one. A DefValue that reads as the
		// flag type's zero value keeps PrintDefaults from adding a "(default …)" of its own.
		f.Usage, f.DefValue = "`browser` to model: chromium, firefox, webkit or spec (default: the one that made the HAR, else chromium)", (&browserFlag{}).String()
	}
	page := fs.String("origin", "", "the `origin` of the page every entry ran in (default: found in the HAR)")
	var creds credentialsFlag
	fs.Var(&creds, "credentials", "the `mode` of every fetch: omit, same-origin or include (default: include when the request shows a Cookie header, else same-origin)")
	asJSON := fs.Bool("json", false, "write one JSON object per entry instead of text")
	trace := fs.Bool("trace", false, "show the algorithm's steps (in --json, each verdict's \"trace\")")
	if status, ok := fs.parse(args); !ok {
		return status
	}
	if fs.NArg() != 1 {
		return fs.usageError("want one FILE.har")
	}
	opts := har.Options{Credentials: creds.c, CredentialsSet: creds.set, Trace: *trace}
	if *page != "" {
		o, err := parseAnyOrigin(*page)
		if err != nil {
			return fs.usageError("--origin: " + strings.TrimPrefix(err.Error(), "corsim: origin: "))
		}
		opts.Page = o
	}
	browserSet := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "browser" {
			browserSet = true
		}
	})

	r, closeInput, err := openInput(fs.Arg(0), e)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitInput
	}
	defer closeInput()
	log, err := har.Read(r, 0)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %s\n", err, fs.Arg(0))
		return exitInput
	}
	opts.Profile = browser.p
	profileFrom := "--browser"
	if !browserSet {
		if p, ok := har.ExporterProfile(log); ok {
			opts.Profile, profileFrom = p, "the exporter's"
		} else {
			profileFrom = "the default; the HAR does not say which browser made it"
		}
	}
	results := har.Replay(log, opts)

	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	status := exitOK
	for i := range results {
		res := &results[i]
		if res.Blocked() || strings.HasPrefix(res.Ignored, "unreadable") {
			status = exitInput
		}
		if strings.HasPrefix(res.Ignored, "unreadable") {
			fmt.Fprintf(e.stderr, "corsim: har: %s: entry %d: %s\n", fs.Arg(0), res.Index, res.Ignored)
		}
	}
	if *asJSON {
		for i := range results {
			if err := writeHARJSON(out, &results[i], opts.Profile); err != nil {
				fmt.Fprintln(e.stderr, "corsim: har:", err)
				return exitInput
			}
		}
		return status
	}
	renderHAR(out, fs.Arg(0), log, results, opts.Profile, profileFrom, palette{on: e.color})
	return status
}

func writeHARJSON(out io.Writer, res *har.Result, p algorithm.Profile) error {
	var b []byte
	var err error
	if res.Ignored != "" {
		b, err = json.Marshal(harIgnored{Schema: jsonSchema, Kind: "har-ignored", Entry: res.Index, Method: res.Method, URL: res.URL, Reason: res.Ignored, Of: res.Of})
	} else {
		line := harEntry{
			Schema: jsonSchema, Kind: "har-entry", Entry: res.Index, Browser: p.String(),
			Page: res.Page.String(), PageFrom: res.PageFrom, Method: res.Method, URL: res.URL,
			Credentials: res.Request.Credentials.String(), CredentialsFrom: res.CredentialsFrom,
			Headers: [][2]string{}, RestoredHeaders: res.Restored, Body: res.Request.Body, RedirectEntries: res.Hops,
			Recorded:  harRecorded{Status: res.Recorded.Status, Error: res.Recorded.Error, Failed: res.Recorded.Failed, Aborted: res.Recorded.Aborted},
			Preflight: harPreflight{Source: string(res.Preflight.Source), Entry: res.Preflight.Entry},
			Judged:    res.Judged, Unjudged: res.Unjudged, Verdict: json.RawMessage("null"), AnsweredBy: res.AnsweredBy,
			Agrees: res.Agrees, Agreement: res.Agreement, Hint: res.Hint,
		}
		for _, h := range res.Request.Headers {
			line.Headers = append(line.Headers, [2]string{h.Name, h.Value})
		}
		for _, d := range res.Dropped {
			line.DroppedHeaders = append(line.DroppedHeaders, strings.ToLower(d.Name))
		}
		if res.Preflight.Request.Method != "" {
			line.Preflight.Request = wireRequest(res.Preflight.Request)
		}
		if res.Judged {
			if line.Verdict, err = scenario.AppendVerdict(nil, &res.Verdict); err != nil {
				return err
			}
			line.Fix = advice.Fix(res.Page.String(), res.Request, &res.Verdict)
		}
		b, err = json.Marshal(line)
	}
	if err != nil {
		return err
	}
	out.Write(b)
	_, err = out.Write([]byte{'\n'})
	return err
}

func wireRequest(s algorithm.SentRequest) *harRequest {
	r := &harRequest{Method: s.Method, URL: s.URL, Headers: map[string]string{}}
	for _, h := range s.Headers {
		n := strings.ToLower(h.Name)
		if v, ok := r.Headers[n]; ok {
			r.Headers[n] = v + ", " + h.Value
		} else {
			r.Headers[n] = h.Value
		}
	}
	return r
}

// renderHAR writes the text form of a replay.
func renderHAR(w *bufio.Writer, name string, log *har.Log, results []har.Result, p algorithm.Profile, profileFrom string, pal palette) {
	if name == "-" {
		name = "standard input"
	}
	made := log.Creator
	if log.CreatorVersion != "" {
		made += " " + log.CreatorVersion
	}
	if log.Browser != "" && !strings.EqualFold(log.Browser, log.Creator) {
		made += " (" + strings.TrimSpace(log.Browser+" "+log.BrowserVersion) + ")"
	}
	if made == "" {
		made = "an unnamed tool"
	}
	fmt.Fprintf(w, "%s — made by %s, %d entries; browser %s (%s)\n", pal.bold("HAR "+name), made, len(log.Entries), p, profileFrom)
	var fetches, readable, blocked, unjudged, agree, disagree, ignored int
	for i := range results {
		res := &results[i]
		if res.Ignored != "" {
			// Ignored entries take one line each, in a block of their own.
			if ignored++; i == 0 || results[i-1].Ignored == "" {
				w.WriteByte('\n')
			}
			fmt.Fprintln(w, pal.dim("Entry "+strconv.Itoa(res.Index)+": "+res.Method+" "+clipText(res.URL, 100)+" — ignored: "+res.Ignored))
			continue
		}
		fetches++
		switch {
		case !res.Judged:
			unjudged++
		case res.Blocked():
			blocked++
		default:
			readable++
		}
		if res.Agrees != nil {
			if *res.Agrees {
				agree++
			} else {
				disagree++
			}
		}
		renderHAREntry(w, res, pal)
	}
	fmt.Fprintf(w, "\n%s %d cross-origin %s: %d readable, %d blocked, %d not judged; the HAR agrees on %d, disagrees on %d; %d %s ignored.\n",
		pal.bold("Summary:"), fetches, plural(fetches, "fetch", "fetches"), readable, blocked, unjudged, agree, disagree, ignored, plural(ignored, "entry", "entries"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func renderHAREntry(w *bufio.Writer, res *har.Result, pal palette) {
	r := res.Request
	v := &res.Verdict
	fmt.Fprintf(w, "\n%s %s %s\n", pal.bold("Entry "+strconv.Itoa(res.Index)+":"), pal.bold(res.Method), res.URL)
	fmt.Fprintf(w, "  page %s (%s); credentials %s (%s)\n", res.Page, res.PageFrom, r.Credentials, res.CredentialsFrom)
	if len(res.Hops) > 0 {
		hops := make([]string, len(res.Hops))
		for i, h := range res.Hops {
			hops[i] = strconv.Itoa(h)
		}
		fmt.Fprintf(w, "  redirect hops recorded in %s %s\n", plural(len(hops), "entry", "entries"), strings.Join(hops, ", "))
	}
	if len(r.Headers) > 0 {
		hs := make([]string, len(r.Headers))
		for i, h := range r.Headers {
			hs[i] = h.Name + ": " + h.Value
		}
		fmt.Fprintf(w, "  script headers: %s\n", strings.Join(hs, "; "))
	} else {
		fmt.Fprintln(w, "  script headers: none")
	}
	if len(res.Dropped) > 0 {
		names := make([]string, len(res.Dropped))
		for i, d := range res.Dropped {
			names[i] = strings.ToLower(d.Name)
		}
		fmt.Fprintf(w, "  %s\n", pal.dim("taken for the browser's: "+strings.Join(names, ", ")))
	}
	if len(res.Restored) > 0 {
		fmt.Fprintf(w, "  restored from the recorded preflight (the HAR's request lacks them): %s\n", strings.Join(res.Restored, ", "))
	}
	if r.Body != nil {
		fmt.Fprintf(w, "  body: %s\n", clipText(strconv.Quote(*r.Body), 80))
	}
	switch res.Preflight.Source {
	case har.PreflightRecorded:
		fmt.Fprintf(w, "  preflight: recorded in entry %d\n", res.Preflight.Entry)
	case har.PreflightRebuilt:
		fmt.Fprintln(w, "  preflight: needed, and not in the HAR")
	case har.PreflightCached:
		fmt.Fprintln(w, "  preflight: answered by the preflight cache an earlier fetch filled")
	default:
		fmt.Fprintln(w, "  preflight: none needed")
	}

	if len(v.Trace) > 0 {
		fmt.Fprintf(w, "\n  %s\n", pal.bold("Steps"))
		for i, st := range v.Trace {
			fmt.Fprintf(w, "  %3d. %s  %s → %s\n", i+1, pal.cyan(st.Anchor), st.LookedAt, st.Decision)
		}
	}
	renderSent(w, v, pal, func(k int) string {
		if k < len(res.AnsweredBy) && res.AnsweredBy[k] > 0 {
			return "; answered by entry " + strconv.Itoa(res.AnsweredBy[k])
		}
		return "; no answer in the HAR"
	})
	fmt.Fprintln(w)
	field := func(name, text string) {
		fmt.Fprintf(w, "  %-9s %s\n", pal.bold(name), text)
	}
	if res.Judged {
		f := explainedFetch{Method: res.Method, Fix: advice.Fix(res.Page.String(), r, v), verdict: v}
		renderOutcome(w, &f, pal)
	} else {
		field("Result", pal.yellow("NOT JUDGED")+": "+res.Unjudged+".")
		if res.Preflight.Source == har.PreflightRebuilt {
			field("Ask", "the server for the preflight's answer: "+curlCommand(res.Preflight.Request))
		}
	}
	agreement := res.Agreement
	switch {
	case res.Agrees == nil:
		agreement = pal.dim(agreement)
	case *res.Agrees:
		agreement = pal.green(agreement)
	default:
		agreement = pal.red(agreement)
	}
	field("HAR", agreement)
	if res.Hint != "" {
		field("Hint", res.Hint)
	}
}

// curlCommand is a shell command that sends req, quoted for a POSIX shell.
func curlCommand(req algorithm.SentRequest) string {
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
	var b strings.Builder
	b.WriteString("curl -i -X " + q(req.Method) + " " + q(req.URL))
	for _, h := range req.Headers {
		b.WriteString(" -H " + q(strings.ToLower(h.Name)+": "+h.Value))
	}
	return b.String()
}
