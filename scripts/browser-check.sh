#!/usr/bin/env bash
# End-to-end check of `serve` in a real browser: Debian's chromium, headless, driven by selenium
# (scripts/browser_check.py). Crawls the bundled sample portal (`demo`, day 0 then day 1 on the
# same state, so some articles change), serves the archive on loopback, then in the browser:
# home, a search submitted through the form for a phrase of an article's body, the article
# (title and text), its replay (banner, image loaded from the archive), the changes page; and
# no request to any address but the app's. Screenshots home/search/article/changes/replay.png
# go to SHOTS (default: WORK/screenshots), printed at the end.
# Usage: scripts/browser-check.sh   Env: SHARED, BIN (default .build/debug/portal-archiver), PEERS (venv
# with selenium; default ~/.cache/portal-archiver-peers), SHOTS, WORK, INSTALL=1 (apt-get
# chromium chromium-driver fonts-noto-cjk and pip selenium when missing).
# Exit 0 when every check passes; 1 when one fails; 77 (skipped) when chromium is absent and
# INSTALL is not 1.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/portal-archiver}
PEERS=${PEERS:-$HOME/.cache/portal-archiver-peers}
WORK=${WORK:-$(mktemp -d)}
SHOTS=${SHOTS:-$WORK/screenshots}
if ! command -v chromium > /dev/null || ! command -v chromedriver > /dev/null; then
  if [ "${INSTALL:-0}" = 1 ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-noto-cjk > /dev/null
  else
    echo "browser check skipped: chromium and chromedriver are not installed (INSTALL=1 installs them)"
    exit 77
  fi
fi
[ -x "$PEERS/bin/python" ] || python3 -m venv "$PEERS"
"$PEERS/bin/python" -c 'import selenium' 2> /dev/null || "$PEERS/bin/pip" install -q selenium
mkdir -p "$WORK" "$SHOTS"
SHARED=${SHARED:-../shared}
if [ -f "$SHARED/portal-sim/portal_sim.py" ]; then
  echo "crawling the simulator (tujian, ${ARTICLES:-300} articles, day 0 then day 1)"
  SHARED="$SHARED" BIN="$BIN" bash scripts/sim-days.sh "$WORK"
else
  echo "$SHARED/portal-sim not found: crawling the bundled sample portal (demo)"
  printf '[crawl]\ndelay = 0\nrecrawl_after_days = 0\n' > "$WORK/crawl.conf"
  "$BIN" demo -c "$WORK/crawl.conf" -a "$WORK/archive" --day 0 > "$WORK/demo0.log" 2>&1
  "$BIN" demo -c "$WORK/crawl.conf" -a "$WORK/archive" --day 1 > "$WORK/demo1.log" 2>&1
fi
"$BIN" export -a "$WORK/archive" --from 1970-01-01 --to 9999-12-31 --format jsonl --out "$WORK/articles.jsonl" > /dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve -a "$WORK/archive" --port "$port" > "$WORK/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2> /dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
status=0
"$PEERS/bin/python" scripts/browser_check.py "http://127.0.0.1:$port" "$WORK/articles.jsonl" "$SHOTS" || status=1
echo "screenshots: $SHOTS"
exit $status
