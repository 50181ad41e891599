package scenario

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/corsim/corsim/algorithm"
)

// FuzzParse: no input makes Parse, Run or AppendJSON panic; whatever Parse accepts is written back as
// valid JSON that parses again and writes back the same.
func FuzzParse(f *testing.F) {
	// A full scenario, round-trip style: every level has an unknown key.
	f.Add([]byte(roundTrip))
	// The benchmark's preflighted credentialed PATCH.
	f.Add([]byte(checkout))
	// Sequences, a redirect and a wait.
	f.Add([]byte(cached))
	// An opaque page with its parent.
	f.Add([]byte(`{"page_origin":"null","null_parent":"https://top.test","fetches":[{"url":"https://a.test/","credentials":"include"}]}`))
	// Not JSON, not an object, deep nesting, escapes.
	f.Add([]byte(`{"page_origin":`))
	f.Add([]byte(`[[[[[[]]]]]]`))
	f.Add([]byte(`{"\u0070age_origin":"https://a.test","fetches":[{"url":"\ud83d\ude00","headers":[["a","\u0000"]]}]}`))
	// A redirect loop.
	f.Add([]byte(`{"page_origin":"https://a.test","servers":{"https://b.test/l":{"actual":{"status":302,"headers":[["Location","/l"],["Access-Control-Allow-Origin","*"]]}}},"fetches":[{"url":"https://b.test/l"}]}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		s, err := Parse(line)
		if err != nil {
			return
		}
		s.Run(Options{Profile: algorithm.Profiles()[len(line)%len(algorithm.Profiles())], Trace: len(line)%2 == 0})
		out, err := s.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(out) {
			t.Fatalf("output is not JSON: %s", out)
		}
		s2, err := Parse(out)
		if err != nil {
			t.Fatalf("output does not parse again: %v\n%s", err, out)
		}
		again, _ := s2.AppendJSON(nil)
		if !bytes.Equal(out, again) {
			t.Fatalf("writing the output back changes it:\n%s\n%s", out, again)
		}
	})
}
