#!/usr/bin/env bash
# Others' WARCs (issue 11, item 10): `verify`, `import` and `show --raw` over every file in
# ../shared/conformance/warc/{warcio,jwarc}, each against the verdict it should get, then a wget
# crawl of the simulated portal imported and exported again as WACZ, checked by `wacz validate`.
#
# Verdicts: "ok" (read: verify OK, imported, show --raw prints the latest capture's bytes as a
# reference reader computes them), "reject" (a fault named as FILE:OFFSET, exit 1; import stores
# nothing of the file, so show finds no capture), "n/a" (no capture to show: warcinfo, request
# or target-less records only).
# Why the broken ones are broken:
#   example-bad-non-chunked.warc.gz  gzip'd whole (records have no offsets) and a revisit whose
#                                    WARC-Block-Digest does not match (record 5 of the member)
#   example-bad.warc.gz.bad          gzip'd whole (warcio's and pywb's iterators reject it too;
#                                    `import --recompress` takes it)
#   example-trunc.warc               the response at 1197 is shorter than its Content-Length
#   example-wrong-chunks.warc.gz     a record cut inside its member at 0, then members that are
#                                    not records
#   *.arc, *.arc.gz                  ARC, not WARC: refused with a message saying so
#   jwarc fold.warc, utf8field.warc  header fragments: no blank line before the end of the file
#   jwarc fold-crlf.warc             record terminator cut short (one CRLF of two)
#   jwarc utf8field-crlf.warc        no WARC-Record-ID, no WARC-Date (mandatory in WARC 1.1);
#                                    the UTF-8 field name itself reads
# Usage: scripts/foreign-warcs.sh      Env: SHARED (../shared), BIN (.build/debug/portal-archiver),
#        PEERS (~/.cache/portal-archiver-peers), KEEP=1 keeps the work folder.
# Exit 1 on any verdict other than the expected one, or a failed round trip.
set -uo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BIN=${BIN:-.build/debug/portal-archiver}
PEERS=${PEERS:-$HOME/.cache/portal-archiver-peers}
BIN=$(realpath "$BIN")
CONF="$SHARED/conformance/warc"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/foreign-warcs.XXXXXX")
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
[ -x "$PEERS/bin/wacz" ] || bash "$SHARED/bench/setup-peers.sh" >/dev/null
PY="$PEERS/bin/python3"; [ -x "$PY" ] || PY=python3

# file | verify | import | show --raw URL ("-": none)
cases=(
  "jwarc/cc.warc.gz|ok|ok|http://commoncrawl.org/"
  "jwarc/fold-crlf.warc|reject|reject|-"
  "jwarc/fold-min-crlf.warc|ok|ok|-"
  "jwarc/fold.warc|reject|reject|-"
  "jwarc/gzip_extra_sl.warc.gz|ok|ok|-"
  "jwarc/nofold-min-crlf.warc|ok|ok|-"
  "jwarc/utf8field-crlf.warc|reject|reject|-"
  "jwarc/utf8field.warc|reject|reject|-"
  "warcio/bad.arc|reject|reject|-"
  "warcio/example-bad-non-chunked.warc.gz|reject|reject|http://example.com/"
  "warcio/example-bad.warc.gz.bad|reject|reject|http://example.com?example=1"
  "warcio/example-digest.warc|ok|ok|-"
  "warcio/example-iana.org-chunked.warc|ok|ok|http://www.iana.org/"
  "warcio/example-resource.warc.gz|ok|ok|http://example.com/"
  "warcio/example-space-in-target-uri.warc.gz|ok|ok|file:///example%20with%20spaces.png"
  "warcio/example-space-in-url.arc|reject|reject|-"
  "warcio/example-trunc.warc|reject|reject|http://example.com/"
  "warcio/example-wget-bad-target-uri.warc.gz|ok|ok|http://example.com/"
  "warcio/example-wrong-chunks.warc.gz|reject|reject|http://example.com/"
  "warcio/example.arc|reject|reject|-"
  "warcio/example.arc.gz|reject|reject|-"
  "warcio/example.warc|ok|ok|http://example.com/"
  "warcio/example.warc.gz|ok|ok|http://example.com/"
  "warcio/post-test.warc.gz|ok|ok|http://httpbin.org/post?foo=bar"
)

# The bytes `show --raw URL` must print for the latest capture of URL in FILE: the block of the
# last response/resource/revisit record of that URL (angle brackets stripped, spaces as %20);
# for a revisit, its HTTP header and the payload of the response with the same payload digest.
cat > "$WORK/expect.py" <<'PY'
import sys, zlib
path, url, out = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(path, "rb").read()
if data[:2] == b"\x1f\x8b":
    raw, rest = b"", data
    while rest:
        d = zlib.decompressobj(31); raw += d.decompress(rest); rest = d.unused_data
    data = raw
recs, i = [], 0
while i < len(data):
    while data[i:i+1] in (b"\r", b"\n"): i += 1
    if i >= len(data): break
    he = data.find(b"\r\n\r\n", i)
    head = data[i:he].decode("utf-8", "replace").split("\r\n")
    f = {}
    for line in head[1:]:
        k, _, v = line.partition(":"); f[k.strip().lower()] = v.strip()
    n = int(f["content-length"]); block = data[he+4:he+4+n]; i = he + 4 + n + 4
    t = f.get("warc-target-uri", "").strip("<>").replace(" ", "%20")
    recs.append((f.get("warc-type"), t, f, block))
def split(b):
    e = b.find(b"\r\n\r\n"); return (b[:e+4], b[e+4:]) if e >= 0 else (b, b"")
caps = [r for r in recs if r[1] == url and r[0] in ("response", "resource", "revisit")]
typ, _, f, block = caps[-1]
if typ == "revisit":
    orig = [r for r in recs if r[0] == "response" and r[2].get("warc-payload-digest") == f.get("warc-payload-digest")]
    if orig: block = split(block)[0] + split(orig[-1][3])[1]
open(out, "wb").write(block)
PY

verdict() { # exit status, stderr/stdout file → ok | reject(FILE:OFFSET seen) | fail:...
  local rc=$1 out=$2 name=$3
  if [ "$rc" = 0 ]; then echo ok
  elif grep -q -- "$name:[0-9][0-9]*:" "$out"; then echo reject
  else echo "fail(rc=$rc)"; fi
}

bad=0
printf '%-44s %-15s %-15s %-15s\n' "file" "verify exp/got" "import exp/got" "show exp/got"
for c in "${cases[@]}"; do
  IFS='|' read -r file vexp iexp url <<< "$c"
  src="$CONF/$file"
  [ -f "$src" ] || { echo "missing $src"; bad=1; continue; }
  "$BIN" verify --archive "$WORK/none" "$src" > "$WORK/v.out" 2>&1; vrc=$?
  vgot=$(verdict $vrc "$WORK/v.out" "$src")
  arch="$WORK/a-$(echo "$file" | tr / _)"
  "$BIN" import --archive "$arch" "$src" > "$WORK/i.out" 2>&1; irc=$?
  igot=$(verdict $irc "$WORK/i.out" "$src")
  if [ "$iexp" = ok ] && [ "$igot" = ok ]; then
    # Imported once only: a second import says so and stores nothing new.
    n1=$(find "$arch/imported" -name '*.warc.gz' | wc -l)
    "$BIN" import --archive "$arch" "$src" > "$WORK/i2.out" 2>&1 || igot="fail(re-import)"
    grep -q "already imported" "$WORK/i2.out" || igot="fail(re-import)"
    [ "$(find "$arch/imported" -name '*.warc.gz' | wc -l)" = "$n1" ] || igot="fail(twice)"
    "$BIN" verify --archive "$arch" > "$WORK/va.out" 2>&1 || igot="fail(stored copy)"
  fi
  sexp=n/a; sgot=n/a
  if [ "$url" != - ]; then
    if [ "$iexp" = ok ]; then sexp=ok; else sexp=reject; fi
    "$BIN" show --raw --archive "$arch" "$url" > "$WORK/s.out" 2> "$WORK/s.err"; src_rc=$?
    if [ $src_rc = 0 ]; then
      "$PY" "$WORK/expect.py" "$src" "$url" "$WORK/s.want" 2>/dev/null \
        && cmp -s "$WORK/s.out" "$WORK/s.want" && sgot=ok || sgot="fail(bytes)"
    elif grep -q "no capture" "$WORK/s.err"; then sgot=reject
    else sgot="fail(rc=$src_rc)"; fi
  fi
  mark=""
  [ "$vexp" = "$vgot" ] && [ "$iexp" = "$igot" ] && [ "$sexp" = "$sgot" ] || { mark="  <-- WRONG"; bad=1; }
  printf '%-44s %-15s %-15s %-15s%s\n' "$file" "$vexp/$vgot" "$iexp/$igot" "$sexp/$sgot" "$mark"
  if [ -n "$mark" ]; then sed 's/^/    /' "$WORK/v.out" "$WORK/i.out" | head -8; fi
done

# wget → import → export wacz → wacz validate.
echo
sim=(--template "$SHARED/portal-sim/templates/tujian.py" --pool "$SHARED/portal-sim/pool-a.jsonl" --articles 30)
python3 "$SHARED/portal-sim/portal_sim.py" serve "${sim[@]}" --port 0 > "$WORK/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; [ "${KEEP:-}" = 1 ] || rm -rf "$WORK"' EXIT
for _ in $(seq 100); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1 | cut -d: -f2)
(cd "$WORK" && wget -q -r -l 2 -np --delete-after -P wget-files --warc-file=wget \
  "http://127.0.0.1:$port/" || true)
kill $server 2>/dev/null
wa="$WORK/wget-archive"
rt=ok
"$BIN" import --archive "$wa" "$WORK/wget.warc.gz" || rt="fail(import)"
day=$(find "$wa/imported" -mindepth 3 -maxdepth 3 -type d | head -1 | sed 's|.*/imported/||; s|/|-|g')
[ -n "$day" ] || rt="fail(no day folder)"
"$BIN" show --raw --archive "$wa" "http://127.0.0.1:$port/" | head -1 | grep -q '^HTTP/1' \
  || rt="fail(show --raw seed)"
"$BIN" export --archive "$wa" --from "$day" --to "$day" --format wacz --out "$WORK/wget.wacz" \
  || rt="fail(export)"
"$PEERS/bin/wacz" validate -f "$WORK/wget.wacz" > "$WORK/wacz.out" 2>&1 || rt="fail(wacz validate)"
echo "wget WARC ($(zcat "$WORK/wget.warc.gz" | grep -ac '^WARC-Type: response') responses) → import → export wacz → wacz validate -f: $rt"
sed 's/^/    /' "$WORK/wacz.out" | tail -3
[ "$rt" = ok ] || bad=1
exit $bad
