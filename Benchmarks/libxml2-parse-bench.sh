#!/usr/bin/env bash
# libxml2's HTML parse time per page (DOM and SAX with empty callbacks) on one core, over the
# simulator's article pages decoded to UTF-8 beforehand: the measurement
# behind HTMLTreeBuilder (see its doc comment and BENCHMARKS.md). Compare with the whole
# `extract` per-page time of Benchmarks/extract-bench.sh.
# Env: SHARED (../shared), SIM_ARTICLES (300), WORK (a new temp dir).
set -euo pipefail
SHARED=${SHARED:-../shared}
SIM_ARTICLES=${SIM_ARTICLES:-300}
WORK=${WORK:-$(mktemp -d)}
site="$WORK/sim-$SIM_ARTICLES"
[ -d "$site" ] || python3 "$SHARED/portal-sim/portal_sim.py" export --template "$SHARED/portal-sim/templates/tujian.py" \
  --pool "$SHARED/portal-sim/pool-a.jsonl" --articles "$SIM_ARTICLES" --out "$site" >/dev/null
mkdir -p "$WORK/utf8"
i=0
while IFS= read -r page; do
  # Decoded as ../shared/bench/extract_peers.py decodes (gb2312/gbk labels read as GB18030).
  python3 - "$page" "$WORK/utf8/$i.html" <<'PY'
import re, sys
raw = open(sys.argv[1], "rb").read()
m = re.search(rb'charset=["\']?([A-Za-z0-9_-]+)', raw[:4096])
enc = (m.group(1).decode().lower() if m else "utf-8")
enc = "gb18030" if enc in ("gb2312", "gbk", "x-gbk", "gb18030") else enc
open(sys.argv[2], "w", encoding="utf-8").write(raw.decode(enc, "replace"))
PY
  i=$((i + 1))
done < <(find "$site/" -name 't*_*.htm' | sort)
cc -O2 $(pkg-config --cflags libxml-2.0) Benchmarks/libxml2_parse.c $(pkg-config --libs libxml-2.0) \
  -o "$WORK/libxml2_parse"
taskset -c 0 "$WORK/libxml2_parse" "$WORK"/utf8/*.html
