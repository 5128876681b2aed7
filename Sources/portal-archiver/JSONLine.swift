/// A JSON object written key by key, in order, with non-ASCII text left unescaped.
///
/// Hand-written because JSONSerialization does not keep key order and both Foundation encoders
/// are needlessly slow for one flat object per page; strings are escaped per RFC 8259.
struct JSONLine {
  private(set) var text = "{"
  private var first = true

  mutating func key(_ k: String) {
    if !first { text += "," }
    first = false
    JSONLine.appendString(k, to: &text)
    text += ":"
  }

  mutating func add(_ k: String, _ v: String?) {
    key(k)
    if let v { JSONLine.appendString(v, to: &text) } else { text += "null" }
  }

  mutating func add(_ k: String, _ v: Int) {
    key(k)
    text += String(v)
  }

  /// A finite number with 4 decimals (non-finite ones as null).
  mutating func add(_ k: String, _ v: Double) {
    key(k)
    text += v.isFinite ? String(format: "%.4f", v) : "null"
  }

  mutating func add(_ k: String, _ v: [String]) {
    key(k)
    text += "["
    for (i, s) in v.enumerated() {
      if i > 0 { text += "," }
      JSONLine.appendString(s, to: &text)
    }
    text += "]"
  }

  var closed: String { text + "}" }

  /// Whether a UTF-8 byte needs a look in `appendString`: '"', '\\', controls, and 0xE2 (the
  /// lead byte of U+2028 / U+2029).
  private static let special: [Bool] = (0..<256).map {
    $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2
  }

  /// Whether any of the eight bytes in `w` is a control, '"', '\\' or 0xE2 (may be false
  /// positive, never false negative).
  @inline(__always)
  static func mayNeedEscape(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
    // Bytes below 0x20: (b - 0x20) borrows into the high bit only where b < 0x20 (for b < 0x80).
    let below = (w &- ones &* 0x20) & ~w & highs != 0
    return below || hasZero(w ^ (ones &* 0x22)) || hasZero(w ^ (ones &* 0x5C))
      || hasZero(w ^ (ones &* 0xE2))
  }

  /// Appends `s` as a JSON string literal.
  ///
  /// Runs of bytes that need no escaping are appended as slices of `s` (no new String, no
  /// re-validation) and a string with nothing to escape is appended whole. Measured: making a
  /// String for every run was most of the cost of writing the output.
  static func appendString(_ s: String, to out: inout String) {
    out += "\""
    var s = s
    let escapes: [(offset: Int, length: Int, text: String)] = s.withUTF8 { bytes in
      special.withUnsafeBufferPointer { special in
        var found: [(offset: Int, length: Int, text: String)] = []
        var i = 0
        while i < bytes.count {
          // Eight bytes at a time while none needs a look (most text).
          if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let last = bytes.count - 8
            while i <= last,
              !JSONLine.mayNeedEscape(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            {
              i += 8
            }
            guard i < bytes.count else { break }
          }
          let b = bytes[i]
          guard special[Int(b)] else {
            i += 1
            continue
          }
          switch b {
          case 0x22: found.append((i, 1, "\\\""))
          case 0x5C: found.append((i, 1, "\\\\"))
          case 0x0A: found.append((i, 1, "\\n"))
          case 0x0D: found.append((i, 1, "\\r"))
          case 0x09: found.append((i, 1, "\\t"))
          case 0x00..<0x20:
            let hex = String(b, radix: 16)
            found.append((i, 1, "\\u" + String(repeating: "0", count: 4 - hex.count) + hex))
          default:
            // U+2028 / U+2029 (E2 80 A8 / A9) break JavaScript parsers: escape them too.
            if i + 2 < bytes.count, bytes[i + 1] == 0x80,
              bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9
            {
              found.append((i, 3, bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"))
              i += 3
              continue
            }
          }
          i += 1
        }
        return found
      }
    }
    if escapes.isEmpty {
      out += s
    } else {
      // Escapes sit on scalar boundaries (ASCII bytes or whole scalars), so the runs between
      // them are valid slices of `s`.
      let utf8 = s.utf8
      var runStart = utf8.startIndex
      for e in escapes {
        let at = utf8.index(utf8.startIndex, offsetBy: e.offset)
        out += s[runStart..<at]
        out += e.text
        runStart = utf8.index(at, offsetBy: e.length)
      }
      out += s[runStart...]
    }
    out += "\""
  }
}
