package scenario

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
)

const okLine = `{"id":"ok","page_origin":"https://app.test","servers":{"https://api.test/x":{"actual":{"status":200,"headers":[["Access-Control-Allow-Origin","*"]]}}},"fetches":[{"url":"https://api.test/x"}]}`

func TestStreamSurvivesMalformedLines(t *testing.T) {
	in := okLine + "\n{\"id\":\"broken\",\"page_origin\":\n\n" + okLine + "\n" + `{"id":"bad-mode","page_origin":"https://app.test","fetches":[{"url":"/","mode":"x"}]}` + "\n" + okLine
	var out, errs bytes.Buffer
	sum, err := Stream(&out, strings.NewReader(in), StreamOptions{Name: "in.jsonl", Errors: &errs})
	if err != nil {
		t.Fatal(err)
	}
	if sum != (Summary{Scenarios: 3, Fetches: 3, Errors: 2}) {
		t.Errorf("summary = %+v", sum)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("want 5 output lines (the blank one dropped), got %d:\n%s", len(lines), out.String())
	}
	var e struct {
		Line  int    `json:"line"`
		File  string `json:"file"`
		ID    string `json:"id"`
		Error string `json:"error"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &e); err != nil || e.Line != 2 || e.File != "in.jsonl" || !strings.HasPrefix(e.Error, "corsim: in.jsonl line 2: scenario: not valid JSON") {
		t.Errorf("line 2 answered with %s (%v)", lines[1], err)
	}
	if err := json.Unmarshal([]byte(lines[3]), &e); err != nil || e.Line != 5 || e.ID != "bad-mode" || !strings.Contains(e.Error, "fetches[0].mode") {
		t.Errorf("line 5 answered with %s", lines[3])
	}
	for _, i := range []int{0, 2, 4} {
		if !strings.HasPrefix(lines[i], `{"id":"ok"`) || !strings.Contains(lines[i], `"verdict":{`) {
			t.Errorf("output line %d = %.100s", i+1, lines[i])
		}
	}
	if got := strings.Count(errs.String(), "\n"); got != 2 || !strings.Contains(errs.String(), "in.jsonl line 5:") {
		t.Errorf("stderr messages:\n%s", errs.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("pipe closed") }

func TestStreamWriteError(t *testing.T) {
	_, err := Stream(failWriter{}, strings.NewReader(okLine+"\n"), StreamOptions{})
	if err == nil || err.Error() != "pipe closed" {
		t.Errorf("err = %v", err)
	}
	_, err = Stream(io.Discard, strings.NewReader("x\n"), StreamOptions{Errors: failWriter{}})
	if err == nil {
		t.Error("an error writing the message must be returned")
	}
}

// A program can talk to Stream one line at a time: each answer is flushed before the next line is read.
func TestStreamInteractive(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		_, err := Stream(outW, inR, StreamOptions{Options: Options{Profile: algorithm.Firefox}})
		outW.Close()
		done <- err
	}()
	answers := bufio.NewReader(outR)
	for i := 0; i < 3; i++ {
		if _, err := io.WriteString(inW, okLine+"\n"); err != nil {
			t.Fatal(err)
		}
		line, err := answers.ReadString('\n')
		if err != nil || !strings.Contains(line, `"outcome":"ok"`) {
			t.Fatalf("answer %d: %q, %v", i, line, err)
		}
	}
	inW.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
