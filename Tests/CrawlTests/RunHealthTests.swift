import Foundation
import Frontier
import Testing
import TestSupport

@testable import Crawl

/// Exit codes a cron job can alert on: each seed problem has its code and says why; a seed that
/// redirects to another host brings the host into the scope.
@Suite(.serialized) struct RunHealthTests {
  static let html = [("Content-Type", "text/html; charset=utf-8")]

  /// A small site: `/` links `/a` and `/b`; `routes` overrides paths.
  static func site(_ routes: [String: [FetchTestServer.Step]] = [:], address: String = "127.0.0.1")
    throws -> FetchTestServer
  {
    try FetchTestServer(address: address) { request in
      if let steps = routes[request.target] { return steps }
      switch request.target {
      case "/robots.txt":
        return [.send(FetchTestServer.response(body: Array("User-agent: *\nAllow: /\n".utf8)))]
      case "/":
        let page = "<html><body><a href=/a>a</a> <a href=/b>b</a></body></html>"
        return [.send(FetchTestServer.response(headers: html, body: Array(page.utf8)))]
      case "/a", "/b":
        return [.send(FetchTestServer.response(headers: html, body: Array("<p>ok</p>".utf8)))]
      default:
        return [.send(FetchTestServer.response(status: 404, reason: "Not Found"))]
      }
    }
  }

  static func crawl(_ seed: String, in dir: TemporaryDirectory) async throws -> CrawlSummary {
    var config = CrawlEndToEndTests.config(archive: dir.path, seed: seed)
    config.retryDelay = 0.05
    return try await CrawlEndToEndTests.crawl(config)
  }

  @Test func aSeedAnswering404Or500ExitsSeedFailedNamingTheStatus() async throws {
    let server = try Self.site([
      "/gone": [.send(FetchTestServer.response(status: 404, reason: "Not Found"))],
      "/broken": [.send(FetchTestServer.response(status: 500, reason: "Server Error"))],
    ])
    defer { server.stop() }
    for (path, status) in [("/gone", 404), ("/broken", 500)] {
      let dir = try TemporaryDirectory()
      let summary = try await Self.crawl(server.baseURL + path, in: dir)
      #expect(summary.exitCode == .seedFailed)
      #expect(summary.verdict == "a seed could not be fetched: seed \(server.baseURL + path): http \(status)")
      #expect(summary.text.hasSuffix("exit 4: " + summary.verdict))
      let run = try #require(try Frontier(path: dir.path + "/state.sqlite").lastRun())
      #expect(run.exitCode == 4 && run.verdict == summary.verdict)
    }
    let broken = server.receivedRequests.filter { $0.target == "/broken" }.count
    #expect(broken == 3, "a 500 seed is retried max_attempts times before it fails")
  }

  @Test func anUnreachableSeedOrRedirectTargetExitsSeedFailed() async throws {
    let closed = FetchTestServer.unusedPort()
    let dir = try TemporaryDirectory()
    let summary = try await Self.crawl("http://127.0.0.1:\(closed)/", in: dir)
    #expect(summary.exitCode == .seedFailed)
    #expect(summary.verdict.contains("seed http://127.0.0.1:\(closed)/: not fetched: robots.txt"))
    #expect(summary.verdict.contains("cannot connect"))

    let server = try Self.site([
      "/moved": [
        .send(
          FetchTestServer.response(
            status: 301, reason: "Moved", headers: [("Location", "https://127.0.0.1:\(closed)/")]))
      ]
    ])
    defer { server.stop() }
    let second = try TemporaryDirectory()
    let moved = try await Self.crawl(server.baseURL + "/moved", in: second)
    #expect(moved.exitCode == .seedFailed)
    #expect(moved.verdict.contains("https://127.0.0.1:\(closed)/ (its redirect target)"))
  }

  @Test func aSeedDisallowedByRobotsExitsSeedFailed() async throws {
    let server = try Self.site([
      "/robots.txt": [.send(FetchTestServer.response(body: Array("User-agent: *\nDisallow: /\n".utf8)))]
    ])
    defer { server.stop() }
    let dir = try TemporaryDirectory()
    let summary = try await Self.crawl(server.baseURL + "/", in: dir)
    #expect(summary.exitCode == .seedFailed)
    #expect(summary.verdict.hasSuffix(": robots.txt disallows it"))
    #expect(!server.receivedRequests.contains { $0.target == "/" })
  }

  /// The bare-domain → www case: the seed's host redirects to another host, which joins the
  /// scope; its pages are archived and the run is clean.
  @Test func aSeedRedirectingToAnotherHostBringsItIntoScope() async throws {
    let other = try Self.site(address: "127.0.0.2")
    defer { other.stop() }
    let server = try Self.site([
      "/": [
        .send(
          FetchTestServer.response(
            status: 301, reason: "Moved", headers: [("Location", other.baseURL + "/")]))
      ]
    ])
    defer { server.stop() }
    let dir = try TemporaryDirectory()
    let summary = try await Self.crawl(server.baseURL + "/", in: dir)
    #expect(summary.exitCode == .done, "\(summary.verdict)")
    #expect(
      Set(other.receivedRequests.map(\.target)) == ["/robots.txt", "/sitemap.xml", "/", "/a", "/b"])
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    #expect(try frontier.captures(of: other.baseURL + "/a").map(\.status) == [200])
  }

  /// Verdicts on counts alone: page errors at or above `report.max_error_rate` exit 3; a run
  /// that fetched only robots.txt exits 5; a signal 130; --max-pages 6.
  @Test func verdictsFollowTheErrorRateAndTheStopCause() throws {
    var config = CrawlConfig()
    config.maxErrorRate = 0.1
    let crawler = Crawler(config: config, logger: .init(label: "test"))
    var counts = RunCounts()
    counts.pages = 101
    counts.robots = 1
    counts.errors = 9
    #expect(crawler.verdict(outcome: .completedWithErrors, counts: counts, queued: 0, failures: []).0 == .done)
    counts.errors = 10
    let (code, words) = crawler.verdict(
      outcome: .completedWithErrors, counts: counts, queued: 0, failures: [])
    #expect(code == .tooManyPageErrors)
    #expect(words.contains("10 of 100 pages (10.0%)"))
    // A resumed run whose killed processes never stored their counters: the state's durable
    // totals decide (10 errors among 1,000 fetched URLs is 1%).
    var resumed = RunCounts()
    resumed.pages = 51
    resumed.robots = 1
    resumed.errors = 10
    #expect(
      crawler.verdict(
        outcome: .completedWithErrors, counts: resumed, queued: 0, failures: [],
        durable: (urls: 1_001, robots: 1, errors: 10)
      ).0 == .done)
    var robotsOnly = RunCounts()
    robotsOnly.pages = 1
    robotsOnly.robots = 1
    #expect(crawler.verdict(outcome: .completed, counts: robotsOnly, queued: 0, failures: []).0 == .nothingArchived)
    crawler.stopCause = .signal("SIGTERM")
    #expect(crawler.verdict(outcome: .interrupted, counts: counts, queued: 5, failures: []).0 == .interrupted)
    crawler.stopCause = .maxPages
    #expect(crawler.verdict(outcome: .interrupted, counts: counts, queued: 5, failures: []).0 == .maxPagesReached)
    #expect(crawler.verdict(outcome: .failed, counts: counts, queued: 5, failures: []).0 == .ioError)
  }
}
