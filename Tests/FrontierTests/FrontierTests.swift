import Foundation
import Testing
import TestSupport

@testable import Frontier

@Suite struct FrontierTests {
  @Test func runsStartResumeAndEnd() throws {
    let dir = try TemporaryDirectory()
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    #expect(try frontier.unfinishedRun() == nil)
    var run = try frontier.startRun(seeds: ["http://a.example/"], at: 100)
    #expect(try frontier.unfinishedRun()?.id == run.id)
    run.counts.pages = 7
    run.counts.errorsByKind["http 404"] = 2
    run.ended = 200
    run.outcome = .completedWithErrors
    try frontier.updateRun(run)
    #expect(try frontier.unfinishedRun() == nil)
    let last = try #require(try frontier.lastRun())
    #expect(last.counts.pages == 7)
    #expect(last.counts.errorsByKind["http 404"] == 2)
    #expect(last.seeds == ["http://a.example/"])
  }

  @Test func commitIsAtomicAndUpsertsURLs() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/state.sqlite"
    let frontier = try Frontier(path: path)
    let run = try frontier.startRun(seeds: [], at: 0)
    var batch = CommitBatch()
    batch.urls.append(URLRecord(url: "http://a/1", host: "a", depth: 1, runID: run.id))
    var done = URLRecord(url: "http://a/1", host: "a", state: .done, depth: 1, runID: run.id)
    done.etag = "\"x\""
    done.digest = "sha1:AAAA"
    batch.urls.append(done)
    batch.captures.append(
      Capture(
        url: "http://a/1", timestamp: "20260101000000", warcDate: "2026-01-01T00:00:00Z",
        recordID: "<urn:uuid:1>", status: 200, mime: "text/html", digest: "sha1:AAAA",
        recordType: "response", file: "2026/01/01/x.warc.gz", offset: 10, length: 20,
        runID: run.id))
    batch.pendingAdded.append(
      PendingArticle(url: "http://a/1", host: "a", file: "f", offset: 1, length: 2))
    batch.fingerprints.append(("http://a/1", UInt64.max))
    try frontier.commit(batch)

    // A second connection (as after a restart) sees everything.
    let reopened = try Frontier(path: path)
    let record = try #require(try reopened.record(for: "http://a/1"))
    #expect(record.state == .done)
    #expect(record.etag == "\"x\"")
    #expect(try reopened.stateCounts(run: run.id)[.done] == 1)
    #expect(try reopened.firstCapture(digest: "sha1:AAAA")?.offset == 10)
    #expect(try reopened.lastCapture()?.file == "2026/01/01/x.warc.gz")
    #expect(try reopened.pendingArticles(host: "a").map(\.article.url) == ["http://a/1"])
    #expect(try reopened.hasFingerprint("http://a/1"))
    #expect(
      try reopened.nearDuplicate(of: UInt64.max ^ 0b101, threshold: 3, excluding: "x")
        == "http://a/1")
    #expect(try reopened.nearDuplicate(of: 0, threshold: 3, excluding: "x") == nil)

    var remove = CommitBatch()
    remove.pendingRemoved.append("http://a/1")
    try reopened.commit(remove)
    #expect(try frontier.pendingArticles(host: "a").isEmpty)
  }

  /// The seen test's read: records of URLs known from other runs, only the URLs of this run.
  @Test func recordsExceptRunSplitsThisRunFromEarlierOnes() throws {
    let dir = try TemporaryDirectory()
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    let old = try frontier.startRun(seeds: [], at: 0)
    let now = try frontier.startRun(seeds: [], at: 1)
    var batch = CommitBatch()
    var earlier = URLRecord(url: "http://a/old", host: "a", state: .done, depth: 2, runID: old.id)
    earlier.etag = "\"e\""
    batch.urls.append(earlier)
    batch.urls.append(URLRecord(url: "http://a/now", host: "a", depth: 1, runID: now.id))
    try frontier.commit(batch)
    let known = try frontier.records(
      for: ["http://a/old", "http://a/now", "http://a/new"], exceptRun: now.id)
    #expect(Array(known.records.keys) == ["http://a/old"])
    #expect(known.records["http://a/old"]?.etag == "\"e\"")
    #expect(known.inRun == ["http://a/now"])
    #expect(try frontier.records(for: [], exceptRun: now.id).inRun.isEmpty)
  }

  @Test func originOfAURL() {
    #expect(Frontier.origin(of: "http://a.example:8080/x/y?q=1") == "http://a.example:8080")
    #expect(Frontier.origin(of: "https://政府.cn?q=1") == "https://政府.cn")
    #expect(Frontier.origin(of: "http://a.example") == "http://a.example")
    #expect(Frontier.origin(of: "http://") == "http://")
    #expect(Frontier.origin(of: "mailto:x@y") == "mailto:x@y")
    #expect(Frontier.origin(of: "http:/x:/") == "http:/x:/")
  }

  @Test func failedBatchRollsBack() throws {
    let dir = try TemporaryDirectory()
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    try frontier.execute(
      "CREATE TRIGGER nope BEFORE INSERT ON errors BEGIN SELECT RAISE(ABORT, 'no'); END")
    var batch = CommitBatch()
    batch.urls.append(URLRecord(url: "http://a/", host: "a", runID: 1))
    batch.errors.append(PageError(runID: 1, url: "http://a/", kind: "x", message: "y", at: 0))
    #expect(throws: FrontierError.self) { try frontier.commit(batch) }
    #expect(try frontier.record(for: "http://a/") == nil)
  }

  @Test func openingGarbageNamesTheFile() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/state.sqlite"
    try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
    do {
      _ = try Frontier(path: path)
      Issue.record("expected an error")
    } catch let error as FrontierError {
      #expect(error.description.contains(path))
    }
  }
}
