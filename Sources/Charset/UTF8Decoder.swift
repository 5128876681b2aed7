/// Validates and decodes UTF-8 with the module's error rule: one U+FFFD per byte that does not
/// start a well-formed sequence (Unicode Table 3-7), which is what iconv with skip-one-byte does.
///
/// Swift's own `String(decoding:as:)` repairs with "maximal subparts" (one U+FFFD for a truncated
/// 3-byte sequence) and cannot report how many it inserted, hence this scanner. Thread-safe.
enum UTF8Decoder {
  /// What one validation pass found.
  struct Scan {
    /// Bytes not part of a well-formed sequence (each would become one U+FFFD).
    var invalid: Int
    /// Bytes ≥ 0x80 seen.
    var nonASCII: Int
    /// False when the scan gave up early because the input was clearly not UTF-8.
    var complete: Bool
    var isValid: Bool { complete && invalid == 0 }
  }

  /// Scans `bytes` once. With `giveUp`, stops once more than 64 bytes were invalid and they are
  /// over 5% of the non-ASCII bytes so far (a legacy-encoded page); `complete` is then false.
  static func scan(_ bytes: [UInt8], giveUp: Bool = false) -> Scan {
    bytes.withUnsafeBufferPointer { input in
      let n = input.count
      guard n > 0, let p = input.baseAddress else {
        return Scan(invalid: 0, nonASCII: 0, complete: true)
      }
      var i = 0
      var invalid = 0
      var nonASCII = 0
      while i < n {
        if i &+ 8 <= n {
          let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
          if w & 0x8080_8080_8080_8080 == 0 {
            i &+= 8
            continue
          }
        }
        if p[i] < 0x80 {
          i &+= 1
          continue
        }
        let length = sequenceLength(p, i, n)
        if length == 0 {
          invalid &+= 1
          nonASCII &+= 1
          i &+= 1
          if giveUp && invalid > 64 && invalid &* 20 > nonASCII {
            return Scan(invalid: invalid, nonASCII: nonASCII, complete: false)
          }
        } else {
          nonASCII &+= length
          i &+= length
        }
      }
      return Scan(invalid: invalid, nonASCII: nonASCII, complete: true)
    }
  }

  /// How many bytes are ≥ 0x80.
  static func countNonASCII(_ bytes: [UInt8]) -> Int {
    var count = 0
    for b in bytes where b >= 0x80 { count &+= 1 }
    return count
  }

  /// The length of the well-formed sequence starting at `p[i]` (a byte ≥ 0x80), or 0.
  @inline(__always) static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int)
    -> Int
  {
    let b0 = p[i]
    if b0 < 0xC2 { return 0 }
    if b0 < 0xE0 {
      return i &+ 1 < n && p[i &+ 1] & 0xC0 == 0x80 ? 2 : 0
    }
    if b0 < 0xF0 {
      guard i &+ 2 < n else { return 0 }
      let b1 = p[i &+ 1]
      let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
      let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
      return b1 >= lo && b1 <= hi && p[i &+ 2] & 0xC0 == 0x80 ? 3 : 0
    }
    if b0 < 0xF5 {
      guard i &+ 3 < n else { return 0 }
      let b1 = p[i &+ 1]
      let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
      let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
      return b1 >= lo && b1 <= hi && p[i &+ 2] & 0xC0 == 0x80 && p[i &+ 3] & 0xC0 == 0x80 ? 4 : 0
    }
    return 0
  }

  /// Decodes `bytes[from...]`; pass `knownValid` when a scan found no invalid byte.
  static func decode(_ bytes: [UInt8], from start: Int = 0, knownValid: Bool) -> (
    text: String, replacements: Int
  ) {
    if knownValid {
      return (String(decoding: bytes[start...], as: UTF8.self), 0)
    }
    var replacements = 0
    let text = bytes.withUnsafeBufferPointer { input -> String in
      let n = input.count
      guard n > start, let p = input.baseAddress else { return "" }
      return String(unsafeUninitializedCapacity: (n - start) * 3) { out -> Int in
        var i = start
        var o = 0
        while i < n {
          let b = p[i]
          if b < 0x80 {
            out[o] = b
            o &+= 1
            i &+= 1
            continue
          }
          let length = sequenceLength(p, i, n)
          if length == 0 {
            out[o] = 0xEF
            out[o &+ 1] = 0xBF
            out[o &+ 2] = 0xBD
            o &+= 3
            i &+= 1
            replacements &+= 1
          } else {
            for k in 0..<length { out[o &+ k] = p[i &+ k] }
            o &+= length
            i &+= length
          }
        }
        return o
      }
    }
    return (text, replacements)
  }
}
