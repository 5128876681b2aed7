#!/usr/bin/env python3
"""Writes the fuzz seed corpora, Fuzz/corpus/<target>/, from the project's own fixtures.

Sources:
  - string literals in Tests/**/*.swift (triple-quoted blocks, one-line and raw literals), sorted by
    what they look like: HTML (html, extract, charset), robots.txt (robots), crawl.conf
    fragments (conf), WARC records and CDXJ lines (warc), URLs (url: reference, or
    reference + "\n" + base for the URLs of one test file);
  - crawl.conf (conf);
  - a sample-portal archive: `portal-archiver demo` crawls the bundled sample portal (GBK
    pages) on 127.0.0.1 into a temporary archive; its gzip members (warc), HTML payloads
    (html, extract, charset) and robots.txt (robots) are taken. Skipped when no built
    portal-archiver is found (--portal-archiver PATH, default .build/debug/portal-archiver).

The output is small on purpose (BUDGET bytes per target, files named by content hash), so it
can be committed; libFuzzer grows its own working corpus under .build-fuzz/runs/. Running the
script again rewrites Fuzz/corpus/ from scratch; the result is deterministic for a given tree
(the demo's pages are; its WARC headers carry dates, so warc seeds change between runs).
"""

import argparse
import glob
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = ["charset", "html", "extract", "warc", "robots", "conf", "url", "sitemap", "pagination"]
BUDGET = 48 * 1024  # bytes per target
MAX_SEED = 16 * 1024  # one seed's largest size (larger inputs slow every execution)
MAX_FILES = 200  # seeds per target


def unescape(body):
    """The value of a Swift string literal's body (interpolations become "1")."""
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        i += 1
        if i >= len(body):
            break
        e = body[i]
        if e == "(":
            depth = 1
            i += 1
            while i < len(body) and depth:
                depth += {"(": 1, ")": -1}.get(body[i], 0)
                i += 1
            out.append("1")
            continue
        if e == "u" and i + 1 < len(body) and body[i + 1] == "{":
            end = body.find("}", i)
            try:
                out.append(chr(int(body[i + 2 : end], 16)))
            except (ValueError, OverflowError):
                pass
            i = end + 1
            continue
        if e == "\n":  # line continuation in a multi-line literal
            i += 1
            continue
        out.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(e, e))
        i += 1
    return "".join(out)


def literals(source):
    """The string literals of a Swift source file, multi-line ones dedented."""
    found = []
    for m in re.finditer(r'"""[ \t]*\n(.*?)\n([ \t]*)"""', source, re.S):
        indent = m.group(2)
        lines = [l[len(indent) :] if l.startswith(indent) else l.lstrip() for l in m.group(1).split("\n")]
        found.append(unescape("\n".join(lines)))
    source = re.sub(r'"""[ \t]*\n.*?\n[ \t]*"""', '""', source, flags=re.S)
    for m in re.finditer(r'#"(.*?)"#', source):
        found.append(m.group(1))
    source = re.sub(r'#".*?"#', '""', source)
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', source):
        found.append(unescape(m.group(1)))
    return found


HTML_MARK = re.compile(r"<(html|p|a|div|body|meta|title|table|td|span|h1|br|script|iframe|frame)\b", re.I)
ROBOTS_MARK = re.compile(r"^\s*(user-?agent|disallow|allow|crawl-delay|sitemap)\s*:", re.I | re.M)
CONF_MARK = re.compile(r"^\s*\[(crawl|scope|fetch|archive|report|extract)\]|^\s*[a-z_]+\s*=", re.M)
SITEMAP_MARK = re.compile(r"<(urlset|sitemapindex|loc|lastmod)\b|^https?://\S+\r?\n\s*https?://", re.M)
PAGINATION_MARK = re.compile(r"createPageHTML|countPage|pageCount|datastore|jpage|dataproxy")
URL_MARK = re.compile(r"^(https?:|//|/|\.\.?/|\?|#|[a-z][a-z0-9+.-]*:)", re.I)


class Corpus:
    """Seeds per target, within the byte budget, in the order they are offered."""

    def __init__(self):
        self.files = {t: {} for t in TARGETS}

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        if not data or len(data) > MAX_SEED:
            return
        seeds = self.files[target]
        if len(seeds) >= MAX_FILES or sum(len(d) for d in seeds.values()) + len(data) > BUDGET:
            return
        seeds.setdefault(hashlib.sha1(data).hexdigest()[:16], data)

    def write(self, out):
        for target, seeds in self.files.items():
            folder = os.path.join(out, target)
            shutil.rmtree(folder, ignore_errors=True)
            os.makedirs(folder)
            for name, data in sorted(seeds.items()):
                with open(os.path.join(folder, name), "wb") as f:
                    f.write(data)
            print(f"{target:8} {len(seeds):4} seeds {sum(len(d) for d in seeds.values()):7} bytes")


def from_archive(corpus, binary):
    """Seeds from a demo crawl of the sample portal: pages, robots.txt and WARC members."""
    if not (binary and os.access(binary, os.X_OK)):
        print(f"no portal-archiver at {binary}: sample-portal seeds skipped", file=sys.stderr)
        return
    work = tempfile.mkdtemp(prefix="portal-archiver-seeds-")
    try:
        archive = os.path.join(work, "archive")
        subprocess.run(
            [binary, "demo", "--articles", "6", "--archive", archive],
            cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=False)
        pages = []
        for path in sorted(glob.glob(os.path.join(archive, "**", "*.warc.gz"), recursive=True)):
            raw = open(path, "rb").read()
            members = split_members(raw)
            # The first members as they are (warcinfo, then request/response/metadata records).
            head = b""
            for m in members:
                if len(head) + len(m) > MAX_SEED:
                    break
                head += m
            corpus.add("warc", head)
            for m in members[:12]:
                corpus.add("warc", m)
                corpus.add("warc", zlib.decompress(m, 31))
            for m in members:
                record = zlib.decompress(m, 31)
                if b"WARC-Type: response" not in record[:2000]:
                    continue
                http = record.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in record else b""
                head_part, _, payload = http.partition(b"\r\n\r\n")
                if re.search(rb"(?im)^content-encoding:\s*(x-)?gzip", head_part):
                    try:
                        payload = zlib.decompress(payload, 47)
                    except zlib.error:
                        continue
                if b"/robots.txt" in record[:2000]:
                    corpus.add("robots", payload)
                elif b"text/html" in head_part:
                    uri = re.search(rb"WARC-Target-URI: *(\S+)", record[:2000])
                    pages.append((uri.group(1) if uri else b"", payload.rstrip(b"\r\n")))
            for path_cdxj in sorted(glob.glob(os.path.join(archive, "**", "*.cdxj"), recursive=True)):
                lines = open(path_cdxj, "rb").read().split(b"\n")
                corpus.add("warc", b"\n".join(lines[:20]))
        # One page of each kind (home, channel lists, articles, calendar …: URLs alike but for
        # their numbers), the smallest of each, GBK as served; three kinds at most.
        kinds = {}
        for uri, page in pages:
            kind = re.sub(rb"\d+", b"N", uri)
            if kind not in kinds or len(page) < len(kinds[kind]):
                kinds[kind] = page
        for page in sorted(kinds.values(), key=len)[:3]:
            for target in ("html", "extract", "charset"):
                corpus.add(target, page)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def split_members(raw):
    """The gzip members of a multi-member file, each as its compressed bytes."""
    members = []
    start = 0
    while start < len(raw):
        d = zlib.decompressobj(31)
        try:
            d.decompress(raw[start:])
        except zlib.error:
            break
        end = len(raw) - len(d.unused_data)
        members.append(raw[start:end])
        start = end
    return members


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "Fuzz", "corpus"))
    parser.add_argument("--only", nargs="*", choices=TARGETS,
                        help="rewrite only these targets' folders (default: all)")
    parser.add_argument("--portal-archiver", default=os.path.join(ROOT, ".build", "debug", "portal-archiver"))
    args = parser.parse_args()
    corpus = Corpus()

    conf = open(os.path.join(ROOT, "crawl.conf"), "rb").read()
    corpus.add("conf", conf)
    # The shipped file without its comments: the keys, the sections and the values alone.
    corpus.add("conf", b"\n".join(l for l in conf.split(b"\n") if l.strip() and not l.startswith(b"#")))

    from_archive(corpus, args.portal_archiver)

    urls = []
    for path in sorted(glob.glob(os.path.join(ROOT, "Tests", "**", "*.swift"), recursive=True)):
        source = open(path, encoding="utf-8").read()
        file_urls = []
        for text in literals(source):
            if HTML_MARK.search(text):
                for target in ("html", "extract", "charset"):
                    corpus.add(target, text)
            if ROBOTS_MARK.search(text):
                corpus.add("robots", text)
            if CONF_MARK.search(text) and ("[" in text or "=" in text) and "<" not in text:
                corpus.add("conf", text)
            if SITEMAP_MARK.search(text) and "<html" not in text.lower():
                corpus.add("sitemap", text)
            if PAGINATION_MARK.search(text):
                corpus.add("pagination", text)
            if "WARC/1." in text or '{"url"' in text:
                corpus.add("warc", text)
            if "\n" not in text and len(text) < 400 and URL_MARK.match(text) and " " not in text.strip():
                file_urls.append(text)
        urls.append(file_urls)
    # Per test file: a few references alone, and a few with a base of the same file.
    for file_urls in urls:
        bases = [u for u in file_urls if re.match(r"https?://", u)]
        for u in file_urls[:6]:
            corpus.add("url", u)
        for i, u in enumerate(file_urls[6:12]):
            if bases:
                corpus.add("url", u + "\n" + bases[i % len(bases)])
    if args.only:
        corpus.files = {t: corpus.files[t] for t in args.only}
    corpus.write(args.out)


if __name__ == "__main__":
    main()
