import Foundation
import Testing
import TestSupport

/// `crawl --resolve` and Chinese domain names through the command line: a site on 127.0.0.1
/// answering by Host header, crawled under `例子.中国`; `show` finds it by either spelling and
/// prints the Unicode host, `status` shows the seed in Unicode; a bad entry exits 78 naming
/// the flag.
@Suite(.serialized) struct ResolveCLITests {
  static let punycode = "xn--fsqu00a.xn--fiqs8s"

  static func site() throws -> FetchTestServer {
    try FetchTestServer { request in
      let host = request.header("Host") ?? ""
      guard host.hasPrefix(punycode + ":") else {
        return [.send(FetchTestServer.response(status: 404, reason: "Not Found"))]
      }
      let paragraph = String(repeating: "本网站是一个用于测试国际化域名的政府门户网站示例页面。", count: 8)
      let body: String
      switch request.target {
      case "/robots.txt": body = "User-agent: *\nAllow: /\n"
      case "/": body = "<html><body><a href=\"/a.html\">文章</a></body></html>"
      case "/a.html":
        body = "<html><head><title>域名文章</title></head><body><h1>域名文章</h1>"
          + "<div>发布时间：2024年5月15日</div><div id=\"content\"><p>\(paragraph)</p>"
          + "<p>\(paragraph)</p></div></body></html>"
      default: return [.send(FetchTestServer.response(status: 404, reason: "Not Found"))]
      }
      return [
        .send(
          FetchTestServer.response(
            headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(body.utf8)))
      ]
    }
  }

  @Test func aChineseDomainIsCrawledThroughResolveAndShownInUnicode() throws {
    let server = try Self.site()
    defer { server.stop() }
    let port = server.port
    let dir = try TemporaryDirectory()
    let archive = dir.path + "/archive"
    let crawl = try CLITests.run(
      [
        "crawl", "--archive", archive, "--seed", "http://例子.中国:\(port)/", "--delay", "0",
        "--resolve", "例子.中国:\(port):127.0.0.2", "--resolve", "例子.中国:\(port):127.0.0.1", "-q",
      ], in: dir.path)
    #expect(crawl.status == 0, "\(crawl.stdout)\n\(crawl.stderr)")
    #expect(server.receivedRequests.allSatisfy { $0.header("Host") == "\(Self.punycode):\(port)" })

    for typed in ["http://例子.中国:\(port)/a.html", "http://\(Self.punycode):\(port)/a.html"] {
      let show = try CLITests.run(["show", "--archive", archive, typed])
      #expect(show.status == 0, "\(show.stderr)")
      let lines = show.stdout.split(separator: "\n").map(String.init)
      #expect(lines.first == "URL:       http://例子.中国:\(port)/a.html")
      #expect(lines.dropFirst().first == "Archived:  http://\(Self.punycode):\(port)/a.html")
      #expect(show.stdout.contains("域名文章"))
    }

    let status = try CLITests.run(["status", "--archive", archive])
    #expect(status.stdout.contains("  seeds http://例子.中国:\(port)/\n"), "\(status.stdout)")
    let json = try CLITests.run(["status", "--json", "--archive", archive])
    #expect(json.stdout.contains("\"seeds\":[\"http://\(Self.punycode):\(port)/\"]"))
  }

  @Test func aBadResolveFlagExits78NamingIt() throws {
    let dir = try TemporaryDirectory()
    let run = try CLITests.run(
      ["crawl", "--archive", dir.path + "/a", "--seed", "http://a.test/", "--resolve", "a.test:80"],
      in: dir.path)
    #expect(run.status == 78)
    #expect(
      run.stderr.contains("command line: --resolve entry 'a.test:80': missing address"),
      "\(run.stderr)")
  }
}
