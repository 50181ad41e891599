// Command corsim simulates, as a browser would, what happens to a script's fetch() under the
// WHATWG Fetch standard's CORS rules, and explains it.
//
// Usage:
//
//	corsim explain [--browser B] [--json] [FILE | -]   explain fetches step by step (no FILE: a built-in example)
//	corsim run [--browser B] [--trace] FILE... | -     run scenario files, writing a verdict on every fetch
//	corsim origin [--json] URL [URL]                   an origin, and how two origins relate
//
// B is chromium (the default), firefox, webkit or spec (the Fetch standard read strictly). Scenario
// files are JSON Lines; see docs/scenario.md. Exit status: 0 when every input line was read
// (whatever the verdicts: a blocked fetch is an answer, not an error), 1 when some input could not be
// read, 2 for a usage error.
//
// Install with:
//
//	go install github.com/corsim/corsim/cmd/corsim@latest
package main
