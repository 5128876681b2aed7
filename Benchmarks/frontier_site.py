#!/usr/bin/env python3
"""A generated site for the frontier stress test of Benchmarks/scale-bench.sh (stdlib only).

Every page /p/<n>.htm links 100 new pages, /p/<100n+1>.htm ... /p/<100n+100>.htm, so a crawl
of P pages discovers about 100 P URLs. /robots.txt allows everything; / links /p/0.htm; any
other path is 404.

Usage: frontier_site.py --port PORT --log FILE [--lifetime SECONDS]
Listens on 127.0.0.1 only (HTTP/1.1, keep-alive, one thread per connection). Prints
`listening on http://127.0.0.1:PORT/` once it is ready. Appends one line per request to FILE:
`<unix time, 6 decimals> <method> <path> <status>`, flushed at once (a watcher can read the
time each request reached the server). Exits by itself after --lifetime seconds (default 3600).
"""
import argparse
import http.server
import os
import re
import threading
import time

PAGE = re.compile(r"^/p/(\d{1,12})\.htm$")
ROBOTS = b"User-agent: *\nAllow: /\n"


def page(n):
    links = "\n".join(
        f'<li><a href="/p/{k}.htm">page {k}</a></li>' for k in range(100 * n + 1, 100 * n + 101))
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Page {n}</title></head>\n'
        f"<body><h1>Page {n}</h1>\n<p>Generated page {n} of the frontier stress site: it links "
        f"the next hundred pages.</p>\n<ul>\n{links}\n</ul>\n</body></html>\n").encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--lifetime", type=float, default=3600.0)
    args = ap.parse_args()
    log = open(args.log, "a", buffering=1)
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "frontier-site/1"

        def log_message(self, *a):  # no stderr line per request
            pass

        def answer(self, body_wanted):
            t = time.time()
            path = self.path.split("?", 1)[0]
            status, ctype, body = 404, "text/plain", b"not found\n"
            m = PAGE.match(path)
            if m:
                status, ctype, body = 200, "text/html; charset=utf-8", page(int(m.group(1)))
            elif path == "/robots.txt":
                status, ctype, body = 200, "text/plain", ROBOTS
            elif path == "/":
                status, ctype = 200, "text/html; charset=utf-8"
                body = b'<!DOCTYPE html><html><body><a href="/p/0.htm">start</a></body></html>\n'
            with lock:
                log.write(f"{t:.6f} {self.command} {self.path} {status}\n")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body_wanted:
                self.wfile.write(body)

        def do_GET(self):
            self.answer(True)

        def do_HEAD(self):
            self.answer(False)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    stop = threading.Timer(args.lifetime, lambda: os._exit(0))
    stop.daemon = True
    stop.start()
    print(f"listening on http://127.0.0.1:{server.server_address[1]}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
