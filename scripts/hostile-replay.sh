#!/usr/bin/env bash
# Replays the 13 rows of issue 11's table (hostile servers, careless users, bad disks), each in
# its own temp archive against loopback servers only (scripts/hostile_server.py on 127.0.0.1, the
# portal simulator of ../shared). Every command runs under `timeout`. For each row it checks:
# no trap (no signal exit, no "Fatal error"), no hang, the exit code documented in README.md's
# table and `crawl --help`, the one-line reason (grep'd), and afterwards `verify` (exit 0) and
# `warcio check -v` on every WARC. Rows 5-7 (damaged archive or state) also check that after the
# repair or rebuild the next crawl archives every article of the simulator's truth, stores no
# payload twice and writes no revisit to a missing record (scripts/hostile_checks.py,
# scripts/warc_duplicates.py). Prints `row N: ok` or `row N: FAIL <what>` per row, exit 1 on any
# FAIL.
# Usage: scripts/hostile-replay.sh
# Env: BIN (default .build/debug/portal-archiver), SHARED (default ../shared), ROWS ("1 2 ... 13"),
#      PEERS (a venv with warcio; default ~/.cache/portal-archiver-peers), WORK (default: a new
#      temp dir, removed at the end unless KEEP=1), RSS_LIMIT_MB (row 9's bound, default 400),
#      KILL_TIMES (row 10's SIGKILL moments in seconds after each start, "1.2 2.0 1.6 2.4 1.4").
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/portal-archiver}
BIN=$(realpath "$BIN")
SHARED=$(realpath "${SHARED:-../shared}")
ROWS=${ROWS:-"1 2 3 4 5 6 7 8 9 10 11 12 13"}
PEERS=${PEERS:-$HOME/.cache/portal-archiver-peers}
RSS_LIMIT_MB=${RSS_LIMIT_MB:-400}
KILL_TIMES=${KILL_TIMES:-"1.2 2.0 1.6 2.4 1.4"}
KEEP=${KEEP:-0}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
HERE=$(pwd)
PY="$PEERS/bin/python"
WARCIO="$PEERS/bin/warcio"
if [ ! -x "$WARCIO" ]; then
  bash "$SHARED/bench/setup-peers.sh" > "$WORK/setup-peers.log" 2>&1 \
    || { echo "warcio missing and setup-peers.sh failed (see $WORK/setup-peers.log)"; exit 2; }
fi
SIM=(--template "$SHARED/portal-sim/templates/tujian.py" --pool "$SHARED/portal-sim/pool-a.jsonl")
[ -x "$BIN" ] || { echo "no binary at $BIN"; exit 2; }

servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  [ "$KEEP" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# --- helpers -----------------------------------------------------------------------------------
PROBLEMS=()      # what failed in the current row
NOTES=()         # measured numbers and remarks of the current row
D=""             # the current row's folder
fail() { PROBLEMS+=("$*"); }
note() { NOTES+=("$*"); }

# run SECS NAME CMD...: runs CMD under timeout with stdout/stderr in $D/NAME.out/.err; sets RC
# and SECS_TAKEN; records a hang (timeout), a signal exit or "Fatal error" as a problem.
run() {
  local secs=$1 name=$2; shift 2
  local t0 ds
  t0=$(date +%s%N)
  timeout -k 5 "$secs" "$@" > "$D/$name.out" 2> "$D/$name.err"
  RC=$?
  ds=$(( ($(date +%s%N) - t0) / 100000000 ))
  SECS_TAKEN="$((ds / 10)).$((ds % 10))"
  if [ "$RC" = 124 ] || [ "$RC" = 137 ]; then
    fail "$name: hang (no exit within ${secs}s)"
  elif [ "$RC" -gt 128 ] && [ "$RC" != 130 ]; then
    fail "$name: killed by signal $((RC - 128))"
  fi
  if grep -q "Fatal error" "$D/$name.out" "$D/$name.err"; then
    fail "$name: trap: $(grep -h -m1 'Fatal error' "$D/$name.out" "$D/$name.err" | cut -c1-160)"
  fi
}

# crawl SECS NAME ARCHIVE CONF [flags...]
crawl() {
  local secs=$1 name=$2 archive=$3 conf=$4; shift 4
  run "$secs" "$name" "$BIN" crawl --config "$conf" --archive "$archive" "$@"
}

# lastline NAME: the summary's last line (stdout), else the last line of stderr.
lastline() {
  local l
  l=$(grep -v '^\s*$' "$D/$1.out" | tail -1)
  [ -n "$l" ] || l=$(grep -v '^\s*$' "$D/$1.err" | tail -1)
  printf '%s' "$l"
}

# expect NAME CODE REGEX: exit code CODE and a line matching REGEX (extended, case-insensitive)
# in the command's output.
expect() {
  local name=$1 want=$2 words=$3
  if [ "$RC" != "$want" ]; then
    fail "$name: exit $RC, want $want ($(lastline "$name" | cut -c1-200))"
  elif [ -n "$words" ] && ! grep -qiE -- "$words" "$D/$name.out" "$D/$name.err"; then
    fail "$name: exit $RC but no reason matching /$words/ ($(lastline "$name" | cut -c1-200))"
  fi
}

# valid ARCHIVE: verify exits 0 and warcio check -v passes on every WARC file.
valid() {
  local a=$1 tag
  tag=$(basename "$a")
  run 300 "verify-$tag" "$BIN" verify --archive "$a"
  [ "$RC" = 0 ] || fail "verify --archive $tag: exit $RC: $(grep -v '^verified' "$D/verify-$tag.out" | head -2 | tr '\n' ' ' | cut -c1-240)$(tail -1 "$D/verify-$tag.out")"
  mapfile -t warcs < <(find "$a" -name '*.warc.gz' | sort)
  if [ "${#warcs[@]}" -gt 0 ]; then
    run 300 "warcio-$tag" "$WARCIO" check -v "${warcs[@]}"
    [ "$RC" = 0 ] || fail "warcio check -v ($tag): exit $RC: $(grep -iv 'pass\|not checked\|^  offset\|WARC-Record' "$D/warcio-$tag.out" "$D/warcio-$tag.err" | head -2 | tr '\n' ' ' | cut -c1-200)"
  fi
}

# healed ARCHIVE TRUTH ORIGIN: the checks of rows 5-7 (and 10) after the repair and the next crawl.
healed() {
  local a=$1 tag
  tag=$(basename "$a")
  valid "$a"
  run 300 "checks-$tag" "$PY" "$HERE/scripts/hostile_checks.py" "$a" --truth "$2" --origin "$3"
  [ "$RC" = 0 ] || fail "$tag: $(grep -v 'files,.*records' "$D/checks-$tag.out" | tr '\n' ' ' | sed 's/  */ /g' | cut -c1-400)"
  # `show` of each article prints that article (or fails), never another URL's.
  local u wrong=0 failed=0 example=""
  while read -r u; do
    timeout 30 "$BIN" show --archive "$a" "$3$u" > "$D/show.tmp" 2>&1 || { failed=$((failed + 1)); continue; }
    if ! grep -q "^URL: *$3$u\$" "$D/show.tmp"; then
      wrong=$((wrong + 1))
      [ -n "$example" ] || example="show $3$u printed $(grep -m1 '^URL:' "$D/show.tmp" | sed 's/^URL: *//')"
    fi
  done < <(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    a = json.loads(l)
    if "url" in a and a.get("kind") != "site": print(a["url"])' "$2")
  [ "$wrong" = 0 ] || fail "$tag: show printed another URL's article for $wrong articles (e.g. $example)"
  [ "$failed" = 0 ] || note "$tag: show failed for $failed articles"
  mapfile -t warcs < <(find "$a" -name '*.warc.gz' | sort)
  run 300 "dups-$tag" "$PY" "$HERE/scripts/warc_duplicates.py" "${warcs[@]}"
  [ "$RC" = 0 ] || fail "$tag: warc_duplicates.py: $(grep -E 'two or more|more than once|written twice' "$D/dups-$tag.out" | tr '\n' ' ' | cut -c1-200)"
}

# conf FILE [TOML lines...]: a crawl.conf with quick retries and no politeness delay plus the
# given lines (sections may repeat in TOML only if keys differ: give whole sections).
conf() {
  local f=$1; shift
  printf '%s\n' "$@" > "$f"
}
BASE=$'[crawl]\ndelay = 0.0\n[fetch]\nretry_delay = 0.1\nconnect_timeout = 2.0'

# hostile MODE: starts scripts/hostile_server.py; sets PORT and ACCESS (its request log).
hostile() {
  local mode=$1 out="$D/server-$1.port"
  ACCESS="$D/access-$mode.log"
  : > "$ACCESS"
  python3 "$HERE/scripts/hostile_server.py" --mode "$mode" --log "$ACCESS" > "$out" 2> "$D/server-$mode.err" &
  servers+=($!)
  for _ in $(seq 300); do [ -s "$out" ] && break; sleep 0.1; done
  PORT=$(awk '/^port/ { print $2 }' "$out")
  [ -n "$PORT" ] || fail "hostile server $mode did not start"
}

# sim ARTICLES: starts the portal simulator (faults off); sets SIMPORT, ORIGIN and TRUTH.
sim() {
  local n=$1 out="$D/sim-$1.out"
  python3 "$SHARED/portal-sim/portal_sim.py" serve "${SIM[@]}" --articles "$n" --faults off \
    --port 0 --log "$D/sim-$n-access.jsonl" > "$out" 2>&1 &
  servers+=($!)
  for _ in $(seq 300); do grep -q listening "$out" 2>/dev/null && break; sleep 0.1; done
  SIMPORT=$(grep -o '127.0.0.1:[0-9]*' "$out" | head -1 | cut -d: -f2)
  ORIGIN="http://127.0.0.1:$SIMPORT"
  TRUTH="$D/truth-$n.jsonl"
  python3 "$SHARED/portal-sim/portal_sim.py" truth "${SIM[@]}" --articles "$n" --faults off > "$TRUTH"
  [ -n "$SIMPORT" ] || fail "simulator did not start"
}

# nothing_fetched: the hostile server's access log is empty.
nothing_fetched() {
  [ -s "$ACCESS" ] && fail "$1: requests were sent although the configuration is refused: $(head -2 "$ACCESS" | tr '\n' ' ')"
}

# --- rows ----------------------------------------------------------------------------------------

# Bad configuration values (rows 1-3): exit 78 naming the key, nothing fetched, no run left
# "running", and a good crawl of the same archive afterwards completes (not 75, no hang).
# config_case NAME KEY_REGEX TOML [flags...]: exit 78 and the message names the key (required);
# a message without the range (README: "refused with the key, its range and the value") is noted.
# config_extra: the same, but a message not naming the key is only noted.
CASE=0
config_case() {
  local name=$1 key=$2 toml=$3; shift 3
  CASE=$((CASE + 1))
  conf "$D/case$CASE.conf" "$toml"
  crawl 30 "$name" "$D/A" "$D/case$CASE.conf" --seed "http://127.0.0.1:$PORT/" "$@"
  expect "$name" 78 "$key"
  grep -qiE -- "($key).*from .* to " "$D/$name.err" "$D/$name.out" \
    || note "$name: exit $RC, the message gives no range: $(lastline "$name" | sed "s#$D/##" | cut -c1-150)"
}
config_extra() {
  local name=$1 key=$2 toml=$3; shift 3
  CASE=$((CASE + 1))
  conf "$D/case$CASE.conf" "$toml"
  crawl 30 "$name" "$D/A" "$D/case$CASE.conf" --seed "http://127.0.0.1:$PORT/" "$@"
  expect "$name" 78 ""
  grep -qiE -- "$key" "$D/$name.err" "$D/$name.out" \
    || note "$name: exit $RC, the message does not name the key: $(lastline "$name" | sed "s#$D/##" | cut -c1-150)"
}
config_after() {
  nothing_fetched "$1"
  conf "$D/good.conf" "$BASE"
  crawl 60 good-after "$D/A" "$D/good.conf" --seed "http://127.0.0.1:$PORT/" --quiet
  expect good-after 0 "^exit 0: "
  run 30 status "$BIN" status --archive "$D/A" --runs
  grep -qw running "$D/status.out" && fail "status --runs lists a run still running: $(grep -w running "$D/status.out" | head -1)"
  valid "$D/A"
}

row1() {
  hostile plain
  config_case timeout-inf 'fetch\.timeout' $'[fetch]\ntimeout = inf'
  config_case timeout-1e300 'fetch\.timeout' $'[fetch]\ntimeout = 1e300'
  config_case connect-inf 'fetch\.connect_timeout' $'[fetch]\nconnect_timeout = inf'
  config_case timeout-nan 'fetch\.timeout' $'[fetch]\ntimeout = nan'
  config_case retry-wait-inf 'fetch\.max_retry_wait' $'[fetch]\nmax_retry_wait = inf'
  config_after "row 1"
}

row2() {
  hostile plain
  config_case concurrency-max 'crawl\.concurrency' $'[crawl]\nconcurrency = 9223372036854775807'
  config_extra concurrency-over 'concurrency' $'[crawl]\nconcurrency = 9223372036854775808'
  config_case per-host-max 'crawl\.per_host_connections' $'[crawl]\nper_host_connections = 9223372036854775807'
  config_case sync-every-max 'archive\.sync_every' $'[archive]\nsync_every = 9223372036854775807'
  config_case flag-j-max '(-j|--concurrency)' '' -j 9223372036854775807
  config_case flag-j-neg '(-j|--concurrency)' '' --concurrency -1
  config_after "row 2"
}

row3() {
  hostile plain
  config_case delay-inf 'crawl\.delay' $'[crawl]\ndelay = inf'
  config_case delay-nan 'crawl\.delay' $'[crawl]\ndelay = nan'
  config_case max-crawl-delay-inf 'crawl\.max_crawl_delay' $'[crawl]\nmax_crawl_delay = inf'
  config_case flag-delay-inf '--delay' '' --delay inf
  config_after "row 3"
}

# Row 4: robots.txt 302 -> 301 -> the real file (Disallow: /secret/): obeyed; a redirect out of
# the scope disallows the host (the seed fails, exit 4).
row4() {
  conf "$D/c.conf" "$BASE"
  hostile robots
  crawl 60 robots "$D/A" "$D/c.conf" --seed "http://127.0.0.1:$PORT/" --quiet
  expect robots 0 "^exit 0: "
  grep -q '^GET /policy/robots.txt' "$ACCESS" || fail "robots.txt's redirect chain was not followed to /policy/robots.txt"
  grep -q '^GET /secret/' "$ACCESS" && fail "disallowed paths were fetched: $(grep '^GET /secret/' "$ACCESS" | head -2 | tr '\n' ' ')"
  local skipped="$D/A/reports/run-1/skipped.tsv"
  [ "$(grep -c "^robots	.*/secret/" "$skipped" 2>/dev/null)" = 2 ] || fail "skipped.tsv does not list both /secret/ links as robots"
  valid "$D/A"
  hostile robots-offsite
  crawl 60 robots-offsite "$D/B" "$D/c.conf" --seed "http://127.0.0.1:$PORT/" --quiet
  expect robots-offsite 4 "robots\.txt.*(outside the scope|disallow)"
  grep -qv '^GET /robots.txt' "$ACCESS" && fail "robots-offsite: pages were fetched although robots.txt redirects out of the scope: $(grep -v '^GET /robots.txt' "$ACCESS" | head -2 | tr '\n' ' ')"
  valid "$D/B"
}

# A small sim crawl for rows 5-7: 60 articles, several WARC files (max_file_size 150000).
sim_base() {
  sim 60
  conf "$D/c.conf" "$BASE" $'[archive]\nmax_file_size = 150000'
  crawl 180 first "$D/base" "$D/c.conf" --seed "$ORIGIN/" --quiet
  expect first 0 "^exit 0: "
}

# Row 5: a WARC file (the second of six) cut in half after the crawl. Before repair: verify names
# the file and offset, export and show carry on. Then (A) crawl at once; (B) verify --repair,
# then crawl; (C) the file cut at a record boundary instead, then crawl. Afterwards: valid archive, every article archived, no payload twice, no revisit to a
# missing record.
row5() {
  sim_base
  local day f sz victim
  day=$(date -u +%F)
  for v in A B; do
    cp -a "$D/base" "$D/$v"
    f=$(find "$D/$v" -name '*.warc.gz' | sort | sed -n 2p)
    sz=$(stat -c %s "$f"); truncate -s $((sz / 2)) "$f"
  done
  victim=$(basename "$f")
  note "cut $victim from $sz to $((sz / 2)) bytes (inside a gzip member)"
  # C: the same file cut at a record boundary (the first indexed record past half its size).
  cp -a "$D/base" "$D/C"
  local fc cut
  fc=$(find "$D/C" -name "$victim")
  cut=$(python3 -c 'import json,sys
half = int(sys.argv[2]) // 2
offs = sorted(int(json.loads(l.split(" ", 2)[2])["offset"]) for l in open(sys.argv[1]))
print(min(o for o in offs if o >= half))' "${fc%.warc.gz}.cdxj" "$sz")
  truncate -s "$cut" "$fc"
  note "C: cut $victim at $cut (a record boundary)"
  run 60 verify-cut "$BIN" verify --archive "$D/A"
  [ "$RC" = 1 ] && grep -q "$victim:[0-9]" "$D/verify-cut.out" \
    || fail "verify on the cut archive: exit $RC, want 1 naming $victim:OFFSET"
  run 60 export-cut "$BIN" export --archive "$D/A" --from "$day" --to "$day" --format jsonl --out "$D/cut.jsonl"
  local n=0; [ -f "$D/cut.jsonl" ] && n=$(wc -l < "$D/cut.jsonl")
  [ "$RC" = 0 ] && [ "$n" -gt 0 ] \
    || fail "export --format jsonl on the cut archive: exit $RC, $n lines written ($(lastline export-cut | cut -c1-160)); it should skip the damaged region, say so, and export the rest"
  local art
  art=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["url"])' "$TRUTH")
  run 60 show-cut "$BIN" show --archive "$D/A" "$ORIGIN$art"
  [ "$RC" = 0 ] || fail "show of an intact article on the cut archive: exit $RC ($(lastline show-cut | cut -c1-160))"
  # A: the crawl notices by itself.
  crawl 180 crawl-A "$D/A" "$D/c.conf" --seed "$ORIGIN/" --quiet
  expect crawl-A 0 "^exit 0: "
  grep -qE "$victim.*:[0-9]+" "$D/crawl-A.err" || fail "crawl-A: no warning naming $victim and the offset"
  healed "$D/A" "$TRUTH" "$ORIGIN"
  # B: verify --repair first.
  run 60 repair-B "$BIN" verify --archive "$D/B" --repair
  note "verify --repair on the cut archive: exit $RC: $(tail -1 "$D/repair-B.out")"
  crawl 180 crawl-B "$D/B" "$D/c.conf" --seed "$ORIGIN/" --quiet
  expect crawl-B 0 "^exit 0: "
  healed "$D/B" "$TRUTH" "$ORIGIN"
  # C: cut at a record boundary, then crawl.
  crawl 180 crawl-C "$D/C" "$D/c.conf" --seed "$ORIGIN/" --quiet
  expect crawl-C 0 "^exit 0: "
  grep -qE "$victim.*:[0-9]+" "$D/crawl-C.err" || fail "crawl-C: no warning naming $victim and the offset"
  healed "$D/C" "$TRUTH" "$ORIGIN"
}

# Row 6: state.sqlite (checkpointed, as a long crawl's is) truncated to half (A) or with 16 bytes
# flipped at the start of every third page (B): crawl exits 74 naming `verify --rebuild-state`;
# that rebuilds it; the next crawl completes and the checks pass.
row6() {
  sim_base
  python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("pragma wal_checkpoint(TRUNCATE)"); c.close()' "$D/base/state.sqlite"
  cp -a "$D/base" "$D/A"; cp -a "$D/base" "$D/B"
  local sz; sz=$(stat -c %s "$D/A/state.sqlite")
  truncate -s $((sz / 2)) "$D/A/state.sqlite"
  python3 - "$D/B/state.sqlite" <<'PY'
import sys
p = sys.argv[1]; b = bytearray(open(p, "rb").read())
ps = int.from_bytes(b[16:18], "big"); ps = 65536 if ps == 1 else ps
for k in range(2, len(b) // ps, 3):
    for i in range(16):
        b[k * ps + i] ^= 0xA5
open(p, "wb").write(b)
PY
  note "state.sqlite $sz bytes: A truncated to $((sz / 2)), B flipped"
  for v in A B; do
    run 30 "status-$v" "$BIN" status --archive "$D/$v"
    [ "$RC" = 0 ] && ! grep -qiE "damag|malformed|rebuild" "$D/status-$v.out" "$D/status-$v.err" \
      && fail "status-$v on the damaged state: exit 0 without saying the state is damaged"
    crawl 60 "damaged-$v" "$D/$v" "$D/c.conf" --seed "$ORIGIN/" --quiet
    expect "damaged-$v" 74 "verify --rebuild-state"
    run 180 "rebuild-$v" "$BIN" verify --config "$D/c.conf" --archive "$D/$v" --rebuild-state
    expect "rebuild-$v" 0 "rebuilt"
    ls "$D/$v"/state.sqlite.damaged-* > /dev/null 2>&1 || fail "rebuild-$v: the damaged state was not moved aside"
    crawl 180 "after-$v" "$D/$v" "$D/c.conf" --seed "$ORIGIN/" --quiet
    expect "after-$v" 0 "^exit 0: "
    healed "$D/$v" "$TRUTH" "$ORIGIN"
  done
}

# Row 7: state.sqlite (and its -wal/-shm) deleted: the crawl rebuilds it from the archive by
# itself and says so; dedup goes on (no payload stored again).
row7() {
  sim_base
  rm -f "$D/base/state.sqlite" "$D/base/state.sqlite-wal" "$D/base/state.sqlite-shm"
  crawl 180 after "$D/base" "$D/c.conf" --seed "$ORIGIN/"
  expect after 0 "^exit 0: "
  grep -qiE "rebuil" "$D/after.err" "$D/after.out" || fail "the crawl did not say it rebuilt the state"
  healed "$D/base" "$TRUTH" "$ORIGIN"
}

# Row 8: export --out into the archive root (the state DB itself, a symbolic link to it, a new
# file there) and onto a folder: refused with the reason; the state DB unchanged; crawl still works.
row8() {
  conf "$D/c.conf" "$BASE"
  hostile plain
  crawl 60 crawl "$D/A" "$D/c.conf" --seed "http://127.0.0.1:$PORT/" --quiet
  expect crawl 0 "^exit 0: "
  local day before after
  day=$(date -u +%F)
  before=$(cat "$D/A"/state.sqlite* 2>/dev/null | sha256sum)
  ln -s "$D/A/state.sqlite" "$D/link-to-state"
  local i=0
  for out in "$D/A/state.sqlite" "$D/link-to-state" "$D/A/new.jsonl" "$D/A/logs/../x.warc.gz"; do
    i=$((i + 1))
    run 60 "export-in-$i" "$BIN" export --archive "$D/A" --from "$day" --to "$day" --format jsonl --out "$out"
    [ "$RC" != 0 ] && grep -qi "inside the archive root" "$D/export-in-$i.out" "$D/export-in-$i.err" \
      || fail "export --out $out: exit $RC, want a refusal naming the archive root ($(lastline "export-in-$i" | cut -c1-120))"
  done
  [ -e "$D/A/new.jsonl" ] && fail "export wrote $D/A/new.jsonl inside the archive root"
  mkdir -p "$D/folder"
  run 60 export-folder "$BIN" export --archive "$D/A" --from "$day" --to "$day" --format jsonl --out "$D/folder"
  [ "$RC" != 0 ] && grep -qi "folder" "$D/export-folder.out" "$D/export-folder.err" \
    || fail "export --out FOLDER: exit $RC, want a refusal saying it is a folder"
  after=$(cat "$D/A"/state.sqlite* 2>/dev/null | sha256sum)
  [ "$before" = "$after" ] || fail "the state DB changed during the refused exports"
  run 60 export-ok "$BIN" export --archive "$D/A" --from "$day" --to "$day" --format jsonl --out "$D/ok.jsonl"
  [ "$RC" = 0 ] && [ "$(wc -l < "$D/ok.jsonl")" -ge 40 ] || fail "export --out outside the root: exit $RC"
  crawl 60 crawl-again "$D/A" "$D/c.conf" --seed "http://127.0.0.1:$PORT/" --quiet
  expect crawl-again 0 "^exit 0: "
  valid "$D/A"
}

# Row 9: one 9.8 MB page with 550,000 links: links capped (scope.max_links_per_page, a warning),
# bounded memory, time and state DB. -n 30 stops the run (exit 6) after the page and 29 links.
row9() {
  conf "$D/c.conf" "$BASE"
  hostile links
  run 240 links /usr/bin/time -v "$BIN" crawl --config "$D/c.conf" --archive "$D/A" \
    --seed "http://127.0.0.1:$PORT/" --max-pages 30 --quiet
  expect links 6 "stopped at --max-pages"
  grep -q "max_links_per_page" "$D/links.err" || fail "no warning naming scope.max_links_per_page"
  local rss secs db
  rss=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print int($2 / 1024) }' "$D/links.err")
  secs=$SECS_TAKEN
  db=$(du -cb "$D/A"/state.sqlite* | awk 'END { print int($1 / 1024) }')
  note "9.8 MB page, 550,000 links: peak RSS ${rss} MB, ${secs} s for the run (page + 29 links),"
  note "state DB + WAL ${db} KB ($(ls -l "$D/A"/state.sqlite* | awk '{ printf "%s %s; ", $NF, $5 }' | sed "s#$D/A/##g"))"
  note "queued after the run: $(grep -o '[0-9]* URLs still queued' "$D/links.out")"
  [ -n "$rss" ] && [ "$rss" -le "$RSS_LIMIT_MB" ] || fail "peak RSS ${rss} MB above ${RSS_LIMIT_MB} MB"
  [ "$db" -le 51200 ] || fail "state DB + WAL ${db} KB above 50 MB"
  [ "${secs%.*}" -le 60 ] || fail "the run took ${secs} s (over 60 s)"
  valid "$D/A"
}

# Row 10: kill -9 at 5 moments of a crawl of a 100-article simulator with a tiny max_file_size
# and sync_every = 8, then a completing run: no metadata or conversion record twice for one
# WARC-Refers-To, no URL with two 200 responses, every article archived, archive valid.
row10() {
  sim 100
  # delay 0.03: the whole crawl (~360 requests) takes ~11 s, so the kills land all along it.
  conf "$D/c.conf" $'[crawl]\ndelay = 0.03\n[fetch]\nretry_delay = 0.1' $'[archive]\nmax_file_size = 16384\nsync_every = 8'
  local t kills=0 i=0 pid
  for t in $KILL_TIMES; do
    i=$((i + 1))
    "$BIN" crawl --config "$D/c.conf" --archive "$D/A" --seed "$ORIGIN/" --quiet \
      > "$D/kill-$i.out" 2> "$D/kill-$i.err" &
    pid=$!
    sleep "$t"
    if kill -9 "$pid" 2>/dev/null; then
      kills=$((kills + 1)); wait "$pid" 2>/dev/null
    else
      wait "$pid"; local rc=$?
      [ "$rc" = 0 ] || fail "run $i (before its kill at ${t}s) exited $rc"
    fi
    grep -q "Fatal error" "$D/kill-$i.err" && fail "run $i: trap: $(grep -m1 'Fatal error' "$D/kill-$i.err")"
  done
  note "$kills of 5 runs killed with SIGKILL (at $KILL_TIMES s); $(find "$D/A" -name '*.warc.gz' | wc -l) WARC files"
  crawl 300 final "$D/A" "$D/c.conf" --seed "$ORIGIN/" --quiet
  expect final 0 "^exit 0: "
  healed "$D/A" "$TRUTH" "$ORIGIN"
}

# Row 11: a 1 MB response header (one line; 1,000 lines) and a redirect to a 100 KB URL: as the
# seed, exit 4 saying "header too large" (or "url too long"); linked from a page, errors.tsv
# has that kind for each; never "Out of memory".
row11() {
  conf "$D/c.conf" "$BASE"
  hostile headers
  local p
  for p in bighdr manyhdr longredir; do
    crawl 60 "seed-$p" "$D/S-$p" "$D/c.conf" --seed "http://127.0.0.1:$PORT/$p" --quiet
    expect "seed-$p" 4 "^exit 4: .*(header too large|url too long)"
    lastline "seed-$p" | grep -qi "out of memory" && fail "seed-$p: the reason says Out of memory"
    valid "$D/S-$p"
  done
  crawl 60 linked "$D/A" "$D/c.conf" --seed "http://127.0.0.1:$PORT/" --quiet
  expect linked 0 "^exit 0: "
  local errors="$D/A/reports/run-1/errors.tsv"
  for p in bighdr manyhdr longredir; do
    grep -qE "^(header too large|url too long)	http://127.0.0.1:$PORT/$p	" "$errors" \
      || fail "errors.tsv: /$p not listed as header too large or url too long: $(grep "/$p	" "$errors" | cut -c1-120)"
  done
  grep -qi "out of memory" "$errors" && fail "errors.tsv says Out of memory"
  valid "$D/A"
}

# Row 12: redirects to file:///etc/passwd and gopher://: refused with a reason naming the scheme
# ("scheme not allowed", or "only http and https"), never "redirect without Location"; nothing
# of /etc/passwd archived.
row12() {
  conf "$D/c.conf" "$BASE"
  hostile schemes
  local p
  for p in tofile togopher; do
    crawl 60 "seed-$p" "$D/S-$p" "$D/c.conf" --seed "http://127.0.0.1:$PORT/$p" --quiet
    expect "seed-$p" 4 "^exit 4: .*(scheme not allowed|only http and https)"
    grep -qi "without Location" "$D/seed-$p.out" "$D/seed-$p.err" && fail "seed-$p: the reason says 'redirect without Location'"
    valid "$D/S-$p"
  done
  crawl 60 linked "$D/A" "$D/c.conf" --seed "http://127.0.0.1:$PORT/" --quiet
  expect linked 0 "^exit 0: "
  local errors="$D/A/reports/run-1/errors.tsv" kinds
  for p in tofile togopher; do
    grep -qiE "	http://127.0.0.1:$PORT/$p	.*(scheme not allowed|only http and https)" "$errors" \
      || fail "errors.tsv: /$p not refused for its scheme: $(grep "/$p	" "$errors" | cut -c1-120)"
  done
  kinds=$(awk -F'\t' -v port="$PORT" '$2 ~ "/to(file|gopher)$" { print $1 }' "$errors" | sort -u | tr '\n' ',')
  [ "$kinds" = "scheme not allowed," ] || note "errors.tsv kind for the two redirects: '${kinds%,}' (README's list of kinds has 'scheme not allowed')"
  grep -qi "without Location" "$errors" && fail "errors.tsv says 'redirect without Location'"
  if find "$D" -name '*.warc.gz' -exec zcat {} + 2>/dev/null | grep -qa '^root:x:0:0'; then
    fail "/etc/passwd was archived"
  fi
  valid "$D/A"
}

# Row 13: 503 with Retry-After: 100000 (and an HTTP-date a day ahead): beyond fetch.max_retry_wait
# (60 s by default) the URL fails at once in this run, with a reason naming the Retry-After (or
# the cap); a Retry-After of 1 s is honoured (retried, then 200).
row13() {
  conf "$D/c.conf" "$BASE"
  hostile retry
  crawl 90 seed-ra "$D/S" "$D/c.conf" --seed "http://127.0.0.1:$PORT/ra" --quiet
  expect seed-ra 4 "^exit 4: "
  note "seed /ra (Retry-After: 100000): exit $RC in ${SECS_TAKEN} s: $(lastline seed-ra | cut -c1-140)"
  [ "${SECS_TAKEN%.*}" -le 30 ] || fail "seed-ra took ${SECS_TAKEN} s"
  grep -qiE "retry-after|max_retry_wait" "$D/seed-ra.out" "$D/seed-ra.err" \
    || fail "seed-ra: the reason does not mention the Retry-After or fetch.max_retry_wait: '$(lastline seed-ra | cut -c1-120)'"
  valid "$D/S"
  crawl 120 linked "$D/A" "$D/c.conf" --seed "http://127.0.0.1:$PORT/"
  expect linked 0 "^exit 0: "
  note "linked /ra, /radate, /ra1: exit $RC in ${SECS_TAKEN} s"
  [ "${SECS_TAKEN%.*}" -le 60 ] || fail "the crawl with Retry-After: 100000 links took ${SECS_TAKEN} s"
  local log="$D/A/logs/crawl-1.log" errors="$D/A/reports/run-1/errors.tsv"
  [ "$(grep -c " http://127.0.0.1:$PORT/ra " "$log")" = 1 ] || fail "/ra requested $(grep -c " http://127.0.0.1:$PORT/ra " "$log") times (want 1: no retry beyond the cap)"
  grep -q " 200 [0-9]* http://127.0.0.1:$PORT/ra1 " "$log" || fail "/ra1 (Retry-After: 1) was not retried to its 200"
  for p in ra radate; do
    grep -qE "	http://127.0.0.1:$PORT/$p	" "$errors" || fail "errors.tsv does not list /$p"
  done
  grep -qiE "retry-after|max_retry_wait" "$errors" \
    || fail "errors.tsv: the reason for /ra does not mention the Retry-After or fetch.max_retry_wait: '$(grep "/ra	" "$errors" | cut -f3 | cut -c1-100)'"
  valid "$D/A"
}

# --- main ----------------------------------------------------------------------------------------
echo "hostile replay: $BIN, work dir $WORK"
failed=0
t_all=$(date +%s)
for r in $ROWS; do
  D="$WORK/row$r"; mkdir -p "$D"
  PROBLEMS=(); NOTES=()
  t0=$(date +%s)
  "row$r"
  secs=$(( $(date +%s) - t0 ))
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null; servers=()
  if [ "${#PROBLEMS[@]}" = 0 ]; then
    echo "row $r: ok (${secs}s)"
  else
    failed=$((failed + 1))
    echo "row $r: FAIL $(printf '%s; ' "${PROBLEMS[@]}" | sed 's/; $//') (${secs}s)"
  fi
  for n in "${NOTES[@]}"; do echo "  $n"; done
done
echo "hostile replay: $failed row(s) failed, $(( $(date +%s) - t_all ))s"
[ "$failed" = 0 ]
