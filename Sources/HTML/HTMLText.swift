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
  public static func collapseWhitespace(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for s in text.unicodeScalars {
      if isSpace(s) {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(" ") }
        pendingSpace = false
        out.append(s)
      }
    }
    return String(out)
  }
}
