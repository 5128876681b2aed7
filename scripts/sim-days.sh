#!/usr/bin/env bash
# A crawl of the simulator for the search and web app checks: template tujian, ARTICLES
# articles (300), day 0 then day 1 on the same state and port (as scripts/day1.sh). Leaves
# WORK/archive, WORK/truth-0.jsonl and WORK/truth-1.jsonl (the simulator's truth per day) and
# the crawl output in WORK/crawl-DAY.out. An archive already in WORK is kept as it is. The
# crawl.conf written to WORK sets recrawl_after_days = 0 so that day 1 revalidates every
# archived article (conditional GETs: only edited ones come back 200) and sees the edits.
# Usage: scripts/sim-days.sh WORK   Env: SHARED (../shared), BIN, ARTICLES, CRAWL_FLAGS
# (default "--delay 0.01").
set -euo pipefail
WORK=${1:?usage: scripts/sim-days.sh WORK}
SHARED=${SHARED:-../shared}
BIN=${BIN:-.build/debug/portal-archiver}
ARTICLES=${ARTICLES:-300}
read -r -a flags <<< "${CRAWL_FLAGS:---delay 0.01}"
mkdir -p "$WORK"
[ -f "$WORK/truth-1.jsonl" ] && [ -f "$WORK/archive/state.sqlite" ] && exit 0
printf '[crawl]\nrecrawl_after_days = 0\n' > "$WORK/crawl.conf"
sim=(--template "$SHARED/portal-sim/templates/tujian.py" --pool "$SHARED/portal-sim/pool-a.jsonl" --articles "$ARTICLES")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
for day in 0 1; do
  python3 "$SHARED/portal-sim/portal_sim.py" serve "${sim[@]}" --slow 3 --day "$day" --port "$port" \
    --log "$WORK/access-$day.jsonl" > "$WORK/serve-$day.out" 2>&1 &
  server=$!
  for _ in $(seq 100); do grep -q listening "$WORK/serve-$day.out" 2> /dev/null && break; sleep 0.1; done
  rc=0
  "$BIN" crawl -c "$WORK/crawl.conf" --seed "http://127.0.0.1:$port/" --archive "$WORK/archive" --quiet "${flags[@]}" \
    > "$WORK/crawl-$day.out" 2>&1 || rc=$?
  kill "$server"; wait "$server" 2> /dev/null || true
  echo "sim day $day crawl: exit $rc"
  python3 "$SHARED/portal-sim/portal_sim.py" truth "${sim[@]}" --day "$day" > "$WORK/truth-$day.jsonl"
  [ "$rc" = 0 ] || exit "$rc"
done
