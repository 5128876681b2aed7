#!/usr/bin/env bash
# Search benchmark of portal-archiver (release build) over the 60,000-article archive; prints a
# markdown table with the targets and PASS/FAIL and writes it to $REPORT (for BENCHMARKS.md).
#
#  1. The archive: the simulator's static export (tujian) at N articles served by nginx and
#     crawled by Benchmarks/scale-bench.sh part A (SIZES=N SKIP_B=1 SKIP_STRESS=1 KEEP=1), made
#     once and kept at $ARCHIVE; later runs reuse it (delete it to crawl again).
#  2. `index --rebuild` on it (the code under test rebuilds the index it then searches):
#     articles/s from the wall of the whole command (Benchmarks/measure.py), and its peak RSS.
#  3. `export --format jsonl` over the archive's days, once: the by-hand way's input and the
#     articles' text (UTF-8 bytes of title + body).
#  4. Index size: the search tables' bytes from SQLite's dbstat (Benchmarks/search_bench.py size)
#     against that text: the index (FTS5 shadow tables, side tables and their B-tree indexes) and
#     the stored copy of the text and metadata (search_articles) apart.
#  5. A fixed query list drawn with a fixed seed from the export (search_bench.py queries): Han
#     terms of 1, 2, 3, 4, 6 and 8 characters, ASCII terms, phrases, AND / OR / NOT, with and
#     without --host / --published-from / --from. Each runs RUNS times as `search --json
#     --limit 20` (process wall: what a user waits for) and BYHAND_RUNS times the by-hand way
#     over the export (grep -F per term, jq for filters); p50 and p95 are of the per-query
#     medians. Then EXPORT_GREP_RUNS queries the by-hand way from scratch (export + grep).
#
# Usage: bash Benchmarks/search-bench.sh       (from the repository root, ../shared beside it)
# Env:   N (60000)  ARCHIVE (/tmp/pa-search/archive-N, kept)  CACHE (/tmp/pa-scale, the
#        simulator export, shared with scale-bench.sh)  WORK (a new temp dir: export, results/)
#        BIN (.build-static/release/portal-archiver, built first as scale-bench.sh does; when
#        given, used as it is)  RUNS (5)  BYHAND_RUNS (3)  EXPORT_GREP_RUNS (3)
#        REPORT (Benchmarks/search-report.md)  SKIP_REBUILD=1 (search the index as it is)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
N=${N:-60000}
ARCHIVE=$(abs "${ARCHIVE:-/tmp/pa-search/archive-$N}")
CACHE=$(abs "${CACHE:-/tmp/pa-scale}")
WORK=$(abs "${WORK:-$(mktemp -d /tmp/pa-search-run.XXXXXX)}")
REPORT=$(abs "${REPORT:-$ROOT/Benchmarks/search-report.md}")
RUNS=${RUNS:-5}
BYHAND_RUNS=${BYHAND_RUNS:-3}
EXPORT_GREP_RUNS=${EXPORT_GREP_RUNS:-3}
if [ -n "${BIN:-}" ]; then
  BIN=$(abs "$BIN")
else
  BIN=$ROOT/.build-static/release/portal-archiver
  (cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path .build-static >/dev/null)
fi
cd "$ROOT"
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }
MEASURE=(python3 "$ROOT/Benchmarks/measure.py")
HELP=(python3 "$ROOT/Benchmarks/search_bench.py")
R=$WORK/results
mkdir -p "$R"
log() { echo "[search-bench $(date +%T)] $*" >&2; }

# ---- 1. the archive (crawled once, kept) ----------------------------------------------------
if [ ! -f "$ARCHIVE/state.sqlite" ]; then
  log "no archive at $ARCHIVE: crawling $N articles with scale-bench.sh part A"
  mkdir -p "$(dirname "$ARCHIVE")"
  SIZES=$N SKIP_B=1 SKIP_STRESS=1 KEEP=1 WORK="$WORK/scale" CACHE="$CACHE" BIN="$BIN" \
    REPORT="$R/scale-report.md" bash "$ROOT/Benchmarks/scale-bench.sh" > "$R/scale.out" 2>&1 \
    || { tail -20 "$R/scale.out" >&2; exit 1; }
  rm -rf "$ARCHIVE"
  mv "$WORK/scale/archive-$N" "$ARCHIVE"
fi
CONF=$WORK/search.conf
printf '[crawl]\nconcurrency = 4\n' > "$CONF"
A=(--config "$CONF" --archive "$ARCHIVE")

# ---- 2. index --rebuild ---------------------------------------------------------------------
if [ -z "${SKIP_REBUILD:-}" ]; then
  log "index --rebuild of $ARCHIVE"
  "${MEASURE[@]}" "$R/rebuild.measure.json" "$BIN" index --rebuild "${A[@]}" > "$R/rebuild.out" 2>&1 \
    || { cat "$R/rebuild.out" >&2; exit 1; }
fi
"$BIN" index "${A[@]}" > "$R/index.out"
python3 - "$R" <<'PY'
import json, os, re, sys
r = sys.argv[1]
count = int(re.search(r": (\d+) articles indexed", open(f"{r}/index.out").read()).group(1))
m = {"wall": 0, "maxrss_mb": 0, "rc": None}
if os.path.exists(f"{r}/rebuild.measure.json"):
    m = json.load(open(f"{r}/rebuild.measure.json"))
inner = re.search(r"indexed in ([0-9.]+) s", open(f"{r}/rebuild.out").read()) if os.path.exists(f"{r}/rebuild.out") else None
json.dump({"articles": count, "wall": m["wall"], "maxrss_mb": m["maxrss_mb"], "rc": m["rc"],
           "inner_seconds": float(inner.group(1)) if inner else None}, open(f"{r}/rebuild.json", "w"))
PY
log "rebuild: $(cat "$R/rebuild.json")"

# ---- 3. export --format jsonl, once ---------------------------------------------------------
read -r from to <<< "$(python3 "$ROOT/Benchmarks/scale_bench.py" days "$ARCHIVE")"
JSONL=$WORK/articles.jsonl
log "export --format jsonl --from $from --to $to"
"${MEASURE[@]}" "$R/export.measure.json" "$BIN" export "${A[@]}" --from "$from" --to "$to" \
  --format jsonl --out "$JSONL" > "$R/export.out" 2>&1 || { cat "$R/export.out" >&2; exit 1; }
python3 -c 'import json,os,sys; m=json.load(open(sys.argv[1])); m["bytes"]=os.path.getsize(sys.argv[2]); json.dump(m, open(sys.argv[3],"w"))' \
  "$R/export.measure.json" "$JSONL" "$R/export.json"

# ---- 4. index size --------------------------------------------------------------------------
"${HELP[@]}" text "$JSONL" > "$R/text.json"
text_bytes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["text_bytes"])' "$R/text.json")
"${HELP[@]}" size "$ARCHIVE/state.sqlite" "$text_bytes" > "$R/size.json"
log "size: $(cat "$R/size.json")"

# ---- 5. queries -----------------------------------------------------------------------------
"${HELP[@]}" queries "$JSONL" "$R/queries.json"
cat "$ARCHIVE/state.sqlite" "$JSONL" > /dev/null  # both in the page cache, as after a first use
log "searching: $RUNS runs per query, by hand $BYHAND_RUNS"
"${HELP[@]}" run "$BIN" "$CONF" "$ARCHIVE" "$R/queries.json" "$JSONL" "$RUNS" "$BYHAND_RUNS" "$R/run.json"

# by hand from scratch: export + grep per query, for the first EXPORT_GREP_RUNS queries
python3 - "$R/queries.json" "$EXPORT_GREP_RUNS" "$BIN" "$CONF" "$ARCHIVE" "$from" "$to" "$WORK/again.jsonl" "$R/export-grep.json" <<'PY'
import json, shlex, subprocess, sys, time
qs, k, bin_, conf, archive, frm, to, tmp, out = sys.argv[1:]
walls = []
for q in json.load(open(qs, encoding="utf-8"))[: int(k)]:
    term = q["terms"][0][1]
    sh = (f"{shlex.quote(bin_)} export --config {shlex.quote(conf)} --archive {shlex.quote(archive)} "
          f"--from {frm} --to {to} --format jsonl --out {shlex.quote(tmp)} >/dev/null && "
          f"grep -F -- {shlex.quote(term)} {shlex.quote(tmp)} > /dev/null; rm -f {shlex.quote(tmp)}")
    t0 = time.perf_counter()
    subprocess.run(sh, shell=True, executable="/bin/bash")
    walls.append(time.perf_counter() - t0)
json.dump({"walls": walls}, open(out, "w"))
PY

python3 - "$R/meta.json" "$BIN" "$N" "$RUNS" "$BYHAND_RUNS" <<'PY'
import json, socket, subprocess, sys, time
out, bin_, n, runs, byhand = sys.argv[1:]
commit = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
json.dump({"date": time.strftime("%Y-%m-%d %H:%M"), "host": socket.gethostname(), "bin": bin_,
           "commit": commit, "articles": int(n), "runs": int(runs), "byhand_runs": int(byhand)},
          open(out, "w"))
PY
"${HELP[@]}" report "$R" "$REPORT"
log "report written to $REPORT; work dir $WORK"
