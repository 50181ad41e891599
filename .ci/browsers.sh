#!/usr/bin/env bash
# Differential browser harness: installs the browsers when missing and runs the
# corpus through them (spec_test/browser), rewriting docs/fidelity.md.
#
#   bash .ci/browsers.sh          Chromium on the whole corpus, Firefox and WebKit on
#                                 the fixed sample (what CI runs; about 15 minutes on 2 cores)
#   bash .ci/browsers.sh all      the same, and documented as the one command that
#                                 regenerates docs/fidelity.md
#   bash .ci/browsers.sh chromium Chromium only (any comma-separated subset works)
#   bash .ci/browsers.sh install  install what is missing and stop (for the playground's
#                                 browser test, which go test runs)
#
# Needs root (apt-get, ports 80 and 443, and /etc/hosts for WebKit).
set -euo pipefail
cd "$(dirname "$0")/.."

which_browsers="${1:-all}"
[ "$which_browsers" = all ] && which_browsers=chromium,firefox,webkit

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || need+=(webkit2gtk-driver)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

[ "$which_browsers" = install ] && exit 0

chromium --version 2>/dev/null || true
firefox-esr --version 2>/dev/null || true
dpkg-query -W -f='WebKitGTK ${Version}\n' libwebkit2gtk-4.1-0 2>/dev/null || true

start=$(date +%s)
CORSIM_BROWSERS="$which_browsers" \
CORSIM_HTTPS="${CORSIM_HTTPS:-1}" \
CORSIM_SAMPLE="${CORSIM_SAMPLE:-300}" \
CORSIM_FIDELITY_OUT="${CORSIM_FIDELITY_OUT:-$PWD/docs/fidelity.md}" \
  go test ./spec_test/browser -run '^TestBrowsers$' -count=1 -v -timeout 40m
echo "browser harness: $(( $(date +%s) - start )) s"
