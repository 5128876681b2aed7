/// Small text helpers shared by the HTML and Extract modules.
public enum HTMLText {
  /// Whether `s` is whitespace for HTML text purposes (ASCII whitespace, NBSP, ideographic space,
  /// and the other Unicode space separators).
  @inlinable
  public static func isSpace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x3000, 0x1680, 0x2000...0x200B, 0x2028,
      0x2029, 0x202F, 0x205F, 0xFEFF:
      return true
    default: return false
    }
  }

  /// `text` with every whitespace run replaced by one ASCII space and the ends trimmed.
  ///
  /// Works on UTF-8 bytes (this runs for every link text and title).
  public static func collapseWhitespace(_ text: String) -> String {
    var text = text
    return text.withUTF8 { b in
      // Written straight into the new String's storage: no intermediate array, no per-byte
      // append bookkeeping (the output is never longer than the input).
      String(unsafeUninitializedCapacity: b.count) { out in
        var count = 0
        var pending = false
        var i = 0
        while i < b.count {
          let n = spaceLength(b, i)
          if n > 0 {
            pending = count > 0
            i += n
            continue
          }
          if pending {
            out[count] = 0x20
            count += 1
            pending = false
          }
          out[count] = b[i]
          count += 1
          i += 1
        }
        return count
      }
    }
  }

  /// The byte length of the whitespace character starting at `i` (see `isSpace`), or 0.
  @inlinable
  public static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let c = b[i]
    if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
    if c == 0xC2 { return i + 1 < b.count && b[i + 1] == 0xA0 ? 2 : 0 }
    guard i + 2 < b.count else { return 0 }
    let c1 = b[i + 1]
    let c2 = b[i + 2]
    switch c {
    case 0xE3: return c1 == 0x80 && c2 == 0x80 ? 3 : 0
    case 0xE2:
      if c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8B) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) {
        return 3
      }
      return c1 == 0x81 && c2 == 0x9F ? 3 : 0
    case 0xE1: return c1 == 0x9A && c2 == 0x80 ? 3 : 0
    case 0xEF: return c1 == 0xBB && c2 == 0xBF ? 3 : 0
    default: return 0
    }
  }
}
