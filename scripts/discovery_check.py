#!/usr/bin/env python3
"""Checks a crawl of portal-sim's gov template against its truth (issue 13's first check).

Usage: discovery_check.py TRUTH.jsonl ACCESS.jsonl ARCHIVE WARC...
Needs warcio. Prints one line per check (ok / FAIL) and exits 1 if any failed:
- every truth article has a 200 response record, counted per discovery route (the truth's
  `discovery` lists of articles only one route reaches), the missing ones named;
- every requisite of the static host (truth `requisites`) has a 200 response record;
- no request went to a host the truth does not name: WARC request records, the crawl logs
  (ARCHIVE/logs/crawl-*.log) and the simulator's access log (its `host` key).
URLs are matched on host and path (the truth writes them without the port).
"""
import glob
import json
import sys
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator


def key(url):
    p = urlsplit(url)
    return (p.hostname or "", p.path + ("?" + p.query if p.query else ""))


def main(argv):
    truth_file, access_file, archive = argv[1:4]
    warcs = argv[4:]
    articles, site = [], {}
    for line in open(truth_file, encoding="utf-8"):
        rec = json.loads(line)
        if rec.get("kind") == "site":
            site = rec
        else:
            articles.append(rec)
    hosts = {h["name"] for h in site["hosts"] if h.get("name")}
    disc = site["discovery"]
    failures = 0

    def check(ok, what):
        nonlocal failures
        print(("ok   " if ok else "FAIL ") + what)
        failures += 0 if ok else 1

    status, requested = {}, set()
    for path in warcs:
        with open(path, "rb") as f:
            for r in ArchiveIterator(f):
                uri = r.rec_headers.get_header("WARC-Target-URI")
                if not uri:
                    continue
                if r.rec_type == "request":
                    requested.add(urlsplit(uri).hostname or "")
                elif r.rec_type == "response" and r.http_headers is not None:
                    code = int(r.http_headers.get_statuscode() or 0)
                    k = key(uri)
                    status.setdefault(k, set()).add(code)

    def archived(url):
        return 200 in status.get(key(url), set())

    missing = [a["url"] for a in articles if not archived(a["url"])]
    check(not missing, f"truth articles archived with status 200: {len(articles) - len(missing)}"
          f" of {len(articles)}")
    for u in missing[:10]:
        print(f"       missing {u} (responses: {sorted(status.get(key(u), []))})")
    routes = ["sitemap_only", "script_pagination_only", "jcms_datastore_only", "jcms_post_only",
              "past_depth_25"]
    for route in routes:
        urls = disc.get(route, [])
        gone = [u for u in urls if not archived(u)]
        check(not gone, f"  route {route}: {len(urls) - len(gone)} of {len(urls)} archived")
        for u in gone[:3]:
            print(f"       missing {u}")

    static = [h["name"] for h in site["hosts"] if h.get("role") == "static"]
    reqs = [u for u in site.get("requisites", []) if urlsplit(u).hostname in static]
    gone = [u for u in reqs if not archived(u)]
    kinds = {}
    for u in reqs:
        ext = u.rsplit(".", 1)[-1].lower() if "." in u.rsplit("/", 1)[-1] else "-"
        kinds.setdefault(ext, [0, 0])
        kinds[ext][0] += 1
        kinds[ext][1] += 0 if archived(u) else 1
    by_kind = ", ".join(f"{e} {n - m}/{n}" for e, (n, m) in sorted(kinds.items()))
    check(not gone, f"static-host requisites archived: {len(reqs) - len(gone)} of {len(reqs)}"
          f" ({by_kind})")
    # gov names an article's picture and PDF after its id: those of articles not archived are
    # missing because their page was never fetched, not because a requisite was refused.
    lost_ids = {str(a["id"]) for a in articles if a["url"] in set(missing)}
    def stem(u):
        return u.rsplit("/", 1)[-1].split(".")[0]
    of_lost = [u for u in gone if any(stem(u).endswith(i) for i in lost_ids)]
    if gone:
        print(f"       {len(of_lost)} of the {len(gone)} missing belong to articles not archived")
    for u in [u for u in gone if u not in of_lost][:5] or gone[:3]:
        print(f"       missing {u} (responses: {sorted(status.get(key(u), []))})")

    logged = set()
    for log in glob.glob(f"{archive}/logs/crawl-*.log"):
        for line in open(log, encoding="utf-8", errors="replace"):
            f = line.split(" ")
            if len(f) >= 4:
                logged.add(urlsplit(f[3]).hostname or "")
    served = set()
    for line in open(access_file, encoding="utf-8"):
        if line.strip():
            h = (json.loads(line).get("host") or "").split(":")[0].lower()
            served.add(h)
    foreign = (requested | logged | served) - hosts
    check(not foreign, f"requests only to the truth's hosts ({', '.join(sorted(hosts))}):"
          f" WARC {len(requested)} hosts, crawl log {len(logged)}, access log {len(served)}"
          + (f"; others: {sorted(foreign)}" if foreign else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
