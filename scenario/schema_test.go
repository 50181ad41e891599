package scenario_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/scenario"
	"github.com/corsim/corsim/scenario/internal/jsonschema"
)

// The JSON Schema in docs/ must accept every conformance scenario as input and every line corsim run
// writes for them, under every profile, with and without --trace, and the error lines too.

func loadSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "docs", "scenario.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := jsonschema.Compile(b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func eachLine(t *testing.T, b []byte, f func(n int, line []byte)) {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) > 0 {
			f(n, sc.Bytes())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestSchemaAcceptsTestdataAndOutput(t *testing.T) {
	schema := loadSchema(t)
	files, _ := filepath.Glob(filepath.Join("..", "spec_test", "testdata", "*.jsonl"))
	if len(files) == 0 {
		t.Fatal("no scenario files in ../spec_test/testdata")
	}
	lines := 0
	for _, file := range files {
		in, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		eachLine(t, in, func(n int, line []byte) {
			lines++
			if err := schema.Validate(line); err != nil {
				t.Errorf("%s line %d (input): %v", file, n, err)
			}
		})
		for _, p := range algorithm.Profiles() {
			for _, trace := range []bool{false, true} {
				var out bytes.Buffer
				if _, err := scenario.Stream(&out, bytes.NewReader(in), scenario.StreamOptions{Options: scenario.Options{Profile: p, Trace: trace}}); err != nil {
					t.Fatal(err)
				}
				eachLine(t, out.Bytes(), func(n int, line []byte) {
					lines++
					if err := schema.Validate(line); err != nil {
						t.Errorf("%s line %d (output, %s, trace %v): %v", file, n, p, trace, err)
					}
				})
			}
		}
	}
	t.Logf("%d lines valid against docs/scenario.schema.json", lines)
}

func TestSchemaErrorLinesAndRejections(t *testing.T) {
	schema := loadSchema(t)
	var out bytes.Buffer
	in := "not json\n{\"id\":\"x\",\"page_origin\":3,\"fetches\":[]}\n"
	if _, err := scenario.Stream(&out, bytes.NewBufferString(in), scenario.StreamOptions{Name: "in.jsonl"}); err != nil {
		t.Fatal(err)
	}
	eachLine(t, out.Bytes(), func(n int, line []byte) {
		if err := schema.Validate(line); err != nil {
			t.Errorf("error line %d: %v", n, err)
		}
	})
	// The schema must also say no: lines corsim rejects should not validate.
	for _, bad := range []string{
		`{"fetches":[]}`,
		`{"page_origin":"https://a.test","fetches":[{"method":"GET"}]}`,
		`{"page_origin":"https://a.test","fetches":[{"url":"/x","mode":"bogus"}]}`,
		`{"page_origin":"https://a.test","fetches":[{"url":"/x","wait_ms":-1}]}`,
		`{"page_origin":"https://a.test","fetches":[{"url":"/x","headers":[["a"]]}]}`,
		`{"page_origin":"https://a.test","servers":{"https://b.test/":{"actual":{"headers":[]}}},"fetches":[]}`,
		`{"page_origin":"https://a.test","servers":{"https://b.test/":{"actual":{"status":1.5}}},"fetches":[]}`,
	} {
		if err := schema.Validate([]byte(bad)); err == nil {
			t.Errorf("schema accepts %s", bad)
		}
		if _, err := scenario.Parse([]byte(bad)); err == nil {
			t.Errorf("Parse accepts %s", bad)
		}
	}
}
