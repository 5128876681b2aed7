import Foundation
import WARC

#if canImport(Glibc)
  import Glibc
#endif

/// The per-URL crawl log of a run (as wget's `-o` or Heritrix's crawl.log): one line per
/// request sent, robots.txt and retries included, in `<archive>/logs/crawl-<run>.log`. A resumed
/// run appends to its file.
///
/// Owned by the engine queue: every line is written from a fetch's completion there. Lines are
/// buffered and written out when 64 KiB gather, when the sink makes a batch durable, and at the
/// end, so a kill -9 loses at most the lines of the fetches not yet committed. A write error
/// disables the log with one warning: the crawl log never stops a crawl.
final class CrawlLog {
  let path: String
  private var fd: Int32
  private var buffer: [UInt8] = []
  private(set) var failure: String?

  /// `<root>/logs/crawl-<run>.log`.
  static func path(root: String, runID: Int64) -> String { root + "/logs/crawl-\(runID).log" }

  /// Opens (creating it and the logs folder) the crawl log of `runID` for appending.
  init(root: String, runID: Int64) throws {
    path = Self.path(root: root, runID: runID)
    try FileManager.default.createDirectory(
      atPath: root + "/logs", withIntermediateDirectories: true)
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw CrawlError.archive("cannot open the crawl log \(path): \(String(cString: strerror(errno)))")
    }
  }

  deinit { if fd >= 0 { close(fd) } }

  /// Adds one line.
  func append(_ entry: CrawlLogEntry) {
    guard failure == nil else { return }
    buffer.append(contentsOf: entry.line.utf8)
    buffer.append(10)
    if buffer.count >= 64 * 1024 { flush() }
  }

  /// Writes the buffered lines; returns a problem (once) when the file cannot be written.
  @discardableResult
  func flush() -> String? {
    guard failure == nil, !buffer.isEmpty else { return nil }
    do {
      try FileOps.writeAll(fd: fd, path: path, buffer)
    } catch {
      failure = "crawl log: \(error); no more lines written"
      buffer = []
      return failure
    }
    buffer.removeAll(keepingCapacity: true)
    return nil
  }
}
