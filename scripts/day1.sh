#!/usr/bin/env bash
# Incremental crawl check: a complete day-0 crawl of the simulator, then a day-1 crawl of the
# next day's site on the same port. Checks that day 1 archives every new article, revalidates the
# seed and list pages conditionally (If-None-Match / If-Modified-Since in the access log), and
# downloads no unchanged article body again.
# Env: SHARED, BIN, ARTICLES (300), WORK, CRAWL_FLAGS (default "--delay 0.01").
set -euo pipefail
SHARED=${SHARED:-../shared}
BIN=${BIN:-.build/debug/portal-archiver}
ARTICLES=${ARTICLES:-300}
WORK=${WORK:-$(mktemp -d)}
read -r -a flags <<< "${CRAWL_FLAGS:---delay 0.01}"
sim=(--template "$SHARED/portal-sim/templates/tujian.py" --pool "$SHARED/portal-sim/pool-a.jsonl" --articles "$ARTICLES")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
for day in 0 1; do
  python3 "$SHARED/portal-sim/portal_sim.py" serve "${sim[@]}" --slow 3 --day "$day" --port "$port" \
    --log "$WORK/access-$day.jsonl" > "$WORK/serve-$day.out" 2>&1 &
  server=$!
  for _ in $(seq 100); do grep -q listening "$WORK/serve-$day.out" 2>/dev/null && break; sleep 0.1; done
  rc=0; "$BIN" crawl --seed "http://127.0.0.1:$port/" --archive "$WORK/archive" --quiet "${flags[@]}" > "$WORK/crawl-$day.out" || rc=$?
  echo "day $day crawl: exit $rc"; cat "$WORK/crawl-$day.out"
  kill $server; wait $server 2>/dev/null || true
  python3 "$SHARED/portal-sim/portal_sim.py" truth "${sim[@]}" --day "$day" > "$WORK/truth-$day.jsonl"
done
python3 - "$WORK" <<'PY'
import json, sqlite3, sys
work = sys.argv[1]
truth = [json.loads(l) for l in open(f"{work}/truth-1.jsonl")]
site = truth[-1]; arts = [t for t in truth if t.get("kind") != "site"]
log = [json.loads(l) for l in open(f"{work}/access-1.jsonl")]
db = sqlite3.connect(f"{work}/archive/state.sqlite")
def path(u):
    from urllib.parse import urlsplit
    p = urlsplit(u); return p.path + ("?" + p.query if p.query else "")
run2 = {path(u): s for u, s in db.execute("SELECT url, status FROM captures WHERE run_id = 2")}
new = [a["url"] for a in arts if a["created_on_day"] == 1]
dead = set(site.get("dead_links", []))
missing = [u for u in new if u not in dead and run2.get(u) != 200]
fails = 0
def check(ok, what):
    global fails; print(("ok   " if ok else "FAIL ") + what); fails += 0 if ok else 1
check(not missing, f"{len(new) - len(missing)}/{len(new)} new day-1 articles archived with 200 {missing[:3]}")
cond = {e["path"]: (e["inm"] or e["ims"], e["status"]) for e in log}
day0 = [json.loads(l) for l in open(f"{work}/truth-0.jsonl")][-1]
lists = [p for p in ["/"] + day0["list_pages"] if p in cond]  # pages that existed on day 0
unconditional = [p for p in lists if not cond[p][0]]
check(not unconditional and lists, f"seed and {len(lists)-1} list pages revalidated conditionally (unconditional: {unconditional[:3]})")
old_articles = {a["url"] for a in arts if a["created_on_day"] == 0}
refetched = [e["path"] for e in log if e["path"] in old_articles and e["status"] == 200]
check(not refetched, f"no unchanged article body downloaded again ({len(refetched)} old articles got 200: {refetched[:3]})")
n304 = sum(1 for e in log if e["status"] == 304)
print(f"day-1 requests: {len(log)}, 304s: {n304}")
sys.exit(1 if fails else 0)
PY
