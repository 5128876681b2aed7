/// Decodes UTF-16 (either byte order): one U+FFFD per unpaired surrogate and one for an odd
/// trailing byte.
///
/// Hand-written rather than iconv because iconv's skip-one-byte recovery would misalign every
/// following code unit after a lone surrogate. Thread-safe.
enum UTF16Decoder {
  /// The text and the number of U+FFFD inserted. `bytes` must not include the BOM.
  static func decode(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> (
    text: String, replacements: Int
  ) {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var i = bytes.startIndex
    while i + 1 < bytes.endIndex {
      let a = UInt16(bytes[i])
      let b = UInt16(bytes[i + 1])
      units.append(bigEndian ? a << 8 | b : b << 8 | a)
      i += 2
    }
    var replacements = 0
    var scalars = String.UnicodeScalarView()
    var k = 0
    while k < units.count {
      let u = units[k]
      if u < 0xD800 || u > 0xDFFF {
        scalars.append(Unicode.Scalar(UInt32(u)) ?? "\u{FFFD}")
        k += 1
      } else if u <= 0xDBFF, k + 1 < units.count, units[k + 1] >= 0xDC00, units[k + 1] <= 0xDFFF {
        let value = 0x10000 + (UInt32(u - 0xD800) << 10 | UInt32(units[k + 1] - 0xDC00))
        scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        k += 2
      } else {
        scalars.append("\u{FFFD}")
        replacements += 1
        k += 1
      }
    }
    if (bytes.count & 1) == 1 {
      scalars.append("\u{FFFD}")
      replacements += 1
    }
    return (String(scalars), replacements)
  }
}
