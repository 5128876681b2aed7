#!/usr/bin/env bash
# Extraction benchmark on one core (taskset -c 0): `portal-archiver extract` against
# readability-lxml and trafilatura (../shared/bench/extract_peers.py) on the same files, in the
# same session: the 62 real pages of ../shared/corpus/gne and SIM_ARTICLES simulator article pages.
# Peers' decoding is done before their clock starts; ours includes decoding, parsing and link
# extraction. Prints a markdown table of medians over RUNS runs.
# Env: SHARED (../shared), RUNS (3), SIM_ARTICLES (300), PEERS (venv), WORK, BIN.
set -euo pipefail
SHARED=${SHARED:-../shared}
RUNS=${RUNS:-3}
SIM_ARTICLES=${SIM_ARTICLES:-300}
PEERS=${PEERS:-$HOME/.cache/portal-archiver-peers}
WORK=${WORK:-$(mktemp -d)}
# The release binary as `make release` builds it: Swift runtime and Foundation linked in
# statically (start-up ~11 ms instead of ~17 ms: fewer shared objects to map and relocate).
BIN=${BIN:-.build-static/release/portal-archiver}
[ "$BIN" != .build-static/release/portal-archiver ] ||
  swift build -c release --static-swift-stdlib --scratch-path .build-static >/dev/null
[ -x "$PEERS/bin/python" ] || bash "$SHARED/bench/setup-peers.sh" "$PEERS" >/dev/null
site="$WORK/sim-$SIM_ARTICLES"
[ -d "$site" ] || python3 "$SHARED/portal-sim/portal_sim.py" export --template "$SHARED/portal-sim/templates/tujian.py" \
  --pool "$SHARED/portal-sim/pool-a.jsonl" --articles "$SIM_ARTICLES" --out "$site" >/dev/null
mapfile -t gne < <(ls "$SHARED"/corpus/gne/*.html)
mapfile -t sim < <(find "$site/" -name 't*_*.htm' | sort)

# Warm-up (not measured): the binary and the pages into the page cache, as a cron run would find
# them after the crawl that saved them.
"$BIN" extract --no-learn "${gne[@]}" "${sim[@]}" > /dev/null

rate() {  # set name, files...: prints pages/s of ours and each peer, RUNS times
  local set=$1; shift
  for run in $(seq "$RUNS"); do
    python3 Benchmarks/measure.py "$WORK/$set-ours-$run.json" taskset -c 0 "$BIN" extract --no-learn "$@" > "$WORK/$set-ours.jsonl"
    taskset -c 0 "$PEERS/bin/python" "$SHARED/bench/extract_peers.py" --tool both "$@" > "$WORK/$set-peers-$run.txt"
  done
}
rate gne "${gne[@]}"
rate sim "${sim[@]}"

python3 - "$WORK" "$RUNS" "${#gne[@]}" "${#sim[@]}" <<'PY'
import json, re, statistics, sys
work, runs, counts = sys.argv[1], int(sys.argv[2]), {"gne": int(sys.argv[3]), "sim": int(sys.argv[4])}
print("| pages | tool | pages/s (median, one core) | runs | peak RSS MB |")
print("| --- | --- | ---: | --- | ---: |")
for s in ("gne", "sim"):
    ours = [json.load(open(f"{work}/{s}-ours-{r}.json")) for r in range(1, runs + 1)]
    our_rates = [counts[s] / m["wall"] for m in ours]
    peers = {}
    for r in range(1, runs + 1):
        for line in open(f"{work}/{s}-peers-{r}.txt"):
            m = re.match(r"(\w+): pages=\d+ seconds=[\d.]+ pages_per_s=([\d.]+)", line)
            if m:
                peers.setdefault(m.group(1), []).append(float(m.group(2)))
    name = {"gne": f"gne ({counts['gne']} real pages)", "sim": f"simulator ({counts['sim']} articles)"}[s]
    print(f"| {name} | portal-archiver extract | {statistics.median(our_rates):.0f} | {[round(x) for x in our_rates]} | {statistics.median(m['maxrss_mb'] for m in ours):.0f} |")
    for tool, rates in peers.items():
        print(f"| {name} | {tool} | {statistics.median(rates):.1f} | {[round(x, 1) for x in rates]} | |")
    if "readability" in peers:
        print(f"| {name} | ratio vs readability | {statistics.median(our_rates) / statistics.median(peers['readability']):.0f}x | | |")
PY
