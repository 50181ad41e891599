package scenario

import (
	"errors"
	"io"
	"strings"
	"testing"
)

const good = `{"page_origin":"https://app.test","fetches":[]}`

// next reads everything, recording each result as "ok:LINE" or "err:LINE".
func readAll(t *testing.T, r *Reader) []string {
	t.Helper()
	var got []string
	for i := 0; i < 1000; i++ {
		_, err := r.Next()
		var le *LineError
		switch {
		case errors.Is(err, io.EOF):
			return got
		case errors.As(err, &le):
			got = append(got, "err:"+itoa(le.Line))
		case err != nil:
			return append(got, "fatal:"+err.Error())
		default:
			got = append(got, "ok:"+itoa(r.Line()))
		}
	}
	t.Fatal("Next never returned io.EOF")
	return nil
}

func TestReader(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{name: "empty input", in: "", want: ""},
		{name: "one line no newline", in: good, want: "ok:1"},
		{name: "CRLF", in: good + "\r\n" + good + "\r\n", want: "ok:1 ok:2"},
		{name: "blank lines skipped but counted", in: "\n  \n" + good + "\n\t\n" + good, want: "ok:3 ok:5"},
		{name: "bad line in the middle", in: good + "\n{oops\n" + good + "\n", want: "ok:1 err:2 ok:3"},
		{name: "bad last line without newline", in: good + "\n[]", want: "ok:1 err:2"},
		{name: "line at the limit", in: good + "\n", max: len(good), want: "ok:1"},
		{name: "line over the limit is skipped", in: good + strings.Repeat(" ", 10) + "\n" + good + "\n", max: len(good) + 5, want: "err:1 ok:2"},
		{name: "long line over many buffers", in: `{"page_origin":"https://app.test","x":"` + strings.Repeat("a", 300<<10) + `","fetches":[]}` + "\n" + good, want: "ok:1 ok:2"},
		{name: "too long last line", in: good + "\n" + strings.Repeat("x", 200<<10), max: 100 << 10, want: "ok:1 err:2"},
		{name: "NUL bytes", in: "\x00\x00\n" + good, want: "err:1 ok:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(readAll(t, NewReader(strings.NewReader(tt.in), "in", tt.max)), " ")
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n == 0 {
		f.n++
		return copy(p, good+"\n"), nil
	}
	return 0, errors.New("disk on fire")
}

func TestReaderUnderlyingError(t *testing.T) {
	r := NewReader(&failingReader{}, "", 0)
	got := strings.Join(readAll(t, r), " ")
	if got != "ok:1 fatal:disk on fire" {
		t.Errorf("got %q", got)
	}
	if _, err := r.Next(); err == nil || errors.Is(err, io.EOF) {
		t.Errorf("the reader's error must stick, got %v", err)
	}
}

func TestReaderLineErrorText(t *testing.T) {
	r := NewReader(strings.NewReader("\n[1]\n"), "cases.jsonl", 0)
	_, err := r.Next()
	if err == nil || err.Error() != "corsim: cases.jsonl line 2: scenario: want a JSON object, got an array" {
		t.Errorf("err = %v", err)
	}
}
