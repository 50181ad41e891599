package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/corsim/corsim/algorithm"
)

// defaultBrowser is the profile used without --browser: most people debug CORS in Chrome, and
// DevTools' reason names are Chromium's.
const defaultBrowser = algorithm.Chromium

// browserFlag is the --browser value.
type browserFlag struct{ p algorithm.Profile }

func (b *browserFlag) String() string { return b.p.String() }

func (b *browserFlag) Set(s string) error {
	p, err := algorithm.ParseProfile(s)
	if err != nil {
		return errors.New("want one of chromium, firefox, webkit, spec")
	}
	b.p = p
	return nil
}

// command is a subcommand's flag set and usage text.
type command struct {
	*flag.FlagSet
	usage string
	e     env
}

// newCommand returns a subcommand's flag set. The flag package's own printing is off; parse and
// usageError decide where the usage goes.
func newCommand(name, usage string, e env) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {}
	return &command{FlagSet: fs, usage: usage, e: e}
}

func (c *command) printUsage(w io.Writer) {
	fmt.Fprint(w, c.usage)
	c.SetOutput(w)
	c.PrintDefaults()
	c.SetOutput(c.e.stderr)
}

func (c *command) browserFlag() *browserFlag {
	b := &browserFlag{p: defaultBrowser}
	c.Var(b, "browser", "`browser` to model: chromium, firefox, webkit or spec")
	return b
}

// parse parses args; ok is false when the command should stop with status.
func (c *command) parse(args []string) (status int, ok bool) {
	err := c.Parse(args)
	if err == nil {
		return exitOK, true
	}
	if errors.Is(err, flag.ErrHelp) {
		// Asked for: the help goes to stdout and is not an error.
		c.printUsage(c.e.stdout)
		return exitOK, false
	}
	// The flag package has printed the error; the usage follows it on stderr.
	c.printUsage(c.e.stderr)
	return exitUsage, false
}

// usageError reports a wrong command line.
func (c *command) usageError(msg string) int {
	fmt.Fprintf(c.e.stderr, "corsim %s: %s\n", c.Name(), msg)
	c.printUsage(c.e.stderr)
	return exitUsage
}

// colorWanted reports whether to colour output written to f: only on a terminal, and not when the
// NO_COLOR convention (https://no-color.org) asks otherwise.
func colorWanted(f *os.File) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}

// palette colours text with ANSI escapes, or not at all when off.
type palette struct{ on bool }

func (p palette) wrap(code, s string) string {
	if !p.on || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p palette) bold(s string) string   { return p.wrap("1", s) }
func (p palette) dim(s string) string    { return p.wrap("2", s) }
func (p palette) red(s string) string    { return p.wrap("1;31", s) }
func (p palette) green(s string) string  { return p.wrap("1;32", s) }
func (p palette) yellow(s string) string { return p.wrap("33", s) }
func (p palette) cyan(s string) string   { return p.wrap("36", s) }

// openInput opens a named input, "-" being standard input.
func openInput(name string, e env) (io.Reader, func(), error) {
	if name == "-" {
		return e.stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("corsim: %s", strings.TrimPrefix(err.Error(), "open "))
	}
	return f, func() { f.Close() }, nil
}
