#!/usr/bin/env bash
# The performance budgets of docs/performance.md, measured: the main module's benchmarks for the CORS
# check, preflight validation, whole fetches, the preflight cache at scale and the adversarial
# inputs, each run BENCH_COUNT times (default 6) and summarised with benchstat. Nothing here asserts
# a time; the allocation budgets are also gated in `go test` (algorithm/alloc_test.go).
#
#   bash bench/budgets.sh                 everything (about 10 minutes on 2 cores)
#   BENCH_ONLY='CORSCheck|Validate' bash bench/budgets.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out="${BENCH_OUT:-$(mktemp -d)}"
count="${BENCH_COUNT:-6}"
only="${BENCH_ONLY:-}"
(cd bench && go build -o "$out/benchstat" golang.org/x/perf/cmd/benchstat)

echo "== corsim budgets, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
go version

run() { # run NAME PKG REGEXP [BENCHTIME]
  local name=$1 pkg=$2 re=$3 bt=${4:-}
  if [ -n "$only" ] && ! [[ "$name" =~ $only ]]; then return; fi
  go test "$pkg" -run '^$' -bench "$re" -benchmem -count "$count" ${bt:+-benchtime "$bt"} > "$out/$name.txt"
  echo; echo "== $name"; (cd "$out" && ./benchstat "$name.txt" | grep -v '^goos\|^goarch\|^pkg\|^cpu')
}
run CORSCheck ./algorithm '^BenchmarkCORSCheck$'
run ValidatePreflight ./algorithm '^BenchmarkValidatePreflight$'
run Fetch ./algorithm '^BenchmarkFetch$'
run FetchRedirects ./algorithm '^BenchmarkFetchRedirects$'
run CacheAtScale ./cache 'AtScale|PerEntry' 
run Origin ./origin '^Benchmark(Parse|RegistrableDomain|SameSite)'
run Classification ./fetchmode '^Benchmark'
run Adversarial ./algorithm '^BenchmarkAdversarial' 20x
echo; echo "raw outputs: $out"
