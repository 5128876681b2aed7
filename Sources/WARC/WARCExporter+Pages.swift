import Foundation

extension WARCExporter {
  /// Writes the `pages/pages.jsonl` of a WACZ to `path`: the header line, then one line per
  /// article as `forEachArticle` reads them (bounded memory); returns the number of articles.
  static func writePages(archive: WARCArchive, _ o: WARCExportOptions, to path: String) throws
    -> Int
  {
    let out = try LineFileWriter(path: path)
    do {
      try out.append(
        Array(
          "{\"format\": \"json-pages-1.0\", \"id\": \"pages\", \"title\": \"All Pages\"}\n".utf8))
      var line: [UInt8] = []
      var number = 0
      let targets = o.urls.map { Set($0.map(WARCRecord.targetURI)) }
      try archive.forEachArticle(from: o.from, to: o.to, host: o.host) { a in
        if let targets, !targets.contains(WARCRecord.targetURI(a.url)) { return }
        number += 1
        line.removeAll(keepingCapacity: true)
        appendPageLine(a, number: number, to: &line)
        try out.append(line)
      }
      try out.close(sync: false)
      return number
    } catch {
      out.abandon()
      throw error
    }
  }
}

/// Runs a throwing closure on a new thread; `wait()` returns its result.
///
/// For the export's side work (writing the index and pages while the WARC files are copied
/// into the ZIP); the result is handed over under a lock, so the type is Sendable.
final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var result: Result<Value, any Error>?

  init(_ body: @escaping @Sendable () throws -> Value) {
    let thread = Thread { [self] in
      let r = Result { try body() }
      lock.withLock { result = r }
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Blocks until the closure has finished; returns its value or rethrows its error.
  func wait() throws -> Value {
    done.wait()
    let r = lock.withLock { result }
    guard let r else { throw WARCError.invalid("background task finished without a result") }
    return try r.get()
  }
}
