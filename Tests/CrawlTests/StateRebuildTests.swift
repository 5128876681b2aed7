import Foundation
import Frontier
import Logging
import Testing
import TestSupport
import WARC

@testable import Crawl

/// A state DB deleted or damaged beside an existing archive is rebuilt from the WARC files, and
/// the next crawl goes on as if nothing happened: no payload is stored twice, no revisit refers
/// to a record that does not exist.
@Suite(.serialized) struct StateRebuildTests {
  /// Payload digests of the archive's response records, with how many responses carry each,
  /// and the record ids every revisit refers to.
  static func archiveDigests(_ root: String) throws -> (responses: [String: Int], ids: Set<String>, refersTo: [String]) {
    var responses: [String: Int] = [:]
    var ids: Set<String> = []
    var refersTo: [String] = []
    for path in try WARCArchive(root: root).warcFiles() {
      let reader = try WARCReader(path: path)
      // Damaged regions are skipped, as show and export skip them.
      reader.skipDamaged = true
      while let item = try? reader.next() {
        let r = item.record
        if let id = r.recordID { ids.insert(id) }
        if r.type == "response", r["WARC-Truncated"] == nil, !r.httpPayload.isEmpty,
          let d = r["WARC-Payload-Digest"]
        {
          responses[d, default: 0] += 1
        }
        if r.type == "revisit", let to = r["WARC-Refers-To"] { refersTo.append(to) }
      }
    }
    return (responses, ids, refersTo)
  }

  static func expectNoPayloadTwice(_ root: String) throws {
    let (responses, ids, refersTo) = try archiveDigests(root)
    let twice = responses.filter { $0.value > 1 }
    #expect(twice.isEmpty, "payloads stored twice: \(twice.count)")
    #expect(refersTo.allSatisfy { ids.contains($0) }, "a revisit refers to a missing record")
  }

  @Test func aDeletedStateIsRebuiltAndDedupGoesOn() async throws {
    let dir = try TemporaryDirectory()
    let (site, server, port) = try await CrawlEndToEndTests.portal(faults: false)
    defer { Task { await server.stop() } }
    let config = CrawlEndToEndTests.config(archive: dir.path, seed: "http://127.0.0.1:\(port)/")
    let first = try await CrawlEndToEndTests.crawl(config)
    #expect(first.counts.newArticles == site.articles.count)
    let state = dir.path + "/state.sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: state + suffix) }
    let before = server.requests.count

    let second = try await CrawlEndToEndTests.crawl(config)
    #expect(second.exitCode == .done, "\(second.verdict)")
    let frontier = try Frontier(path: state)
    let runs = try frontier.runs(limit: 5)
    #expect(runs.count == 2 && runs.last?.verdict?.hasPrefix("rebuilt from the archive") == true)
    // Articles archived minutes ago are fresh: not fetched again; list pages are.
    let again = server.requests.dropFirst(before).map(\.path)
    #expect(!again.contains { path in site.articles.contains { $0.path == path } })
    #expect(again.contains("/"))
    try Self.expectNoPayloadTwice(dir.path)
    #expect(try frontier.record(for: "http://127.0.0.1:\(port)" + site.articles[0].path)?.kind == .article)
  }

  @Test func aDamagedStateStopsTheCrawlNamingTheRebuildAndTheRebuildHeals() async throws {
    let dir = try TemporaryDirectory()
    let (site, server, port) = try await CrawlEndToEndTests.portal(faults: false)
    defer { Task { await server.stop() } }
    var config = CrawlEndToEndTests.config(archive: dir.path, seed: "http://127.0.0.1:\(port)/")
    _ = try await CrawlEndToEndTests.crawl(config)
    let state = dir.path + "/state.sqlite"
    // A bad disk: garbage over the middle of the file.
    let handle = try #require(FileHandle(forUpdatingAtPath: state))
    let size = try handle.seekToEnd()
    try handle.seek(toOffset: size / 3)
    try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size / 3)))
    try handle.close()

    await #expect {
      _ = try await CrawlEndToEndTests.crawl(config)
    } throws: { error in
      guard let e = error as? CrawlError, case .damagedState = e else { return false }
      return e.exitCode == .ioError && "\(e)".contains("verify --rebuild-state")
    }
    let (aside, report) = try Crawler.rebuildState(config: config)
    #expect(aside.map { FileManager.default.fileExists(atPath: $0) } == true)
    #expect(report.contains("\(site.articles.count) articles"))
    // Stale articles are revalidated; unchanged payloads become revisits, not new responses.
    config.recrawlAfter = 0
    let healed = try await CrawlEndToEndTests.crawl(config)
    #expect(healed.exitCode == .done, "\(healed.verdict)")
    try Self.expectNoPayloadTwice(dir.path)
  }

  /// A WARC file cut short after the crawl (a bad copy): the next crawl notices, forgets the
  /// lost captures and fetches their URLs again; no revisit refers to a lost record.
  @Test func aTruncatedWARCFileIsReconciledAndItsURLsFetchedAgain() async throws {
    let dir = try TemporaryDirectory()
    let (site, server, port) = try await CrawlEndToEndTests.portal(faults: false)
    defer { Task { await server.stop() } }
    let base = "http://127.0.0.1:\(port)"
    let config = CrawlEndToEndTests.config(archive: dir.path, seed: base + "/")
    _ = try await CrawlEndToEndTests.crawl(config)
    let file = try #require(try WARCArchive(root: dir.path).warcFiles().last)
    let handle = try #require(FileHandle(forUpdatingAtPath: file))
    let size = try handle.seekToEnd()
    try handle.truncate(atOffset: size / 2)
    try handle.close()

    let second = try await CrawlEndToEndTests.crawl(config)
    #expect(second.exitCode == .done, "\(second.verdict)")
    #expect(second.counts.newArticles > 0, "lost articles are fetched again")
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    let files = try WARCArchive(root: dir.path).warcFiles()
    for article in site.articles {
      let captures = try frontier.captures(of: base + article.path)
      let held = captures.filter { c in
        let path = dir.path + "/" + c.file
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?
          .int64Value ?? 0
        return files.contains(path) && c.offset + c.length <= size
      }
      #expect(held.count == captures.count, "\(article.path): a capture points past its file")
      #expect(held.contains { $0.status == 200 }, "\(article.path) not archived")
    }
    let (_, ids, refersTo) = try Self.archiveDigests(dir.path)
    #expect(refersTo.allSatisfy { ids.contains($0) }, "a revisit refers to a lost record")
    // The torn tail was cut and the file re-indexed: the archive verifies clean, and `show`
    // finds every article (never another URL's in its place).
    let faults = WARCVerifier.verify(paths: [dir.path]).faults
    #expect(faults.isEmpty, "\(faults.prefix(2))")
    let archive = WARCArchive(root: dir.path)
    for article in site.articles {
      let found = try archive.latestArticle(url: base + article.path)
      #expect(found.url == base + article.path)
    }
  }

  /// A cut that loses only an article's metadata and conversion records (its response record
  /// survives) leaves the URL done: the next crawl writes them again from the archived
  /// response, without fetching or storing the page again.
  @Test func articleRecordsLostToACutAreWrittenAgainFromTheResponse() async throws {
    let dir = try TemporaryDirectory()
    let (site, server, port) = try await CrawlEndToEndTests.portal(faults: false)
    defer { Task { await server.stop() } }
    let base = "http://127.0.0.1:\(port)"
    let config = CrawlEndToEndTests.config(archive: dir.path, seed: base + "/")
    _ = try await CrawlEndToEndTests.crawl(config)
    // The metadata record indexed last in the first file holding any: cut the file there.
    var cut: (file: String, offset: Int64, url: String)?
    for file in try WARCArchive(root: dir.path).warcFiles() where cut == nil {
      let index = String(file.dropLast(".warc.gz".count)) + ".cdxj"
      let metas = try String(contentsOfFile: index, encoding: .utf8).split(separator: "\n")
        .compactMap { CDXJEntry.parse($0) }.filter { $0.url.hasPrefix("urn:article:") }
      if let last = metas.max(by: { $0.offset < $1.offset }) {
        cut = (file, last.offset, String(last.url.dropFirst("urn:article:".count)))
      }
    }
    let (file, offset, url) = try #require(cut)
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    let response = try #require(try frontier.captures(of: url).last)
    #expect(response.file != String(file.dropFirst(dir.path.count + 1)) || response.offset < offset)
    let handle = try #require(FileHandle(forUpdatingAtPath: file))
    try handle.truncate(atOffset: UInt64(offset))
    try handle.close()
    #expect(throws: (any Error).self) { try WARCArchive(root: dir.path).latestArticle(url: url) }
    let path = String(url.dropFirst(base.count))
    let before = server.requests.filter { $0.path == path }.count

    let second = try await CrawlEndToEndTests.crawl(config)
    #expect(second.exitCode == .done, "\(second.verdict)")
    let article = try WARCArchive(root: dir.path).latestArticle(url: url)
    #expect(article.url == url && article.responseRecordID == response.recordID)
    #expect(!article.text.isEmpty)
    let after = server.requests.filter { $0.path == path }.count
    #expect(after == before, "the page was fetched again")
    try Self.expectNoPayloadTwice(dir.path)
    #expect(site.articles.contains { base + $0.path == url })
  }

  @Test func flippedBytesInsideAWARCFileAreFoundByTheFullReconcileAndRefetched() async throws {
    let dir = try TemporaryDirectory()
    let (site, server, port) = try await CrawlEndToEndTests.portal(faults: false)
    defer { Task { await server.stop() } }
    let base = "http://127.0.0.1:\(port)"
    let config = CrawlEndToEndTests.config(archive: dir.path, seed: base + "/")
    _ = try await CrawlEndToEndTests.crawl(config)
    let before = try WARCArchive(root: dir.path).warcFiles()
    let file = try #require(before.last)
    // The size stays: the start-up check cannot see this, the full reconcile must.
    let handle = try #require(FileHandle(forUpdatingAtPath: file))
    let size = try handle.seekToEnd()
    try handle.seek(toOffset: size / 2)
    handle.write(Data(repeating: 0xA5, count: 256))
    try handle.close()

    let report = try Crawler.reconcileFully(config: config, logger: Logger(label: "test"))
    #expect(!report.lost.isEmpty)
    let name = String(file.dropFirst(dir.path.count + 1))
    #expect(report.lost.allSatisfy { $0.hasPrefix(name + ":") }, "\(report.lost.prefix(3))")
    #expect(report.urls > 0)
    // Done twice, nothing more is lost.
    let again = try Crawler.reconcileFully(config: config, logger: Logger(label: "test"))
    #expect(again.lost.isEmpty, "\(again.lost.prefix(3)) of \(report.lost.count): \(report.lost.prefix(3))")

    let second = try await CrawlEndToEndTests.crawl(config)
    #expect(second.exitCode == .done, "\(second.verdict)")
    let archive = try WARCArchive(root: dir.path)
    for article in site.articles {
      #expect(throws: Never.self, "\(article.path): show finds its article") {
        try archive.latestArticle(url: base + article.path)
      }
    }
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    for article in site.articles {
      let latest = try #require(try frontier.captures(of: base + article.path).last)
      let record = try WARCReader.record(
        at: WARCLocation(file: latest.file, offset: latest.offset, length: latest.length),
        root: dir.path)
      #expect(record.recordID == latest.recordID, "\(article.path): its capture is unreadable")
    }
    // The new run's revisits all refer to records that read back.
    let (_, ids, _) = try Self.archiveDigests(dir.path)
    for path in try WARCArchive(root: dir.path).warcFiles() where !before.contains(path) {
      let reader = try WARCReader(path: path)
      while let item = try reader.next() {
        guard item.record.type == "revisit" else { continue }
        let to = try #require(item.record["WARC-Refers-To"])
        #expect(ids.contains(to), "a new revisit refers to a lost record")
      }
    }
  }
}
