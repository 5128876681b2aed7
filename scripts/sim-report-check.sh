#!/usr/bin/env bash
# A full simulator crawl (tujian, 300 articles, faults on) with the shipped defaults must exit 0,
# its report must list the robots-skipped /search/ links, the capped calendar, each dead link
# (404), /slow.htm as a timeout, /huge.htm as truncated and the redirect loop, and its crawl log
# must have exactly one line per request of the simulator's access log
# (scripts/check_sim_report.py). Takes about 4 minutes (the shipped 0.2 s delay, /slow.htm's 30 s).
# Usage: scripts/sim-report-check.sh    Env: SHARED (../shared), BIN (.build/debug/portal-archiver)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BIN=$(realpath "${BIN:-.build/debug/portal-archiver}")
WORK=$(mktemp -d)
sim=(--template "$SHARED/portal-sim/templates/tujian.py" --pool "$SHARED/portal-sim/pool-a.jsonl" --articles 300)
python3 "$SHARED/portal-sim/portal_sim.py" serve "${sim[@]}" --port 0 --log "$WORK/access.jsonl" \
  > "$WORK/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$WORK/serve.out" | cut -d: -f2)
base="http://127.0.0.1:$port"
python3 "$SHARED/portal-sim/portal_sim.py" truth "${sim[@]}" > "$WORK/truth.jsonl"
echo "simulator on port $port, work dir $WORK"
# No crawl.conf in the work dir: the shipped defaults.
rc=0
(cd "$WORK" && "$BIN" crawl --seed "$base/" --archive archive > crawl.out 2> crawl.err) || rc=$?
tail -1 "$WORK/crawl.out"
status=0
[ "$rc" = 0 ] || { echo "FAIL crawl exit code $rc (want 0)"; status=1; }
# The simulator logs a request when it has answered: the last try of /slow.htm (30 s) is still
# waiting when the crawl, which gives up at 20 s, ends.
sleep 11
python3 scripts/check_sim_report.py "$WORK/archive" "$WORK/access.jsonl" "$WORK/truth.jsonl" "$base" || status=1
exit $status
