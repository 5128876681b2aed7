#if canImport(Glibc)
  import Glibc
#endif

/// Walks the lines of a byte buffer (split on "\n", found with memchr).
enum ByteLines {
  /// Calls `body` with each line's range in `bytes`: `start..<end`, the "\n" left out. The last
  /// line needs no "\n"; an empty buffer has no lines.
  static func forEach(
    in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ start: Int, _ end: Int) -> Void
  ) {
    guard let base = bytes.baseAddress else { return }
    var start = 0
    while start < bytes.count {
      var end = bytes.count
      if let p = memchr(base + start, 10, bytes.count - start) {
        end = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
      }
      body(start, end)
      start = end + 1
    }
  }
}
