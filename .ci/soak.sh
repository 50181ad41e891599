#!/usr/bin/env bash
# The long run: hours of fuzzing and a million cases per property. Not part of CI; run it by hand
# (or from a nightly job) on an idle machine:
#
#   .ci/soak.sh                          # 1 h per fuzz target, properties at 1 000 000 checks
#   FUZZ_PER_TARGET=10m CHECKS=100000 .ci/soak.sh   # a shorter soak
#
# With 15 targets the default takes about 15 h of fuzzing plus the properties (several hours under
# -race on 2 cores). Crashing inputs are left under fuzz/testdata/fuzz/<Target>/; a failing property
# prints rapid's minimized case and the seed to replay it with -rapid.seed.
set -uo pipefail
cd "$(dirname "$0")/.."

per=${FUZZ_PER_TARGET:-1h}
checks=${CHECKS:-1000000}
status=0

for t in $(go test -list '^Fuzz' ./fuzz | grep '^Fuzz'); do
	echo "soak.sh: fuzzing $t for $per"
	go test ./fuzz -run '^$' -fuzz "^${t}\$" -fuzztime "$per" || status=1
done

echo "soak.sh: properties at $checks checks each, every profile"
go test -race -count=1 -timeout 0 ./spec_test -run '^TestProperty' -v -rapid.checks="$checks" || status=1

exit $status
