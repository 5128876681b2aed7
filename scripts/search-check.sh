#!/usr/bin/env bash
# Search quality and the changes page on a crawl of the simulator (scripts/sim-days.sh: tujian,
# 300 articles, day 0 then day 1 on the same state), checked against the simulator's truth by
# scripts/search_check.py: `search --json` for random 2/3/4/8-character phrases of the truth
# paragraphs (precision and recall per length, misses listed), the site's watermark and
# boilerplate phrases (no article), and /changes after day 1 (exactly the edited articles, each
# with its added paragraph).
# Usage: scripts/search-check.sh   Env: SHARED (../shared), BIN (default
# .build/debug/portal-archiver), WORK, SEED, PHRASES (per length, default 30).
# Exit 0 when every check passes, 1 when one fails, 77 when SHARED has no simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BIN=${BIN:-.build/debug/portal-archiver}
WORK=${WORK:-$(mktemp -d)}
if [ ! -f "$SHARED/portal-sim/portal_sim.py" ]; then
  echo "search check skipped: $SHARED/portal-sim not found"
  exit 77
fi
SHARED="$SHARED" BIN="$BIN" bash scripts/sim-days.sh "$WORK"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve -a "$WORK/archive" --port "$port" > "$WORK/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2> /dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
python3 scripts/search_check.py "$BIN" "$WORK" "http://127.0.0.1:$port"
