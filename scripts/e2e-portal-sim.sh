#!/usr/bin/env bash
# End-to-end check against the simulated portal in ../shared/portal-sim: serves it on loopback,
# crawls it with the built binary, then checks the ground truth, the access log, the archive
# (warcio check -v on every WARC, no URL with two 200 responses, no payload stored twice, our
# .cdxj equal to cdxj-indexer's) and `verify`.
# Usage: scripts/e2e-portal-sim.sh [extra crawl flags...]
# Env: SHARED (default ../shared), BIN (default .build/debug/portal-archiver), ARTICLES (300),
#      VALIDATORS (a venv with warcio; made on first use), WORK (default: a new temp dir).
set -euo pipefail
SHARED=${SHARED:-../shared}
BIN=${BIN:-.build/debug/portal-archiver}
ARTICLES=${ARTICLES:-300}
VALIDATORS=${VALIDATORS:-$HOME/.cache/portal-archiver-validators}
WORK=${WORK:-$(mktemp -d)}
sim=(--template "$SHARED/portal-sim/templates/tujian.py" --pool "$SHARED/portal-sim/pool-a.jsonl" --articles "$ARTICLES")

if [ ! -x "$VALIDATORS/bin/warcio" ]; then
  python3 -m venv "$VALIDATORS"
  "$VALIDATORS/bin/pip" install -q --disable-pip-version-check warcio cdxj-indexer
fi

python3 "$SHARED/portal-sim/portal_sim.py" serve "${sim[@]}" --port 0 --log "$WORK/access.jsonl" \
  > "$WORK/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$WORK/serve.out" | cut -d: -f2)
echo "simulator on port $port, work dir $WORK"

rc=0
"$BIN" crawl --seed "http://127.0.0.1:$port/" --archive "$WORK/archive" --quiet "$@" || rc=$?
echo "crawl exit code: $rc"
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "FAIL crawl exit code $rc"; exit 1; }

python3 "$SHARED/portal-sim/portal_sim.py" truth "${sim[@]}" > "$WORK/truth.jsonl"
status=0
python3 scripts/check_sim_crawl.py "$WORK/truth.jsonl" "$WORK/access.jsonl" "$WORK/archive/state.sqlite" || status=1
mapfile -t warcs < <(find "$WORK/archive" -name '*.warc.gz' | sort)
for f in "${warcs[@]}"; do
  "$VALIDATORS/bin/warcio" check -v "$f" > "$WORK/warcio.out" 2>&1 || { echo "FAIL warcio check $f"; tail -5 "$WORK/warcio.out"; status=1; }
done
echo "warcio check -v: ${#warcs[@]} files checked"
"$VALIDATORS/bin/python" scripts/warc_duplicates.py "${warcs[@]}" || status=1
bash scripts/compare-cdxj.sh "$WORK/archive" "$VALIDATORS/bin" || status=1
"$BIN" verify --archive "$WORK/archive" > "$WORK/verify.out" || { echo "FAIL verify"; tail -5 "$WORK/verify.out"; status=1; }
tail -1 "$WORK/verify.out"
[ "$status" = 0 ] && echo "e2e portal-sim: all checks passed" || echo "e2e portal-sim: FAILED"
exit $status
