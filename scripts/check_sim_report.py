#!/usr/bin/env python3
"""Checks a simulator crawl's report and crawl log (scripts/sim-report-check.sh runs it).

usage: check_sim_report.py ARCHIVE ACCESS_LOG TRUTH_JSONL BASE_URL

- every /search/ URL the crawl met is skipped for robots (and listed in skipped.tsv), none fetched;
- the calendar links past scope.max_query_variants are skipped for the query-variant cap;
- each dead link of the truth that the crawl met is an `http 404` error in errors.tsv;
- /slow.htm is a timeout, /huge.htm truncated, the /loop/ pair a redirect loop (errors.tsv);
- the crawl log has one line per request of the access log: the same paths the same number of
  times, and the same status wherever the crawl log has one (a response).
"""
import collections
import json
import sqlite3
import sys


def tsv(path):
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    return rows[1:]


def main():
    archive, access, truth, base = sys.argv[1:5]
    report = f"{archive}/reports/run-1"
    failures = []

    def check(ok, what):
        print(("ok    " if ok else "FAIL  ") + what)
        if not ok:
            failures.append(what)

    db = sqlite3.connect(f"file:{archive}/state.sqlite?mode=ro", uri=True)
    urls = {u: (s, r) for u, s, r in db.execute("SELECT url, state, reason FROM urls")}
    skipped = {(r[0], r[1]) for r in tsv(f"{report}/skipped.tsv")}
    errors = collections.defaultdict(set)
    for kind, url, _ in tsv(f"{report}/errors.tsv"):
        errors[kind].add(url)

    search = [u for u in urls if u.startswith(base + "/search/")]
    check(search and all(urls[u] == (4, "robots") and ("robots", u) in skipped for u in search),
          f"all {len(search)} /search/ links met are skipped for robots in skipped.tsv")
    calendar = [u for u in urls if u.startswith(base + "/calendar/")]
    capped = [u for u in calendar if urls[u][1] == "query variants cap"]
    check(capped and all(("query variants cap", u) in skipped for u in capped),
          f"{len(capped)} calendar link(s) past the cap listed for the query-variant rule"
          f" ({len(calendar) - len(capped)} calendar pages fetched)")

    site = next(json.loads(l) for l in open(truth) if '"kind": "site"' in l or '"kind":"site"' in l)
    dead = [base + p if p.startswith("/") else p for p in site.get("dead_links", [])]
    met = [u for u in dead if u in urls]
    missing = [u for u in met if u not in errors["http 404"]]
    check(met and not missing, f"{len(met)} dead links met, each an http 404 in errors.tsv"
          + (f" (missing: {missing[:3]})" if missing else ""))
    check(base + "/slow.htm" in errors["timeout"], "/slow.htm is a timeout")
    check(base + "/huge.htm" in errors["truncated"], "/huge.htm is truncated")
    check(any(u.startswith(base + "/loop/") for u in errors["redirect loop"]),
          "the /loop/ pair is a redirect loop")

    served = collections.Counter()
    served_status = collections.Counter()
    for line in open(access):
        r = json.loads(line)
        served[r["path"]] += 1
        served_status[(r["path"], str(r["status"]))] += 1
    logged = collections.Counter()
    logged_status = collections.Counter()
    lines = 0
    for line in open(f"{archive}/logs/crawl-1.log", encoding="utf-8"):
        f = line.split(" ")
        lines += 1
        path = f[3][len(base):] or "/"
        logged[path] += 1
        if f[1].isdigit():
            logged_status[(path, f[1])] += 1
    check(logged == served, f"crawl log: {lines} lines, one per request of the access log"
          f" ({sum(served.values())} requests)"
          + ("" if logged == served else f"; differ: {list((logged - served).items())[:3]} /"
             f" {list((served - logged).items())[:3]}"))
    wrong = [k for k, n in logged_status.items() if served_status[k] < n]
    check(not wrong, "every logged response status matches the access log"
          + (f" (not: {wrong[:3]})" if wrong else ""))
    summary = json.load(open(f"{report}/summary.json"))
    print(f"      verdict: exit {summary['exit_code']}: {summary['verdict']}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
