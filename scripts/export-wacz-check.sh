#!/usr/bin/env bash
# The web app's WACZ export of a search result, checked by the wacz tool: crawls the bundled
# sample portal (`demo`, day 0 then day 1 on the same state), serves it on loopback, fetches
# /export.wacz?q=QUERY (default: the start of an article's title) and runs `wacz validate -f` on it (the peers venv), then checks that its
# pages are exactly the hits /export.jsonl lists for the same query.
# Usage: scripts/export-wacz-check.sh [QUERY]   Env: BIN (default .build/debug/portal-archiver),
# PEERS (venv with wacz; default ~/.cache/portal-archiver-peers), WORK.
# Exit 0 when the WACZ validates and holds only the hits; 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/portal-archiver}
PEERS=${PEERS:-$HOME/.cache/portal-archiver-peers}
WORK=${WORK:-$(mktemp -d)}
QUERY=${1:-}
mkdir -p "$WORK"
printf '[crawl]\ndelay = 0\nrecrawl_after_days = 0\n' > "$WORK/crawl.conf"
[ -d "$WORK/archive" ] || {
  "$BIN" demo -c "$WORK/crawl.conf" -a "$WORK/archive" --day 0 > "$WORK/demo0.log" 2>&1
  "$BIN" demo -c "$WORK/crawl.conf" -a "$WORK/archive" --day 1 > "$WORK/demo1.log" 2>&1
}
# Default query: the first 4 characters of some article's title (a handful of hits).
[ -n "$QUERY" ] || QUERY=$("$BIN" search -a "$WORK/archive" 的 --limit 1 --json |
  python3 -c 'import json, sys; print(json.loads(sys.stdin.readline())["title"][:4])')
echo "query: $QUERY"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve -a "$WORK/archive" --port "$port" > "$WORK/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2> /dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$QUERY")
curl -sf -o "$WORK/search.wacz" "http://127.0.0.1:$port/export.wacz?q=$q"
curl -sf -o "$WORK/search.jsonl" "http://127.0.0.1:$port/export.jsonl?q=$q"
status=0
"$PEERS/bin/wacz" validate -f "$WORK/search.wacz" || status=1
python3 - "$WORK/search.wacz" "$WORK/search.jsonl" << 'PY' || status=1
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
hits = {json.loads(l)["url"] for l in open(sys.argv[2], encoding="utf-8") if l.strip()}
pages = [json.loads(l) for l in z.read("pages/pages.jsonl").decode().splitlines()[1:]]
urls = {p["url"] for p in pages}
bad = [n for n in ("datapackage.json", "pages/pages.jsonl", "indexes/index.cdx") if n not in names]
index = {json.loads(l.split(" ", 2)[2])["url"] for l in z.read("indexes/index.cdx").decode().splitlines()}
page_of = lambda u: u.split(":", 2)[2] if u.startswith("urn:") else u
others = sorted(u for u in index if page_of(u) not in hits)
print(f"{len(hits)} hits, {len(urls)} pages, {len(index)} indexed URLs, archive files "
      f"{[n for n in names if n.startswith('archive/')]}, missing {bad}, non-hit URLs {others[:5]}")
sys.exit(0 if hits and urls == hits and not bad and not others else 1)
PY
[ $status = 0 ] && echo "export-wacz check: OK" || echo "export-wacz check: FAILED"
exit $status
