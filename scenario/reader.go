package scenario

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
)

// DefaultMaxLineBytes is the longest line a Reader accepts unless told otherwise: 64 MiB.
const DefaultMaxLineBytes = 64 << 20

// Reader reads a scenario file (JSON Lines) one scenario at a time. Memory use is bounded by the
// longest line, never by the number of lines.
type Reader struct {
	br   *bufio.Reader
	name string
	max  int
	line int
	buf  []byte
	err  error // sticky error of the underlying reader
}

// NewReader returns a Reader of r. name identifies the input in errors ("" for none); maxLineBytes
// bounds one line (0 means DefaultMaxLineBytes): a longer line is reported and skipped.
func NewReader(r io.Reader, name string, maxLineBytes int) *Reader {
	if maxLineBytes <= 0 {
		maxLineBytes = DefaultMaxLineBytes
	}
	return &Reader{br: bufio.NewReaderSize(r, 64<<10), name: name, max: maxLineBytes}
}

// Line returns the 1-based number of the line Next read last.
func (r *Reader) Line() int { return r.line }

// Next returns the next scenario. Lines holding only white space are skipped. At the end of the input
// it returns io.EOF. A line that is not a scenario gives a *LineError, after which Next may be called
// again for the following lines; any other error comes from the underlying reader and is final.
func (r *Reader) Next() (*Scenario, error) {
	for {
		line, err := r.readLine()
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		// The scenario keeps the line's bytes; give it its own copy so the buffer can be reused.
		s, perr := Parse(bytes.Clone(line))
		if perr != nil {
			return nil, &LineError{Name: r.name, Line: r.line, Err: perr}
		}
		return s, nil
	}
}

// readLine returns the next line without its line ending. The slice is valid until the next call.
func (r *Reader) readLine() ([]byte, error) {
	if r.err != nil {
		return nil, r.err
	}
	r.buf = r.buf[:0]
	tooLong := false
	for {
		chunk, err := r.br.ReadSlice('\n')
		if !tooLong {
			if len(r.buf)+len(chunk) > r.max+2 { // +2: the line ending is not part of the line
				tooLong = true
				r.buf = r.buf[:0]
			} else {
				r.buf = append(r.buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			r.err = err
			if !errors.Is(err, io.EOF) {
				return nil, err
			}
			if len(r.buf) == 0 && !tooLong {
				return nil, io.EOF
			}
		}
		break
	}
	r.line++
	line := bytes.TrimSuffix(r.buf, []byte{'\n'})
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if tooLong || len(line) > r.max {
		return r.buf[:0], &LineError{Name: r.name, Line: r.line,
			Err: errors.New("scenario: line is longer than " + strconv.Itoa(r.max) + " bytes")}
	}
	return line, nil
}
