import Fetch
import Foundation
import Frontier

extension Crawler {
  /// How a URL was found, for the crawl log: `-` a seed, `R` a redirect's target, `E` a page
  /// requisite (embedded or attached; as Heritrix writes it), `L` a link.
  func hop(of record: URLRecord) -> String {
    if record.redirectChain != nil { return "R" }
    if record.parent == nil && seeds.contains(record.url) { return "-" }
    if record.kind.isRequisite { return "E" }
    return "L"
  }

  /// Logs a response once `apply` has decided what it means for the URL (engine queue).
  func logResponse(
    _ response: FetchResponse, record: URLRecord, job: ArchiveJob, outcome: FetchOutcome
  ) {
    var notes: [String] = []
    if record.attempts > 1 { notes.append("attempt=\(record.attempts)") }
    if record.state == .queued { notes.append("retry") }
    if response.status == 200, let digest = outcome.payloadDigest, digest == job.previousDigest {
      notes.append("unchanged")
    }
    if response.truncated || (record.reason?.hasPrefix("truncated") ?? false) {
      notes.append("truncated")
    }
    if let kind = job.error?.kind, kind != "truncated", !kind.hasPrefix("http ") {
      notes.append(CrawlLogEntry.token(kind))
    }
    if record.state == .failed { notes.append("failed") }
    write(
      CrawlLogEntry(
        time: Self.wallClock(), status: String(response.status), size: response.body.count,
        url: record.url, hop: hop(of: outcome.record), via: record.parent,
        mime: CrawlLogEntry.mediaType(response.header("Content-Type")),
        duration: outcome.duration, digest: outcome.payloadDigest, notes: notes))
  }

  /// Logs a transfer that ended without a response (a cancelled one is not logged: it is
  /// fetched again by the next run).
  func logFailure(
    _ error: FetchError, record: URLRecord, duration: Double, retryIn: Double?, hop: String? = nil
  ) {
    var notes: [String] = []
    if record.attempts > 1 { notes.append("attempt=\(record.attempts)") }
    if let retryIn {
      notes.append(String(format: "retry-in=%.1fs", retryIn))
    } else {
      notes.append("failed")
    }
    write(
      CrawlLogEntry(
        time: Self.wallClock(), status: CrawlLogEntry.token(Self.errorKind(error)), size: nil,
        url: record.url, hop: hop ?? self.hop(of: record), via: record.parent, mime: nil,
        duration: duration, digest: nil, notes: notes))
  }

  /// Logs a robots.txt answer (or a hop of its redirects).
  func logRobots(
    _ result: Result<FetchResponse, FetchError>, url: String, via: String?, duration: Double
  ) {
    switch result {
    case .success(let response):
      write(
        CrawlLogEntry(
          time: Self.wallClock(), status: String(response.status), size: response.body.count,
          url: url, hop: "P", via: via, mime: CrawlLogEntry.mediaType(response.header("Content-Type")),
          duration: duration, digest: nil))
    case .failure(let error):
      if case .cancelled = error { return }
      logFailure(
        error, record: URLRecord(url: url, host: "", parent: via, runID: run.id),
        duration: duration, retryIn: nil, hop: "P")
    }
  }

  /// Adds a line to the crawl log (and, with --verbose, to the log).
  private func write(_ entry: CrawlLogEntry) {
    crawlLog?.append(entry)
    logger.debug("\(entry.line)")
  }

  /// Writes the crawl log's buffered lines; a failure is warned about once.
  func flushCrawlLog() {
    if let problem = crawlLog?.flush() { logger.warning("\(problem)") }
  }
}
