#!/usr/bin/env bash
# Crawl benchmark: the simulator's static export served by nginx, crawled in the same session by
# portal-archiver (release build), GNU wget and Scrapy, each RUNS times; prints a markdown table
# of medians (responses, wall s, responses/s, CPU s per 1000 responses, peak RSS) to stdout.
#
# Usage: Benchmarks/crawl-bench.sh          (from the repository root)
# Env: SHARED (../shared), ARTICLES (5000), RUNS (3), CONCURRENCY (16), PORT (18090),
#      PEERS (venv from ../shared/bench/setup-peers.sh; made when missing), WORK (temp dir),
#      BIN (.build-static/release/portal-archiver, as `make release` builds it; built first).
set -euo pipefail
SHARED=${SHARED:-../shared}
ARTICLES=${ARTICLES:-5000}
RUNS=${RUNS:-3}
CONCURRENCY=${CONCURRENCY:-16}
PORT=${PORT:-18090}
PEERS=${PEERS:-$HOME/.cache/portal-archiver-peers}
WORK=${WORK:-$(mktemp -d)}
# mktemp makes the folder 0700; nginx's worker (www-data) must be able to read the site in it.
chmod a+rx "$WORK"
BIN=${BIN:-.build-static/release/portal-archiver}
[ "$BIN" != .build-static/release/portal-archiver ] ||
  swift build -c release --static-swift-stdlib --scratch-path .build-static >/dev/null
[ -x "$PEERS/bin/scrapy" ] || bash "$SHARED/bench/setup-peers.sh" "$PEERS" >/dev/null

site="$WORK/site-$ARTICLES"
if [ ! -d "$site" ]; then
  python3 "$SHARED/portal-sim/portal_sim.py" export --template "$SHARED/portal-sim/templates/tujian.py" \
    --pool "$SHARED/portal-sim/pool-a.jsonl" --articles "$ARTICLES" --out "$site" >/dev/null
fi
url=$(RUN="$WORK/nginx" bash "$SHARED/bench/serve-static.sh" start "$site" "$PORT" | tail -1)
trap 'RUN="$WORK/nginx" bash "$SHARED/bench/serve-static.sh" stop || true' EXIT
echo "site: $(find "$site" -type f | wc -l) files, $(du -sh "$site" | cut -f1); served at $url" >&2
# Warm the page cache, so that the first crawler measured does not pay for cold disk reads.
find "$site" -type f -print0 | xargs -0 cat > /dev/null

cat > "$WORK/bench.conf" <<CONF
[crawl]
concurrency = $CONCURRENCY
per_host_connections = $CONCURRENCY
delay = 0.0
CONF

for run in $(seq "$RUNS"); do
  rm -rf "$WORK/ours" "$WORK/wget" "$WORK/scrapy.warc.gz"
  python3 Benchmarks/measure.py "$WORK/ours-$run.json" "$BIN" crawl --config "$WORK/bench.conf" \
    --seed "$url" --archive "$WORK/ours" --quiet > "$WORK/ours-$run.out" 2>&1 || true
  grep -o '[0-9]* pages in' "$WORK/ours-$run.out" | cut -d' ' -f1 > "$WORK/ours-$run.n"
  python3 Benchmarks/measure.py "$WORK/wget-$run.json" bash "$SHARED/bench/crawl-wget.sh" "$url" "$WORK/wget" \
    > "$WORK/wget-$run.out" 2>&1 || true
  grep -o 'responses=[0-9]*' "$WORK/wget-$run.out" | cut -d= -f2 > "$WORK/wget-$run.n"
  python3 Benchmarks/measure.py "$WORK/scrapy-$run.json" "$PEERS/bin/python" "$SHARED/bench/crawl_scrapy.py" \
    "$url" "$WORK/scrapy.warc.gz" --concurrency "$CONCURRENCY" > "$WORK/scrapy-$run.out" 2>&1 || true
  grep -o 'responses=[0-9]*' "$WORK/scrapy-$run.out" | cut -d= -f2 > "$WORK/scrapy-$run.n"
  echo "run $run: ours $(cat "$WORK/ours-$run.n") wget $(cat "$WORK/wget-$run.n") scrapy $(cat "$WORK/scrapy-$run.n")" >&2
done

python3 - "$WORK" "$RUNS" <<'PY'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
rows = []
for tool in ("ours", "wget", "scrapy"):
    ms = [json.load(open(f"{work}/{tool}-{r}.json")) for r in range(1, runs + 1)]
    ns = [int(open(f"{work}/{tool}-{r}.n").read() or 0) for r in range(1, runs + 1)]
    rates = [n / m["wall"] for n, m in zip(ns, ms)]
    rows.append((tool, statistics.median(ns), statistics.median(m["wall"] for m in ms),
                 statistics.median(rates), statistics.median(m["cpu"] / max(n, 1) * 1000 for n, m in zip(ns, ms)),
                 statistics.median(m["maxrss_mb"] for m in ms), [round(r) for r in rates]))
names = {"ours": "portal-archiver", "wget": "wget (1 connection)", "scrapy": "Scrapy"}
print("| crawler | responses | wall s | responses/s (median) | runs | CPU s per 1000 | peak RSS MB |")
print("| --- | ---: | ---: | ---: | --- | ---: | ---: |")
for t, n, w, r, c, m, all_ in rows:
    print(f"| {names[t]} | {n:.0f} | {w:.2f} | {r:.0f} | {all_} | {c:.2f} | {m:.0f} |")
ours = rows[0][3]
print(f"\nratios (median responses/s): {ours / rows[2][3]:.1f}x Scrapy, {ours / rows[1][3]:.2f}x wget")
PY
