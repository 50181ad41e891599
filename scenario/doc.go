// Package scenario reads, runs and writes corsim scenario files: the JSON Lines test vectors that
// `corsim run` and `corsim explain` take, and that corsim's conformance tests are written in.
//
// Each line describes one page and what its script does: the page's serialized origin
// ("page_origin", "null" for an opaque origin, with the embedding page in "null_parent"), how each
// server URL answers ("servers": an "options" response for preflights, an "actual" response for
// everything else, or "options_seq"/"actual_seq" lists for answers that change from one request to
// the next), and the fetch() calls in order ("fetches": url, method, headers, body, stream_body,
// mode, credentials, redirect, cache, and wait_ms to move a virtual clock first). docs/scenario.md
// and the JSON Schema docs/scenario.schema.json describe every key.
//
// [Parse] turns a line into a [Scenario]; [Scenario.Run] runs its fetches through algorithm.Fetch
// with one server table, one virtual clock and one preflight cache for the whole scenario, and
// [Scenario.AppendJSON] writes the line back with a "verdict" on every fetch. Keys corsim does not
// interpret — "expected", "observed", notes — come back byte for byte and in their place, so
// annotations survive any number of round trips. [Reader] reads a file a line at a time, and [Stream]
// is the whole of `corsim run`: a line that cannot be read is answered with {"line": N, "error": ...}
// and does not stop the others, and memory does not grow with the number of lines.
//
// A conformance test reads the same files and compares verdicts with its own annotations:
//
//	rd := scenario.NewReader(f, "cases.jsonl", 0)
//	for {
//		s, err := rd.Next()
//		if err == io.EOF {
//			break
//		} else if err != nil {
//			return err // a *LineError; rd.Next() may be called again
//		}
//		s.Run(scenario.Options{Profile: algorithm.Firefox})
//		for _, f := range s.Fetches {
//			want, _ := f.Raw("expected")
//			compare(want, f.Verdict)
//		}
//	}
//
// Errors are values whose text starts with "corsim: " and names the offending key, such as
// `fetches[1].mode`. Nothing in this package panics on any input.
package scenario
