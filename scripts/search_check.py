"""Search and changes check on a simulator crawl (see search-check.sh).

(a) Phrases of 2, 3, 4 and 8 characters drawn at random from the truth paragraphs: `search
--json '"PHRASE"'` must return exactly the archived truth articles whose text (or title, which
is indexed too) contains the phrase; precision and recall per length, misses listed. The site's
watermarks and boilerplate must return no article whose truth text lacks them.
(b) The app's /changes page must list exactly the articles the truth marks edited on day 1, each
difference showing (in <ins>) the paragraph added that day.
Usage: search_check.py BIN WORK APP_BASE_URL   Env: SEED (default 9), PHRASES (per length, 30).
Prints one line per check; exit 1 when a check fails.
"""
import html
import json
import os
import random
import re
import subprocess
import sys
import urllib.parse
import urllib.request

binary, work, base = sys.argv[1], sys.argv[2], sys.argv[3]
archive = os.path.join(work, "archive")
seed = int(os.environ.get("SEED", "9"))
per_length = int(os.environ.get("PHRASES", "30"))
rng = random.Random(seed)
failures = 0


def report(passed, line):
    global failures
    failures += 0 if passed else 1
    print(("ok   " if passed else "FAIL ") + line)


def load(day):
    rows = [json.loads(l) for l in open(os.path.join(work, f"truth-{day}.jsonl"), encoding="utf-8")]
    return [r for r in rows if r.get("kind") != "site"], next(r for r in rows if r.get("kind") == "site")


def path_of(url):
    p = urllib.parse.urlsplit(url)
    return p.path + ("?" + p.query if p.query else "")


def search(query):
    """The paths of the hits of `query` (up to 1000) from `search --json`."""
    r = subprocess.run([binary, "search", "-a", archive, "--json", "--limit", "1000", query],
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit(f"search {query!r}: exit {r.returncode}: {r.stderr.strip()}")
    return {path_of(json.loads(l)["url"]) for l in r.stdout.splitlines() if l.strip()}


def fold(s):
    """The index's folding: full-width ASCII letters and digits as ASCII, ASCII lower-cased."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff10" <= c <= "\uff19" or "\uff21" <= c <= "\uff3a"
                   or "\uff41" <= c <= "\uff5a" else c for c in s).lower()


articles, site = load(1)
articles0, _ = load(0)
export = subprocess.run([binary, "export", "-a", archive, "--from", "1970-01-01", "--to", "9999-12-31",
                         "--format", "jsonl", "--out", "-"], capture_output=True, text=True, check=True)
archived = {path_of(json.loads(l)["url"]) for l in export.stdout.splitlines() if l.strip()}
truth = [a for a in articles if a["url"] in archived]
print(f"truth: {len(articles)} articles, {len(truth)} archived and indexed; seed {seed}, {per_length} phrases per length")
texts = {a["url"]: (fold(a["title"]), [fold(p) for p in a["paragraphs"]]) for a in truth}


def expected(phrase):
    f = fold(phrase)
    return {u for u, (title, paragraphs) in texts.items() if f in title or any(f in p for p in paragraphs)}


# (a) phrases drawn from the truth paragraphs
for n in (2, 3, 4, 8):
    tp = fp = fn = 0
    misses, extras, drawn = [], [], 0
    while drawn < per_length:
        a = rng.choice(truth)
        p = rng.choice(a["paragraphs"])
        if len(p) < n:
            continue
        i = rng.randrange(len(p) - n + 1)
        phrase = p[i : i + n]
        if '"' in phrase or any(c.isspace() for c in phrase):
            continue
        drawn += 1
        want = expected(phrase)
        got = search(f'"{phrase}"')
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
        for u in sorted(want - got):
            misses.append((phrase, u))
        for u in sorted(got - want):
            extras.append((phrase, u))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    report(fp == 0 and fn == 0,
           f"{n}-character phrases: precision {precision:.4f} recall {recall:.4f} "
           f"({tp} found, {fp} extra, {fn} missed over {per_length} phrases)")
    for phrase, u in misses[:10]:
        print(f"       missed {phrase!r} in {u}")
    for phrase, u in extras[:10]:
        print(f"       extra  {phrase!r}: {u}")

# watermarks and boilerplate
leaks = []
phrases = sorted({w for w in site.get("watermarks", []) + site.get("boilerplate", []) if w.strip()})
for w in phrases:
    q = '"' + w.replace('"', " ") + '"' if '"' in w else f'"{w}"'
    got = search(q)
    wrong = got - expected(w)
    if wrong:
        leaks.append((w, sorted(wrong)[:3], len(wrong)))
report(not leaks, f"{len(phrases)} watermark and boilerplate phrases: {len(leaks)} return articles whose truth text lacks them")
for w, urls, count in leaks[:15]:
    print(f"       {w!r}: {count} articles, e.g. {urls}")

# (b) the changes page after day 1
edited = {a["url"] for a in truth if a.get("edited_on_day") == 1}
before = {a["url"]: a["paragraphs"] for a in articles0}
added = {u: [p for p in texts[u][1] if p not in {fold(x) for x in before.get(u, [])}] for u in edited}
listed = {}
page = 1
while True:
    with urllib.request.urlopen(f"{base}/changes?page={page}") as r:
        body = r.read().decode("utf-8")
    for section in body.split('<section class="change">')[1:]:
        m = re.search(r'<p class="meta">([^ ]+) ', section)
        if m:
            listed[path_of(html.unescape(m.group(1)))] = [fold(html.unescape(x)) for x in re.findall(r"<ins>(.*?)</ins>", section, re.S)]
    if 'rel="next"' not in body:
        break
    page += 1
report(set(listed) == edited,
       f"/changes lists {len(listed)} articles, the truth marks {len(edited)} edited on day 1 "
       f"(extra {sorted(set(listed) - edited)[:5]}, missing {sorted(edited - set(listed))[:5]})")
without = [u for u in edited & set(listed) if not added[u] or not all(p in listed[u] for p in added[u])]
report(not without, f"each listed difference shows its added paragraph ({len(edited & set(listed)) - len(without)}/{len(edited & set(listed))}; without: {without[:5]})")
sys.exit(1 if failures else 0)
