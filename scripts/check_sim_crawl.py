#!/usr/bin/env python3
"""Checks a crawl of ../shared/portal-sim against its ground truth and access log.

Usage: check_sim_crawl.py TRUTH.jsonl ACCESS.jsonl STATE.sqlite [--day-run]
Prints one line per check (ok / FAIL) and exits 1 if any failed. Without --day-run it checks a
complete single run: every live truth article archived with status 200, no /search/ request,
at most 50 /calendar/ requests, no path requested twice except retries, and the faults recorded
as what they are (timeout, truncated, redirect loop).
"""
import json
import sqlite3
import sys
from collections import Counter
from urllib.parse import urlsplit


def path_of(url):
    p = urlsplit(url)
    return p.path + ("?" + p.query if p.query else "")


def main(argv):
    truth_file, log_file, state = argv[1:4]
    articles, site = [], {}
    for line in open(truth_file, encoding="utf-8"):
        rec = json.loads(line)
        if rec.get("kind") == "site":
            site = rec
        else:
            articles.append(rec)
    log = [json.loads(l) for l in open(log_file) if l.strip()]
    db = sqlite3.connect(state)
    failures = 0

    def check(ok, what):
        nonlocal failures
        print(("ok   " if ok else "FAIL ") + what)
        failures += 0 if ok else 1

    captured = {}
    for url, status, rtype in db.execute("SELECT url, status, record_type FROM captures"):
        captured.setdefault(path_of(url), []).append((status, rtype))
    dead = set(site.get("dead_links", []))
    live = [a["url"] for a in articles if a["url"] not in dead]
    missing = [u for u in live if not any(s == 200 for s, _ in captured.get(u, []))]
    check(not missing, f"{len(live) - len(missing)}/{len(live)} live truth articles archived with status 200"
          + (f" (missing e.g. {missing[:3]})" if missing else ""))

    paths = Counter(e["path"] for e in log)
    search = [p for p in paths if p.startswith("/search/")]
    check(not search, f"no request under /search/ ({len(search)} seen)")
    calendar = sum(n for p, n in paths.items() if p.startswith("/calendar/"))
    check(calendar <= 50, f"at most 50 requests under /calendar/ ({calendar} seen)")
    retried = set(site.get("flaky_500", [])) | {"/slow.htm", "/cut.htm"}
    twice = [p for p, n in paths.items() if n > 1 and p not in retried and p != "/robots.txt"]
    check(not twice, "no path requested twice except retries" + (f" (e.g. {twice[:5]})" if twice else ""))
    robots = paths.get("/robots.txt", 0)
    check(robots == 1, f"robots.txt fetched once ({robots})")

    def reason(path):
        row = db.execute("SELECT state, reason, last_status FROM urls WHERE url LIKE ?", ("%" + path,)).fetchone()
        return row
    r = reason("/slow.htm")
    check(r is not None and r[1] == "timeout", f"/slow.htm recorded as timed out ({r})")
    r = reason("/huge.htm")
    check(r is not None and "truncated" in (r[1] or ""), f"/huge.htm recorded as truncated ({r})")
    loops = [reason("/loop/a"), reason("/loop/b")]
    check(any(x is not None and x[1] == "redirect loop" for x in loops), f"redirect loop recorded ({loops})")
    for p in site.get("flaky_500", []):
        statuses = [s for s, _ in captured.get(p, [])]
        check(200 in statuses, f"{p} (500 then 200) archived with 200 ({statuses})")
    dup200 = [u for u, n in db.execute(
        "SELECT url, count(*) FROM captures WHERE status = 200 AND record_type = 'response' GROUP BY url HAVING count(*) > 1")]
    check(not dup200, f"no URL with two 200 response records ({dup200[:3]})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
