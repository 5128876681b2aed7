#!/usr/bin/env bash
# Compares each .cdxj that portal-archiver wrote beside its WARC files with the output of
# `cdxj-indexer --post-append` (webrecorder) for the same WARC, sorted bytewise. Exit 1 on any
# difference. --post-append keys a POST as we do: its urlkey gets `__wb_method=post&<body>`
# appended and its entry `requestBody` and `method` fields. One thing is normalised, a
# cdxj-indexer artefact: with --post-append it buffers every record's content before indexing,
# so for a record without a WARC-Payload-Digest header (our urn:article metadata records) it
# digests an already-read stream and writes the SHA-1 of nothing (sha1:3I42H3S6…); that digest
# is taken from a plain `cdxj-indexer` run of the same file (same record, same offset), which
# reads the content. Everything else (filename: the WARC's name without its directory) must
# be byte-identical.
# Usage: scripts/compare-cdxj.sh ARCHIVE_ROOT [PEERS_BIN]
#   PEERS_BIN: directory with cdxj-indexer (default: the venv of ../shared/bench/setup-peers.sh)
set -euo pipefail
root="${1:?usage: compare-cdxj.sh ARCHIVE_ROOT [PEERS_BIN]}"
bin="${2:-$HOME/.cache/portal-archiver-peers/bin}"
indexer="$bin/cdxj-indexer"
[ -x "$indexer" ] || { echo "cdxj-indexer not found at $indexer" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
count=0
posts=0
while IFS= read -r -d '' warc; do
  ours="${warc%.warc.gz}.cdxj"
  if [ ! -f "$ours" ]; then
    echo "MISSING $ours"; status=1; continue
  fi
  "$indexer" --post-append "$warc" > "$tmp/post"
  "$indexer" "$warc" > "$tmp/plain"
  python3 - "$tmp/post" "$tmp/plain" <<'PY' | LC_ALL=C sort > "$tmp/theirs"
import json, sys
EMPTY = "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"
def entries(path):
    for line in open(path, encoding="utf-8"):
        if line.startswith("!") or not line.strip():
            continue
        key, ts, js = line.rstrip("\n").split(" ", 2)
        yield key, ts, js, json.loads(js)
plain = {e["offset"]: e.get("digest") for _, _, _, e in entries(sys.argv[2])}
for key, ts, js, e in entries(sys.argv[1]):
    if e.get("digest") == EMPTY and plain.get(e["offset"]) not in (None, EMPTY):
        e["digest"] = plain[e["offset"]]
        js = json.dumps(e)
    print(key, ts, js)
PY
  posts=$((posts + $(grep -c '__wb_method=post' "$ours" || true)))
  if ! diff -u "$tmp/theirs" "$ours" > "$tmp/diff"; then
    echo "DIFFERS $warc"; head -20 "$tmp/diff"; status=1
  fi
  count=$((count + 1))
done < <(find "$root" -name '*.warc.gz' -print0)
echo "compared $count WARC files ($posts POST entries): $([ $status = 0 ] && echo identical || echo DIFFERENCES)"
exit $status
