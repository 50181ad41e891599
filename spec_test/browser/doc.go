// Package browser is corsim's differential harness: it runs scenario files in
// real browsers and compares what each browser did with what corsim's matching
// profile says it does (Chromium with the chromium profile, Firefox ESR with
// firefox, WebKitGTK with webkit), field by field, with go-cmp.
//
// # Running it
//
// The harness is an ordinary Go test, TestBrowsers, that skips itself unless the
// environment variable CORSIM_BROWSERS names the browsers to drive, so
// `go test ./...` never needs a browser. The one command that installs what is
// missing, runs everything in all three browsers and rewrites docs/fidelity.md is
//
//	bash .ci/browsers.sh all
//
// and by hand, once the browsers are installed:
//
//	CORSIM_BROWSERS=chromium,firefox,webkit CORSIM_HTTPS=1 \
//	CORSIM_FIDELITY_OUT=$PWD/docs/fidelity.md go test ./spec_test/browser -run TestBrowsers -v -timeout 60m
//
// Settings (all optional except CORSIM_BROWSERS):
//
//	CORSIM_BROWSERS         chromium, firefox, webkit, a comma-separated list, or "all"
//	CORSIM_HTTPS=1          also serve https (a certificate authority made for the run)
//	CORSIM_GEN_SEED, _N     the generated corpus (default seed 6, 1000 scenarios)
//	CORSIM_GEN_HTTPS_N      with CORSIM_HTTPS=1, scenarios of the secure generated corpus (default 200)
//	CORSIM_SAMPLE           scenarios Firefox and WebKit run (default 300)
//	CORSIM_WORKERS          Chromium scenarios run at once (default 1)
//	CORSIM_CONTROL_PORT     the harness's own port (default 47800)
//	CORSIM_FIDELITY_OUT     where to write the fidelity report
//	CORSIM_DIFF_OUT         where to write every difference, one JSON object a line
//	CORSIM_BROWSERS_STRICT=1 fail on any difference the environment does not explain
//	CORSIM_MAX_UNEXPLAINED  fail when more fetches than this, per browser, differ unexplained
//	CORSIM_ONLY             comma-separated scenario ids: run only those, and log what was seen
//	CORSIM_EXTRA            comma-separated scenario files added to the corpus (for probes)
//
// # How a scenario runs
//
// Loopback servers bind every port the corpus names on 127.0.0.1 and answer each
// request with exactly the configured status line, header lines and body: no
// Date, no Content-Length, no sniffed Content-Type; the response ends when the
// connection closes. corsim's engine is given the same responses, so both sides
// judge the same bytes. A connection whose first byte starts a TLS handshake is
// served as https with a certificate for the requested name, signed by an
// authority made for the run.
//
// A runner page is served at the scenario's page origin, under /__corsim/ (for
// page_origin "null" it is a sandboxed iframe inside null_parent, or, with no
// null_parent, a page sandboxed by Content-Security-Policy). It waits wait_ms
// before each fetch (really waits), posts a mark to its own origin, makes the
// fetch with `new Request()` and `fetch()`, and records the outcome, response
// type, status, header names, redirected and final URL. The requests the servers
// see between two marks are that fetch's server_saw.
//
// Chromium is driven over the DevTools protocol on --remote-debugging-pipe, each
// scenario in a fresh browser context (Target.createBrowserContext), and reports
// the DevTools CORS error reason of every failed fetch. Firefox ESR and
// WebKitGTK's MiniBrowser (under Xvfb, opened through WebKitWebDriver) have no
// such pipe: the runner page posts its results and is redirected to the next
// scenario. They run scenarios in batches that share no URL, a fresh profile or
// WebDriver session per batch. Test host names resolve to loopback through
// Chromium's --host-resolver-rules, Firefox's network.dns.localDomains, and for
// WebKit a marked block in /etc/hosts that the harness adds and always removes.
//
// Only loopback addresses are ever contacted, and every wait is bounded.
package browser
