#!/usr/bin/env python3
"""Helpers of Benchmarks/search-bench.sh (stdlib only). Each subcommand prints or writes JSON.

  text ARTICLES.jsonl                  articles, and UTF-8 bytes of their title + body text
                                       (paragraphs joined with "\\n"), from `export --format jsonl`
  queries ARTICLES.jsonl OUT.json      the fixed query list, drawn with a fixed seed from the
                                       articles' text: Han terms of 1, 2, 3, 4, 6 and 8 characters,
                                       ASCII terms, quoted phrases with punctuation, AND / OR / NOT,
                                       and the same kinds under --host, --published-from, --from
  size STATE.sqlite TEXT_BYTES         bytes of the search tables (dbstat): the FTS5 shadow tables
                                       and side tables (the index) and search_articles (the stored
                                       text and metadata the index checks and shows)
  run BIN CONF ARCHIVE QUERIES.json ARTICLES.jsonl RUNS BYHAND_RUNS OUT.json
                                       each query RUNS times through `BIN search --json --limit 20`
                                       and BYHAND_RUNS times the by-hand way (grep -F over the
                                       export, jq for the date and host filters), wall per run
  report RESULTS_DIR REPORT.md         the tables with targets and PASS/FAIL
"""
import json
import os
import random
import re
import shlex
import sqlite3
import statistics
import subprocess
import sys
import time

HAN = re.compile(r"[\u4e00-\u9fff]+")
ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")


def load_articles(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            body = a["text"] if "text" in a else "\n".join(a.get("paragraphs", []))
            out.append({"url": a.get("url", ""), "title": a.get("title", ""), "body": body,
                        "published": a.get("published", ""), "fetched": a.get("fetched", "")})
    return out


def cmd_text(argv):
    arts = load_articles(argv[0])
    n = sum(len(a["title"].encode()) + len(a["body"].encode()) for a in arts)
    print(json.dumps({"articles": len(arts), "text_bytes": n}))


def han_term(rng, arts, length, source="body"):
    """A run of `length` Han characters at a random place of a random article's text."""
    for _ in range(10000):
        a = rng.choice(arts)
        runs = [r for r in HAN.findall(a[source]) if len(r) >= length]
        if not runs:
            continue
        r = rng.choice(runs)
        i = rng.randrange(len(r) - length + 1)
        return r[i:i + length]
    raise SystemExit(f"no Han run of {length} characters in the articles")


def phrase(rng, arts):
    """5 to 7 characters of body text around a full-width comma or stop (a quoted phrase)."""
    for _ in range(10000):
        body = rng.choice(arts)["body"]
        spots = [m.start() for m in re.finditer("[，、]", body)]
        if not spots:
            continue
        i = rng.choice(spots)
        left, right = rng.randint(2, 3), rng.randint(2, 3)
        s = body[max(0, i - left):i + 1 + right]
        if len(s) >= 5 and "\n" not in s and '"' not in s:
            return s
    raise SystemExit("no phrase around a full-width comma in the articles")


def cmd_queries(argv):
    arts = load_articles(argv[0])
    rng = random.Random(9)
    qs = []

    def add(kind, terms, query, **filters):
        qs.append({"kind": kind, "terms": terms, "query": query, "filters": filters})

    for length in (1, 2, 3, 4, 6, 8):
        for _ in range(3):
            t = han_term(rng, arts, length)
            add(f"{length} chars", [["and", t]], t)
    title_term = han_term(rng, arts, 4, "title")
    add("4 chars (title)", [["and", title_term]], title_term)
    words = sorted({w for a in arts[:2000] for w in ASCII_WORD.findall(a["title"] + " " + a["body"])})
    for w in (rng.sample(words, min(2, len(words))) if words else []):
        add("ASCII", [["and", w]], w)
    for _ in range(2):
        p = phrase(rng, arts)
        add("phrase", [["and", p]], f'"{p}"')
    a, b = han_term(rng, arts, 2), han_term(rng, arts, 3)
    add("AND 2+3", [["and", a], ["and", b]], f"{a} {b}")
    a, b = han_term(rng, arts, 4), han_term(rng, arts, 4)
    add("AND 4+4", [["and", a], ["and", b]], f"{a} AND {b}")
    a, b = han_term(rng, arts, 4), han_term(rng, arts, 6)
    add("OR 4|6", [["or", a], ["or", b]], f"{a} OR {b}")
    a, b = han_term(rng, arts, 1), han_term(rng, arts, 2)
    add("OR 1|2", [["or", a], ["or", b]], f"{a} OR {b}")
    a, b = han_term(rng, arts, 3), han_term(rng, arts, 2)
    add("NOT 3-2", [["and", a], ["not", b]], f"{a} NOT {b}")
    a, b = han_term(rng, arts, 2), han_term(rng, arts, 4)
    add("NOT 2-4", [["and", a], ["not", b]], f"{a} NOT {b}")

    host = re.match(r"https?://([^/:]+)", arts[0]["url"]).group(1)
    pubs = sorted(a["published"][:10] for a in arts if a["published"])
    pub_from = pubs[len(pubs) * 3 // 4] if pubs else "2000-01-01"  # the newest quarter
    fetched = sorted(a["fetched"][:10] for a in arts if a["fetched"])
    fetch_from = fetched[0] if fetched else "2000-01-01"
    for length in (1, 2, 3, 4, 6, 8):
        t = han_term(rng, arts, length)
        add(f"{length} chars --host", [["and", t]], t, host=host)
        t = han_term(rng, arts, length)
        add(f"{length} chars --published-from", [["and", t]], t, published_from=pub_from)
    for length in (2, 4):
        t = han_term(rng, arts, length)
        add(f"{length} chars --from", [["and", t]], t, fetched_from=fetch_from)
    a, b = han_term(rng, arts, 3), han_term(rng, arts, 2)
    add("AND 3+2 --host --published-from", [["and", a], ["and", b]], f"{a} {b}",
        host=host, published_from=pub_from)
    for i, q in enumerate(qs):
        q["id"] = i + 1
    json.dump(qs, open(argv[1], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"{len(qs)} queries", file=sys.stderr)


def cmd_size(argv):
    db = sqlite3.connect(f"file:{argv[0]}?mode=ro", uri=True)
    text = int(argv[1])
    rows = db.execute(
        "SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE 'search%' "
        "OR name IN (SELECT name FROM sqlite_master WHERE tbl_name LIKE 'search%') GROUP BY name"
    ).fetchall()
    tables = {n: s for n, s in rows}
    stored = sum(s for n, s in tables.items()
                 if n == "search_articles" or n.startswith("sqlite_autoindex_search_articles"))
    index = sum(tables.values()) - stored
    print(json.dumps({"tables": tables, "index_bytes": index, "stored_bytes": stored,
                      "text_bytes": text, "index_ratio": index / text if text else None,
                      "total_ratio": (index + stored) / text if text else None}))


def search_cmd(bin_, conf, archive, q):
    cmd = [bin_, "search", "--config", conf, "--archive", archive, "--json", "--limit", "20"]
    f = q["filters"]
    if "host" in f:
        cmd += ["--host", f["host"]]
    if "published_from" in f:
        cmd += ["--published-from", f["published_from"]]
    if "fetched_from" in f:
        cmd += ["--from", f["fetched_from"]]
    return cmd + ["--", q["query"]]


def byhand_cmd(q, jsonl):
    """The shell pipeline a user would type over the JSONL export for query q."""
    f = q["filters"]
    conds = []
    if "host" in f:
        h = f["host"]
        conds.append(f'((.url | split("/")[2] | split(":")[0] | ascii_downcase) as $h '
                     f'| $h == "{h}" or ($h | endswith(".{h}")))')
    if "published_from" in f:
        conds.append(f'(.published != "" and .published[0:10] >= "{f["published_from"]}")')
    if "fetched_from" in f:
        conds.append(f'(.fetched[0:10] >= "{f["fetched_from"]}")')
    src = f"jq -c {shlex.quote('select(' + ' and '.join(conds) + ')')} {shlex.quote(jsonl)}" if conds else None
    ands = [t for op, t in q["terms"] if op == "and"]
    ors = [t for op, t in q["terms"] if op == "or"]
    nots = [t for op, t in q["terms"] if op == "not"]
    stages = []
    if ors:
        stages.append("grep -F " + " ".join("-e " + shlex.quote(t) for t in ors))
    stages += ["grep -F -- " + shlex.quote(t) for t in ands]
    stages += ["grep -vF -- " + shlex.quote(t) for t in nots]
    if src is None:
        first, *rest = stages
        stages = [first + " " + shlex.quote(jsonl)] + rest
    else:
        stages = [src] + stages
    return " | ".join(stages)


def timed(cmd, shell=False):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, shell=shell, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       executable="/bin/bash" if shell else None)
    return time.perf_counter() - t0, p


def cmd_run(argv):
    bin_, conf, archive, qpath, jsonl, runs, byhand_runs, out = argv
    runs, byhand_runs = int(runs), int(byhand_runs)
    qs = json.load(open(qpath, encoding="utf-8"))
    floor = [timed([bin_, "--version"])[0] for _ in range(runs)]
    results = []
    for q in qs:
        cmd = search_cmd(bin_, conf, archive, q)
        walls, rcs, hits = [], set(), None
        for _ in range(runs):
            w, p = timed(cmd)
            walls.append(w)
            rcs.add(p.returncode)
            hits = len(p.stdout.splitlines())
            if p.returncode not in (0, 1):
                print(f"search failed ({p.returncode}): {cmd}: {p.stderr.decode()[:300]}", file=sys.stderr)
        sh = byhand_cmd(q, jsonl)
        bwalls, bhits = [], None
        for _ in range(byhand_runs):
            w, p = timed(sh, shell=True)
            bwalls.append(w)
            bhits = len(p.stdout.splitlines())
        r = {"id": q["id"], "kind": q["kind"], "query": q["query"], "filters": q["filters"],
             "walls": walls, "median": statistics.median(walls), "rc": sorted(rcs), "hits": hits,
             "byhand": sh, "byhand_walls": bwalls,
             "byhand_median": statistics.median(bwalls) if bwalls else None, "byhand_hits": bhits}
        results.append(r)
        print(f"[{q['id']:2}] {q['kind']:32} {r['median'] * 1000:7.1f} ms  hits {hits:2}  "
              f"by hand {r['byhand_median'] or 0:6.2f} s ({bhits} lines)  {q['query']}", file=sys.stderr)
    json.dump({"floor": floor, "results": results}, open(out, "w", encoding="utf-8"),
              ensure_ascii=False, indent=1)


def pct(xs, p):
    """Nearest-rank percentile of xs (p in 0..100)."""
    s = sorted(xs)
    k = max(0, min(len(s) - 1, -(-len(s) * p // 100) - 1))
    return s[int(k)]


def ms(x):
    return f"{x * 1000:.1f} ms"


def cmd_report(argv):
    d, report = argv
    meta = json.load(open(os.path.join(d, "meta.json")))
    run = json.load(open(os.path.join(d, "run.json"), encoding="utf-8"))
    size = json.load(open(os.path.join(d, "size.json")))
    rebuild = json.load(open(os.path.join(d, "rebuild.json")))
    export = json.load(open(os.path.join(d, "export.json")))
    per_export = json.load(open(os.path.join(d, "export-grep.json")))
    res = run["results"]
    meds = [r["median"] for r in res]
    allw = [w for r in res for w in r["walls"]]
    bmeds = [r["byhand_median"] for r in res if r["byhand_median"] is not None]
    p50, p95 = pct(meds, 50), pct(meds, 95)
    rate = rebuild["articles"] / rebuild["wall"] if rebuild["wall"] else 0
    ok = lambda b: "PASS" if b else "FAIL"
    L = []
    L.append(f"Run {meta['date']} on {meta['host']}, commit {meta['commit']}, {rebuild['articles']:,} articles "
             f"({size['text_bytes'] / 1e6:.0f} MB of title + body text), {len(res)} queries, "
             f"{meta['runs']} runs each (`search --json --limit 20`, process wall), by hand "
             f"{meta['byhand_runs']} runs each. Process start floor (`--version`): "
             f"{ms(statistics.median(run['floor']))}.")
    L.append("")
    L.append("| measure | value | target | result |")
    L.append("|---|---|---|---|")
    L.append(f"| search p50 (of per-query medians) | {ms(p50)} | ≤ 30 ms | {ok(p50 <= 0.030)} |")
    L.append(f"| search p95 (of per-query medians) | {ms(p95)} | ≤ 100 ms | {ok(p95 <= 0.100)} |")
    L.append(f"| search p50 / p95 / max over all {len(allw)} runs | {ms(pct(allw, 50))} / {ms(pct(allw, 95))} / "
             f"{ms(max(allw))} | | |")
    L.append(f"| by hand (export once, then grep/jq per query): p50 / p95 | {pct(bmeds, 50):.2f} s / "
             f"{pct(bmeds, 95):.2f} s ({pct(bmeds, 50) / p50:.0f}× / {pct(bmeds, 95) / p95:.0f}× search) | | |")
    L.append(f"| by hand, export + grep per query (median of {len(per_export['walls'])}) | "
             f"{statistics.median(per_export['walls']):.1f} s | | |")
    L.append(f"| `export --format jsonl` (once) | {export['wall']:.1f} s, {export['bytes'] / 1e6:.0f} MB | | |")
    L.append(f"| `index --rebuild` | {rebuild['articles']:,} articles in {rebuild['wall']:.1f} s = "
             f"{rate:,.0f} articles/s (peak RSS {rebuild['maxrss_mb']:.0f} MB) | ≥ 2,000 articles/s | {ok(rate >= 2000)} |")
    L.append(f"| index size (FTS5 and side tables) | {size['index_bytes'] / 1e6:.1f} MB = "
             f"{size['index_ratio']:.2f}× the text | ≤ 1.5× | {ok(size['index_ratio'] <= 1.5)} |")
    L.append(f"| index + stored text (search_articles) | {(size['index_bytes'] + size['stored_bytes']) / 1e6:.1f} MB"
             f" = {size['total_ratio']:.2f}× the text | | |")
    L.append("")
    L.append("| # | kind | query | search median | hits | by hand median | lines |")
    L.append("|---|---|---|---|---|---|---|")
    for r in res:
        f = " ".join(f"--{k.replace('_', '-').replace('fetched-from', 'from')} {v}" for k, v in r["filters"].items())
        q = r["query"].replace("|", "\\|")
        L.append(f"| {r['id']} | {r['kind']} | `{q}`{' ' + f if f else ''} | {ms(r['median'])} | {r['hits']} | "
                 f"{r['byhand_median']:.2f} s | {r['byhand_hits']} |")
    text = "\n".join(L) + "\n"
    open(report, "w", encoding="utf-8").write(text)
    print(text)


if __name__ == "__main__":
    cmds = {"text": cmd_text, "queries": cmd_queries, "size": cmd_size, "run": cmd_run, "report": cmd_report}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](sys.argv[2:])
