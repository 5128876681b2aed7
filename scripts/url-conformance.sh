#!/usr/bin/env bash
# WHATWG URL conformance of URLCanonicalizer on ../shared/conformance/urltestdata.json.
# Prints: valid http(s) cases whose resolve() equals the browser's href, valid cases whose
# canonical form equals canonicalize(href), and invalid http(s) cases rejected (nil). The case
# selection is stated in Tests/HTMLTests/WHATWGURLConformanceTests.swift:
#   valid   = no `failure` and `href` starts with "http:" or "https:"            (229 cases)
#   invalid = `failure: true` and the input's scheme (after trimming C0/space and removing
#             tabs/newlines) is http(s), or the input has no scheme and the base's is http(s)  (203)
# Usage: scripts/url-conformance.sh [-v] [--bench]
#   -v       list every wrong case
#   --bench  also run scripts/url-bench.swift (swiftc -O, 100k calls per figure)
# Env: URLTESTDATA (default ../shared/conformance/urltestdata.json), SCRATCH (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${URLTESTDATA:-../shared/conformance/urltestdata.json}
SCRATCH=${SCRATCH:-.build}
verbose=0
bench=0
for arg in "$@"; do
  case $arg in
    -v) verbose=1 ;;
    --bench) bench=1 ;;
    *) echo "usage: $0 [-v] [--bench]" >&2; exit 2 ;;
  esac
done
[ -f "$DATA" ] || { echo "no $DATA" >&2; exit 1; }
URLTESTDATA=$(realpath "$DATA") URLTESTDATA_VERBOSE=$verbose \
  nice -n 10 swift test --scratch-path "$SCRATCH" --no-parallel --filter WHATWGURLConformance 2>&1 \
  | grep -a -E '^(WHATWGURLConformance:|wrong valid|accepted invalid)|error:'
if [ "$bench" = 1 ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  cp scripts/url-bench.swift "$out/main.swift"
  nice -n 10 swiftc -O -wmo -I Sources/CIDN2 Sources/HTML/URLCanonicalizer.swift Sources/HTML/WHATWGURL*.swift \
    "$out/main.swift" -o "$out/url-bench"
  nice -n 10 "$out/url-bench"
fi
