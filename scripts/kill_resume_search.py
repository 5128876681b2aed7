"""After a crawl killed and resumed (kill-resume.sh): every archived article is found by a
search of its title, and none is listed twice (in one result or in the index).

Usage: kill_resume_search.py BIN ARCHIVE   Prints ok/FAIL lines; exit 1 when a check fails.
"""
import json
import sqlite3
import subprocess
import sys
from collections import Counter

binary, archive = sys.argv[1], sys.argv[2]
export = subprocess.run([binary, "export", "-a", archive, "--from", "1970-01-01", "--to", "9999-12-31",
                         "--format", "jsonl", "--out", "-"], capture_output=True, text=True, check=True)
articles = [json.loads(l) for l in export.stdout.splitlines() if l.strip()]
status = 0


def report(passed, line):
    global status
    status |= 0 if passed else 1
    print(("ok   " if passed else "FAIL ") + line)


def title_query(title):
    """The title as phrases: split at the quote character, which the query syntax reserves."""
    return " ".join(f'"{p}"' for p in title.replace('"', " ").split() if p)


untitled = [a["url"] for a in articles if not a["title"].strip()]
missing, twice = [], []
for a in articles:
    if not a["title"].strip():
        continue
    r = subprocess.run([binary, "search", "-a", archive, "--json", "--limit", "1000", title_query(a["title"])],
                       capture_output=True, text=True)
    urls = Counter(json.loads(l)["url"] for l in r.stdout.splitlines() if l.strip())
    if urls[a["url"]] == 0:
        missing.append((a["url"], a["title"], r.returncode, r.stderr.strip()[:100]))
    if any(n > 1 for n in urls.values()):
        twice.append((a["title"], [u for u, n in urls.items() if n > 1]))
searched = len(articles) - len(untitled)
report(not missing, f"{searched - len(missing)}/{searched} archived articles found by a search of their title"
       + (f" ({len(untitled)} without a title not searched)" if untitled else ""))
for m in missing[:10]:
    print("       missing", m)
report(not twice, f"no URL listed twice in a result ({len(twice)} results with a repeated URL)")
for t in twice[:5]:
    print("       twice", t)
db = sqlite3.connect(f"file:{archive}/state.sqlite?mode=ro", uri=True)
rows, distinct = db.execute("SELECT count(*), count(DISTINCT url) FROM search_articles").fetchone()
indexed = {u for (u,) in db.execute("SELECT url FROM search_articles")}
archived = {a["url"] for a in articles}
report(rows == distinct == len(archived) and indexed == archived,
       f"index: {rows} rows, {distinct} URLs; archive: {len(archived)} articles "
       f"(not indexed {sorted(archived - indexed)[:3]}, indexed without an article {sorted(indexed - archived)[:3]})")
sys.exit(status)
