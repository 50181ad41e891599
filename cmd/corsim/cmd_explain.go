package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/internal/advice"
	"github.com/corsim/corsim/scenario"
)

const explainUsage = `Usage: corsim explain [--browser B] [--json] [FILE | -]

Runs the scenarios of FILE ("-" for standard input) and explains each fetch for a person: the
numbered algorithm steps with the standard's anchors, the requests the browser sent, what the script
can read, and for a failure the reason, the browser's console message and a one-line fix. With no
FILE it explains a built-in example (a checkout PATCH, blocked, then fixed). --json writes one JSON
object per scenario instead, for tools.

Flags:
`

// The JSON every command writes with --json is one object per line; docs/json.md documents it.
// Each object starts with "schema" (jsonSchema, which changes only with an incompatible change)
// and "kind", which says which of the documented shapes follows.
const jsonSchema = "corsim/1"

// explanation is one explained scenario; it is also the --json output line, kind "explanation".
type explanation struct {
	Schema     string           `json:"schema"`
	Kind       string           `json:"kind"`
	ID         string           `json:"id,omitempty"`
	Browser    string           `json:"browser"`
	PageOrigin string           `json:"page_origin"`
	Fetches    []explainedFetch `json:"fetches"`
}

type explainedFetch struct {
	// Index is the fetch's 1-based position in the scenario.
	Index       int    `json:"index"`
	Method      string `json:"method"`
	URL         string `json:"url"`
	Mode        string `json:"mode"`
	Credentials string `json:"credentials"`
	Redirect    string `json:"redirect"`
	Cache       string `json:"cache"`
	// Verdict is the verdict in the scenario format's form, as `corsim run` writes it.
	Verdict json.RawMessage `json:"verdict"`
	Fix     string          `json:"fix,omitempty"`

	req     algorithm.Request
	verdict *algorithm.Verdict
}

func cmdExplain(args []string, e env) int {
	fs := newCommand("explain", explainUsage, e)
	browser := fs.browserFlag()
	asJSON := fs.Bool("json", false, "write one JSON object per scenario instead of text")
	if status, ok := fs.parse(args); !ok {
		return status
	}
	if fs.NArg() > 1 {
		return fs.usageError("at most one FILE")
	}
	var in io.Reader = strings.NewReader(builtinScenarios)
	name := builtinName
	if fs.NArg() == 1 {
		r, closeInput, err := openInput(fs.Arg(0), e)
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			return exitInput
		}
		defer closeInput()
		in, name = r, fs.Arg(0)
		if name == "-" {
			name = ""
		}
	} else if !*asJSON {
		fmt.Fprint(e.stdout, builtinIntro+"\n")
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	pal := palette{on: e.color && !*asJSON}
	status := exitOK
	rd := scenario.NewReader(in, name, 0)
	for n := 0; ; n++ {
		s, err := rd.Next()
		var le *scenario.LineError
		switch {
		case errors.Is(err, io.EOF):
			return status
		case errors.As(err, &le):
			status = exitInput
			fmt.Fprintln(e.stderr, le)
			if *asJSON {
				writeLineError(out, le)
			}
			continue
		case err != nil:
			fmt.Fprintln(e.stderr, err)
			return exitInput
		}
		s.Run(scenario.Options{Profile: browser.p, Trace: true})
		ex, err := explain(s, browser.p)
		if err != nil {
			fmt.Fprintln(e.stderr, "corsim: explain:", err)
			return exitInput
		}
		if *asJSON {
			b, err := json.Marshal(ex)
			if err != nil {
				fmt.Fprintln(e.stderr, "corsim: explain:", err)
				return exitInput
			}
			out.Write(b)
			out.WriteByte('\n')
			continue
		}
		if n > 0 {
			out.WriteByte('\n')
		}
		renderScenario(out, ex, pal)
	}
}

// explain gathers what the text and JSON forms show about a scenario that has run. The error is
// non-nil only when a verdict cannot be encoded.
func explain(s *scenario.Scenario, p algorithm.Profile) (explanation, error) {
	ex := explanation{Schema: jsonSchema, Kind: "explanation", ID: s.ID, Browser: p.String(), Fetches: make([]explainedFetch, len(s.Fetches))}
	for i := range s.Fetches {
		f := &s.Fetches[i]
		r := f.Request
		if i == 0 {
			ex.PageOrigin = r.Origin.String()
		}
		method := r.Method
		if method == "" {
			method = "GET"
		}
		verdict, err := scenario.AppendVerdict(nil, f.Verdict)
		if err != nil {
			return ex, err
		}
		ex.Fetches[i] = explainedFetch{
			Index: i + 1, Method: method, URL: r.URL,
			Mode: r.Mode.String(), Credentials: r.Credentials.String(), Redirect: r.Redirect.String(), Cache: r.Cache.String(),
			Verdict: verdict, Fix: advice.Fix(r.Origin.String(), r, f.Verdict), req: r, verdict: f.Verdict,
		}
	}
	return ex, nil
}

// writeLineError writes an input error as a --json line of kind "input-error".
func writeLineError(out *bufio.Writer, le *scenario.LineError) {
	b := scenario.AppendLineError([]byte(`{"schema":"`+jsonSchema+`","kind":"input-error",`), le)
	// AppendLineError starts its own object; splice its fields into this one.
	out.Write(bytes.Replace(b, []byte(`,{`), []byte(`,`), 1))
	out.WriteByte('\n')
}
