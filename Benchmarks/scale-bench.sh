#!/usr/bin/env bash
# Scale benchmark of portal-archiver (release build), three parts; prints markdown tables with the
# targets and PASS/FAIL, and writes the same to $REPORT (for BENCHMARKS.md).
#
#  A. Scale: the simulator's static export (tujian) at each of SIZES articles, served by nginx
#     (../shared/bench/serve-static.sh), crawled into a fresh archive at concurrency 16 (16
#     connections to the host, delay 0, max_depth as shipped). Per size: truth articles, those
#     archived with a 200 response (state DB captures, by path), missing, URLs in the state DB,
#     responses, wall, peak RSS, CPU s per 1000 responses, state.sqlite size; the RSS and CPU
#     ratios largest/smallest. (Benchmarks/measure.py gives wall, user+sys CPU and peak RSS.)
#     Each size but the largest is crawled REPEAT times and its medians reported: a 6,000-
#     response crawl lasts ~5 s, and its CPU per response varied by ±15% between runs here.
#  B. On the largest size's archive: (1) a second, incremental crawl of the same site, with
#     nginx's access log turned on for it: peak RSS and the requests by kind (seed, list pages,
#     articles, images, pdfs, robots, other); (2) export --format jsonl and wacz over the
#     archive's days: peak RSS each, `wacz validate -f` when the peers' venv has it; (3) `show`
#     of one article: median wall of 5 runs and peak RSS.
#  C. Frontier stress: Benchmarks/frontier_site.py (every page links 100 new URLs) crawled with
#     --max-pages STRESS_PAGES (max_depth 1000): URLs in the frontier, peak RSS, state bytes per
#     URL; then a resumed crawl: seconds from its start until its first request reaches the
#     server (it is stopped with SIGINT after RESUME_PAGES page requests).
#
# Usage: bash Benchmarks/scale-bench.sh          (from the repository root, ../shared beside it)
# Env:   SIZES ("2000 10000 60000")  CACHE (/tmp/pa-scale: site-N exports and truth-N.jsonl are
#        kept there and reused)  WORK (a new temp dir: archives, logs, results/)
#        BIN (.build-static/release/portal-archiver, built first as `make release` does; when
#        given, used as it is)  SHARED (../shared)  REPORT (Benchmarks/scale-report.md)
#        CONCURRENCY (16)  PORT (18091, nginx)  STRESS_PORT (18092)  STRESS_PAGES (10000)
#        RESUME_PAGES (20)  CRAWL_TIMEOUT (3600 s per crawl)  SHOW_RUNS (5)  REPEAT (3)
#        PEERS (venv of ../shared/bench/setup-peers.sh, made once when missing; NO_PEERS=1 skips
#        the WACZ validation instead)  SKIP_SCALE=1 SKIP_B=1 SKIP_STRESS=1 (skip a part; B needs
#        A's largest archive)  KEEP=1 (keep every size's archive, not only the largest's)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
SHARED=$(abs "${SHARED:-$ROOT/../shared}")
SIZES=${SIZES:-"2000 10000 60000"}
CACHE=$(abs "${CACHE:-/tmp/pa-scale}")
WORK=$(abs "${WORK:-$(mktemp -d /tmp/pa-scale-run.XXXXXX)}")
REPORT=$(abs "${REPORT:-$ROOT/Benchmarks/scale-report.md}")
CONCURRENCY=${CONCURRENCY:-16}
PORT=${PORT:-18091}
STRESS_PORT=${STRESS_PORT:-18092}
STRESS_PAGES=${STRESS_PAGES:-10000}
RESUME_PAGES=${RESUME_PAGES:-20}
CRAWL_TIMEOUT=${CRAWL_TIMEOUT:-3600}
SHOW_RUNS=${SHOW_RUNS:-5}
REPEAT=${REPEAT:-3}
PEERS=$(abs "${PEERS:-$HOME/.cache/portal-archiver-peers}")
if [ -n "${BIN:-}" ]; then
  BIN=$(abs "$BIN")
else
  BIN=$ROOT/.build-static/release/portal-archiver
  (cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path .build-static >/dev/null)
fi
cd "$ROOT"
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }
SIM=(python3 "$SHARED/portal-sim/portal_sim.py")
TPL=(--template "$SHARED/portal-sim/templates/tujian.py" --pool "$SHARED/portal-sim/pool-a.jsonl")
MEASURE=(python3 "$ROOT/Benchmarks/measure.py")
HELP=(python3 "$ROOT/Benchmarks/scale_bench.py")
R=$WORK/results
NGINX_RUN=$WORK/nginx
mkdir -p "$CACHE" "$R"
read -r -a sizes <<< "$(tr ' ' '\n' <<< "$SIZES" | grep . | sort -n | tr '\n' ' ')"
largest=${sizes[${#sizes[@]}-1]}
log() { echo "[scale-bench $(date +%T)] $*" >&2; }

stress_pid=
cleanup() {
  RUN="$NGINX_RUN" bash "$SHARED/bench/serve-static.sh" stop 2>/dev/null || true
  [ -z "$stress_pid" ] || kill "$stress_pid" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$PORT" "$STRESS_PORT"; do
  port_free "$p" || { echo "port $p on 127.0.0.1 is in use: set PORT / STRESS_PORT" >&2; exit 1; }
done

cat > "$WORK/scale.conf" <<CONF
[crawl]
concurrency = $CONCURRENCY
per_host_connections = $CONCURRENCY
delay = 0.0
CONF
cat > "$WORK/stress.conf" <<CONF
[crawl]
concurrency = $CONCURRENCY
per_host_connections = $CONCURRENCY
delay = 0.0
max_depth = 1000
CONF

python3 - "$R/meta.json" "$BIN" "$CONCURRENCY" "$largest" "$STRESS_PAGES" "${sizes[@]}" <<'PY'
import json, socket, subprocess, sys, time
out, bin_, conc, largest, stress, *sizes = sys.argv[1:]
commit = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
json.dump({"date": time.strftime("%Y-%m-%d %H:%M"), "host": f"{socket.gethostname()}",
           "bin": bin_, "commit": commit, "concurrency": int(conc), "largest": int(largest),
           "stress_pages": int(stress), "sizes": [int(s) for s in sizes]}, open(out, "w"))
PY

# The export and truth of N articles, cached in $CACHE (made under a temp name, then renamed).
site_of() {
  local n=$1 site=$CACHE/site-$1
  if [ ! -d "$site" ]; then
    log "exporting the simulator with $n articles to $site (once; cached)"
    rm -rf "$site.tmp"
    "${SIM[@]}" export "${TPL[@]}" --articles "$n" --out "$site.tmp" >/dev/null
    mv "$site.tmp" "$site"
  fi
  if [ ! -s "$CACHE/truth-$n.jsonl" ]; then
    "${SIM[@]}" truth "${TPL[@]}" --articles "$n" --faults off > "$CACHE/truth-$n.jsonl.tmp"
    mv "$CACHE/truth-$n.jsonl.tmp" "$CACHE/truth-$n.jsonl"
  fi
}
serve() {  # serve DIR -> base URL; the page cache is warmed first
  find "$1" -type f -print0 | xargs -0 cat > /dev/null
  RUN="$NGINX_RUN" bash "$SHARED/bench/serve-static.sh" start "$1" "$PORT" | tail -1
}
unserve() { RUN="$NGINX_RUN" bash "$SHARED/bench/serve-static.sh" stop || true; }
crawl() {  # crawl NAME CONF ARCHIVE FLAGS... (measured; output in $R/NAME.out)
  local name=$1 conf=$2 archive=$3; shift 3
  "${MEASURE[@]}" "$R/$name.measure.json" timeout -k 30 -s INT "$CRAWL_TIMEOUT" \
    "$BIN" crawl --config "$conf" --archive "$archive" --quiet "$@" > "$R/$name.out" 2>&1 || true
  grep -o '[0-9]* pages in' "$R/$name.out" | tail -1 | cut -d' ' -f1 > "$R/$name.pages" || true
  "$BIN" status --config "$conf" --archive "$archive" --json > "$R/$name.status.json" 2>/dev/null || true
}

# ---- A ------------------------------------------------------------------------------------------
if [ -z "${SKIP_SCALE:-}" ]; then
  for n in "${sizes[@]}"; do
    site_of "$n"
    url=$(serve "$CACHE/site-$n")
    log "A: crawling $n articles ($(find "$CACHE/site-$n" -type f | wc -l) files) at $url"
    runs=$REPEAT
    [ "$n" != "$largest" ] || runs=1
    for i in $(seq "$runs"); do
      rm -rf "$WORK/archive-$n"
      crawl "A-$n-r$i" "$WORK/scale.conf" "$WORK/archive-$n" --seed "$url"
    done
    unserve
    for ext in out pages status.json; do cp "$R/A-$n-r$runs.$ext" "$R/A-$n.$ext"; done
    python3 - "$R/A-$n.measure.json" "$R"/A-"$n"-r*.measure.json <<'PY'
import json, statistics, sys
runs = [json.load(open(f)) for f in sys.argv[2:]]
out = {k: statistics.median(r[k] for r in runs) for k in ("wall", "user", "sys", "cpu", "maxrss_mb")}
out["rc"] = max(r["rc"] for r in runs)
out["runs"] = len(runs)
out["cpu_runs"] = [r["cpu"] for r in runs]
out["maxrss_runs"] = [r["maxrss_mb"] for r in runs]
json.dump(out, open(sys.argv[1], "w"))
PY
    "${HELP[@]}" state "$WORK/archive-$n/state.sqlite" "$CACHE/truth-$n.jsonl" > "$R/A-$n.state.json"
    log "A: $n: $(cat "$R/A-$n.measure.json"); $(cut -c1-200 "$R/A-$n.state.json")"
    if [ "$n" != "$largest" ] && [ -z "${KEEP:-}" ]; then rm -rf "$WORK/archive-$n"; fi
  done
fi

# ---- B ------------------------------------------------------------------------------------------
A=$WORK/archive-$largest
if [ -z "${SKIP_B:-}" ] && [ -f "$A/state.sqlite" ]; then
  # (1) incremental crawl, with nginx's access log on for it (serve-static.sh writes none)
  url=$(serve "$CACHE/site-$largest")
  sed -i "s|access_log off;|access_log $NGINX_RUN/access.log;|" "$NGINX_RUN/nginx.conf"
  : > "$NGINX_RUN/access.log"
  nginx -c "$NGINX_RUN/nginx.conf" -s reload
  marker="/__scale_bench_marker_$$_$(date +%s)"
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT$marker" || true
    grep -q "$marker" "$NGINX_RUN/access.log" && break
    sleep 0.1
  done
  grep -q "$marker" "$NGINX_RUN/access.log" || { echo "nginx access log not written after reload" >&2; exit 1; }
  log "B1: incremental crawl of $largest articles"
  crawl B-incremental "$WORK/scale.conf" "$A" --seed "$url"
  sleep 0.5  # nginx writes a log line when a response is done; let the last ones land
  "${HELP[@]}" requests "$NGINX_RUN/access.log" "$marker" > "$R/B-incremental.requests.json"
  unserve
  log "B1: $(cat "$R/B-incremental.measure.json")"

  # (2) exports over the archive's days
  read -r from to <<< "$("${HELP[@]}" days "$A")"
  truth_n=$(grep -vc '"kind": "site"' "$CACHE/truth-$largest.jsonl" || true)
  for f in jsonl wacz; do
    out=$WORK/export-$largest.$f
    rm -f "$out"
    log "B2: export --format $f --from $from --to $to"
    "${MEASURE[@]}" "$R/B-export-$f.measure.json" "$BIN" export --config "$WORK/scale.conf" \
      --archive "$A" --from "$from" --to "$to" --format "$f" --out "$out" > "$R/B-export-$f.out" 2>&1 || true
    bytes=$(stat -c %s "$out" 2>/dev/null || echo 0)
    if [ "$f" = jsonl ]; then
      lines=$(wc -l < "$out" 2>/dev/null || echo 0)
      printf '{"bytes": %d, "lines": %d, "truth": %d}\n' "$bytes" "$lines" "$truth_n" > "$R/B-export-$f.json"
    else
      if [ ! -x "$PEERS/bin/wacz" ] && [ -z "${NO_PEERS:-}" ]; then
        log "B2: making the validators' venv ($SHARED/bench/setup-peers.sh $PEERS)"
        bash "$SHARED/bench/setup-peers.sh" "$PEERS" > "$R/setup-peers.out" 2>&1 || log "setup-peers.sh failed"
      fi
      if [ -x "$PEERS/bin/wacz" ] && [ -s "$out" ]; then
        if timeout 1800 "$PEERS/bin/wacz" validate -f "$out" > "$R/wacz-validate.out" 2>&1; then ok=true; else ok=false; fi
        v="wacz validate: $(tail -1 "$R/wacz-validate.out" | tr -d '"\\|' | cut -c1-80)"
      else
        ok=null; v="not run (no wacz validator)"
      fi
      printf '{"bytes": %d, "validate_ok": %s, "validate": "%s"}\n' "$bytes" "$ok" "$v" > "$R/B-export-$f.json"
    fi
    log "B2: $f: $(cat "$R/B-export-$f.measure.json") $(cat "$R/B-export-$f.json")"
  done

  # (3) show of one article (the first in the truth), as archived under the crawled URL
  path=$(head -1 "$CACHE/truth-$largest.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
  echo "http://127.0.0.1:$PORT$path" > "$R/B-show.url"
  for i in $(seq "$SHOW_RUNS"); do
    "${MEASURE[@]}" "$R/B-show-$i.measure.json" "$BIN" show --config "$WORK/scale.conf" --archive "$A" \
      "$(cat "$R/B-show.url")" > "$R/B-show-$i.out" 2>&1 || true
  done
  log "B3: show $(cat "$R/B-show.url"): $(cat "$R"/B-show-*.measure.json | tr '\n' ' ')"
fi

# ---- C ------------------------------------------------------------------------------------------
if [ -z "${SKIP_STRESS:-}" ]; then
  S=$WORK/stress
  rm -rf "$S" && mkdir -p "$S"
  : > "$S/requests.log"
  python3 "$ROOT/Benchmarks/frontier_site.py" --port "$STRESS_PORT" --log "$S/requests.log" \
    --lifetime $((3 * CRAWL_TIMEOUT)) > "$S/server.out" 2>&1 &
  stress_pid=$!
  for _ in $(seq 100); do grep -q listening "$S/server.out" 2>/dev/null && break; sleep 0.1; done
  grep -q listening "$S/server.out" || { echo "frontier_site.py did not start" >&2; exit 1; }
  seed="http://127.0.0.1:$STRESS_PORT/p/0.htm"
  log "C: crawling the frontier stress site, --max-pages $STRESS_PAGES"
  crawl C-first "$WORK/stress.conf" "$S/archive" --seed "$seed" --max-pages "$STRESS_PAGES"
  "${HELP[@]}" state "$S/archive/state.sqlite" > "$R/C-first.state.json"
  log "C: $(cat "$R/C-first.measure.json"); $(cat "$R/C-first.state.json")"
  log "C: resuming; stopped after $RESUME_PAGES page requests"
  "${HELP[@]}" probe "$S/requests.log" 300 "$RESUME_PAGES" "$R/C-resume.json" -- \
    "$BIN" crawl --config "$WORK/stress.conf" --archive "$S/archive" --seed "$seed" --quiet \
    > "$R/C-resume.out" 2>&1 || true
  kill "$stress_pid" 2>/dev/null || true
  wait "$stress_pid" 2>/dev/null || true
  stress_pid=
fi

echo >&2
"${HELP[@]}" report "$R" "$REPORT"
log "report written to $REPORT; work dir $WORK"
