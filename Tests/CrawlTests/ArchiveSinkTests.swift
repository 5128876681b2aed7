import Dispatch
import Extract
import Foundation
import Frontier
import HTML
import Logging
import Testing
import TestSupport
import WARC

@testable import Crawl

@Suite struct ArchiveSinkTests {
  /// The engine's back-pressure: while the writer is held, submitted jobs make the sink report
  /// `isBackedUp`; once it catches up `onDrained` fires, and every job was written.
  @Test func backlogPausesTheEngineAndDrainsOnce() throws {
    let dir = try TemporaryDirectory()
    var config = CrawlConfig()
    config.archive = dir.path
    config.concurrency = 1
    let frontier = try Frontier(path: dir.path + "/state.sqlite")
    let run = try frontier.startRun(seeds: ["http://h.cn/"], at: 0)
    let writer = try WARCWriter(config: WARCWriterConfig(root: dir.path))
    let pipeline = PagePipeline(
      canonicalizer: URLCanonicalizer(), extractor: ArticleExtractor(),
      models: SiteModels(stored: [:]), maxBodyBytes: 1 << 20)
    let sink = try ArchiveSink(
      config: config, frontier: frontier, writer: writer, runID: run.id, pipeline: pipeline,
      logger: Logger(label: "test"))
    let drained = DispatchSemaphore(value: 0)
    let drains = LockedCounter()
    sink.onDrained = {
      drains.increment()
      drained.signal()
    }
    // Hold the writer's queue.
    let release = DispatchSemaphore(value: 0)
    sink.queue.async { release.wait() }
    #expect(!sink.isBackedUp)
    for i in 0..<sink.maxBacklogJobs {
      var record = URLRecord(url: "http://h.cn/\(i).htm", host: "h.cn", runID: run.id)
      record.state = .failed
      record.reason = "http 404"
      sink.submit(ArchiveJob(record: record))
    }
    #expect(sink.isBackedUp)
    release.signal()
    #expect(drained.wait(timeout: .now() + 10) == .success)
    #expect(!sink.isBackedUp)
    sink.queue.sync {}
    #expect(drains.value == 1)
  }
}

/// A counter safe to bump from any queue.
final class LockedCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  var value: Int {
    lock.lock()
    defer { lock.unlock() }
    return count
  }
  func increment() {
    lock.lock()
    count += 1
    lock.unlock()
  }
}
