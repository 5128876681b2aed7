import Foundation
import Frontier
import Testing
import TestSupport

@testable import Crawl

/// A portal that points the crawler inward (issue 11, item 11), and responses libcurl gives up
/// on (item 8), end to end. Both servers are on loopback: 127.0.0.1 is the seed's host (allowed:
/// the operator named it), 127.0.0.2 stands in for a private address a page links to.
@Suite(.serialized) struct PrivateAddressTests {
  static let html = [("Content-Type", "text/html; charset=utf-8")]

  /// The seed's site: `/` links `links`; `/big` answers with a 1 MB header line.
  static func seedSite(linking links: [String]) throws -> FetchTestServer {
    try FetchTestServer { request in
      switch request.target {
      case "/robots.txt":
        return [.send(FetchTestServer.response(body: Array("User-agent: *\nAllow: /\n".utf8)))]
      case "/":
        let anchors = links.map { "<a href=\"\($0)\">x</a>" }.joined(separator: " ")
        let page = "<html><body>\(anchors)</body></html>"
        return [.send(FetchTestServer.response(headers: html, body: Array(page.utf8)))]
      case "/big":
        let head = "HTTP/1.1 200 OK\r\nX-Big: \(String(repeating: "a", count: 1 << 20))\r\n"
        return [.send(Array((head + "Content-Length: 2\r\n\r\nok").utf8)), .close]
      default:
        return [.send(FetchTestServer.response(status: 404, reason: "Not Found"))]
      }
    }
  }

  /// The inner host: any page is a small HTML page.
  static func innerSite() throws -> FetchTestServer {
    try FetchTestServer(address: "127.0.0.2") { request in
      if request.target == "/robots.txt" {
        return [.send(FetchTestServer.response(status: 404, reason: "Not Found"))]
      }
      return [.send(FetchTestServer.response(headers: html, body: Array("<p>inside</p>".utf8)))]
    }
  }

  static func config(_ dir: TemporaryDirectory, seed: String, inner: FetchTestServer)
    -> CrawlConfig
  {
    var config = CrawlEndToEndTests.config(archive: dir.path, seed: seed)
    config.extraHosts = [inner.address]
    return config
  }

  static func crawlLog(_ dir: TemporaryDirectory) throws -> [String] {
    try String(contentsOfFile: dir.path + "/logs/crawl-1.log", encoding: .utf8)
      .split(separator: "\n").map(String.init)
  }

  /// The issue's acceptance check: a page on the seed host linking http://127.0.0.2:PORT/ with
  /// that host in extra_hosts is refused with the reason "private address"; with
  /// fetch.allow_private_addresses = true it is fetched.
  @Test func aLinkToAPrivateAddressIsRefusedUnlessAllowed() async throws {
    let inner = try Self.innerSite()
    defer { inner.stop() }
    let server = try Self.seedSite(linking: [inner.baseURL + "/"])
    defer { server.stop() }
    let target = inner.baseURL + "/"

    let refusedDir = try TemporaryDirectory()
    let refused = try await CrawlEndToEndTests.crawl(
      Self.config(refusedDir, seed: server.baseURL + "/", inner: inner))
    #expect(refused.exitCode == .done, "\(refused.verdict)")
    #expect(inner.connectionCount == 0, "nothing may reach the private address")
    let frontier = try Frontier(path: refusedDir.path + "/state.sqlite")
    #expect(try frontier.record(for: target)?.reason == "private address")
    // Its robots.txt is what was refused (the crawl log's status names the reason), then the
    // page is skipped for the same reason.
    let robotsLine = try #require(
      try Self.crawlLog(refusedDir).first { $0.contains(" \(inner.baseURL)/robots.txt ") })
    #expect(robotsLine.split(separator: " ")[1] == "private-address")
    let skipped = try String(
      contentsOfFile: refusedDir.path + "/reports/run-1/skipped.tsv", encoding: .utf8)
    #expect(skipped.contains("private address\t\(target)\t"))

    let allowedDir = try TemporaryDirectory()
    var allowed = Self.config(allowedDir, seed: server.baseURL + "/", inner: inner)
    allowed.allowPrivateAddresses = true
    let fetched = try await CrawlEndToEndTests.crawl(allowed)
    #expect(fetched.exitCode == .done, "\(fetched.verdict)")
    #expect(inner.receivedRequests.map(\.target).contains("/"))
    let captures = try Frontier(path: allowedDir.path + "/state.sqlite").captures(of: target)
    #expect(captures.map(\.status) == [200])
  }

  /// Without robots.txt in the way, the page fetch itself is refused: a page error of kind
  /// "private address", not retried, whose message names the address.
  @Test func aRefusedPageIsAPageErrorNotRetried() async throws {
    let inner = try Self.innerSite()
    defer { inner.stop() }
    let server = try Self.seedSite(linking: [inner.baseURL + "/page"])
    defer { server.stop() }
    let dir = try TemporaryDirectory()
    var config = Self.config(dir, seed: server.baseURL + "/", inner: inner)
    config.obeyRobots = false
    let summary = try await CrawlEndToEndTests.crawl(config)
    #expect(inner.connectionCount == 0)
    // The page and the inner host's guessed /sitemap.xml (scope.sitemaps) are both refused.
    #expect(summary.counts.errorsByKind["private address"] == 2)
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    #expect(
      Set(try frontier.errors(run: summary.runID).map(\.url))
        == [inner.baseURL + "/page", inner.baseURL + "/sitemap.xml"])
    let record = try #require(try frontier.record(for: inner.baseURL + "/page"))
    #expect(record.state == .failed && record.reason == "private address")
    #expect(record.attempts == 1, "a refusal is not retried")
    let error = try #require(
      try frontier.errors(run: summary.runID).first { $0.url == inner.baseURL + "/page" })
    #expect(error.kind == "private address")
    #expect(
      error.message.hasPrefix("refused to connect to \(inner.address):\(inner.port) for"))
    #expect(error.message.contains("a private address (loopback"))
    let lines = try Self.crawlLog(dir).filter { $0.contains(" \(inner.baseURL)/page ") }
    #expect(lines.count == 1 && lines.first?.split(separator: " ")[1] == "private-address")
  }

  /// A page whose response header passes libcurl's 100 KB limit is a page error of kind
  /// "header too large", with the reason in its message (not "Out of memory").
  @Test func aHugeHeaderIsAHeaderTooLargePageError() async throws {
    let server = try Self.seedSite(linking: ["/big"])
    defer { server.stop() }
    let dir = try TemporaryDirectory()
    let summary = try await CrawlEndToEndTests.crawl(
      CrawlEndToEndTests.config(archive: dir.path, seed: server.baseURL + "/"))
    #expect(summary.counts.errorsByKind["header too large"] == 1)
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    #expect(try frontier.record(for: server.baseURL + "/big")?.reason == "header too large")
    let error = try #require(try frontier.errors(run: summary.runID).first)
    #expect(error.message.contains("response header too large"))
    #expect(!error.message.contains("Out of memory"))
    #expect(server.receivedRequests.filter { $0.target == "/big" }.count == 1, "not retried")
  }
}
