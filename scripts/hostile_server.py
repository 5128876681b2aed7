#!/usr/bin/env python3
"""A hostile loopback web site for scripts/hostile-replay.sh (Python 3 standard library only).

Usage: hostile_server.py --mode MODE [--log FILE] [--articles N]
Listens on 127.0.0.1 (a free port), prints `port PORT` once listening, runs until killed.
`--log FILE` appends one line per request: `METHOD PATH`.

Every mode serves `/robots.txt` (allow all but /secret/), a home page `/` linking N articles
`/a/<n>.html` (default 40) and the mode's hostile URLs, and the articles themselves. Modes:

  plain     nothing hostile (config-error rows: the crawl must fetch nothing)
  robots    /robots.txt answers 302 -> /r/hop1 -> 301 /policy/robots.txt (Disallow: /secret/);
            the home page links /secret/1.html and /secret/2.html (must not be fetched)
  robots-offsite  /robots.txt answers 302 to http://127.0.0.2:1/robots.txt (out of the scope:
            the host is disallowed for the run; the redirect is never followed)
  headers   /bighdr: one 1 MB header line; /manyhdr: 1 MB of header in 1,000 lines;
            /longredir: 302 to a 100 KB URL on the same host
  schemes   /tofile: 302 to file:///etc/passwd; /togopher: 302 to gopher://127.0.0.1:1/x
  retry     /ra: 503 with Retry-After: 100000; /radate: 503 with Retry-After an HTTP-date a
            day ahead; /ra1: 503 with Retry-After: 1 on its first request, 200 after (within
            the cap: must be retried)
  links     /: a 9.8 MB page with 550,000 links /l<hex> (each answers a small page)
"""
import argparse
import email.utils
import http.server
import socketserver
import sys
import threading
import time

BODY = "这是一篇用于检查敌意输入处理的测试文章，内容足够长，可以被识别为正文。" * 3


def page(title, links=(), n=0):
    a = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f'<h1>{title}</h1><div class="content"><p>{BODY}（{n}）</p><p>第二段：{title}。{BODY}</p>'
        f"</div><ul>{a}</ul></body></html>"
    ).encode("utf-8")


HOSTILE = {
    "plain": [],
    "robots": ["/secret/1.html", "/secret/2.html"],
    "robots-offsite": [],
    "headers": ["/bighdr", "/manyhdr", "/longredir"],
    "schemes": ["/tofile", "/togopher"],
    "retry": ["/ra", "/radate", "/ra1"],
    "links": [],
}

LINKS_PAGE_BYTES = 9_800_000
LINKS_COUNT = 550_000


def links_page():
    head = b'<html><head><meta charset="utf-8"><title>links</title></head><body><div>'
    tail = b"</div></body></html>"
    parts = [b"<a href=/l%x>" % i for i in range(LINKS_COUNT)]
    body = b"\n".join(parts)
    pad = LINKS_PAGE_BYTES - len(head) - len(tail) - len(body)
    if pad > 0:
        body += b"\n<p>" + b"x" * max(pad - 8, 0) + b"</p>\n"
    return head + body + tail


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    mode = "plain"
    articles = 40
    log = None
    lock = threading.Lock()
    cache = {}

    def log_message(self, *args):
        pass

    def record(self):
        if self.log:
            with self.lock:
                with open(self.log, "a") as f:
                    f.write(f"{self.command} {self.path}\n")

    def send(self, status, body=b"", headers=(), ctype="text/html; charset=utf-8"):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if body or status == 200:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def raw(self, data):
        """Writes a whole response by hand (for headers BaseHTTPRequestHandler would not send)."""
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        self.record()
        p = self.path
        mode = self.mode
        port = self.server.server_address[1]
        if p == "/robots.txt":
            if mode == "robots":
                return self.send(302, headers=[("Location", "/r/hop1")])
            if mode == "robots-offsite":
                return self.send(302, headers=[("Location", "http://127.0.0.2:1/robots.txt")])
            return self.send(200, b"User-agent: *\nDisallow: /secret/\n", ctype="text/plain")
        if mode == "robots" and p == "/r/hop1":
            return self.send(301, headers=[("Location", f"http://127.0.0.1:{port}/policy/robots.txt")])
        if mode == "robots" and p == "/policy/robots.txt":
            return self.send(200, b"User-agent: *\nDisallow: /secret/\n", ctype="text/plain")
        if p == "/":
            if mode == "links":
                if "links" not in self.cache:
                    self.cache["links"] = links_page()
                return self.send(200, self.cache["links"])
            arts = [f"/a/{i}.html" for i in range(self.articles)]
            return self.send(200, page(f"{mode} home", arts + HOSTILE[mode]))
        if p.startswith("/a/") or p.startswith("/secret/") or (mode == "links" and p.startswith("/l")):
            return self.send(200, page(f"文章 {p}", n=len(p) + sum(map(ord, p))))
        if mode == "headers" and p == "/bighdr":
            return self.raw(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Big: "
                + b"a" * 1_000_000 + b"\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        if mode == "headers" and p == "/manyhdr":
            lines = b"".join(b"X-Filler-%04d: %s\r\n" % (i, b"b" * 980) for i in range(1000))
            return self.raw(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + lines
                + b"Content-Length: 2\r\nConnection: close\r\n\r\nok")
        if mode == "headers" and p == "/longredir":
            target = "/long?" + "q" * (100 * 1024 - 6)
            return self.send(302, headers=[("Location", target)])
        if mode == "headers" and p.startswith("/long?"):
            return self.send(200, page("long"))
        if mode == "schemes" and p == "/tofile":
            return self.send(302, headers=[("Location", "file:///etc/passwd")])
        if mode == "schemes" and p == "/togopher":
            return self.send(302, headers=[("Location", "gopher://127.0.0.1:1/x")])
        if mode == "retry" and p == "/ra":
            return self.send(503, b"busy", headers=[("Retry-After", "100000")])
        if mode == "retry" and p == "/radate":
            when = email.utils.formatdate(time.time() + 86_400, usegmt=True)
            return self.send(503, b"busy", headers=[("Retry-After", when)])
        if mode == "retry" and p == "/ra1":
            with self.lock:
                self.cache["ra1"] = self.cache.get("ra1", 0) + 1
                first = self.cache["ra1"] == 1
            if first:
                return self.send(503, b"busy", headers=[("Retry-After", "1")])
            return self.send(200, page("ra1 after retry"))
        return self.send(404, b"not found")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=sorted(HOSTILE), default="plain")
    ap.add_argument("--log")
    ap.add_argument("--articles", type=int, default=40)
    args = ap.parse_args()
    Handler.mode, Handler.log, Handler.articles = args.mode, args.log, args.articles
    if args.mode == "links":
        Handler.cache["links"] = links_page()
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    srv = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    print(f"port {srv.server_address[1]}", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
