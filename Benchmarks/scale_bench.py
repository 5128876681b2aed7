#!/usr/bin/env python3
"""Helpers of Benchmarks/scale-bench.sh (stdlib only). Each subcommand prints or writes JSON.

  state STATE.sqlite [TRUTH.jsonl]   URLs in the state DB, its bytes (file + -wal, taken before
                                     the DB is opened) and, with TRUTH, how many truth articles
                                     have a 200 response archived (by path) and which are missing
  days ARCHIVE                       first and last UTC day (YYYY-MM-DD) holding WARC files
  requests ACCESS.log MARKER         nginx access-log lines after the MARKER request, by kind of
                                     the tujian URL layout (seed, list pages, articles, images,
                                     pdfs, robots, other) and status
  probe LOG TIMEOUT N OUT.json -- CMD...
                                     runs CMD (a resumed crawl), watches the request LOG of
                                     frontier_site.py for the first request after CMD started and
                                     stops CMD with SIGINT after N page requests (or TIMEOUT s);
                                     writes the latencies, rc, wall and peak RSS to OUT.json
  report RESULTS_DIR REPORT.md       the tables of every part that ran, with the targets; printed
                                     and written to REPORT.md
"""
import json
import os
import re
import resource
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit


def path_of(url):
    p = urlsplit(url)
    return (p.path or "/") + ("?" + p.query if p.query else "")


def cmd_state(argv):
    state = argv[0]
    size = lambda p: os.path.getsize(p) if os.path.exists(p) else 0
    out = {"db_bytes": size(state), "wal_bytes": size(state + "-wal")}
    db = sqlite3.connect(state)
    out["urls"] = db.execute("SELECT count(*) FROM urls").fetchone()[0]
    if len(argv) > 1:
        truth = [json.loads(l) for l in open(argv[1], encoding="utf-8") if l.strip()]
        articles = [a["url"] for a in truth if a.get("kind") != "site"]
        try:
            rows = db.execute(
                "SELECT url FROM captures WHERE status = 200 AND record_type = 'response'")
        except sqlite3.OperationalError:  # a state DB without the captures table
            rows = db.execute("SELECT url FROM urls WHERE last_status = 200")
        archived = {path_of(u) for (u,) in rows}
        missing = [u for u in articles if path_of(u) not in archived]
        out.update(truth=len(articles), archived=len(articles) - len(missing),
                   missing=len(missing), missing_sample=missing[:5])
    print(json.dumps(out))


def cmd_days(argv):
    days = set()
    for dirpath, _, files in os.walk(argv[0]):
        if any(f.endswith(".warc.gz") for f in files):
            parts = os.path.relpath(dirpath, argv[0]).split(os.sep)
            if len(parts) == 3 and all(p.isdigit() for p in parts):
                days.add("-".join(parts))
    if not days:
        sys.exit("no WARC files under " + argv[0])
    print(min(days), max(days))


KINDS = [
    ("seed", re.compile(r"^/(index\.html?)?$")),
    ("robots", re.compile(r"^/robots\.txt$")),
    ("list pages", re.compile(r"^/[^/]+/index(_\d+)?\.html?$")),
    ("articles", re.compile(r"^/[^/]+/\d{6}/t\d{8}_\d+\.html?$")),
    ("images", re.compile(r"\.(jpe?g|png|gif|webp)$", re.I)),
    ("pdfs", re.compile(r"\.pdf$", re.I)),
]
LINE = re.compile(r'"(\S+) (\S+)[^"]*" (\d{3}) ')


def kind_of(path):
    path = path.split("?", 1)[0]
    return next((k for k, rx in KINDS if rx.search(path)), "other")


def cmd_requests(argv):
    log, marker = argv
    lines = open(log, encoding="utf-8", errors="replace").read().splitlines()
    start = max((i for i, l in enumerate(lines) if marker in l), default=None)
    if start is None:
        sys.exit(f"marker {marker} not in {log}")
    kinds = {k: {"requests": 0, "status": {}} for k, _ in KINDS + [("other", None)]}
    examples = {}
    for l in lines[start + 1:]:
        m = LINE.search(l)
        if not m:
            continue
        k = kind_of(m.group(2))
        kinds[k]["requests"] += 1
        st = kinds[k]["status"]
        st[m.group(3)] = st.get(m.group(3), 0) + 1
        examples.setdefault(k, m.group(2))
    print(json.dumps({"kinds": kinds, "examples": examples,
                      "total": sum(v["requests"] for v in kinds.values())}))


def cmd_probe(argv):
    log, timeout, n, out = argv[0], float(argv[1]), int(argv[2]), argv[3]
    cmd = argv[5:] if argv[4] == "--" else argv[4:]
    offset = os.path.getsize(log)
    t0 = time.time()
    proc = subprocess.Popen(cmd)
    first = first_page = None
    pages = requests = 0
    stopped_by = None
    buf = b""
    with open(log, "rb") as f:
        f.seek(offset)
        while proc.poll() is None:
            if time.time() - t0 > timeout:
                stopped_by = "timeout"
                break
            chunk = f.read()
            buf += chunk
            *done, buf = buf.split(b"\n")
            for line in done:
                parts = line.decode(errors="replace").split()
                if len(parts) < 3:
                    continue
                ts, path = float(parts[0]), parts[2]
                requests += 1
                if first is None:
                    first = (ts - t0, path)
                if path.startswith("/p/"):
                    pages += 1
                    if first_page is None:
                        first_page = (ts - t0, path)
            if pages >= n:
                stopped_by = f"SIGINT after {pages} page requests"
                break
            if not chunk:
                time.sleep(0.005)
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            stopped_by = (stopped_by or "") + ", then SIGKILL"
    wall = time.time() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = {"rc": proc.returncode, "wall": round(wall, 3),
           "first_request_s": first and round(first[0], 3), "first_request": first and first[1],
           "first_page_s": first_page and round(first_page[0], 3),
           "first_page": first_page and first_page[1], "requests_seen": requests,
           "stopped_by": stopped_by or "exited by itself",
           "cpu": round(ru.ru_utime + ru.ru_stime, 3), "maxrss_mb": round(ru.ru_maxrss / 1024, 1)}
    json.dump(res, open(out, "w"))
    print(json.dumps(res), file=sys.stderr)


# ---- report -------------------------------------------------------------------------------------

def load(d, name):
    p = os.path.join(d, name)
    if not os.path.exists(p):
        return None
    text = open(p).read().strip()
    try:
        return json.loads(text) if text else None
    except json.JSONDecodeError:
        return None


def verdict(ok):
    return "**PASS**" if ok else "**FAIL**"


def mb(b):
    return b / 1e6


def cmd_report(argv):
    d, report = argv
    meta = load(d, "meta.json") or {}
    out = [f"Measured {meta.get('date', '?')} on {meta.get('host', '?')}; binary `{meta.get('bin', '?')}`"
           f" (tree at {meta.get('commit', '?')}); concurrency {meta.get('concurrency', '?')},"
           f" {meta.get('concurrency', '?')} connections per host, delay 0.", ""]
    checks = []

    # A: scale
    sizes = meta.get("sizes", [])
    rows = []
    for n in sizes:
        m, st, s = load(d, f"A-{n}.measure.json"), load(d, f"A-{n}.status.json"), load(d, f"A-{n}.state.json")
        if not (m and s):
            continue
        pages = (st or {}).get("pages")
        if pages is None:
            try:
                pages = int(open(os.path.join(d, f"A-{n}.pages")).read().strip())
            except (OSError, ValueError):
                pages = 0
        rows.append(dict(n=n, m=m, st=st or {}, s=s, pages=pages,
                         cpu1k=m["cpu"] / max(pages, 1) * 1000,
                         state_mb=mb(s["db_bytes"] + s["wal_bytes"])))
    if rows:
        out += ["## A. Scale: the simulator's export (tujian) at several sizes, fresh crawls"
                " (sizes below the largest: the median of several crawls)", "",
                "| articles | truth articles | archived (200) | missing | new articles (crawler) | URLs in state"
                " | responses | wall s | peak RSS MB | CPU s per 1000 responses | state.sqlite MB | exit |",
                "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for r in rows:
            s, m = r["s"], r["m"]
            out.append(f"| {r['n']} | {s['truth']} | {s['archived']} | {s['missing']} | "
                       f"{r['st'].get('new_articles', '')} | {s['urls']} | {r['pages']} | {m['wall']:.2f} | "
                       f"{m['maxrss_mb']:.0f} | {r['cpu1k']:.3f} | {r['state_mb']:.1f} | {m['rc']} |")
        lo, hi = rows[0], rows[-1]
        rss_ratio = hi["m"]["maxrss_mb"] / max(lo["m"]["maxrss_mb"], 0.1)
        cpu_ratio = hi["cpu1k"] / max(lo["cpu1k"], 1e-9)
        for r in rows:
            if r["m"].get("runs", 1) > 1:
                per1k = ", ".join(f"{c / max(r['pages'], 1) * 1000:.3f}" for c in r["m"]["cpu_runs"])
                rss = ", ".join(f"{x:.0f}" for x in r["m"]["maxrss_runs"])
                out.append(f"- {r['n']}: {r['m']['runs']} crawls, CPU s per 1000 responses [{per1k}],"
                           f" peak RSS MB [{rss}]")
        out += ["", f"RSS({hi['n']}) / RSS({lo['n']}) = {rss_ratio:.2f} (target ≤ 1.3); "
                    f"CPU per 1000 ({hi['n']}) / CPU per 1000 ({lo['n']}) = {cpu_ratio:.2f} (target ≤ 1.15)", ""]
        for r in rows:
            if r["s"]["missing"]:
                out.append(f"missing at {r['n']}: e.g. {', '.join(r['s']['missing_sample'])}")
        checks += [
            ("A", f"peak RSS ratio largest/smallest {rss_ratio:.2f} ≤ 1.3", rss_ratio <= 1.3),
            ("A", f"CPU per 1000 responses ratio largest/smallest {cpu_ratio:.2f} ≤ 1.15", cpu_ratio <= 1.15),
            ("A", "peak RSS ≤ 120 MB at every size (max "
                  f"{max(r['m']['maxrss_mb'] for r in rows):.0f} MB)", all(r["m"]["maxrss_mb"] <= 120 for r in rows)),
            ("A", "every truth article archived with status 200 at every size (missing "
                  f"{sum(r['s']['missing'] for r in rows)})", all(r["s"]["missing"] == 0 for r in rows)),
            ("A", "every crawl exited 0 or 3 (exit codes "
                  f"{', '.join(str(r['m']['rc']) for r in rows)})", all(r["m"]["rc"] in (0, 3) for r in rows)),
        ]

    # B: on the largest archive
    n = meta.get("largest")
    inc, req = load(d, "B-incremental.measure.json"), load(d, "B-incremental.requests.json")
    if inc:
        st = load(d, "B-incremental.status.json") or {}
        out += [f"## B. On the {n}-article archive", "",
                "(1) A second `crawl` of the same site into the same archive (incremental):", "",
                "| responses | not modified | new articles | wall s | peak RSS MB | exit |",
                "| ---: | ---: | ---: | ---: | ---: | ---: |",
                f"| {st.get('pages', '')} | {st.get('not_modified', '')} | {st.get('new_articles', '')} | "
                f"{inc['wall']:.2f} | {inc['maxrss_mb']:.0f} | {inc['rc']} |", ""]
        checks.append(("B1", f"incremental crawl peak RSS {inc['maxrss_mb']:.0f} ≤ 120 MB", inc["maxrss_mb"] <= 120))
        if req:
            out += ["Requests nginx logged during it, by kind (tujian layout):", "",
                    "| kind | requests | by status | e.g. |", "| --- | ---: | --- | --- |"]
            for k, v in req["kinds"].items():
                sts = ", ".join(f"{c}: {x}" for c, x in sorted(v["status"].items()))
                out.append(f"| {k} | {v['requests']} | {sts} | {req['examples'].get(k, '')} |")
            out.append(f"| total | {req['total']} | | |")
            out.append("")
            unwanted = sum(v["requests"] for k, v in req["kinds"].items()
                           if k not in ("seed", "list pages", "robots"))
            checks.append(("B1", f"incremental crawl requested only the seed, list pages and robots.txt "
                                 f"({unwanted} other requests)", unwanted == 0))
    ex = [(f, load(d, f"B-export-{f}.measure.json"), load(d, f"B-export-{f}.json")) for f in ("jsonl", "wacz")]
    if any(m for _, m, _ in ex):
        out += ["(2) `export` of the archive's days:", "",
                "| format | wall s | peak RSS MB | output MB | articles (jsonl lines) | validation | exit |",
                "| --- | ---: | ---: | ---: | ---: | --- | ---: |"]
        for f, m, info in ex:
            if not m:
                continue
            info = info or {}
            out.append(f"| {f} | {m['wall']:.2f} | {m['maxrss_mb']:.0f} | {mb(info.get('bytes', 0)):.1f} | "
                       f"{info.get('lines', '')} | {info.get('validate', '')} | {m['rc']} |")
            checks.append(("B2", f"export {f} peak RSS {m['maxrss_mb']:.0f} ≤ 100 MB", m["maxrss_mb"] <= 100))
            checks.append(("B2", f"export {f} exit 0", m["rc"] == 0))
            if f == "jsonl" and "lines" in info and "truth" in info:
                checks.append(("B2", f"export jsonl has every truth article ({info['lines']} lines, "
                                     f"{info['truth']} truth articles)", info["lines"] >= info["truth"]))
            if f == "wacz" and info.get("validate_ok") is not None:
                checks.append(("B2", "wacz validate -f passes", info["validate_ok"]))
        out.append("")
    runs = [load(d, f"B-show-{i}.measure.json") for i in range(1, 100)]
    runs = [r for r in runs if r]
    if runs:
        walls = [r["wall"] * 1000 for r in runs]
        show = {"url": open(os.path.join(d, "B-show.url")).read().strip(), "walls_ms": walls,
                "median_ms": statistics.median(walls), "maxrss_mb": max(r["maxrss_mb"] for r in runs),
                "rcs": [r["rc"] for r in runs]}
        out += [f"(3) `show` of one article ({show['url']}), {len(show['walls_ms'])} runs:", "",
                "| median ms | runs ms | peak RSS MB | exit codes |", "| ---: | --- | ---: | --- |",
                f"| {show['median_ms']:.1f} | {', '.join(f'{w:.1f}' for w in show['walls_ms'])} | "
                f"{show['maxrss_mb']:.0f} | {', '.join(map(str, show['rcs']))} |", ""]
        checks += [("B3", f"show median {show['median_ms']:.1f} ≤ 50 ms", show["median_ms"] <= 50),
                   ("B3", f"show peak RSS {show['maxrss_mb']:.0f} ≤ 60 MB", show["maxrss_mb"] <= 60),
                   ("B3", "show exit 0", all(rc == 0 for rc in show["rcs"]))]

    # C: frontier stress
    c1, cs, cp = load(d, "C-first.measure.json"), load(d, "C-first.state.json"), load(d, "C-resume.json")
    if c1 and cs:
        cst = load(d, "C-first.status.json") or {}
        pages = meta.get("stress_pages", 0)
        want_urls = 100 * pages
        db = cs["db_bytes"] + cs["wal_bytes"]
        per_url = db / max(cs["urls"], 1)
        out += [f"## C. Frontier stress: every page links 100 new URLs, `--max-pages {pages}`", "",
                "| run | responses | exit | wall s | peak RSS MB | URLs in frontier | state.sqlite + wal MB | bytes per URL |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                f"| first | {cst.get('pages', '')} | {c1['rc']} | {c1['wall']:.2f} | {c1['maxrss_mb']:.0f} | "
                f"{cs['urls']} | {mb(db):.1f} | {per_url:.0f} |"]
        if cp:
            out += ["", "| resume | first request after start s | first request | first page s | requests seen "
                        "| stopped | exit | peak RSS MB |",
                    "| --- | ---: | --- | ---: | ---: | --- | ---: | ---: |",
                    f"| resume | {cp['first_request_s']} | {cp['first_request']} | {cp['first_page_s']} | "
                    f"{cp['requests_seen']} | {cp['stopped_by']} | {cp['rc']} | {cp['maxrss_mb']:.0f} |"]
        out.append("")
        checks += [
            ("C", f"first run stopped at max-pages with exit 6 (exit {c1['rc']})", c1["rc"] == 6),
            ("C", f"URLs known {cs['urls']} ≥ {want_urls} (100 × max-pages; 1,000,000 at 10000)",
             cs["urls"] >= want_urls),
            ("C", f"peak RSS {c1['maxrss_mb']:.0f} ≤ 150 MB", c1["maxrss_mb"] <= 150),
            ("C", f"state DB {per_url:.0f} ≤ 400 bytes per URL", per_url <= 400),
        ]
        if cp:
            first = cp["first_request_s"]
            checks.append(("C", f"resume's first request {first} s after start ≤ 5 s",
                           first is not None and first <= 5))

    if checks:
        out += ["## Targets", "", "| part | target | verdict |", "| --- | --- | --- |"]
        out += [f"| {p} | {what} | {verdict(ok)} |" for p, what, ok in checks]
        out += ["", f"{sum(ok for *_, ok in checks)} of {len(checks)} targets met."]
    text = "\n".join(out) + "\n"
    open(report, "w").write(text)
    print(text)


if __name__ == "__main__":
    cmds = {"state": cmd_state, "days": cmd_days, "requests": cmd_requests, "probe": cmd_probe,
            "report": cmd_report}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](sys.argv[2:])
