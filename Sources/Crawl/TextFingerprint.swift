/// A 64-bit SimHash of an article's text, for recognising the same article under two URLs.
///
/// Features are overlapping character 3-grams (Chinese has no spaces), hashed with FNV-1a. Two
/// texts whose fingerprints differ in at most `nearThreshold` bits are near-duplicates.
enum TextFingerprint {
  static let nearThreshold = 3

  static func simhash(_ text: String) -> UInt64 {
    var counts = [Int32](repeating: 0, count: 64)
    let scalars = Array(text.unicodeScalars.filter { !$0.properties.isWhitespace })
    guard scalars.count >= 3 else { return 0 }
    for i in 0...(scalars.count - 3) {
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      for s in scalars[i..<(i + 3)] {
        h ^= UInt64(s.value)
        h &*= 0x0000_0100_0000_01b3
      }
      for bit in 0..<64 { counts[bit] += (h >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
    }
    var out: UInt64 = 0
    for bit in 0..<64 where counts[bit] > 0 { out |= 1 << UInt64(bit) }
    return out
  }

  static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }
}
