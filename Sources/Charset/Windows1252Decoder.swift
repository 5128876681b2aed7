/// Decodes windows-1252 (and, per WHATWG, every ISO-8859-1 / ASCII label) with the WHATWG index.
///
/// Hand-written instead of iconv because glibc's CP1252 rejects 0x81, 0x8D, 0x8F, 0x90 and 0x9D,
/// which WHATWG (and every browser) maps to the C1 controls; a 32-entry table is all it takes.
/// Never produces U+FFFD. Thread-safe.
enum Windows1252Decoder {
  /// Scalars for 0x80–0x9F; 0xA0–0xFF are Latin-1.
  static let high: [UInt16] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  ]

  /// The text; replacements are always 0.
  static func decode(_ bytes: [UInt8]) -> (text: String, replacements: Int) {
    let text = bytes.withUnsafeBufferPointer { input -> String in
      String(unsafeUninitializedCapacity: input.count * 3) { out -> Int in
        var o = 0
        for b in input {
          if b < 0x80 {
            out[o] = b
            o &+= 1
            continue
          }
          let scalar = b < 0xA0 ? UInt32(high[Int(b &- 0x80)]) : UInt32(b)
          if scalar < 0x800 {
            out[o] = UInt8(0xC0 | scalar >> 6)
            out[o &+ 1] = UInt8(0x80 | scalar & 0x3F)
            o &+= 2
          } else {
            out[o] = UInt8(0xE0 | scalar >> 12)
            out[o &+ 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[o &+ 2] = UInt8(0x80 | scalar & 0x3F)
            o &+= 3
          }
        }
        return o
      }
    }
    return (text, 0)
  }
}
