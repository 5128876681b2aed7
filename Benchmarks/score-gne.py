#!/usr/bin/env python3
"""Scores article extractors on the gne development set (issue 12, item 2).

Usage:
  Benchmarks/score-gne.py [--extractors ours,readability,trafilatura,justext,gne]
                          [--bin PATH] [--labels FILE] [--corpus DIR] [--save-preds DIR]
                          [--details]

Run it with the python of the peers' venv (~/.cache/portal-archiver-peers/bin/python, made by
../shared/bench/setup-peers.sh) so that the peers import; an extractor that cannot be imported is
reported as absent and skipped. "ours" runs `portal-archiver extract --no-learn` (default binary
.build-lead/debug/portal-archiver, else .build/debug/portal-archiver, or --bin) over the 62 pages
(the pages come from 31 different sites and carry no URL, so site learning is switched off).

Labels: Benchmarks/gne-labels.jsonl, one object per page of ../shared/corpus/gne:
  file, title, published (as written on the page), published_norm (YYYY-MM-DD[ HH:MM[:SS]] or
  YYYY-MM), author, source, body (list of paragraphs), notes.

Measures (the metric of ../shared/bench/score_extract.py, whose functions are imported):
  body F1   character-4-gram shingle F1 of the body, micro-averaged over all pages (an extractor
            that returns nothing for a page scores it as an empty prediction)
  <0.5      pages whose own body F1 is below 0.5
  date      pages with a label date: the prediction's date, normalised to YYYY-MM-DD (or
            YYYY-MM for a year-month label), equals the label's day ("day-exact as written": a
            time-zone conversion that moves the day counts as wrong)
  author    pages with a non-empty label author: the prediction equals the label after
            normalisation (NFKC, so full-width forms become ASCII; all whitespace removed;
            several names compared as a set, split on whitespace/、/,/，/;)
  date+time pages whose label has a time (HH:MM): the day is right and the prediction's first
            time after its date equals the label's HH:MM (catches a time-zone shift that keeps the day)
  title     exact after the same normalisation (reported for information)
Output: a markdown table; --details adds per-page rows for each extractor.
"""
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
sys.path.insert(0, os.path.join(SHARED, "bench"))
from score_extract import overlap, f1  # noqa: E402  (the shared metric, not a copy)
from extract_peers import decode  # noqa: E402  (the shared decoding: gb2312/gbk as gb18030)


def nfkc(s):
    return unicodedata.normalize("NFKC", s or "")


def norm_text(s):
    return re.sub(r"\s+", "", nfkc(s))


def norm_author(s):
    parts = re.split(r"[\s、,，;；/]+", nfkc(s).strip())
    return frozenset(p for p in parts if p)


DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?")


TIME = re.compile(r"(?:[T\s日]|^)(\d{1,2}):(\d{2})")


def norm_time(s):
    """HH:MM of the first time after the date in s; '' when none."""
    s = nfkc(s)
    m = DATE.search(s)
    t = TIME.search(s, m.end() if m else 0)
    return f"{int(t.group(1)):02d}:{t.group(2)}" if t else ""


def norm_date(s, month_only=False):
    """YYYY-MM-DD (or YYYY-MM) of the first date in s; '' when none."""
    m = DATE.search(nfkc(s))
    if not m:
        return ""
    y, mo, d = m.group(1), int(m.group(2)), m.group(3)
    if month_only or d is None:
        return f"{y}-{mo:02d}"
    return f"{y}-{mo:02d}-{int(d):02d}"


# ---------------------------------------------------------------- extractors
def run_ours(files, binary):
    out = subprocess.run([binary, "extract", "--no-learn", *files], capture_output=True,
                         text=True, check=False)
    preds = {}
    for line in out.stdout.splitlines():
        if line.strip():
            rec = json.loads(line)
            preds[os.path.basename(rec.get("file", ""))] = {
                "title": rec.get("title") or "", "published": rec.get("published") or "",
                "author": rec.get("author") or "", "source": rec.get("source") or "",
                "text": "\n".join(rec.get("paragraphs") or []) or rec.get("text") or ""}
    return preds


def run_readability(docs):
    import lxml.html
    from readability import Document
    preds = {}
    for name, html in docs:
        try:
            d = Document(html)
            preds[name] = {"title": d.short_title(),
                           "text": lxml.html.fromstring(d.summary()).text_content()}
        except Exception:
            preds[name] = {}
    return preds


def run_trafilatura(docs):
    import trafilatura
    preds = {}
    for name, html in docs:
        try:
            r = trafilatura.bare_extraction(html, with_metadata=True)
            if r is not None and not isinstance(r, dict):
                r = r.as_dict() if hasattr(r, "as_dict") else vars(r)
            r = r or {}
            preds[name] = {"title": r.get("title") or "", "published": r.get("date") or "",
                           "author": r.get("author") or "", "text": r.get("text") or ""}
        except Exception:
            preds[name] = {}
    return preds


def run_justext(docs):
    import justext
    # jusText ships no Chinese stoplist: no stopwords, and stopword thresholds 0, so paragraphs
    # are judged by length and link density only
    preds = {}
    for name, html in docs:
        try:
            ps = justext.justext(html.encode("utf-8"), frozenset(), encoding="utf-8",
                                 stopwords_low=0, stopwords_high=0)
            preds[name] = {"text": "\n".join(p.text for p in ps if not p.is_boilerplate)}
        except Exception:
            preds[name] = {}
    return preds


def run_gne(docs):
    from gne import GeneralNewsExtractor
    ex = GeneralNewsExtractor()
    preds = {}
    for name, html in docs:
        try:
            r = ex.extract(html)
            preds[name] = {"title": r.get("title") or "", "published": r.get("publish_time") or "",
                           "author": r.get("author") or "", "text": r.get("content") or ""}
        except Exception:
            preds[name] = {}
    return preds


# ---------------------------------------------------------------- scoring
def score(labels, preds):
    tp = fp = fn = 0
    low, rows = [], []
    date_ok = date_n = auth_ok = auth_n = title_ok = time_ok = time_n = 0
    for lab in labels:
        p = preds.get(lab["file"]) or {}
        a, b, c = overlap("\n".join(lab["body"]), p.get("text") or "")
        tp, fp, fn = tp + a, fp + b, fn + c
        s = f1(a, b, c)[0]
        if s < 0.5:
            low.append(lab["file"])
        row = {"file": lab["file"], "f1": s, "pred_len": a + b, "label_len": a + c}
        if lab.get("published_norm"):
            date_n += 1
            month_only = len(lab["published_norm"]) == 7
            want = lab["published_norm"][:7 if month_only else 10]
            got = norm_date(p.get("published") or "", month_only)
            row["date"] = (got == want, got, want)
            date_ok += got == want
            if len(lab["published_norm"]) >= 16:      # the page writes a time: HH:MM as written
                time_n += 1
                time_ok += got == want and norm_time(p.get("published") or "") == lab["published_norm"][11:16]
        if lab.get("author"):
            auth_n += 1
            ok = norm_author(p.get("author")) == norm_author(lab["author"])
            row["author"] = (ok, p.get("author") or "", lab["author"])
            auth_ok += ok
        title_ok += norm_text(p.get("title")) == norm_text(lab["title"])
        rows.append(row)
    F = f1(tp, fp, fn)[0]
    return {"F1": F, "low": low, "date": (date_ok, date_n), "author": (auth_ok, auth_n),
            "title": title_ok, "time": (time_ok, time_n), "rows": rows}


def main(argv):
    opts = {"--extractors": "ours,readability,trafilatura,justext,gne", "--bin": None,
            "--labels": os.path.join(HERE, "gne-labels.jsonl"),
            "--corpus": os.path.join(SHARED, "corpus", "gne"), "--save-preds": None}
    details = False
    it = iter(argv[1:])
    for a in it:
        if a == "--details":
            details = True
        elif a in opts:
            opts[a] = next(it)
        else:
            print(__doc__)
            return 2
    labels = [json.loads(x) for x in open(opts["--labels"], encoding="utf-8") if x.strip()]
    files = [os.path.join(opts["--corpus"], lab["file"]) for lab in labels]
    docs = [(lab["file"], decode(open(f, "rb").read())) for lab, f in zip(labels, files)]
    binary = opts["--bin"]
    if not binary:
        for cand in (".build-lead/debug/portal-archiver", ".build/debug/portal-archiver"):
            if os.path.exists(os.path.join(ROOT, cand)):
                binary = os.path.join(ROOT, cand)
                break
    results, absent = [], []
    for name in opts["--extractors"].split(","):
        try:
            if name == "ours":
                if not binary:
                    raise FileNotFoundError("no portal-archiver binary")
                preds = run_ours(files, binary)
            else:
                preds = {"readability": run_readability, "trafilatura": run_trafilatura,
                         "justext": run_justext, "gne": run_gne}[name](docs)
        except (ImportError, FileNotFoundError) as e:
            absent.append(f"{name} ({e})")
            continue
        if opts["--save-preds"]:
            os.makedirs(opts["--save-preds"], exist_ok=True)
            with open(os.path.join(opts["--save-preds"], name + ".jsonl"), "w",
                      encoding="utf-8") as fh:
                for k, v in preds.items():
                    fh.write(json.dumps({"file": k, **v}, ensure_ascii=False) + "\n")
        results.append((name, score(labels, preds), preds))
    n = len(labels)
    print(f"gne development set: {n} pages, labels {os.path.relpath(opts['--labels'], ROOT)}\n")
    print("| extractor | body F1 (micro) | pages F1 < 0.5 | date (day exact) | date + time (HH:MM as written) | author (exact) | title (exact) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    label = {"ours": "this project (portal-archiver extract)", "readability": "readability-lxml",
             "trafilatura": "trafilatura", "justext": "jusText", "gne": "GNE"}
    for name, r, _ in results:
        d, a, tm = r["date"], r["author"], r["time"]
        has_meta = name in ("ours", "trafilatura", "gne")
        print(f"| {label[name]} | {r['F1']:.3f} | {len(r['low'])} of {n} | "
              + (f"{d[0]} of {d[1]} | {tm[0]} of {tm[1]} | {a[0]} of {a[1]} |" if has_meta
                 else "– | – | – |")
              + f" {r['title']} of {n} |")
    if absent:
        print("\nnot measured: " + "; ".join(absent))
    for name, r, _ in results:
        if r["low"]:
            print(f"\n{label[name]}: F1 < 0.5 on " + ", ".join(r["low"]))
    if details:
        for name, r, _ in results:
            print(f"\n### {label[name]}\n")
            print("| page | F1 | pred/label 4-grams | date got / want | author got / want |")
            print("| --- | ---: | ---: | --- | --- |")
            for row in r["rows"]:
                dd = row.get("date")
                aa = row.get("author")
                ds = "" if not dd else ("ok " if dd[0] else "WRONG ") + f"{dd[1] or '∅'} / {dd[2]}"
                au = "" if not aa else ("ok " if aa[0] else "WRONG ") + f"{aa[1] or '∅'} / {aa[2]}"
                print(f"| {row['file']} | {row['f1']:.3f} | {row['pred_len']}/{row['label_len']} "
                      f"| {ds} | {au} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
