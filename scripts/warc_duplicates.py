#!/usr/bin/env python3
"""Lists URLs with more than one status-200 response record, payloads stored more than once
(response records with the same non-empty WARC-Payload-Digest), and article records written twice
(two metadata or two conversion records with the same WARC-Refers-To), across WARC files (needs
warcio).

Usage: warc_duplicates.py FILE.warc.gz...   Exit 1 when any is found; prints counts.
"""
import sys
from collections import Counter

from warcio.archiveiterator import ArchiveIterator

counts, records, payloads, derived = Counter(), Counter(), Counter(), Counter()
EMPTY = "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f):
            records[rec.rec_type] += 1
            if rec.rec_type in ("metadata", "conversion"):
                refers = rec.rec_headers.get_header("WARC-Refers-To")
                if refers:
                    derived[(rec.rec_type, refers)] += 1
            if rec.rec_type == "response":
                digest = rec.rec_headers.get_header("WARC-Payload-Digest")
                truncated = rec.rec_headers.get_header("WARC-Truncated")
                if digest and digest != EMPTY and not truncated:
                    payloads[digest] += 1
            if rec.rec_type == "response" and rec.http_headers and rec.http_headers.get_statuscode() == "200":
                counts[rec.rec_headers.get_header("WARC-Target-URI")] += 1
dups = {u: n for u, n in counts.items() if n > 1}
print("records by type:", dict(records))
print(f"200 responses: {sum(counts.values())} for {len(counts)} URLs; URLs with two or more: {len(dups)}")
for u, n in list(dups.items())[:10]:
    print(f"  {n}x {u}")
twice = {d: n for d, n in payloads.items() if n > 1}
print(f"payloads stored: {len(payloads)}; stored more than once: {len(twice)}")
for d, n in list(twice.items())[:10]:
    print(f"  {n}x {d}")
again = {k: n for k, n in derived.items() if n > 1}
print(f"metadata/conversion records: {sum(derived.values())}; written twice for one response: {len(again)}")
for (kind, refers), n in list(again.items())[:10]:
    print(f"  {n}x {kind} of {refers}")
sys.exit(1 if dups or twice or again else 0)
