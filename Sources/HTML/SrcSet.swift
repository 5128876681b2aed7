/// The image candidates of a `srcset` attribute ("a.jpg 1x, b.jpg 2x", "s.jpg 320w,l.jpg 1024w").
///
/// After the HTML standard's parsing of a srcset: candidates are separated by commas; a
/// candidate's URL runs to the first whitespace (trailing commas dropped), its descriptors to
/// the next comma outside parentheses. Stateless.
public enum SrcSet {
  /// The candidates' URLs, in order, as written.
  public static func urls(_ value: String) -> [String] {
    var out: [String] = []
    let s = Array(value.utf8)
    var i = 0
    while i < s.count {
      while i < s.count, isSpace(s[i]) || s[i] == comma { i += 1 }
      let start = i
      while i < s.count, !isSpace(s[i]) { i += 1 }
      var end = i
      while end > start, s[end - 1] == comma { end -= 1 }
      if end > start { out.append(String(decoding: s[start..<end], as: UTF8.self)) }
      // A URL that ended in commas ends its candidate; otherwise skip the descriptors.
      if end < i { continue }
      var depth = 0
      while i < s.count {
        let c = s[i]
        if c == UInt8(ascii: "(") { depth += 1 }
        if c == UInt8(ascii: ")"), depth > 0 { depth -= 1 }
        if c == comma, depth == 0 { break }
        i += 1
      }
    }
    return out
  }

  private static let comma = UInt8(ascii: ",")

  private static func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
  }
}
