package main

import (
	"fmt"

	"github.com/corsim/corsim/scenario"
)

const runUsage = `Usage: corsim run [--browser B] [--trace] FILE... | -

Reads scenario files (JSON Lines, "-" for standard input) and writes every scenario back to standard
output, one line each, with a "verdict" on every fetch. Keys corsim does not interpret are kept byte
for byte. A line that cannot be read is answered with {"line": N, "error": "..."} in its place, a
message goes to standard error, the other lines are still run, and the exit status is 1.

Flags:
`

func cmdRun(args []string, e env) int {
	fs := newCommand("run", runUsage, e)
	browser := fs.browserFlag()
	trace := fs.Bool("trace", false, "add the algorithm's steps to every verdict (\"trace\")")
	if status, ok := fs.parse(args); !ok {
		return status
	}
	if fs.NArg() == 0 {
		return fs.usageError(`no input; name scenario files, or "-" for standard input`)
	}
	status := exitOK
	for _, name := range fs.Args() {
		r, closeInput, err := openInput(name, e)
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			status = exitInput
			continue
		}
		label := name
		if name == "-" {
			label = ""
		}
		sum, err := scenario.Stream(e.stdout, r, scenario.StreamOptions{
			Options: scenario.Options{Profile: browser.p, Trace: *trace},
			Name:    label,
			Errors:  e.stderr,
		})
		closeInput()
		if err != nil {
			fmt.Fprintf(e.stderr, "corsim: %s: %v\n", name, err)
			return exitInput
		}
		if sum.Errors > 0 {
			status = exitInput
		}
	}
	return status
}
