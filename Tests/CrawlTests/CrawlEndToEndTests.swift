import Dispatch
import Foundation
import Frontier
import Logging
import SamplePortal
import Testing
import TestSupport
import WARC

@testable import Crawl

/// End-to-end crawls of the bundled sample portal over real HTTP on loopback.
@Suite(.serialized) struct CrawlEndToEndTests {
  static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

  /// A fast, fault-finding configuration for a loopback site.
  static func config(archive: String, seed: String) -> CrawlConfig {
    var c = CrawlConfig()
    c.seeds = [seed]
    c.archive = archive
    c.delay = 0
    c.concurrency = 8
    c.perHostConnections = 8
    c.timeout = 2.0
    c.connectTimeout = 1.0
    c.retryDelay = 0.05
    c.maxBodyBytes = 1024 * 1024
    c.maxQueryVariants = 10
    c.syncEvery = 8
    c.syncInterval = 0.2
    return c
  }

  static func crawl(_ config: CrawlConfig, fresh: Bool = false) async throws -> CrawlSummary {
    // `run` blocks its thread until the crawl ends: give it a thread of its own rather than one
    // of the pool that runs async tests.
    try await withCheckedThrowingContinuation { continuation in
      Thread {
        continuation.resume(
          with: Result { try Crawler(config: config, logger: quiet).run(fresh: fresh) })
      }.start()
    }
  }

  /// Every record of every WARC file under an archive root.
  static func recordCount(in root: String) throws -> Int {
    try WARCArchive(root: root).warcFiles().reduce(0) { n, path in
      let reader = try WARCReader(path: path)
      var count = n
      while try reader.next() != nil { count += 1 }
      return count
    }
  }

  /// As if killed after the archive was written and fsync'd but before the state commit:
  /// `urls` lose their captures and progress, and run `runID` is unfinished again.
  static func forgetCommit(of urls: [String], runID: Int64, in frontier: Frontier) throws {
    for url in urls {
      try frontier.execute("DELETE FROM captures WHERE url = ?", arguments: [url])
      try frontier.execute(
        "UPDATE urls SET state = 0, digest = NULL, etag = NULL, last_modified = NULL, last_status = NULL, fetched_at = NULL WHERE url = ?",
        arguments: [url])
    }
    try frontier.execute("UPDATE runs SET ended = NULL, outcome = 'running' WHERE id = \(runID)")
  }

  /// The sample portal served on loopback; the caller stops the server.
  static func portal(faults: Bool) async throws -> (
    site: SamplePortalSite, server: SamplePortalServer, port: UInt16
  ) {
    let site = Self.site(faults: faults)
    let server = SamplePortalServer(site: site)
    return (site, server, try await server.start())
  }

  static func site(faults: Bool, day: Int = 0) -> SamplePortalSite {
    SamplePortalSite(
      config: SamplePortalConfig(
        articles: 30, sections: 3, day: day, faults: faults, slowSeconds: 4,
        hugeBytes: 3 * 1024 * 1024))
  }

  /// The crawl log has one line per request the server saw (the same paths, the same number of
  /// times); the report lists the robots-skipped search links, the capped calendar links and
  /// the errors by kind.
  static func checkCrawlLogAndReport(_ root: String, base: String, requests: [String]) throws {
    let log = try String(contentsOfFile: root + "/logs/crawl-1.log", encoding: .utf8)
    let logged = log.split(separator: "\n").map { line -> String in
      let url = line.split(separator: " ")[3]
      return String(url.dropFirst(base.count))
    }
    // The server records a request when it has answered: the last try of /slow.htm may still
    // be waiting out its delay there when the crawl (which gave up on it) ends.
    let slow = "/slow.htm"
    #expect(logged.filter { $0 != slow }.sorted() == requests.filter { $0 != slow }.sorted())
    #expect(logged.filter { $0 == slow }.count >= requests.filter { $0 == slow }.count)
    let report = root + "/reports/run-1"
    let skipped = try String(contentsOfFile: report + "/skipped.tsv", encoding: .utf8)
    #expect(skipped.contains("robots\t\(base)/search/"))
    #expect(skipped.contains("query variants cap\t\(base)/calendar/"))
    let errors = try String(contentsOfFile: report + "/errors.tsv", encoding: .utf8)
    #expect(errors.contains("timeout\t\(base)/slow.htm"))
    #expect(errors.contains("truncated\t\(base)/huge.htm"))
    #expect(errors.contains("redirect loop\t\(base)/loop/"))
    let hosts = try String(contentsOfFile: report + "/hosts.tsv", encoding: .utf8)
    #expect(hosts.contains("127.0.0.1\t\(logged.count)\t"))
    let summary = try String(contentsOfFile: report + "/summary.json", encoding: .utf8)
    #expect(summary.contains("\"exit_code\":"))
  }

  @Test func fullCrawlArchivesEveryArticleAndAvoidsTraps() async throws {
    let dir = try TemporaryDirectory()
    let (site, server, port) = try await Self.portal(faults: true)
    defer { Task { await server.stop() } }
    let base = "http://127.0.0.1:\(port)"
    let summary = try await Self.crawl(Self.config(archive: dir.path, seed: base + "/"))
    #expect(summary.outcome == .completedWithErrors)
    // Exit 0 or 3 by the share of page errors (report.max_error_rate, 10%), said in words.
    let fetched = summary.counts.pages - summary.counts.robots
    let rate = Double(summary.counts.errors) / Double(fetched)
    #expect(summary.counts.robots == 1 && summary.counts.errors > 0)
    #expect(summary.exitCode == (rate >= 0.1 ? .tooManyPageErrors : .done))
    #expect(summary.text.hasSuffix(summary.verdict))
    #expect(summary.verdict.contains("\(summary.counts.errors)"))
    try Self.checkCrawlLogAndReport(dir.path, base: base, requests: server.requests.map(\.path))

    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    let dead = Set(site.deadLinkPaths)
    for article in site.articles where !dead.contains(article.path) {
      let captures = try frontier.captures(of: base + article.path)
      #expect(captures.contains { $0.status == 200 }, "\(article.path) not archived with 200")
    }
    let paths = server.requests.map(\.path)
    #expect(!paths.contains { $0.hasPrefix("/search/") }, "robots.txt disallows /search/")
    #expect(paths.filter { $0.hasPrefix("/calendar/") }.count <= 10, "query-variant cap")
    let retried = Set(["/slow.htm", "/cut.htm", site.flakyPath ?? ""])
    let twice = Dictionary(grouping: paths, by: { $0 }).filter {
      $0.value.count > 1 && !retried.contains($0.key)
    }
    #expect(twice.isEmpty, "requested twice: \(twice.keys.sorted())")
    #expect(try frontier.record(for: base + "/slow.htm")?.reason == "timeout")
    #expect(try frontier.record(for: base + "/huge.htm")?.reason?.hasPrefix("truncated") == true)
    let loops = try [base + "/loop/a", base + "/loop/b"].compactMap {
      try frontier.record(for: $0)?.reason
    }
    #expect(loops.contains("redirect loop"))
    if let flaky = site.flakyPath {
      #expect(try frontier.captures(of: base + flaky).map(\.status).contains(200))
    }

    // Every live article has its metadata and clean text, without watermarks.
    let archived = try WARCArchive(root: dir.path).articles()
    let byURL = Dictionary(archived.map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })
    for article in site.articles where !dead.contains(article.path) {
      let got = try #require(byURL[base + article.path], "no article record for \(article.path)")
      #expect(got.metadata.title == article.title)
      #expect(got.metadata.published.hasPrefix(article.date))
      #expect(got.text.contains(article.paragraphs[0]), "\(article.path): first paragraph missing")
      for mark in site.watermarks {
        #expect(!got.text.contains(mark), "\(article.path) leaks \(mark)")
      }
    }
    #expect(WARCVerifier.verify(paths: [dir.path]).faults.isEmpty)
  }

  /// Redirects the crawl does not follow say why: no Location, a scheme other than http(s),
  /// or not a URL (a redirect to file:///etc/passwd used to read "redirect without Location").
  @Test func refusedRedirectsNameTheirReason() async throws {
    let dir = try TemporaryDirectory()
    let links = ["a", "b", "c", "d"].map { "<a href=/\($0)>\($0)</a>" }.joined()
    let page = Array("<html><body>\(links)</body></html>".utf8)
    @Sendable func redirect(_ status: Int, _ location: String?) -> [FetchTestServer.Step] {
      [.send(FetchTestServer.response(
        status: status, reason: "Moved", headers: location.map { [("Location", $0)] } ?? []))]
    }
    let server = try FetchTestServer { request in
      switch request.target {
      case "/":
        return [.send(FetchTestServer.response(headers: [("Content-Type", "text/html")], body: page))]
      case "/a": return redirect(302, "file:///etc/passwd")
      case "/b": return redirect(301, "gopher://127.0.0.1/1")
      case "/c": return redirect(302, nil)
      case "/d": return redirect(302, "http://[::1")
      default: return [.send(FetchTestServer.response(status: 404, reason: "Not Found"))]
      }
    }
    defer { server.stop() }
    let base = "http://127.0.0.1:\(server.port)"
    _ = try await Self.crawl(Self.config(archive: dir.path, seed: base + "/"))
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    func reason(_ path: String) throws -> String? { try frontier.record(for: base + path)?.reason }
    #expect(try reason("/a") == "redirect to a file: URL (only http and https are followed)")
    #expect(try reason("/b") == "redirect to a gopher: URL (only http and https are followed)")
    #expect(try reason("/c") == "redirect without Location")
    #expect(try reason("/d") == "redirect to an invalid URL")
  }

  /// A robots.txt that redirects (here twice, on the same host) is followed and obeyed: it used
  /// to be taken as absent, and disallowed paths were fetched. Six redirects are too many: the
  /// file is taken as absent (RFC 9309 §2.3.1.2).
  @Test func robotsTxtRedirectsAreFollowed() async throws {
    for hops in [2, 6] {
      let dir = try TemporaryDirectory()
      let page = Array(
        "<html><body><a href=/private/x>x</a> <a href=/public>p</a></body></html>".utf8)
      let rules = Array("User-agent: *\nDisallow: /private/\n".utf8)
      let server = try FetchTestServer { request in
        let html = [("Content-Type", "text/html")]
        switch request.target {
        case "/": return [.send(FetchTestServer.response(headers: html, body: page))]
        case "/public", "/private/x":
          return [.send(FetchTestServer.response(headers: html, body: Array("<p>ok</p>".utf8)))]
        case "/robots.txt", "/r1", "/r2", "/r3", "/r4", "/r5":
          let n = request.target == "/robots.txt" ? 0 : Int(request.target.dropFirst(2)) ?? 0
          let next = n + 1 < hops ? "/r\(n + 1)" : "/rules.txt"
          let moved = FetchTestServer.response(
            status: 302, reason: "Found", headers: [("Location", next)])
          return [.send(moved)]
        case "/rules.txt":
          let text = [("Content-Type", "text/plain")]
          return [.send(FetchTestServer.response(headers: text, body: rules))]
        default: return [.send(FetchTestServer.response(status: 404, reason: "Not Found"))]
        }
      }
      defer { server.stop() }
      let base = "http://127.0.0.1:\(server.port)"
      _ = try await Self.crawl(Self.config(archive: dir.path, seed: base + "/"))
      let paths = server.receivedRequests.map(\.target)
      #expect(paths.contains("/public"))
      let frontier = try Frontier(path: dir.path + "/state.sqlite")
      if hops == 2 {
        #expect(paths.filter { $0 == "/rules.txt" }.count == 1)
        #expect(!paths.contains("/private/x"), "robots.txt (behind 2 redirects) disallows it")
        #expect(try frontier.record(for: base + "/private/x")?.reason == "robots")
        #expect(try frontier.captures(of: base + "/robots.txt").map(\.status) == [302])
        #expect(try frontier.captures(of: base + "/rules.txt").map(\.status) == [200])
      } else {
        #expect(!paths.contains("/rules.txt"), "the sixth redirect is not followed")
        #expect(paths.contains("/private/x"))
      }
    }
  }

  /// A page's links beyond `scope.max_links_per_page` are not followed (a page of 550,000 links
  /// once cost 824 MB): the first ones, in document order, are; duplicates do not count.
  @Test func linksBeyondThePerPageCapAreNotFollowed() async throws {
    let dir = try TemporaryDirectory()
    let anchors = (0..<40).map { "<a href=/p\($0 / 2 * 2)>x</a>" }.joined()  // each link twice
    let page = Array("<html><body>\(anchors)</body></html>".utf8)
    let server = try FetchTestServer { request in
      let html = [("Content-Type", "text/html")]
      if request.target == "/" {
        return [.send(FetchTestServer.response(headers: html, body: page))]
      }
      if request.target.hasPrefix("/p") {
        return [.send(FetchTestServer.response(headers: html, body: Array("<p>ok</p>".utf8)))]
      }
      return [.send(FetchTestServer.response(status: 404, reason: "Not Found"))]
    }
    defer { server.stop() }
    var config = Self.config(archive: dir.path, seed: "http://127.0.0.1:\(server.port)/")
    config.maxLinksPerPage = 5
    _ = try await Self.crawl(config)
    let pages = Set(server.receivedRequests.map(\.target).filter { $0.hasPrefix("/p") })
    #expect(pages == ["/p0", "/p2", "/p4", "/p6", "/p8"])
  }

  @Test func stoppedRunResumesWithoutFetchingAnythingTwice() async throws {
    let dir = try TemporaryDirectory()
    let (site, server, port) = try await Self.portal(faults: false)
    defer { Task { await server.stop() } }
    var config = Self.config(archive: dir.path, seed: "http://127.0.0.1:\(port)/")
    config.maxPages = 25
    let first = try await Self.crawl(config)
    #expect(first.outcome == .interrupted)
    #expect(first.exitCode == .maxPagesReached)
    config.maxPages = 0
    let second = try await Self.crawl(config)
    #expect(second.resumed)
    #expect(second.outcome == .completed)
    #expect(second.runID == first.runID)
    let paths = server.requests.map(\.path)
    let twice = Dictionary(grouping: paths, by: { $0 }).filter { $0.value.count > 1 }
    #expect(twice.isEmpty, "fetched twice across the stop: \(twice.keys.sorted())")
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    let responses = try frontier.captures().filter {
      $0.recordType == "response" && $0.status == 200
    }
    #expect(Set(responses.map(\.url)).count == responses.count)
    #expect(try WARCArchive(root: dir.path).articles().count == site.articles.count)
  }

  @Test func aTinySeenCacheFetchesNothingTwice() async throws {
    // Generations of 3 URLs turn over while nearly every page's links are scheduled: a link
    // the cache settled must not come back as new (it did for nav links, fetched again).
    let dir = try TemporaryDirectory()
    let (site, server, port) = try await Self.portal(faults: false)
    defer { Task { await server.stop() } }
    var config = Self.config(archive: dir.path, seed: "http://127.0.0.1:\(port)/")
    config.seenCacheCapacity = 3
    let result = try await Self.crawl(config)
    #expect(result.outcome == .completed)
    let paths = server.requests.map(\.path)
    let twice = Dictionary(grouping: paths, by: { $0 }).filter { $0.value.count > 1 }
    #expect(twice.isEmpty, "\(twice.count) paths fetched twice, e.g. \(twice.keys.sorted().prefix(5))")
    #expect(try WARCArchive(root: dir.path).articles().count == site.articles.count)
  }

  @Test func secondRunRevalidatesListsAndSkipsArchivedArticles() async throws {
    let dir = try TemporaryDirectory()
    let (site, server, port) = try await Self.portal(faults: false)
    defer { Task { await server.stop() } }
    let config = Self.config(archive: dir.path, seed: "http://127.0.0.1:\(port)/")
    _ = try await Self.crawl(config)
    server.clearRequests()
    let second = try await Self.crawl(config)
    #expect(!second.resumed)
    #expect(second.outcome == .completed)
    #expect(second.counts.notModified > 0)
    let requests = server.requests
    let home = try #require(requests.first { $0.path == "/" })
    #expect(home.ifNoneMatch != nil || home.ifModifiedSince != nil)
    let articlePaths = Set(site.articles.map(\.path))
    #expect(
      !requests.contains { articlePaths.contains($0.path) }, "an archived article was fetched again"
    )
  }

  @Test func resumeAdoptsRecordsArchivedButNotCommitted() async throws {
    let dir = try TemporaryDirectory()
    let (_, server, port) = try await Self.portal(faults: false)
    defer { Task { await server.stop() } }
    let config = Self.config(archive: dir.path, seed: "http://127.0.0.1:\(port)/")
    let first = try await Self.crawl(config)
    #expect(first.outcome == .completed)

    // As if killed after the archive was written and fsync'd but before the state commit: the
    // last 10 captures and their URLs' progress are not in the state, and the run is unfinished.
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    let lost = try frontier.captures().suffix(10).map(\.url)
    try Self.forgetCommit(of: lost, runID: first.runID, in: frontier)
    let recordsBefore = try Self.recordCount(in: dir.path)
    server.clearRequests()

    let second = try await Self.crawl(config)
    #expect(second.resumed)
    #expect(second.outcome == .completed)
    let refetched = server.requests.map { "http://127.0.0.1:\(port)" + $0.path }
      .filter(lost.contains)
    #expect(refetched.isEmpty, "fetched again instead of adopted: \(refetched)")
    for url in lost {
      #expect(try !frontier.captures(of: url).isEmpty, "\(url) has no capture after resume")
      #expect(try frontier.record(for: url)?.state == .done)
    }
    // Nothing was written twice: only a new warcinfo record per new file.
    let files = try WARCArchive(root: dir.path).warcFiles()
    #expect(try Self.recordCount(in: dir.path) - recordsBefore <= files.count)
  }

  /// Killed before the run's first commit: the whole archive is its tail. Every fetch, the
  /// origin's robots.txt included, is taken from the archive; nothing is requested again.
  @Test func resumeBeforeTheFirstCommitAdoptsRobotsAndPages() async throws {
    let dir = try TemporaryDirectory()
    let (_, server, port) = try await Self.portal(faults: false)
    defer { Task { await server.stop() } }
    let config = Self.config(archive: dir.path, seed: "http://127.0.0.1:\(port)/")
    let first = try await Self.crawl(config)
    #expect(first.outcome == .completed)
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    try frontier.execute("DELETE FROM captures")
    try frontier.execute("DELETE FROM urls WHERE url LIKE '%/robots.txt'")
    try frontier.execute(
      "UPDATE urls SET state = 0, digest = NULL, etag = NULL, last_modified = NULL, last_status = NULL, fetched_at = NULL WHERE state = 2"
    )
    try frontier.execute(
      "UPDATE runs SET ended = NULL, outcome = 'running' WHERE id = \(first.runID)")
    server.clearRequests()

    let second = try await Self.crawl(config)
    #expect(second.resumed)
    #expect(second.outcome == .completed)
    let paths = server.requests.map(\.path)
    #expect(paths.isEmpty, "requested again instead of adopted: \(paths.prefix(10))")
    let robots = "http://127.0.0.1:\(port)/robots.txt"
    #expect(try frontier.captures(of: robots).count == 1)
    #expect(try frontier.record(for: robots)?.state == .done)
  }

  @Test func secondCrawlOnTheSameStateIsLockedOut() throws {
    let dir = try TemporaryDirectory()
    let held = try StateLock(statePath: dir.path + "/state.sqlite")
    #expect(throws: StateLock.Held.self) {
      _ = try StateLock(statePath: dir.path + "/state.sqlite")
    }
    withExtendedLifetime(held) {}
  }

  @Test func missingSeedsIsAConfigError() async throws {
    let dir = try TemporaryDirectory()
    var config = CrawlConfig()
    config.archive = dir.path
    await #expect(throws: CrawlError.self) { _ = try await Self.crawl(config) }
  }
}
