import Foundation

extension WARCExporter {
  /// The `pages/pages.jsonl` of a WACZ: the header line, then one line per article.
  static func pagesJSONL(_ articles: [ArchivedArticle]) -> [UInt8] {
    let header = Array(
      "{\"format\": \"json-pages-1.0\", \"id\": \"pages\", \"title\": \"All Pages\"}\n".utf8)
    // Two halves in parallel for many articles (escaping ~20 MB of text is measurable). The
    // first half is sized for the whole file so the second is appended without reallocating:
    // growing a 20 MB array by doubling costs copies and page faults.
    let parts = articles.count >= 1024 ? 2 : 1
    let per = (articles.count + parts - 1) / parts
    let slots = ResultSlots<[UInt8]>(count: parts)
    @Sendable func estimate(_ r: Range<Int>) -> Int {
      articles[r].reduce(0) {
        $0 + $1.text.utf8.count + $1.metadata.title.utf8.count + 2 * $1.url.utf8.count + 128
      }
    }
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      let range = (k * per)..<min(articles.count, (k + 1) * per)
      var out: [UInt8] = []
      if k == 0 {
        out.reserveCapacity(header.count + estimate(0..<articles.count))
        out += header
      } else {
        out.reserveCapacity(estimate(range))
      }
      for i in range { appendPageLine(articles[i], number: i + 1, to: &out) }
      slots.set(k, .success(out))
    }
    let chunks = (try? slots.values()) ?? []
    guard var pages = chunks.first else { return header }
    for c in chunks.dropFirst() { pages += c }
    return pages
  }
}

/// Runs a throwing closure on a new thread; `wait()` returns its result.
///
/// For the export's one piece of side work (building the index and pages while the WARC files
/// are copied into the ZIP); the result is handed over under a lock, so the type is Sendable.
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
