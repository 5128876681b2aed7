/// Byte-level stand-ins for `String` comparisons, valid on "plain" text.
///
/// `String` `==` compares canonical equivalents and `hasPrefix` compares Characters (grapheme
/// clusters), which costs a String per block and a Unicode-aware compare. On text made only of
/// scalars that are their own canonical decomposition, have combining class 0 and never join a
/// grapheme cluster with their neighbours, both answers are the byte answers. `isPlain` accepts a
/// conservative set of such scalars (ASCII but CR, U+00B7, U+2010–2027, U+3000–3029, U+3030–303F,
/// U+4000–9FFF, U+FF01–FF5E): what Chinese headlines and short lines are made of. Callers fall
/// back to the `String` code when either side is not plain. Measured: the String building and
/// comparing this avoids was about a third of the title search and body collection.
enum PlainUTF8 {
  /// Whether `b` (valid UTF-8) holds only plain scalars (see the type's summary).
  static func isPlain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = b.count
    while i < n {
      let c = b[i]
      if c < 0x80 {
        if c == 0x0D { return false }
        i += 1
        continue
      }
      if c >= 0xE4 && c <= 0xE9 {
        // U+4000–U+9FFF: CJK ideographs (and Yijing hexagrams), no decompositions.
        i += 3
        continue
      }
      guard i + 1 < n else { return false }
      let c1 = b[i + 1]
      if c == 0xC2 {
        if c1 != 0xB7 { return false }
        i += 2
        continue
      }
      guard i + 2 < n else { return false }
      let c2 = b[i + 2]
      switch c {
      case 0xE2:
        // U+2010–U+2027: dashes, quotes, bullets, ellipsis.
        guard c1 == 0x80, c2 >= 0x90, c2 <= 0xA7 else { return false }
      case 0xE3:
        // U+3000–U+3029 and U+3030–U+303F (U+302A–302F are combining marks).
        guard c1 == 0x80, c2 < 0xAA || c2 >= 0xB0 else { return false }
      case 0xEF:
        // U+FF01–U+FF5E: full-width ASCII (compatibility decompositions only).
        guard (c1 == 0xBC && c2 >= 0x81) || (c1 == 0xBD && c2 <= 0x9E) else { return false }
      default:
        return false
      }
      i += 3
    }
    return true
  }

  static func isPlain(_ s: String) -> Bool {
    var s = s
    return s.withUTF8 { isPlain($0) }
  }

  /// Whether `a` and `b` hold the same bytes.
  @inline(__always)
  static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    var i = 0
    while i < a.count {
      if a[i] != b[i] { return false }
      i += 1
    }
    return true
  }

  /// Whether `a` starts with the bytes of `prefix`.
  @inline(__always)
  static func hasPrefix(_ a: UnsafeBufferPointer<UInt8>, _ prefix: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    guard prefix.count <= a.count else { return false }
    var i = 0
    while i < prefix.count {
      if a[i] != prefix[i] { return false }
      i += 1
    }
    return true
  }

  /// The text of `b` without leading and trailing scalars of `set`, or nil unless both are
  /// plain (then it is `trimming(set)`'s answer, Characters being scalars).
  static func trimming(_ b: UnsafeBufferPointer<UInt8>, _ set: String) -> String? {
    var set = set
    return set.withUTF8 { setBytes -> String? in
      guard isPlain(b), isPlain(setBytes) else { return nil }
      // Whether the scalar of `length` bytes at `i` is one of the set's (valid UTF-8 is
      // self-synchronising: a whole scalar's bytes only match at a scalar boundary).
      func inSet(_ i: Int, _ length: Int) -> Bool {
        utf8Find(UnsafeBufferPointer(rebasing: b[i..<(i + length)]), in: setBytes)
      }
      var start = 0
      while start < b.count {
        let length = PhraseMatcher.scalar(b, start).1
        if !inSet(start, length) { break }
        start += length
      }
      guard start < b.count else { return "" }
      var end = b.count
      while end > start {
        var lead = end - 1
        while lead > start, b[lead] & 0xC0 == 0x80 { lead -= 1 }
        if !inSet(lead, end - lead) { break }
        end = lead
      }
      return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
    }
  }
}
