#!/usr/bin/env bash
# End-to-end check against the simulated portal in ../shared/portal-sim: serves it on loopback,
# crawls it with the built binary, then checks the ground truth, the access log, the archive
# (warcio check -v on every WARC, no URL with two 200 responses, no payload stored twice, our
# .cdxj equal to cdxj-indexer's), `verify`, and the archived articles (export --format jsonl)
# scored by ../shared/bench/score_extract.py against the issue's targets: F1 >= 0.98, none
# missing, no watermark leak, at most 1 boilerplate leak, title and date exact for >= 99%.
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
# Yesterday too: a crawl may cross midnight UTC.
"$BIN" export --archive "$WORK/archive" --from "$(date -u -d yesterday +%F)" --to "$(date -u +%F)" \
  --format jsonl \
  --out "$WORK/articles.jsonl" > /dev/null || { echo "FAIL export jsonl"; status=1; }
python3 "$SHARED/bench/score_extract.py" "$WORK/truth.jsonl" "$WORK/articles.jsonl" --json \
  > "$WORK/score.json" || status=1
python3 - "$WORK/score.json" <<'PY' || status=1
import json, sys
s = json.load(open(sys.argv[1]))
n = s["articles"]
checks = [
    ("F1 >= 0.98", s["F1"] >= 0.98), ("missing 0", s["missing"] == 0),
    ("wm_leak 0", s["wm_leak"] == 0), ("bp_leak <= 1", s["bp_leak"] <= 1),
    ("title >= 99%", s["title"] >= 0.99 * n), ("date >= 99%", s["date"] >= 0.99 * n),
]
print("extraction score:", " ".join(f"{k}={v}" for k, v in s.items()))
for name, ok in checks:
    print(("ok  " if ok else "FAIL"), name)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
[ "$status" = 0 ] && echo "e2e portal-sim: all checks passed" || echo "e2e portal-sim: FAILED"
exit $status
