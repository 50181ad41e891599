package spec_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/scenario"
)

// The scenario files under testdata/ are conformance vectors written from the Fetch standard and the
// browser engines' sources (docs/profiles.md names them), and checked in the real browsers by the
// harness (docs/fidelity.md), never from corsim's output. Each fetch carries "expected": the verdict
// fields it asserts (a subset). "expected_by_profile" overrides fields for one profile, where the
// browsers differ; a null there means the field must be absent. A scenario's "profiles" lists the
// profiles it is checked under (all four when absent). The test runs every file through
// scenario.Stream, the code path of `corsim run`, and compares the verdicts written back.

// scenarioExpectation is what one fetch asserts under one profile.
type scenarioExpectation map[string]any

// TestScenarioFiles runs every testdata/*.jsonl file under every profile.
func TestScenarioFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files in testdata/ (%v)", err)
	}
	total := 0
	for _, file := range files {
		input, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		checks := 0
		for _, p := range algorithm.Profiles() {
			checks += scenarioRunFile(t, filepath.Base(file), input, p)
		}
		t.Logf("%s: %d fetch checks", filepath.Base(file), checks)
		total += checks
	}
	t.Logf("total: %d fetch checks across %d files", total, len(files))
}

// scenarioRunFile streams input under profile p and checks every fetch of every scenario that lists
// p. It returns the number of fetches checked.
func scenarioRunFile(t *testing.T, name string, input []byte, p algorithm.Profile) int {
	t.Helper()
	var out, errs bytes.Buffer
	sum, err := scenario.Stream(&out, bytes.NewReader(input), scenario.StreamOptions{
		Options: scenario.Options{Profile: p}, Name: name, Errors: &errs,
	})
	if err != nil || sum.Errors > 0 {
		t.Fatalf("%s under %s: %v; unreadable lines:\n%s", name, p, err, errs.String())
	}
	checks := 0
	rd := scenario.NewReader(&out, name+" (output)", 0)
	for {
		s, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("reading the output back: %v", err)
		}
		if !scenarioProfileListed(t, s, p) {
			continue
		}
		for i := range s.Fetches {
			f := &s.Fetches[i]
			want := scenarioWant(t, s.ID, f, p)
			raw, ok := f.Raw("verdict")
			if !ok {
				t.Errorf("%s %s fetch %d (%s): no verdict written", name, s.ID, i, p)
				continue
			}
			var got map[string]any
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatalf("%s %s: verdict is not JSON: %v", name, s.ID, err)
			}
			for _, d := range scenarioDiff(want, got) {
				t.Errorf("%s %s fetch %d under %s: %s", name, s.ID, i, p, d)
			}
			checks++
		}
	}
	return checks
}

// scenarioProfileListed reports whether s is to be checked under p.
func scenarioProfileListed(t *testing.T, s *scenario.Scenario, p algorithm.Profile) bool {
	raw, ok := s.Raw("profiles")
	if !ok {
		return true
	}
	var names []string
	if err := json.Unmarshal(raw, &names); err != nil {
		t.Fatalf("%s: profiles: %v", s.ID, err)
	}
	for _, n := range names {
		q, err := algorithm.ParseProfile(n)
		if err != nil {
			t.Fatalf("%s: profiles: %v", s.ID, err)
		}
		if q == p {
			return true
		}
	}
	return false
}

// scenarioWant merges a fetch's "expected" with its override for profile p.
func scenarioWant(t *testing.T, id string, f *scenario.Fetch, p algorithm.Profile) scenarioExpectation {
	raw, ok := f.Raw("expected")
	if !ok {
		t.Fatalf("%s: a fetch has no expected object", id)
	}
	want := scenarioExpectation{}
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatalf("%s: expected: %v", id, err)
	}
	if raw, ok := f.Raw("expected_by_profile"); ok {
		var by map[string]scenarioExpectation
		if err := json.Unmarshal(raw, &by); err != nil {
			t.Fatalf("%s: expected_by_profile: %v", id, err)
		}
		for name := range by {
			if _, err := algorithm.ParseProfile(name); err != nil {
				t.Fatalf("%s: expected_by_profile: %v", id, err)
			}
		}
		for k, v := range by[p.String()] {
			want[k] = v
		}
	}
	return want
}

// scenarioDiff compares the asserted fields. Warnings written as {"id": ...} alone are compared by
// id, since their detail is prose.
func scenarioDiff(want scenarioExpectation, got map[string]any) []string {
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var diffs []string
	for _, k := range keys {
		w, g := want[k], got[k]
		switch k {
		case "warnings":
			g = scenarioWarningIDs(w, g)
		case "server_saw":
			g = scenarioSawAsserted(w, g)
		}
		if d := cmp.Diff(w, g); d != "" {
			diffs = append(diffs, k+" (-want +got):\n"+d)
		}
	}
	return diffs
}

// scenarioSawAsserted drops "preflight" and "credentials" from each request got lists when the
// request want lists in its place does not give it: vectors written before server_saw carried
// those keys assert them only where they say so (credentials.jsonl asserts them throughout).
func scenarioSawAsserted(want, got any) any {
	ws, _ := want.([]any)
	gs, ok := got.([]any)
	if !ok {
		return got
	}
	out := make([]any, len(gs))
	for i, g := range gs {
		m, ok := g.(map[string]any)
		if !ok || i >= len(ws) {
			out[i] = g
			continue
		}
		wm, _ := ws[i].(map[string]any)
		c := make(map[string]any, len(m))
		for k, v := range m {
			if _, asserted := wm[k]; (k == "preflight" || k == "credentials") && !asserted {
				continue
			}
			c[k] = v
		}
		// The output leaves both keys out when false.
		for _, k := range []string{"preflight", "credentials"} {
			if _, asserted := wm[k]; asserted {
				if _, present := c[k]; !present {
					c[k] = false
				}
			}
		}
		out[i] = c
	}
	return out
}

// scenarioWarningIDs drops the detail of got's warnings when want's carry none.
func scenarioWarningIDs(want, got any) any {
	ws, _ := want.([]any)
	gs, ok := got.([]any)
	if !ok || len(ws) == 0 {
		return got
	}
	if m, _ := ws[0].(map[string]any); m != nil {
		if _, hasDetail := m["detail"]; hasDetail {
			return got
		}
	}
	out := make([]any, len(gs))
	for i, g := range gs {
		if m, ok := g.(map[string]any); ok {
			out[i] = map[string]any{"id": m["id"]}
		} else {
			out[i] = g
		}
	}
	return out
}

// TestScenarioFilesWellFormed checks the files themselves: unique ids, a note and an expected outcome
// on every fetch, profile names that exist.
func TestScenarioFilesWellFormed(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.jsonl"))
	ids := map[string]string{}
	count := 0
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		rd := scenario.NewReader(f, file, 0)
		for {
			s, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			count++
			if s.ID == "" || strings.TrimSpace(s.ID) != s.ID {
				t.Errorf("%s line %d: want a non-empty id", file, rd.Line())
			}
			if prev, dup := ids[s.ID]; dup {
				t.Errorf("%s: id %q also used in %s", file, s.ID, prev)
			}
			ids[s.ID] = file
			if _, ok := s.Raw("note"); !ok {
				t.Errorf("%s: %s has no note saying what it checks", file, s.ID)
			}
			if len(s.Fetches) == 0 {
				t.Errorf("%s: %s has no fetches", file, s.ID)
			}
			for i := range s.Fetches {
				for _, p := range algorithm.Profiles() {
					if _, ok := scenarioWant(t, s.ID, &s.Fetches[i], p)["outcome"]; !ok {
						t.Errorf("%s: %s fetch %d asserts no outcome under %s", file, s.ID, i, p)
					}
				}
			}
		}
		f.Close()
	}
	t.Logf("%d scenarios in %d files", count, len(files))
}
