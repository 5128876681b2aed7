import Foundation
import Frontier
import Testing
import TestSupport
import WARC

@testable import Crawl

/// Virtual hosts on loopback reached by `fetch.resolve` (issue 13 item 5) and a Chinese domain
/// name crawled under its punycode host (item 6), end to end. One server on 127.0.0.1 answers by
/// Host header, as a portal's name-based virtual hosts do; no name here is ever looked up in DNS
/// (every host a page links is either resolved by an entry or an IP address).
@Suite(.serialized) struct ResolveCrawlTests {
  static let html = [("Content-Type", "text/html; charset=utf-8")]

  /// Pages by the Host header's name (`pages(name, port, path)`: the port as the Host header
  /// has it, for absolute links); `/robots.txt` allows all, an unknown host or path is a 404.
  static func virtualHosts(_ pages: @escaping @Sendable (String, String, String) -> String?)
    throws -> FetchTestServer
  {
    try FetchTestServer { request in
      if request.target == "/robots.txt" {
        return [.send(FetchTestServer.response(body: Array("User-agent: *\nAllow: /\n".utf8)))]
      }
      let host = (request.header("Host") ?? "").lowercased()
      let name = host.split(separator: ":").first.map(String.init) ?? host
      let port = host.split(separator: ":").last.map(String.init) ?? ""
      guard let page = pages(name, port, request.target) else {
        return [.send(FetchTestServer.response(status: 404, reason: "Not Found"))]
      }
      return [.send(FetchTestServer.response(headers: html, body: Array(page.utf8)))]
    }
  }

  /// Every WARC-Target-URI of the archive's response records.
  static func responseURIs(_ root: String) throws -> [String] {
    var uris: [String] = []
    for path in try WARCArchive(root: root).warcFiles() {
      let reader = try WARCReader(path: path)
      while let item = try reader.next() {
        if item.record.type == "response", let uri = item.record["WARC-Target-URI"] {
          uris.append(uri)
        }
      }
    }
    return uris
  }

  static func article(_ title: String) -> String {
    let paragraph = String(repeating: "这是一篇用于测试的政府网站文章正文，内容足够长以便被识别为文章。", count: 6)
    return "<html><head><title>\(title)</title></head><body><h1>\(title)</h1>"
      + "<div>发布时间：2024年5月15日</div><div id=\"content\"><p>\(paragraph)</p>"
      + "<p>\(paragraph)</p></div></body></html>"
  }

  /// The acceptance check of item 5: seeded with http://www.example-portal.test:PORT/ and
  /// entries to 127.0.0.1, the crawl archives the site under that name; the static host (not a
  /// seed: in scope as a subdomain) reaches loopback through its entry; 127.0.0.1 under its own
  /// name (in scope by extra_hosts) is still refused as a private address.
  @Test func aVirtualHostIsCrawledUnderItsNameThroughAResolveEntry() async throws {
    let server = try Self.virtualHosts { host, port, path in
      switch (host, path) {
      case ("www.example-portal.test", "/"):
        return "<html><body><a href=\"/art/1.html\">一</a>"
          + "<img src=\"http://static.example-portal.test:\(port)/logo.png\">"
          + "<a href=\"http://static.example-portal.test:\(port)/file.html\">文件</a>"
          + "<a href=\"http://127.0.0.1:\(port)/direct.html\">直连</a></body></html>"
      case ("www.example-portal.test", "/art/1.html"): return Self.article("第一篇文章")
      case ("static.example-portal.test", "/file.html"): return Self.article("静态文件")
      case ("static.example-portal.test", "/logo.png"): return "png"
      default: return nil
      }
    }
    defer { server.stop() }
    let port = server.port
    let seed = "http://www.example-portal.test:\(port)/"
    let dir = try TemporaryDirectory()
    var config = CrawlEndToEndTests.config(archive: dir.path, seed: seed)
    config.resolve = [
      "www.example-portal.test:\(port):127.0.0.1",
      "static.example-portal.test:\(port):127.0.0.2",  // replaced by the next entry
      "static.example-portal.test:\(port):127.0.0.1",
    ]
    config.extraHosts = ["127.0.0.1"]
    let summary = try await CrawlEndToEndTests.crawl(config)
    #expect(summary.exitCode == .done, "\(summary.verdict)")

    let uris = Set(try Self.responseURIs(dir.path))
    #expect(uris.contains(seed))
    #expect(uris.contains(seed + "art/1.html"))
    #expect(uris.contains("http://static.example-portal.test:\(port)/file.html"))
    #expect(!uris.contains { $0.hasPrefix("http://127.0.0.1") })
    let hosts = Set(server.receivedRequests.compactMap { $0.header("Host") })
    #expect(
      hosts == ["www.example-portal.test:\(port)", "static.example-portal.test:\(port)"],
      "no request may go out under another name")
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    #expect(
      try frontier.record(for: "http://127.0.0.1:\(port)/direct.html")?.reason == "private address")
    let article = try WARCArchive(root: dir.path).latestArticle(url: seed + "art/1.html")
    #expect(article.metadata.title.contains("第一篇文章"))
  }

  /// The acceptance check of item 6: a crawl seeded with a Chinese domain name (resolved to
  /// 127.0.0.1 by an entry written in Unicode too) requests and archives its pages under the
  /// punycode host, whether a link writes the host in Unicode, in punycode or not at all.
  @Test func aChineseDomainNameIsArchivedUnderItsPunycodeHost() async throws {
    let punycode = "xn--fsqu00a.xn--fiqs8s"  // 例子.中国
    let server = try Self.virtualHosts { host, port, path in
      guard host == punycode else { return nil }
      switch path {
      case "/":
        return "<html><body><a href=\"/a.html\">一</a>"
          + "<a href=\"http://例子.中国:\(port)/b.html\">二</a>"
          + "<a href=\"http://XN--FSQU00A.xn--fiqs8s:\(port)/c.html\">三</a>"
          + "<a href=\"http://%E4%BE%8B%E5%AD%90.中国:\(port)/d.html\">四</a></body></html>"
      case "/a.html", "/b.html", "/c.html", "/d.html": return Self.article("文章\(path)")
      default: return nil
      }
    }
    defer { server.stop() }
    let port = server.port
    let dir = try TemporaryDirectory()
    var config = CrawlEndToEndTests.config(archive: dir.path, seed: "http://例子.中国:\(port)/")
    config.resolve = ["例子.中国:\(port):127.0.0.1"]
    let summary = try await CrawlEndToEndTests.crawl(config)
    #expect(summary.exitCode == .done, "\(summary.verdict)")

    let base = "http://\(punycode):\(port)/"
    let uris = Set(try Self.responseURIs(dir.path))
    // robots.txt and the guessed /sitemap.xml (404s here) are archived too.
    #expect(
      uris == Set(["", "a.html", "b.html", "c.html", "d.html", "robots.txt", "sitemap.xml"].map { base + $0 }))
    let hosts = Set(server.receivedRequests.compactMap { $0.header("Host") })
    #expect(hosts == ["\(punycode):\(port)"])
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    #expect(try frontier.lastRun()?.seeds == [base])
    #expect(try frontier.captures(of: base + "b.html").map(\.status) == [200])
  }
}
