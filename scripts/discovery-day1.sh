#!/usr/bin/env bash
# Issue 13's day-1 check on ../shared/portal-sim's gov template, after scripts/discovery-check.sh:
# serves the next day's site (--day 1) on the same port, crawls it again with the shipped
# defaults into the same archive and state, then checks with the simulator's access log against
# both days' truths: every day-0 article of a sitemap whose <lastmod> (its Last-Modified: it was
# edited) moved on day 1 is fetched with status 200; no article whose Last-Modified did not move
# is answered with a body (a request for it, if any, must be conditional and answered 304); CDXJ
# still equals cdxj-indexer's. New day-1 articles archived are reported, not required.
# Usage: WORK=DIR scripts/discovery-day1.sh   (DIR: the WORK of a finished discovery-check.sh)
# Env: SHARED (default ../shared), BIN (default .build/debug/portal-archiver), ARTICLES (300),
#      VALIDATORS (the venv discovery-check.sh made, with cdxj-indexer).
set -euo pipefail
SHARED=${SHARED:-../shared}
BIN=${BIN:-.build/debug/portal-archiver}
ARTICLES=${ARTICLES:-300}
VALIDATORS=${VALIDATORS:-$HOME/.cache/portal-archiver-validators}
WORK=${WORK:?WORK must name the work dir of a finished scripts/discovery-check.sh}
sim=(--template "$SHARED/portal-sim/templates/gov.py" --pool "$SHARED/portal-sim/pool-a.jsonl"
  --articles "$ARTICLES" --faults on)
here=$(cd "$(dirname "$0")" && pwd)
seed=$(sed -n 's/^seed: //p' "$WORK/serve.out")
port=${seed##*:}; port=${port%%/*}
read -r -a resolve <<< "$(sed -n 's/^resolve: //p' "$WORK/serve.out")"
[ -n "$seed" ] && [ -d "$WORK/archive" ] || { echo "FAIL no day-0 run in $WORK"; exit 1; }

python3 "$SHARED/portal-sim/portal_sim.py" serve "${sim[@]}" --day 1 --port "$port" \
  --log "$WORK/access-1.jsonl" > "$WORK/serve-1.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 200); do grep -q '^resolve:' "$WORK/serve-1.out" 2>/dev/null && break; sleep 0.1; done
python3 "$SHARED/portal-sim/portal_sim.py" truth "${sim[@]}" --day 1 > "$WORK/truth-1.jsonl"

status=0
. "$here/gov-crawl.sh"
gov_crawl "day-1 crawl" "$WORK/crawl-1.out" "$@"

python3 - "$WORK/truth.jsonl" "$WORK/truth-1.jsonl" "$WORK/access-1.jsonl" <<'PY' || status=1
import json, sys
from urllib.parse import urlsplit

def articles(path):
    return {r["url"]: r for r in map(json.loads, open(path, encoding="utf-8"))
            if r.get("kind") != "site"}

day0, day1 = articles(sys.argv[1]), articles(sys.argv[2])
log = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8") if l.strip()]
def where(url):
    p = urlsplit(url)
    return (p.hostname, p.path)
hits = {}
for e in log:
    hits.setdefault(((e.get("host") or "").split(":")[0].lower(), e["path"]), []).append(e)
failed = 0
def check(ok, what):
    global failed
    print(("ok   " if ok else "FAIL ") + what)
    failed += 0 if ok else 1

old = [u for u in day1 if u in day0]
# A sitemap's <lastmod> is the page's Last-Modified (portal-sim README), which moves when the
# article is edited; its ETag also moves when only a box of the page (latest news) changed.
moved = [u for u in old if day1[u]["last_modified"] != day0[u]["last_modified"]]
changed = [u for u in moved if day1[u]["in_sitemap"]]
missed = [u for u in changed if not any(e["status"] == 200 for e in hits.get(where(u), []))]
check(not missed, f"day 1: sitemap articles whose <lastmod> changed fetched with 200:"
      f" {len(changed) - len(missed)} of {len(changed)}")
for u in missed[:5]:
    print(f"       not revalidated {u}: {hits.get(where(u), [])}")
same = [u for u in old if u not in moved]
bodies = [u for u in same if any(e["status"] == 200 for e in hits.get(where(u), []))]
asked = sum(1 for u in same if hits.get(where(u)))
check(not bodies, f"day 1: articles with an unchanged <lastmod> answered with a body:"
      f" {len(bodies)} of {len(same)} ({asked} requested, the rest not at all)")
print(f"note day 1: edited articles not in a sitemap fetched:"
      f" {sum(1 for u in moved if u not in changed and hits.get(where(u)))} of"
      f" {len(moved) - len(changed)} (recrawl_after_days decides those)")
for u in bodies[:5]:
    print(f"       body fetched again {u}: {hits[where(u)]}")
new = [u for u in day1 if u not in day0]
got = [u for u in new if any(e["status"] == 200 for e in hits.get(where(u), []))]
print(f"note day 1: new articles fetched: {len(got)} of {len(new)}")
sys.exit(1 if failed else 0)
PY
bash "$here/compare-cdxj.sh" "$WORK/archive" "$VALIDATORS/bin" || status=1
[ "$status" = 0 ] && echo "day-1 check: all checks passed" || echo "day-1 check: FAILED"
exit $status
