package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/corsim/corsim/algorithm"
)

// renderScenario writes the text form of an explained scenario.
func renderScenario(w *bufio.Writer, ex explanation, pal palette) {
	title := "Scenario"
	if ex.ID != "" {
		title += " " + ex.ID
	}
	fmt.Fprintf(w, "%s — page %s, browser %s\n", pal.bold(title), ex.PageOrigin, ex.Browser)
	if len(ex.Fetches) == 0 {
		fmt.Fprintln(w, "  (no fetches)")
	}
	for i := range ex.Fetches {
		renderFetch(w, &ex.Fetches[i], pal)
	}
}

func renderFetch(w *bufio.Writer, f *explainedFetch, pal palette) {
	v := f.verdict
	fmt.Fprintf(w, "\n%s %s %s\n", pal.bold("Fetch "+strconv.Itoa(f.Index)+":"), pal.bold(f.Method), f.URL)
	fmt.Fprintf(w, "  mode %s, credentials %s, redirect %s, cache %s\n", f.Mode, f.Credentials, f.Redirect, f.Cache)
	if len(f.req.Headers) > 0 {
		hs := make([]string, len(f.req.Headers))
		for i, h := range f.req.Headers {
			hs[i] = h.Name + ": " + h.Value
		}
		fmt.Fprintf(w, "  script headers: %s\n", strings.Join(hs, "; "))
	}
	if f.req.Body != nil {
		fmt.Fprintf(w, "  body: %s\n", clipText(strconv.Quote(*f.req.Body), 80))
	} else if f.req.StreamBody {
		fmt.Fprintln(w, "  body: a ReadableStream")
	}

	fmt.Fprintf(w, "\n  %s\n", pal.bold("Steps"))
	for i, st := range v.Trace {
		fmt.Fprintf(w, "  %3d. %s  %s → %s\n", i+1, pal.cyan(st.Anchor), st.LookedAt, st.Decision)
	}

	renderSent(w, v, pal, nil)
	fmt.Fprintln(w)
	renderOutcome(w, f, pal)
}

// renderSent writes the requests the browser sent; note, when not nil, adds to request k's note.
func renderSent(w *bufio.Writer, v *algorithm.Verdict, pal palette, note func(k int) string) {
	fmt.Fprintf(w, "\n  %s\n", pal.bold("Requests the browser sent"))
	if len(v.ServerSaw) == 0 {
		fmt.Fprintln(w, "    none")
	}
	for k, s := range v.ServerSaw {
		n := "without credentials"
		if s.Credentials {
			n = "with credentials"
		}
		if s.Preflight {
			n = "preflight, " + n
		}
		if note != nil {
			n += note(k)
		}
		fmt.Fprintf(w, "    %s %s  %s\n", pal.bold(s.Method), s.URL, pal.dim("("+n+")"))
		for _, h := range s.Headers {
			fmt.Fprintf(w, "        %s: %s\n", strings.ToLower(h.Name), h.Value)
		}
	}
}

// renderOutcome writes what the script gets, and for a failure why and what to change.
func renderOutcome(w *bufio.Writer, f *explainedFetch, pal palette) {
	v := f.verdict
	field := func(name, text string) {
		lines := strings.Split(text, "\n")
		fmt.Fprintf(w, "  %-9s %s\n", pal.bold(name), lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(w, "  %-9s %s\n", "", l)
		}
	}
	sent := "the " + f.Method + " request was not sent"
	if v.ActualSent {
		sent = "the " + f.Method + " request reached the server (its side effects happened)"
	}
	switch v.Outcome {
	case algorithm.OK:
		field("Result", pal.green("OK")+": fetch() resolves; "+sent+".")
		field("Script", readable(v))
	case algorithm.JSError:
		field("Result", pal.red("REJECTED")+": fetch() rejects with a TypeError before anything is sent.")
	default:
		field("Result", pal.red("BLOCKED")+": fetch() rejects with a TypeError; "+sent+".")
		field("Script", "reads nothing: a network error does not say why, only the console does.")
	}
	if v.Reason != "" {
		reason := string(v.Reason)
		if v.FailedParameter != "" {
			reason += " (" + v.FailedParameter + ")"
		}
		field("Reason", pal.red(reason))
	}
	for _, p := range v.Preflights {
		field("Cache", preflightNote(p))
	}
	for _, wn := range v.Warnings {
		field("Warning", pal.yellow(wn.ID)+": "+wn.Detail)
	}
	if v.Message != "" {
		field("Console", v.Message)
	}
	if f.Fix != "" {
		field("Fix", pal.green(f.Fix))
	}
}

// readable describes what script can read of a successful response.
func readable(v *algorithm.Verdict) string {
	var b strings.Builder
	b.WriteString("response.type " + strconv.Quote(string(v.ResponseType)) + ", status " + strconv.Itoa(v.Status))
	if v.BodyReadable {
		b.WriteString(", body readable")
	} else {
		b.WriteString(", body hidden")
	}
	if len(v.VisibleHeaders) == 0 {
		b.WriteString(", no headers")
	} else {
		b.WriteString(", headers: " + strings.Join(v.VisibleHeaders, ", "))
	}
	if v.Redirected {
		b.WriteString(", redirected to " + v.FinalURL)
	}
	return b.String()
}

func preflightNote(p algorithm.Preflight) string {
	switch {
	case p.CacheHit:
		return "preflight answered from the preflight cache (none sent)"
	case p.LifetimeMS != nil:
		return "preflight sent; its result is cached for " + strconv.FormatFloat(float64(*p.LifetimeMS)/1000, 'f', -1, 64) + " s"
	case !p.Sent:
		return "a preflight was needed but never reached a server; nothing cached"
	}
	return "preflight sent; nothing cached"
}

func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
