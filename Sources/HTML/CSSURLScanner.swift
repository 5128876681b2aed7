/// Finds the references of CSS text: `url(…)` (quoted or not) and `@import "…"`.
///
/// A scanner, not a CSS parser: comments are skipped, strings outside `url()` and `@import`
/// are not looked into, escapes are left as written. Used for `style` attributes and blocks
/// and for fetched stylesheets. Stateless.
public enum CSSURLScanner {
  /// The references of `css`, in source order, as written (not resolved, not de-duplicated).
  public static func references(in css: String) -> [String] {
    var copy = css
    return copy.withUTF8 { references(in: $0) }
  }

  /// The references of UTF-8 CSS bytes (see `references(in:)` for a String).
  public static func references(in b: UnsafeBufferPointer<UInt8>) -> [String] {
    var out: [String] = []
    var i = 0
    let n = b.count
    while i < n {
      let c = b[i]
      if c == slash, i + 1 < n, b[i + 1] == star {
        i = commentEnd(b, from: i + 2)
      } else if (c | 0x20) == u, isURLFunction(b, at: i) {
        let (ref, next) = urlArgument(b, from: i + 4)
        if let ref { out.append(ref) }
        i = next
      } else if c == at, hasPrefixIgnoringCase(b, at: i + 1, "import") {
        var k = skipSpaces(b, from: i + 7)
        if k < n, b[k] == quote || b[k] == apostrophe {
          let (ref, next) = quoted(b, from: k)
          if let ref { out.append(ref) }
          k = next
        }
        i = max(k, i + 7)
      } else if c == quote || c == apostrophe {
        i = quoted(b, from: i).1  // a string (`content: "url(x)"`) names nothing
      } else {
        i += 1
      }
    }
    return out
  }

  /// Whether UTF-8 bytes contain `url(` or `@import` in any case: the cheap test before a scan.
  public static func mayContainReferences(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard b.count >= 4 else { return false }
    for i in 0..<(b.count - 3) {
      let c = b[i] | 0x20
      if c == u, isURLFunction(b, at: i) { return true }
      if b[i] == at, hasPrefixIgnoringCase(b, at: i + 1, "import") { return true }
    }
    return false
  }

  private static let slash = UInt8(ascii: "/")
  private static let star = UInt8(ascii: "*")
  private static let u = UInt8(ascii: "u")
  private static let at = UInt8(ascii: "@")
  private static let quote = UInt8(ascii: "\"")
  private static let apostrophe = UInt8(ascii: "'")
  private static let close = UInt8(ascii: ")")

  /// Whether `url(` starts at `i` (case-insensitive) and is not the tail of a longer name.
  private static func isURLFunction(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
    guard hasPrefixIgnoringCase(b, at: i, "url("), i == 0 || !isNameByte(b[i - 1]) else {
      return false
    }
    return true
  }

  private static func isNameByte(_ c: UInt8) -> Bool {
    (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == 0x2D
      || c == 0x5F || c >= 0x80
  }

  /// The argument of `url(` whose contents start at `i`, and where scanning goes on.
  private static func urlArgument(
    _ b: UnsafeBufferPointer<UInt8>, from i: Int
  ) -> (String?, Int) {
    var k = skipSpaces(b, from: i)
    guard k < b.count else { return (nil, k) }
    if b[k] == quote || b[k] == apostrophe {
      let (ref, next) = quoted(b, from: k)
      k = next
      while k < b.count, b[k] != close, b[k] != 0x0A { k += 1 }
      return (ref, min(k + 1, b.count))
    }
    let start = k
    while k < b.count, b[k] != close, b[k] != 0x0A { k += 1 }
    var end = k
    while end > start, isSpace(b[end - 1]) { end -= 1 }
    let ref = end > start ? String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self) : nil
    return (ref, min(k + 1, b.count))
  }

  /// A quoted string starting at the quote at `i` (ended by the same quote or a newline).
  private static func quoted(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> (String?, Int) {
    let q = b[i]
    var k = i + 1
    while k < b.count, b[k] != q, b[k] != 0x0A { k += 1 }
    let body = UnsafeBufferPointer(rebasing: b[(i + 1)..<k])
    let ref = body.isEmpty ? nil : String(decoding: body, as: UTF8.self)
    return (ref, min(k + 1, b.count))
  }

  private static func commentEnd(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
    var k = i
    while k + 1 < b.count {
      if b[k] == star && b[k + 1] == slash { return k + 2 }
      k += 1
    }
    return b.count
  }

  private static func skipSpaces(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
    var k = i
    while k < b.count, isSpace(b[k]) { k += 1 }
    return k
  }

  private static func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
  }

  /// Whether `word` (lower-case ASCII) starts at `i`, in any case.
  private static func hasPrefixIgnoringCase(
    _ b: UnsafeBufferPointer<UInt8>, at i: Int, _ word: StaticString
  ) -> Bool {
    word.withUTF8Buffer { w in
      guard i >= 0, i + w.count <= b.count else { return false }
      for k in 0..<w.count {
        var c = b[i + k]
        if c >= 0x41 && c <= 0x5A { c += 32 }
        if c != w[k] { return false }
      }
      return true
    }
  }
}
