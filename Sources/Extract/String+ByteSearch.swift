#if canImport(Glibc)
  import Glibc
#endif

// Substring tests on UTF-8 bytes (memchr + memcmp). With Foundation imported, `String.contains(String)`
// resolves to NSString's search, which folds Unicode per character: profiling a crawl showed it
// taking ~85% of the CPU of extraction. These non-generic overloads are preferred by the compiler
// for every `contains` on a String or Substring in this module. They compare code units, which
// is the same answer for the NFC text pages carry.

extension String {
  func contains(_ needle: String) -> Bool { byteSearch(self, needle) }
}

extension Substring {
  func contains(_ needle: String) -> Bool { byteSearch(self, needle) }
}

@inline(__always)
private func byteSearch<S: StringProtocol>(_ haystack: S, _ needle: String) -> Bool {
  if needle.isEmpty { return true }
  var needle = needle
  return needle.withUTF8 { n in
    if let found = haystack.utf8.withContiguousStorageIfAvailable({ find(n, in: $0) }) {
      return found
    }
    var copy = String(haystack)
    return copy.withUTF8 { find(n, in: $0) }
  }
}

/// memchr for the first byte, memcmp for the rest (memmem is not exported by Swift's Glibc).
@inline(__always)
private func find(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>)
  -> Bool
{
  guard let h = hay.baseAddress, let n = needle.baseAddress, needle.count <= hay.count else {
    return false
  }
  let first = Int32(n[0])
  var start = UnsafePointer(h)
  let lastStart = h + (hay.count - needle.count)
  while start <= lastStart {
    guard let hit = memchr(start, first, lastStart - start + 1) else { return false }
    let p = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
    if memcmp(p, n, needle.count) == 0 { return true }
    start = p + 1
  }
  return false
}

extension String {
  /// The string of `scalars`, built by encoding them as UTF-8 into one buffer (appending
  /// scalars to a `String.UnicodeScalarView` one at a time is several times slower).
  init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
    self.init(unsafeUninitializedCapacity: scalars.count * 4) { out in
      var count = 0
      for s in scalars {
        UTF8.encode(s) {
          out[count] = $0
          count += 1
        }
      }
      return count
    }
  }
}
