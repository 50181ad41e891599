#!/usr/bin/env bash
# How corsim compares with its neighbours, in one run: the same credentialed PATCH (bench/exchange.go)
# judged by corsim, served by github.com/jub0bs/cors and github.com/rs/cors, fetched through
# Mentoss's mocked fetch() in Node, and, when Chromium is installed, the real-browser harness's
# verdicts per second. Prints a table of ratios to corsim. See bench/README.md.
#
#   bash bench/compare.sh              from the repository root (or anywhere: it finds its way)
#
# Settings (optional): BENCH_COUNT (Go runs per row, default 6), MENTOSS_N and MENTOSS_RUNS (fetches
# per timed run and runs, default 2000 and 6), BENCH_BROWSER=0 (skip the browser row), BENCH_OUT
# (where the raw outputs go; default a new temporary directory).
# Needs root, or sudo, only to install Node from Debian when `node` or `npm` is missing, and for the
# browser row (the harness binds ports 80 and 443 on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out="${BENCH_OUT:-$(mktemp -d)}"
mkdir -p "$out"
count="${BENCH_COUNT:-6}"

# The browser row's fixed sample: 40 one-fetch scenarios from spec_test/testdata, none of them waiting
# (no wait_ms): preflights that pass and fail in each way, preflight triggers, simple requests.
browser_ids=pf-ok,pf-ok-200,pf-acao-missing,pf-acao-mismatch,pf-acao-invalid,pf-acao-two-lines,\
pf-acao-star-credentials,pf-acac-missing,pf-acac-True,pf-credentials-ok,pf-credentials-actual-fails,\
pf-status-403,pf-status-500,pf-method-missing,pf-method-case,pf-method-star,pf-method-star-credentials,\
pf-header-missing,pf-header-case-insensitive,pf-header-star,pf-header-star-credentials,\
pf-authorization-star,pf-authorization-listed,pf-order-method-before-header,trigger-put,\
trigger-patch-uppercase,trigger-custom-header,trigger-content-type-json,trigger-authorization,\
trigger-acrh-sorted-deduped,trigger-method-and-header,trigger-content-type-text-html,\
simple-get-acao-star,simple-get-acao-exact,simple-post-text-body,acao-missing,acao-trailing-slash,\
cred-include-ok,cred-include-no-acac,cred-include-star

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "compare.sh: need root to run: $*" >&2; return 1; fi
}

echo "== corsim comparison benchmark"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "go:      $(go version)"

# Node and Mentoss, installed first so that nothing is installed between measurements.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "installing nodejs and npm from Debian"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
(cd bench/mentoss && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "node:    $(node --version), mentoss $(node -p 'require("./bench/mentoss/node_modules/mentoss/package.json").version')"

cd bench
# Everything compiled before the first measurement: the benchmarks, benchstat and the table.
go build -o "$out/benchstat" golang.org/x/perf/cmd/benchstat
go build -o "$out/benchtable" ./cmd/benchtable
go test -c -o "$out/bench.test" .
echo "modules: $(go list -m -f '{{.Path}} {{.Version}}' github.com/jub0bs/cors github.com/rs/cors golang.org/x/perf | paste -sd, - | sed 's/,/, /g')"
echo

echo "== the same exchange everywhere (TestSameExchange)"
"$out/bench.test" -test.run '^TestSameExchange$' -test.count=1
echo

echo "== Go rows: BenchmarkExchange, -count $count (raw output: $out/go.txt)"
"$out/bench.test" -test.run '^$' -test.bench . -test.benchmem -test.count "$count" -test.timeout 30m >"$out/go.txt"
(cd "$out" && ./benchstat go.txt)
echo

echo "== Mentoss row (bench/mentoss/bench.mjs)"
(cd mentoss && node bench.mjs) | tee "$out/mentoss.txt"
echo

browser_args=()
echo "== real-browser row (spec_test/browser in Chromium, $(tr ',' '\n' <<<"$browser_ids" | wc -l) scenarios; log: $out/browser.log)"
if [ "${BENCH_BROWSER:-1}" = 0 ]; then
  echo "skipped (BENCH_BROWSER=0)"
elif ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium is not installed: skipping the real-browser row (bash .ci/browsers.sh chromium installs it)"
else
  chromium --version 2>/dev/null || true
  (cd "$root" && CORSIM_BROWSERS=chromium CORSIM_HTTPS=1 CORSIM_WORKERS=3 CORSIM_CONTROL_PORT=47871 \
    CORSIM_ONLY="$browser_ids" go test ./spec_test/browser -run '^TestBrowsers$' -count=1 -v -timeout 15m) \
    >"$out/browser.log" 2>&1 || true
  if grep -q 'fetches agree on every field' "$out/browser.log"; then
    grep -E 'chromium .*scenarios, |^--- (PASS|FAIL): TestBrowsers|^(ok|FAIL)[[:space:]]' "$out/browser.log" | sed 's/^[[:space:]]*//'
    browser_args=(-browser "$out/browser.log")
  else
    echo "the harness did not report; its last lines:"
    tail -n 20 "$out/browser.log"
  fi
fi
echo

echo "== summary: fetches per second, each row against corsim's"
"$out/benchtable" -go "$out/go.txt" -mentoss "$out/mentoss.txt" "${browser_args[@]}"
echo
echo "raw outputs: $out"
