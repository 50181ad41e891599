// Package observe collects the exchanges package lint judges: Live probes a URL over HTTP with the
// test origins lint derives, Scenario replays a scenario file's fetches against its recorded servers.
// A HAR capture is the next adapter; each only has to fill lint.Exchange.
//
// Unlike package lint, this package does I/O (net/http) and reads scenario files (encoding/json,
// through package scenario).
package observe
