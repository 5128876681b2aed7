#if canImport(Glibc)
  import Glibc
#endif

/// Finds any of a fixed set of phrases in UTF-8 text, without Foundation.
///
/// Hand-written because `String.contains(_:)` resolves to Foundation's `NSString` search on
/// Linux, which cost more than everything else in the extractor together. Phrases are indexed by
/// their first Unicode scalar (a bitmap for the first test, then a small hash table of flat
/// arrays: a `Dictionary` of arrays cost a hash and a retain per candidate position, measured as
/// half of the matcher's time); the text is scanned once and candidates are compared byte by
/// byte. Immutable and `Sendable`.
struct PhraseMatcher: Sendable {
  private var bitmap = [UInt64](repeating: 0, count: 1024)  // the BMP's first scalars
  /// Phrase indices grouped by the bucket of their first scalar, in the order given.
  private var bucketStart = [Int32](repeating: 0, count: PhraseMatcher.buckets + 1)
  private var entries: [Entry] = []
  /// All phrases' UTF-8 bytes, one after another.
  private var bytes: [UInt8] = []

  private struct Entry {
    var first: UInt32
    var start: Int32
    var count: Int32
  }

  private static let buckets = 64

  @inline(__always)
  private static func bucket(_ v: UInt32) -> Int { Int((v &* 0x9E37_79B1) >> 26) }

  init(_ phrases: [String]) {
    var byBucket = [[Entry]](repeating: [], count: PhraseMatcher.buckets)
    for p in phrases where !p.isEmpty {
      guard let first = p.unicodeScalars.first?.value else { continue }
      let entry = Entry(first: first, start: Int32(bytes.count), count: Int32(p.utf8.count))
      bytes += p.utf8
      byBucket[PhraseMatcher.bucket(first)].append(entry)
      if first < 65536 { bitmap[Int(first >> 6)] |= 1 << UInt64(first & 63) }
    }
    for (k, list) in byBucket.enumerated() {
      bucketStart[k] = Int32(entries.count)
      entries += list
    }
    bucketStart[PhraseMatcher.buckets] = Int32(entries.count)
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
  ///
  /// Among phrases with the same first scalar, the first given that matches wins.
  func firstMatch(in b: UnsafeBufferPointer<UInt8>) -> (offset: Int, length: Int)? {
    bitmap.withUnsafeBufferPointer { bitmap in
      bucketStart.withUnsafeBufferPointer { bucketStart in
        entries.withUnsafeBufferPointer { entries in
          bytes.withUnsafeBufferPointer { bytes in
            var i = 0
            let n = b.count
            while i < n {
              // Three-byte scalars (CJK) decoded inline: the scan visits every scalar.
              let c = b[i]
              let v: UInt32
              let len: Int
              if c >= 0xE0, c < 0xF0, i + 2 < n {
                v = UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                len = 3
              } else {
                (v, len) = PhraseMatcher.scalar(b, i)
              }
              if v >= 65536 || bitmap[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 {
                let k = PhraseMatcher.bucket(v)
                var e = Int(bucketStart[k])
                let end = Int(bucketStart[k + 1])
                while e < end {
                  let entry = entries[e]
                  e += 1
                  let count = Int(entry.count)
                  guard entry.first == v, i + count <= b.count else { continue }
                  let start = Int(entry.start)
                  var j = 0
                  while j < count, b[i + j] == bytes[start + j] { j += 1 }
                  if j == count { return (i, count) }
                }
              }
              i += len
            }
            return nil
          }
        }
      }
    }
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
  return h.withUTF8 { hb in n.withUTF8 { nb in utf8Find(nb, in: hb) } }
}

/// Whether `needle` occurs in `haystack` (bytes; an empty needle always does).
///
/// memchr for the first byte, then a compare (measured: the byte-by-byte loop this replaced was
/// most of the watermark pre-check on long paragraphs).
func utf8Find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>)
  -> Bool
{
  utf8FirstOffset(of: needle, in: haystack, from: 0) != nil
}

/// The byte offset of the first occurrence of `needle` in `haystack` at or after `from`.
func utf8FirstOffset(
  of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from: Int
) -> Int? {
  if needle.isEmpty { return from <= haystack.count ? from : nil }
  guard let n = needle.baseAddress, let h = haystack.baseAddress,
    needle.count <= haystack.count - from
  else { return nil }
  let first = Int32(n[0])
  let lastStart = haystack.count - needle.count
  var start = from
  while start <= lastStart {
    guard let hit = memchr(h + start, first, lastStart - start + 1) else { return nil }
    let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(h)
    if memcmp(h + offset, n, needle.count) == 0 { return offset }
    start = offset + 1
  }
  return nil
}

/// The range of the first (or last) occurrence of `needle` in `haystack`, found on UTF-8 bytes
/// (stdlib-only; see `PhraseMatcher`).
func utf8Range(of needle: String, in haystack: String, last: Bool = false) -> Range<String.Index>? {
  var h = haystack
  var n = needle
  let found: Int? = h.withUTF8 { hb in
    n.withUTF8 { nb in
      guard !nb.isEmpty else { return nil }
      var found: Int?
      var from = 0
      while let offset = utf8FirstOffset(of: nb, in: hb, from: from) {
        found = offset
        if !last { break }
        from = offset + 1
      }
      return found
    }
  }
  guard let offset = found else { return nil }
  let utf8 = haystack.utf8
  let lower = utf8.index(utf8.startIndex, offsetBy: offset)
  let upper = utf8.index(lower, offsetBy: needle.utf8.count)
  return lower..<upper
}
