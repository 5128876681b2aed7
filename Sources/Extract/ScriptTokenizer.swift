/// A forgiving JavaScript tokenizer: just enough to read the literals and calls of pagination
/// scripts (string and number literals, identifiers, punctuation), never to run them.
///
/// Comments are skipped, string escapes decoded (`\"`, `\'`, `\\`, `\n`, `\xHH`, `\uHHHH`).
/// Regular expression literals are not recognised (a `/` is punctuation): the scripts read here
/// rarely have them, and a misread only loses that script's pagination. Never traps on input.
/// Value type; no shared state.
struct ScriptTokenizer {
  /// One token of the script.
  enum Token: Equatable {
    case string(String)
    case number(Double)
    case identifier(String)
    /// One punctuation character (`(`, `,`, `+`, `=`, `{`, ...); `==`, `<=` etc. arrive as two.
    case punct(Character)
  }

  /// The tokens of `script`, at most `limit` of them (a bound for hostile input).
  static func tokens(_ script: Substring, limit: Int = 200_000) -> [Token] {
    var out: [Token] = []
    let s = Array(script.unicodeScalars)
    var i = 0
    while i < s.count, out.count < limit {
      let c = s[i]
      if c.properties.isWhitespace {
        i += 1
      } else if c == "/", i + 1 < s.count, s[i + 1] == "/" {
        while i < s.count, s[i] != "\n", s[i] != "\r" { i += 1 }
      } else if c == "/", i + 1 < s.count, s[i + 1] == "*" {
        i += 2
        while i + 1 < s.count, !(s[i] == "*" && s[i + 1] == "/") { i += 1 }
        i += 2
      } else if c == "\"" || c == "'" || c == "`" {
        let (text, next) = stringLiteral(s, from: i)
        out.append(.string(text))
        i = next
      } else if isDigit(c) || (c == "." && i + 1 < s.count && isDigit(s[i + 1])) {
        var j = i
        while j < s.count, isDigit(s[j]) || s[j] == "." { j += 1 }
        let text = String(String.UnicodeScalarView(s[i..<j]))
        out.append(.number(Double(text) ?? 0))
        i = j
      } else if isIdentifierStart(c) {
        var j = i
        while j < s.count, isIdentifierStart(s[j]) || isDigit(s[j]) { j += 1 }
        out.append(.identifier(String(String.UnicodeScalarView(s[i..<j]))))
        i = j
      } else {
        out.append(.punct(Character(c)))
        i += 1
      }
    }
    return out
  }

  /// A quoted literal starting at `start` (its quote); returns the text and the index after it.
  /// An unterminated literal ends at the line's end.
  private static func stringLiteral(_ s: [Unicode.Scalar], from start: Int) -> (String, Int) {
    let quote = s[start]
    var text = String.UnicodeScalarView()
    var i = start + 1
    while i < s.count {
      let c = s[i]
      if c == quote { return (String(text), i + 1) }
      if (c == "\n" || c == "\r") && quote != "`" { return (String(text), i) }
      if c == "\\", i + 1 < s.count {
        let e = s[i + 1]
        i += 2
        switch e {
        case "n": text.append("\n")
        case "t": text.append("\t")
        case "r": text.append("\r")
        case "x": i = appendHex(s, at: i, digits: 2, into: &text)
        case "u": i = appendHex(s, at: i, digits: 4, into: &text)
        case "\n", "\r": break  // line continuation
        default: text.append(e)
        }
        continue
      }
      text.append(c)
      i += 1
    }
    return (String(text), i)
  }

  /// Appends the scalar of `digits` hex digits at `i` (or nothing when they are not hex).
  private static func appendHex(
    _ s: [Unicode.Scalar], at i: Int, digits: Int, into text: inout String.UnicodeScalarView
  ) -> Int {
    guard i + digits <= s.count else { return i }
    let hex = String(String.UnicodeScalarView(s[i..<(i + digits)]))
    guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { return i }
    text.append(scalar)
    return i + digits
  }

  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

  private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A) || c == "_"
      || c == "$" || c.value >= 0x80 && c.properties.isAlphabetic
  }
}
