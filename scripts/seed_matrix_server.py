#!/usr/bin/env python3
"""Loopback HTTP servers for scripts/seed-matrix.sh (Python 3 standard library only).

Three servers, each printing `NAME PORT` on stdout once listening:
  main   127.0.0.1  /  a small site (index, two articles); /missing/ 404; /error/ 500 always;
                    /moved/ 301 to the `other` server; /to-https/ 301 to https on a closed port
  other  127.0.0.2  a small site of its own (the target of /moved/)
  closed 127.0.0.1  robots.txt disallows everything
The closed port (nothing listens) is printed as `unused PORT`. Runs until killed.
"""
import http.server
import socket
import socketserver
import sys
import threading

PAGE = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<h1>{title}</h1><div class="content"><p>{body}</p><p>第二段：{body}</p></div>
{links}</body></html>"""


def page(title, links=()):
    body = "这是一篇用于检查种子处理的测试文章，内容足够长，可以被识别为正文。" * 3
    a = "".join(f'<a href="{href}">{href}</a> ' for href in links)
    return PAGE.format(title=title, body=body, links=a).encode("utf-8")


class Quiet(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        if callable(body):
            body = body(self)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(name, host, routes_for):
    class Handler(Quiet):
        routes = {}

    srv = socketserver.ThreadingTCPServer((host, 0), Handler)
    srv.daemon_threads = True
    port = srv.server_address[1]
    Handler.routes = routes_for(port)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return port


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def site(prefix):
    html = {"Content-Type": "text/html; charset=utf-8"}
    return {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"),
        "/": (200, html, page(prefix + " home", ["/a.html", "/b.html"])),
        "/a.html": (200, html, page(prefix + " article A")),
        "/b.html": (200, html, page(prefix + " article B")),
    }


def main():
    unused = free_port()
    other = serve("other", "127.0.0.2", lambda port: site("other"))

    def main_routes(port):
        r = site("main")
        r["/missing/"] = (404, {"Content-Type": "text/html"}, b"<html>gone</html>")
        r["/error/"] = (500, {"Content-Type": "text/html"}, b"<html>broken</html>")
        r["/moved/"] = (301, {"Location": f"http://127.0.0.2:{other}/"}, b"")
        r["/to-https/"] = (301, {"Location": f"https://127.0.0.1:{unused}/"}, b"")
        return r

    main_port = serve("main", "127.0.0.1", main_routes)

    def closed_routes(port):
        r = site("closed")
        r["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /\n")
        return r

    closed = serve("closed", "127.0.0.1", closed_routes)
    print(f"main {main_port}\nother {other}\nclosed {closed}\nunused {unused}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    sys.exit(main())
