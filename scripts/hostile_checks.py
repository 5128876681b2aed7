#!/usr/bin/env python3
"""Archive checks for scripts/hostile-replay.sh (needs warcio; run with the peers' python).

Usage: hostile_checks.py ROOT [--truth TRUTH.jsonl --origin http://127.0.0.1:PORT]
Reads every *.warc.gz under ROOT and checks:
  - every revisit's WARC-Refers-To names a response record that exists in some file;
  - no metadata or conversion record twice for one WARC-Refers-To (per record type);
  - no URL with two status-200 responses; no payload (WARC-Payload-Digest of a complete,
    non-empty response) stored twice;
  - with --truth: every article URL of the simulator's truth has a readable 200 response, or a
    revisit whose target response exists, and a metadata record (`urn:article:URL`: the article
    was extracted and is what `show` and `export` serve).
Prints one line per problem kind (at most 5 examples each) and a summary line; exit 1 on any.
"""
import argparse
import glob
import json
import sys
from collections import Counter, defaultdict

from warcio.archiveiterator import ArchiveIterator

EMPTY = "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--truth")
    ap.add_argument("--origin")
    args = ap.parse_args()

    ids = {}                      # record id -> (type, file)
    revisits = []                 # (url, refers_to, file)
    derived = Counter()           # (type, refers_to) -> count
    extracted = set()             # URLs with a metadata (article) record
    ok200 = Counter()             # url -> number of 200 responses
    payloads = Counter()
    unreadable = []
    files = sorted(glob.glob(args.root + "/**/*.warc.gz", recursive=True))
    for path in files:
        try:
            with open(path, "rb") as f:
                for rec in ArchiveIterator(f):
                    h = rec.rec_headers
                    t = rec.rec_type
                    rid = h.get_header("WARC-Record-ID")
                    ids[rid] = (t, path)
                    url = h.get_header("WARC-Target-URI")
                    if t == "revisit":
                        revisits.append((url, h.get_header("WARC-Refers-To"), path))
                    elif t in ("metadata", "conversion"):
                        ref = h.get_header("WARC-Refers-To")
                        if t == "metadata" and url and url.startswith("urn:article:"):
                            extracted.add(url[len("urn:article:"):])
                        if ref:
                            derived[(t, ref)] += 1
                    elif t == "response":
                        rec.content_stream().read()  # readable to the end (raises if not)
                        digest = h.get_header("WARC-Payload-Digest")
                        if digest and digest != EMPTY and not h.get_header("WARC-Truncated"):
                            payloads[digest] += 1
                        if rec.http_headers and rec.http_headers.get_statuscode() == "200":
                            ok200[url] += 1
        except Exception as e:  # a file warcio cannot read through
            unreadable.append(f"{path}: {e}")

    problems = {}

    def add(kind, items):
        if items:
            problems[kind] = items

    add("unreadable WARC files", unreadable)
    add("revisits referring to a missing record",
        [f"{u} -> {r} ({p})" for u, r, p in revisits if r not in ids])
    add("revisits referring to a record that is not a response",
        [f"{u} -> {r} ({ids[r][0]})" for u, r, p in revisits if r in ids and ids[r][0] != "response"])
    add("metadata/conversion records written twice for one WARC-Refers-To",
        [f"{n}x {t} for {r}" for (t, r), n in derived.items() if n > 1])
    add("URLs with two or more 200 responses", [f"{n}x {u}" for u, n in ok200.items() if n > 1])
    add("payloads stored more than once", [f"{n}x {d}" for d, n in payloads.items() if n > 1])

    articles = 0
    if args.truth:
        good = set(u for u, n in ok200.items() if n > 0)
        good |= {u for u, r, p in revisits if r in ids and ids[r][0] == "response"}
        missing, unextracted = [], []
        for line in open(args.truth):
            a = json.loads(line)
            if a.get("kind") == "site" or "url" not in a:
                continue
            articles += 1
            url = a["url"] if a["url"].startswith("http") else args.origin.rstrip("/") + a["url"]
            if url not in good:
                missing.append(url)
            if url not in extracted:
                unextracted.append(url)
        add("truth articles with no readable response or valid revisit", missing)
        add("truth articles with no metadata (extracted article) record", unextracted)

    for kind, items in problems.items():
        print(f"  {kind}: {len(items)}; e.g. " + "; ".join(items[:3]))
    print(f"  {len(files)} files, {len(ids)} records, {len(revisits)} revisits,"
          f" {len(payloads)} payloads" + (f", {articles} truth articles" if args.truth else "")
          + (": OK" if not problems else f": {len(problems)} problem kinds"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
