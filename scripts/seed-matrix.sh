#!/usr/bin/env bash
# Seeds a cron job must be told about, each crawled into its own archive on loopback servers
# (scripts/seed_matrix_server.py): the exit code must be the documented one and the summary's
# last line must say why. The 301-to-another-host seed must archive the target site.
# Usage: scripts/seed-matrix.sh        Env: BIN (default .build/debug/portal-archiver)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/portal-archiver}
WORK=$(mktemp -d)
python3 scripts/seed_matrix_server.py > "$WORK/ports" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [ "$(wc -l < "$WORK/ports")" -ge 4 ] && break; sleep 0.1; done
port() { awk -v n="$1" '$1 == n { print $2 }' "$WORK/ports"; }
main=$(port main) other=$(port other) closed=$(port closed) unused=$(port unused)
# Quick retries: the 500 seed is tried max_attempts (3) times.
printf '[crawl]\ndelay = 0.0\n[fetch]\nretry_delay = 0.1\nconnect_timeout = 2.0\n' > "$WORK/crawl.conf"

failures=0
# check NAME SEED EXPECTED_CODE WORDS: crawl SEED, expect the code and WORDS in the last line.
check() {
  local name=$1 seed=$2 want=$3 words=$4 rc=0
  "$BIN" crawl --config "$WORK/crawl.conf" --archive "$WORK/$name" --seed "$seed" \
    > "$WORK/$name.out" 2> "$WORK/$name.err" || rc=$?
  local last
  last=$(tail -1 "$WORK/$name.out")
  if [ "$rc" = "$want" ] && [[ "$last" == "exit $want: "*"$words"* ]]; then
    printf 'ok    %-22s exit %-3s %s\n' "$name" "$rc" "$last"
  else
    printf 'FAIL  %-22s exit %s (want %s with "%s"): %s\n' "$name" "$rc" "$want" "$words" "$last"
    sed 's/^/      /' "$WORK/$name.err" | tail -5
    failures=$((failures + 1))
  fi
}

check good "http://127.0.0.1:$main/" 0 "ok"
check unreachable "http://127.0.0.1:$unused/" 4 "seed http://127.0.0.1:$unused/: not fetched: robots.txt of http://127.0.0.1:$unused: cannot connect"
check http-404 "http://127.0.0.1:$main/missing/" 4 "http 404"
check http-500 "http://127.0.0.1:$main/error/" 4 "http 500"
check redirect-other-host "http://127.0.0.1:$main/moved/" 0 "ok"
check redirect-https-closed "http://127.0.0.1:$main/to-https/" 4 "https://127.0.0.1:$unused/ (its redirect target): not fetched: robots.txt of https://127.0.0.1:$unused: cannot connect"
check robots-disallow-all "http://127.0.0.1:$closed/" 4 "robots.txt disallows it"

# The redirect's target site was archived: its home and both articles answered 200.
log="$WORK/redirect-other-host/logs/crawl-1.log"
for path in / /a.html /b.html; do
  if ! grep -q " 200 [0-9]* http://127.0.0.2:$other$path " "$log"; then
    echo "FAIL  redirect-other-host: http://127.0.0.2:$other$path not archived"
    failures=$((failures + 1))
  fi
done
grep -q "seed http://127.0.0.1:$main/moved/ redirects to http://127.0.0.2:$other/: 127.0.0.2 is now in the scope" \
  "$WORK/redirect-other-host.err" \
  || { echo "FAIL  redirect-other-host: the log does not say the host joined the scope"; failures=$((failures + 1)); }
[ "$failures" = 0 ] && echo "seed matrix: all cases as documented" || { echo "seed matrix: $failures failure(s)"; exit 1; }
