#!/usr/bin/env bash
# Kill -9 resilience: crawls the simulator once uninterrupted, then again in a new archive while
# killing the crawler with SIGKILL at KILLS random moments (re-running `crawl` after each) until
# a run completes; compares the archived article sets, looks for URLs with two 200 responses,
# runs warcio check on every file, and checks the search index (kill_resume_search.py): every
# archived article found by a search of its title, none listed twice.
# Usage: scripts/kill-resume.sh   Env: SHARED, BIN, ARTICLES (300), KILLS (5), VALIDATORS, WORK,
#        CRAWL_FLAGS (default "--delay 0.01").
set -euo pipefail
SHARED=${SHARED:-../shared}
BIN=${BIN:-.build/debug/portal-archiver}
ARTICLES=${ARTICLES:-300}
KILLS=${KILLS:-5}
VALIDATORS=${VALIDATORS:-$HOME/.cache/portal-archiver-validators}
WORK=${WORK:-$(mktemp -d)}
read -r -a flags <<< "${CRAWL_FLAGS:---delay 0.01}"
sim=(--template "$SHARED/portal-sim/templates/tujian.py" --pool "$SHARED/portal-sim/pool-a.jsonl" --articles "$ARTICLES")
if [ ! -x "$VALIDATORS/bin/warcio" ]; then
  python3 -m venv "$VALIDATORS"
  "$VALIDATORS/bin/pip" install -q --disable-pip-version-check warcio cdxj-indexer
fi
python3 "$SHARED/portal-sim/portal_sim.py" serve "${sim[@]}" --port 0 --slow 5 > "$WORK/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
seed="http://127.0.0.1:$(grep -o '127.0.0.1:[0-9]*' "$WORK/serve.out" | cut -d: -f2)/"

articles() {  # the set of URLs with an archived article (metadata record), one per line
  "$VALIDATORS/bin/python" - "$1" <<'PY'
import glob, sys
from warcio.archiveiterator import ArchiveIterator
urls = set()
for p in glob.glob(sys.argv[1] + "/**/*.warc.gz", recursive=True):
    for r in ArchiveIterator(open(p, "rb")):
        if r.rec_type == "metadata":
            urls.add(r.rec_headers.get_header("WARC-Target-URI"))
print("\n".join(sorted(urls)))
PY
}

rc=0; "$BIN" crawl --seed "$seed" --archive "$WORK/clean" --quiet "${flags[@]}" > /dev/null || rc=$?
echo "uninterrupted crawl: exit $rc"
articles "$WORK/clean" > "$WORK/clean.txt"

kills=0
runs=0
while :; do
  runs=$((runs + 1))
  "$BIN" crawl --seed "$seed" --archive "$WORK/killed" --quiet "${flags[@]}" > "$WORK/run$runs.out" 2>&1 &
  pid=$!
  if [ "$kills" -lt "$KILLS" ]; then
    sleep "$(python3 -c 'import random; print(round(random.uniform(0.3, 4.0), 2))')"
    if kill -9 "$pid" 2>/dev/null; then
      kills=$((kills + 1)); wait "$pid" 2>/dev/null || true
      echo "run $runs: killed (kill $kills of $KILLS)"
      continue
    fi
  fi
  rc=0; wait "$pid" || rc=$?
  echo "run $runs: exit $rc"
  [ "$rc" = 0 ] || [ "$rc" = 3 ] && break
  [ "$runs" -lt 40 ] || { echo "FAIL: no completed run after 40 tries"; exit 1; }
done
grep -h "resuming\|recovered\|repaired" "$WORK"/run*.out | sort | uniq -c | head -20 || true
articles "$WORK/killed" > "$WORK/killed.txt"
status=0
if diff -q "$WORK/clean.txt" "$WORK/killed.txt" > /dev/null; then
  echo "ok   same $(wc -l < "$WORK/clean.txt") archived articles as the uninterrupted crawl"
else
  echo "FAIL article sets differ:"; diff "$WORK/clean.txt" "$WORK/killed.txt" | head; status=1
fi
mapfile -t warcs < <(find "$WORK/killed" -name '*.warc.gz' | sort)
"$VALIDATORS/bin/python" scripts/warc_duplicates.py "${warcs[@]}" || status=1
for f in "${warcs[@]}"; do
  "$VALIDATORS/bin/warcio" check -v "$f" > "$WORK/warcio.out" 2>&1 || { echo "FAIL warcio check $f"; status=1; }
done
echo "warcio check -v: ${#warcs[@]} files"
python3 scripts/kill_resume_search.py "$BIN" "$WORK/killed" || status=1
exit $status
