#!/usr/bin/env bash
# Issue 13's first acceptance check on ../shared/portal-sim's gov template (--articles 300,
# faults on): serves it on loopback, crawls it with the shipped defaults (no crawl.conf) from the
# bare-domain seed with the --resolve options `serve` prints, then checks with
# scripts/discovery_check.py against the truth: every truth article archived with status 200
# (reported by discovery route: sitemap only, script pagination only, JCMS datastore only, JCMS
# POST only, past 25 list pages), every static-host requisite (image, file, stylesheet, script)
# archived, no request to a host the truth does not name (crawl log, WARC request records, the
# simulator's access log), `warcio check` clean on every WARC, and each .cdxj equal to
# `cdxj-indexer --post-append`'s (scripts/compare-cdxj.sh). scripts/discovery-day1.sh then
# checks a day-1 run on the same state.
# Usage: scripts/discovery-check.sh [extra crawl flags...]
# Env: SHARED (default ../shared), BIN (default .build/debug/portal-archiver), ARTICLES (300),
#      VALIDATORS (a venv with warcio; made on first use), WORK (default: a new temp dir).
set -euo pipefail
SHARED=${SHARED:-../shared}
BIN=${BIN:-.build/debug/portal-archiver}
ARTICLES=${ARTICLES:-300}
VALIDATORS=${VALIDATORS:-$HOME/.cache/portal-archiver-validators}
WORK=${WORK:-$(mktemp -d)}
sim=(--template "$SHARED/portal-sim/templates/gov.py" --pool "$SHARED/portal-sim/pool-a.jsonl"
  --articles "$ARTICLES" --faults on)
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -x "$VALIDATORS/bin/warcio" ]; then
  python3 -m venv "$VALIDATORS"
  "$VALIDATORS/bin/pip" install -q --disable-pip-version-check warcio cdxj-indexer
fi

python3 "$SHARED/portal-sim/portal_sim.py" serve "${sim[@]}" --port 0 --log "$WORK/access.jsonl" \
  > "$WORK/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 200); do grep -q '^resolve:' "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
seed=$(sed -n 's/^seed: //p' "$WORK/serve.out")
read -r -a resolve <<< "$(sed -n 's/^resolve: //p' "$WORK/serve.out")"
[ -n "$seed" ] && [ "${#resolve[@]}" -gt 0 ] || { echo "FAIL simulator did not start"; cat "$WORK/serve.out"; exit 1; }
echo "simulator: seed $seed, ${#resolve[@]} resolve words, work dir $WORK"

python3 "$SHARED/portal-sim/portal_sim.py" truth "${sim[@]}" > "$WORK/truth.jsonl"

# Shipped defaults: run from an empty directory, so that no ./crawl.conf is read.
status=0
. "$here/gov-crawl.sh"
gov_crawl crawl "$WORK/crawl.out" "$@"
mapfile -t warcs < <(find "$WORK/archive" -name '*.warc.gz' | sort)
"$VALIDATORS/bin/python" "$here/discovery_check.py" "$WORK/truth.jsonl" "$WORK/access.jsonl" \
  "$WORK/archive" "${warcs[@]}" || status=1
bad=0
for f in "${warcs[@]}"; do
  "$VALIDATORS/bin/warcio" check -v "$f" > "$WORK/warcio.out" 2>&1 \
    || { echo "FAIL warcio check $f"; tail -5 "$WORK/warcio.out"; bad=1; }
done
[ "$bad" = 0 ] && echo "ok   warcio check -v clean on ${#warcs[@]} WARC files" || status=1
bash "$here/compare-cdxj.sh" "$WORK/archive" "$VALIDATORS/bin" || status=1
[ "$status" = 0 ] && echo "discovery check: all checks passed" || echo "discovery check: FAILED"
exit $status
