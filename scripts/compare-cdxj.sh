#!/usr/bin/env bash
# Compares each .cdxj that portal-archiver wrote beside its WARC files with the output of
# cdxj-indexer (webrecorder) for the same WARC, sorted bytewise. Exit 1 on any difference.
# Usage: scripts/compare-cdxj.sh ARCHIVE_ROOT [PEERS_BIN]
#   PEERS_BIN: directory with cdxj-indexer (default: the venv of ../shared/bench/setup-peers.sh)
set -euo pipefail
root="${1:?usage: compare-cdxj.sh ARCHIVE_ROOT [PEERS_BIN]}"
bin="${2:-$HOME/.cache/portal-archiver-peers/bin}"
indexer="$bin/cdxj-indexer"
[ -x "$indexer" ] || { echo "cdxj-indexer not found at $indexer" >&2; exit 2; }
status=0
count=0
while IFS= read -r -d '' warc; do
  ours="${warc%.warc.gz}.cdxj"
  if [ ! -f "$ours" ]; then
    echo "MISSING $ours"; status=1; continue
  fi
  if ! diff -u <("$indexer" "$warc" | LC_ALL=C sort) "$ours" > /tmp/compare-cdxj.$$.diff; then
    echo "DIFFERS $warc"; head -20 /tmp/compare-cdxj.$$.diff; status=1
  fi
  count=$((count + 1))
done < <(find "$root" -name '*.warc.gz' -print0)
rm -f /tmp/compare-cdxj.$$.diff
echo "compared $count WARC files: $([ $status = 0 ] && echo identical || echo DIFFERENCES)"
exit $status
