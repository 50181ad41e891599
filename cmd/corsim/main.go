package main

import (
	"fmt"
	"io"
	"os"
)

// Exit statuses.
const (
	exitOK    = 0 // every input was read
	exitInput = 1 // some input could not be read
	exitUsage = 2 // the command line is wrong
)

// env is what a command may touch: its streams and whether stdout takes colour.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	color          bool
}

func main() {
	e := env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, color: colorWanted(os.Stdout)}
	os.Exit(run(os.Args[1:], e))
}

const topUsage = `corsim simulates a browser's CORS decisions for fetch() calls, step by step.

Usage:
  corsim explain [--browser B] [--json] [FILE | -]   explain each fetch: steps, requests, what script reads, the fix
  corsim run [--browser B] [--trace] FILE... | -     run scenario files; write each scenario back with verdicts
  corsim origin [--json] URL [URL]                   print an origin; compare two (same origin, same site)
  corsim probe --origin O [flags] URL                ask a live server what a browser would: verdict, steps, fix
  corsim har [--browser B] [--json] FILE.har         replay a HAR export's cross-origin fetches
  corsim lint [--origin O] [--json] FILE | - | URL   find CORS misconfigurations: live, scenario or HAR
  corsim serve [--addr HOST:PORT] [--out DIR]        the playground: edit a fetch() and its answers, see each browser's verdict

B is one of chromium (default), firefox, webkit, spec.
"corsim explain" with no FILE explains a built-in example: a checkout PATCH blocked by its preflight,
then the same request against the fixed server.
Run "corsim <command> -h" for a command's flags.
`

// run dispatches to a subcommand and returns the exit status.
func run(args []string, e env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, topUsage)
		return exitUsage
	}
	switch args[0] {
	case "run":
		return cmdRun(args[1:], e)
	case "explain":
		return cmdExplain(args[1:], e)
	case "origin":
		return cmdOrigin(args[1:], e)
	case "probe":
		return cmdProbe(args[1:], e)
	case "har":
		return cmdHAR(args[1:], e)
	case "lint":
		return cmdLint(args[1:], e)
	case "serve":
		return cmdServe(args[1:], e)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(e.stdout, topUsage)
		return exitOK
	}
	fmt.Fprintf(e.stderr, "corsim: unknown command %q\n\n%s", args[0], topUsage)
	return exitUsage
}
