/// Finds any of a fixed set of phrases in UTF-8 text, without Foundation.
///
/// Hand-written because `String.contains(_:)` resolves to Foundation's `NSString` search on
/// Linux, which cost more than everything else in the extractor together. Phrases are indexed by
/// their first Unicode scalar (a bitmap for the first test, then a dictionary); the text is
/// scanned once and candidates are compared byte by byte. Immutable and `Sendable`.
struct PhraseMatcher: Sendable {
  private var bitmap = [UInt64](repeating: 0, count: 1024)  // the BMP's first scalars
  private var byFirst: [UInt32: [[UInt8]]] = [:]

  init(_ phrases: [String]) {
    for p in phrases where !p.isEmpty {
      guard let first = p.unicodeScalars.first?.value else { continue }
      byFirst[first, default: []].append(Array(p.utf8))
      if first < 65536 { bitmap[Int(first >> 6)] |= 1 << UInt64(first & 63) }
    }
  }

  /// Decodes the scalar starting at `i` (a lead byte); returns (value, length).
  @inline(__always)
  static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
    let c = b[i]
    if c < 0x80 { return (UInt32(c), 1) }
    if c >= 0xF0, i + 3 < b.count {
      return (
        UInt32(c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
          | UInt32(b[i + 3] & 0x3F), 4
      )
    }
    if c >= 0xE0, i + 2 < b.count {
      return (UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3)
    }
    if c >= 0xC0, i + 1 < b.count { return (UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
    return (UInt32(c), 1)
  }

  /// The byte offset where the first phrase occurrence starts and its byte length, if any.
  func firstMatch(in b: UnsafeBufferPointer<UInt8>) -> (offset: Int, length: Int)? {
    var i = 0
    while i < b.count {
      let (v, len) = PhraseMatcher.scalar(b, i)
      if v >= 65536 || bitmap[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0,
        let candidates = byFirst[v]
      {
        for p in candidates where i + p.count <= b.count {
          var k = 0
          while k < p.count, b[i + k] == p[k] { k += 1 }
          if k == p.count { return (i, p.count) }
        }
      }
      i += len
    }
    return nil
  }

  func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool { firstMatch(in: b) != nil }

  func matches(_ s: String) -> Bool {
    var s = s
    return s.withUTF8 { matches($0) }
  }
}

/// Byte-level substring test (stdlib-only; see `PhraseMatcher`).
func utf8Contains(_ haystack: String, _ needle: String) -> Bool {
  var h = haystack
  var n = needle
  return h.withUTF8 { hb in
    n.withUTF8 { nb in
      guard nb.count > 0 else { return true }
      guard hb.count >= nb.count else { return false }
      let first = nb[0]
      var i = 0
      while i <= hb.count - nb.count {
        if hb[i] == first {
          var k = 1
          while k < nb.count, hb[i + k] == nb[k] { k += 1 }
          if k == nb.count { return true }
        }
        i += 1
      }
      return false
    }
  }
}

/// The range of the first (or last) occurrence of `needle` in `haystack`, found on UTF-8 bytes
/// (stdlib-only; see `PhraseMatcher`).
func utf8Range(of needle: String, in haystack: String, last: Bool = false) -> Range<String.Index>? {
  let h = Array(haystack.utf8)
  let n = Array(needle.utf8)
  guard !n.isEmpty, h.count >= n.count else { return nil }
  var found: Int?
  var i = 0
  while i <= h.count - n.count {
    if h[i] == n[0] {
      var k = 1
      while k < n.count, h[i + k] == n[k] { k += 1 }
      if k == n.count {
        found = i
        if !last { break }
      }
    }
    i += 1
  }
  guard let offset = found else { return nil }
  let utf8 = haystack.utf8
  let lower = utf8.index(utf8.startIndex, offsetBy: offset)
  let upper = utf8.index(lower, offsetBy: n.count)
  return lower..<upper
}
