/// The text folding applied alike to indexed text and to query terms.
///
/// Full-width forms of ASCII letters and digits (Ａ–Ｚ, ａ–ｚ, ０–９: U+FF10–FF19, FF21–FF3A,
/// FF41–FF5A) become ASCII, as NFKC would map them; every other character is kept, so one
/// Unicode scalar stays one scalar (offsets in folded text are offsets in the original).
/// Full-width punctuation (，。：) is left alone: it is how Chinese text is written, and NFKC
/// would turn every "，" into ",". ASCII case is folded by the index itself (the trigram
/// tokenizer's `case_sensitive 0` and SQLite's ASCII-case-insensitive LIKE), not here, so
/// titles keep their case for display. Stateless.
public enum TextNormalizer {
  /// `s` with full-width letters and digits as ASCII.
  public static func fold(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: isFullWidthAlnum) else { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      if isFullWidthAlnum(u), let a = Unicode.Scalar(u.value - 0xFEE0) {
        out.append(a)
      } else {
        out.append(u)
      }
    }
    return String(out)
  }

  /// `fold(s)` with ASCII letters lower-cased: the form snippets are matched in.
  public static func foldForMatching(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for u in fold(s).unicodeScalars {
      if u.value >= 0x41, u.value <= 0x5A, let l = Unicode.Scalar(u.value + 0x20) {
        out.append(l)
      } else {
        out.append(u)
      }
    }
    return String(out)
  }

  static func isFullWidthAlnum(_ u: Unicode.Scalar) -> Bool {
    (0xFF10...0xFF19).contains(u.value) || (0xFF21...0xFF3A).contains(u.value)
      || (0xFF41...0xFF5A).contains(u.value)
  }
}
