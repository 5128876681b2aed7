/// A 64-bit SimHash of an article's text, for recognising the same article under two URLs.
///
/// Features are overlapping character 3-grams (Chinese has no spaces), hashed with FNV-1a. Two
/// texts whose fingerprints differ in at most `nearThreshold` bits are near-duplicates.
enum TextFingerprint {
  static let nearThreshold = 3

  static func simhash(_ text: String) -> UInt64 {
    var counts = [Int32](repeating: 0, count: 64)
    // A rolling window of the last three non-space scalars (no array of scalars, no Unicode
    // property look-ups: spaces here are ASCII blanks, NBSP and the ideographic space).
    var a: UInt32 = 0
    var b: UInt32 = 0
    var seen = 0
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if v <= 0x20 || v == 0xA0 || v == 0x3000 { continue }
      seen += 1
      if seen >= 3 {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        h = (h ^ UInt64(a)) &* prime
        h = (h ^ UInt64(b)) &* prime
        h = (h ^ UInt64(v)) &* prime
        for bit in 0..<64 {
          counts[bit] &+= Int32(truncatingIfNeeded: (h >> UInt64(bit)) & 1) * 2 - 1
        }
      }
      a = b
      b = v
    }
    guard seen >= 3 else { return 0 }
    var out: UInt64 = 0
    for bit in 0..<64 where counts[bit] > 0 { out |= 1 << UInt64(bit) }
    return out
  }

  static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }
}
