// Package scenario reads, runs and writes corsim scenario files: the JSON Lines test vectors that
// `corsim run` and `corsim explain` take, and that corsim's conformance tests are written in. It is
// the one place that knows the format; the engine (package algorithm) knows nothing of JSON.
//
// # What a scenario is
//
// A scenario is one line of a file: one page and what its script does. It gives the page's
// serialized origin ("page_origin", "null" for an opaque origin, with the embedding page in
// "null_parent"), how each server URL answers ("servers": an "options" response for preflights, an
// "actual" response for everything else, or "options_seq"/"actual_seq" lists for answers that change
// from one request to the next), and the fetch() calls in order ("fetches": url, method, headers,
// body, stream_body, mode, credentials, redirect, cache, and wait_ms to move a virtual clock first).
// docs/scenario.md and the JSON Schema docs/scenario.schema.json describe every key.
//
// # Reading
//
// [Parse] turns a line into a [Scenario]: its [Scenario.ID], and its [Scenario.Fetches], each an
// algorithm.Request ready for algorithm.Fetch. A [Reader] reads a file a line at a time, in memory
// bounded by the longest line; a line that is not a scenario is a [*LineError], and the lines after
// it can still be read. Keys corsim does not interpret ("expected", "observed", notes) are kept as
// written: [Scenario.Raw] and [Fetch.Raw] return them.
//
// A harness that replays scenarios in a real browser reads them here too, so that it runs what the
// engine runs: [Scenario.PageOrigin] and [Scenario.NullParent] are the pages, [Scenario.Servers] the
// responses exactly as written (for its servers to send), and [Fetch.Sets] tells which fetch()
// options the scenario sets rather than leaves to fetch()'s defaults.
//
// # Running
//
// [Scenario.Run] runs the fetches in order under [Options] (a browser profile, and whether to trace
// the algorithm's steps), with one server [Table], one virtual clock and one preflight cache for the
// whole scenario, and sets each [Fetch.Verdict]. Runs are independent, so one scenario can be run
// under every profile in turn.
//
// # Writing
//
// [Scenario.AppendJSON] writes the line back with a "verdict" on every fetch; every other key comes
// back byte for byte and in its place, so annotations survive any number of round trips.
// [AppendVerdict] writes one verdict in the same form and [ParseVerdict] reads it back.
// [AppendLineError] writes the {"line": N, "error": ...} object that stands in for a line that could
// not be read. [Stream] is the whole of `corsim run`: read, run and write a file line by line, in
// bounded memory, a bad line answered in its place without stopping the others.
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
// # The Table
//
// A [Table] is the server a scenario describes: an algorithm.Responder that answers each request from
// the [Route] of its URL, counting requests for the *_seq answers. [NewTable] builds one from a map
// of routes; Go tests of the engine can use it without any scenario file.
//
// # Errors
//
// Errors are values whose text starts with "corsim: " and names the offending key, such as
// `fetches[1].mode` ([ParseError]). Nothing in this package panics on any input.
package scenario
