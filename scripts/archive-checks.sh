#!/usr/bin/env bash
# Archive checks on an archive made by a crawl (e.g. scripts/e2e-portal-sim.sh's WORK/archive):
# `export --format wacz` passes `wacz validate -f` and its pages.jsonl lists every article;
# the exported WARC replays an article in pywb with status 200 and its original bytes;
# `verify` names the file and offset of a flipped byte and of a file cut short.
# Usage: scripts/archive-checks.sh ARCHIVE_DIR   Env: BIN, PEERS (venv with wacz and pywb).
set -euo pipefail
ARCHIVE=$1
BIN=${BIN:-.build/debug/portal-archiver}
PEERS=${PEERS:-$HOME/.cache/portal-archiver-peers}
WORK=$(mktemp -d)
day=$(find "$ARCHIVE" -name '*.warc.gz' | head -1 | sed -E 's#.*/([0-9]{4})/([0-9]{2})/([0-9]{2})/.*#\1-\2-\3#')
status=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; status=1; }

"$BIN" export --archive "$ARCHIVE" --from "$day" --to "$day" --format wacz --out "$WORK/a.wacz" > /dev/null
"$PEERS/bin/wacz" validate -f "$WORK/a.wacz" > "$WORK/validate.out" 2>&1 && ok "wacz validate -f" || { bad "wacz validate"; tail -3 "$WORK/validate.out"; }
"$BIN" export --archive "$ARCHIVE" --from "$day" --to "$day" --format jsonl --out "$WORK/a.jsonl" > /dev/null
pages=$(unzip -p "$WORK/a.wacz" pages/pages.jsonl | grep -c '"url"' || true)
articles=$(wc -l < "$WORK/a.jsonl")
[ "$pages" -ge "$articles" ] && ok "pages.jsonl lists $pages pages for $articles archived articles" || bad "pages.jsonl has $pages of $articles articles"

"$BIN" export --archive "$ARCHIVE" --from "$day" --to "$day" --format warc --out "$WORK/a.warc.gz" > /dev/null
url=$(head -1 "$WORK/a.jsonl" | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["url"])')
(cd "$WORK" && "$PEERS/bin/wb-manager" init coll > /dev/null 2>&1 && "$PEERS/bin/wb-manager" add coll a.warc.gz > /dev/null 2>&1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$WORK" && "$PEERS/bin/wayback" -b 127.0.0.1 -p "$port" > wayback.log 2>&1 &)
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
code=$(curl -s -o "$WORK/replayed" -w '%{http_code}' "http://127.0.0.1:$port/coll/id_/$url")
"$BIN" show --archive "$ARCHIVE" --raw "$url" > "$WORK/raw"
python3 - "$WORK/raw" "$WORK/replayed" <<'PY' && ok "pywb replays $url with status $code and its original bytes" || bad "pywb replay of $url (status $code) differs from the archived payload"
import gzip, sys
raw = open(sys.argv[1], "rb").read()
head, _, body = raw.partition(b"\r\n\r\n")
if b"content-encoding: gzip" in head.lower():
    body = gzip.decompress(body)
sys.exit(0 if body == open(sys.argv[2], "rb").read() else 1)
PY
[ "$code" = 200 ] || bad "pywb status $code"
pkill -f "wayback -b 127.0.0.1 -p $port" || true

f=$(find "$ARCHIVE" -name '*.warc.gz' | head -1)
cp "$f" "$WORK/flip.warc.gz"
size=$(stat -c %s "$f"); at=$((size / 2))
python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[$at]^=0xFF; open(p,'wb').write(b)" "$WORK/flip.warc.gz"
"$BIN" verify "$WORK/flip.warc.gz" > "$WORK/flip.out" 2>&1 && bad "verify missed a flipped byte" || ok "verify on a flipped byte at $at: $(grep -m1 flip.warc.gz "$WORK/flip.out")"
head -c $((size - 100)) "$f" > "$WORK/cut.warc.gz"
"$BIN" verify "$WORK/cut.warc.gz" > "$WORK/cut.out" 2>&1 && bad "verify missed a cut file" || ok "verify on a file cut short: $(grep -m1 cut.warc.gz "$WORK/cut.out")"
exit $status
