package scenario

import (
	"bufio"
	"errors"
	"io"
	"time"

	"github.com/corsim/corsim/algorithm"
)

// Options configure how scenarios run.
type Options struct {
	// Profile is whose behaviour to model; the zero value is algorithm.Spec.
	Profile algorithm.Profile
	// Trace records the algorithm's steps in every verdict (the "trace" key).
	Trace bool
}

// epoch is the instant every scenario's virtual clock starts at. Only differences matter: the
// preflight cache expires entries on this clock, and "wait_ms" moves it forward.
var epoch = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Run runs the scenario's fetches in order and sets each Fetch.Verdict. The fetches share one page:
// one server table built from "servers" (so "options_seq" and "actual_seq" count across them), one
// virtual clock starting at a fixed instant (2026-01-01T00:00:00Z) and advanced by each fetch's
// Wait, and one preflight cache of the profile's kind. Nothing is shared with other scenarios or
// with an earlier Run of this one, so running a scenario under several profiles gives independent
// verdicts. Different Scenarios may run concurrently; one Scenario may not.
func (s *Scenario) Run(opts Options) {
	t := s.table
	s.table = nil
	if t == nil {
		// Parse built the table from the same routes, so this cannot fail.
		var err error
		if t, err = NewTable(s.routes); err != nil {
			return
		}
	}
	now := epoch
	o := algorithm.Options{
		Profile: opts.Profile,
		Cache:   opts.Profile.NewCache(),
		Clock:   func() time.Time { return now },
		Trace:   opts.Trace,
	}
	for i := range s.Fetches {
		f := &s.Fetches[i]
		now = now.Add(f.Wait)
		v := algorithm.Fetch(f.Request, t, o)
		f.Verdict = &v
	}
}

// StreamOptions configure Stream.
type StreamOptions struct {
	Options
	// Name identifies the input in error lines and messages ("" for none, e.g. standard input).
	Name string
	// MaxLineBytes bounds one input line; 0 means DefaultMaxLineBytes.
	MaxLineBytes int
	// Errors receives a one-line message for each input line that could not be read; nil discards
	// them.
	Errors io.Writer
}

// Summary counts what Stream did.
type Summary struct {
	// Scenarios is how many scenarios were run and written back.
	Scenarios int
	// Fetches is how many fetches they held.
	Fetches int
	// Errors is how many lines could not be read (each was answered with an error line).
	Errors int
}

// Stream is `corsim run`: it reads scenarios from r one line at a time, runs each under opts, and
// writes each back to w as one line with a verdict on every fetch ([Scenario.AppendJSON]). A line
// that is not a scenario is answered in its place by {"line": N, "error": "..."} ([AppendLineError]),
// a message goes to opts.Errors, and the following lines are still processed. Lines holding only
// white space are dropped. Memory use does not grow with the number of lines. Output is flushed
// whenever the input has nothing more buffered, so a program can feed Stream one line at a time and
// read each answer. The error is non-nil only when reading r or writing w failed.
func Stream(w io.Writer, r io.Reader, opts StreamOptions) (Summary, error) {
	var sum Summary
	rd := NewReader(r, opts.Name, opts.MaxLineBytes)
	bw := bufio.NewWriterSize(w, 64<<10)
	var out []byte
	for {
		s, err := rd.Next()
		out = out[:0]
		var le *LineError
		switch {
		case errors.As(err, &le):
			sum.Errors++
			out = AppendLineError(out, le)
			if opts.Errors != nil {
				if _, werr := io.WriteString(opts.Errors, le.Error()+"\n"); werr != nil {
					return sum, werr
				}
			}
		case errors.Is(err, io.EOF):
			return sum, bw.Flush()
		case err != nil:
			_ = bw.Flush()
			return sum, err
		default:
			s.Run(opts.Options)
			if out, err = s.AppendJSON(out); err != nil {
				// A verdict that cannot be encoded is reported like an unreadable line.
				sum.Errors++
				out = AppendLineError(out[:0], &LineError{Name: opts.Name, Line: rd.Line(), Err: err})
			} else {
				sum.Scenarios++
				sum.Fetches += len(s.Fetches)
			}
		}
		out = append(out, '\n')
		if _, err := bw.Write(out); err != nil {
			return sum, err
		}
		if rd.br.Buffered() == 0 {
			if err := bw.Flush(); err != nil {
				return sum, err
			}
		}
	}
}
