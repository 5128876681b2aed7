import Foundation

extension CrawlConfig {
  /// Refuses the table headers that make TOMLKit's parser (toml++ 3) abort the process instead
  /// of reporting an error: a `[` or `[[` header whose name starts with neither a bare-key
  /// character nor a quote (`[中]`, `[.crawl]`, `[=]`, `[[[a]]`, `[` followed by a combining
  /// mark), found by fuzz-conf (Dec 2026). TOML allows only A-Z a-z 0-9 _ - in a bare key, so
  /// such a file is invalid anyway; this names the line as the parser would have.
  ///
  /// A small lexer finds the headers as TOML does: a `[` first on a line (after whitespace)
  /// outside strings, comments and arrays. toml++ stops at the first error, so it can only reach
  /// a header after a valid prefix, where this lexer agrees with it; it need not be right about
  /// invalid text. It works on Unicode scalars, not Characters: a combining mark after `[`
  /// forms one Character with it, and `\r\n` is one Character. Whitespace is skipped as toml++
  /// skips it (any horizontal whitespace, a byte-order mark at the start).
  static func checkTableHeaders(_ text: String, file: String) throws {
    var lexer = TOMLHeaderLexer(Array(text.unicodeScalars))
    while let header = lexer.nextHeader() {
      try checkHeader(header.line, number: header.number, file: file)
    }
    if let bad = lexer.badStart {
      let what = bad.isKey ? "a key inside { }" : "a value"
      throw ConfigError(
        file: file,
        "line \(bad.number): \(what) cannot start with '\(bad.scalar.escaped(asASCII: true))'")
    }
  }

  /// Checks one header line: its name must start as TOML allows.
  private static func checkHeader(_ line: ArraySlice<Unicode.Scalar>, number: Int, file: String)
    throws
  {
    var key = line.drop(while: TOMLHeaderLexer.isSpace).dropFirst()
    if key.first == "[" { key = key.dropFirst() }
    // Inside the brackets only what toml++ surely skips (a vertical tab it does not).
    key = key.drop { $0 == " " || $0 == "\t" }
    var text = ""
    text.unicodeScalars.append(contentsOf: line)
    let shown = text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(120)
    // A blank name (`[]`) toml++ reports itself; an unfinished `[` at the end of a line it
    // does not.
    guard let first = key.first, first != "\r" else {
      throw ConfigError(file: file, "line \(number) (`\(shown)`): a table header without a name")
    }
    let bare = first.isASCII && (first.properties.isAlphabetic || ("0"..."9").contains(first)
      || first == "_" || first == "-")
    guard !bare, first != "\"", first != "'", first != "]" else { return }
    throw ConfigError(
      file: file,
      "line \(number) (`\(shown)`): a table name must be quoted or start with A-Z, a-z,"
        + " 0-9, _ or -, not '\(first.escaped(asASCII: true))'")
  }
}

/// Finds TOML table-header lines: strings (basic, literal, multi-line), comments and arrays
/// are stepped over. A value type used by one call; no state outlives it.
struct TOMLHeaderLexer {
  /// A header line (without its newline) and its 1-based number.
  struct Header {
    var line: ArraySlice<Unicode.Scalar>
    var number: Int
  }

  private let text: [Unicode.Scalar]
  private var index = 0
  private var lineNumber = 1
  private var lineStart = 0
  /// `[` of arrays open at this point (headers only happen at depth 0).
  private var depth: Int { open.count { $0 == "[" } }
  /// The arrays (`[`) and inline tables (`{`) open at this point, innermost last.
  private var open: [Unicode.Scalar] = []
  /// What the next token must be: a value (after `=`, `[` or `,` in an array) or a key (after
  /// `{` or `,` in an inline table). toml++ asserts, rather than reports, on a token that can
  /// start neither (`x = [}`, found by fuzz-conf).
  private var expecting: Expectation = .nothing
  private enum Expectation { case nothing, value, key }
  /// The first token found where a value or key had to start and none can; the scan stops there.
  private(set) var badStart: (scalar: Unicode.Scalar, number: Int, isKey: Bool)?

  init(_ text: [Unicode.Scalar]) {
    self.text = text
    if text.first == "\u{FEFF}" { index = 1 }
    lineStart = index
  }

  /// Horizontal whitespace as toml++ skips it.
  static func isSpace(_ c: Unicode.Scalar) -> Bool {
    c != "\n" && c != "\r" && c.properties.isWhitespace
  }

  /// The next header line, nil at the end of the text.
  mutating func nextHeader() -> Header? {
    var onlySpaceSoFar = true
    while index < text.count {
      let c = text[index]
      if c == "\n" {
        newLine()
        onlySpaceSoFar = true
        continue
      }
      if onlySpaceSoFar, Self.isSpace(c) {
        index += 1
        continue
      }
      if expecting != .nothing, c != " ", c != "\t", c != "\r", c != "#" {
        guard startsExpected(c) else {
          badStart = (c, lineNumber, expecting == .key)
          return nil
        }
        expecting = .nothing
      }
      if onlySpaceSoFar, c == "[", depth == 0 {
        let start = lineStart
        skipToEndOfLine()
        return Header(line: text[start..<index], number: lineNumber)
      }
      onlySpaceSoFar = false
      step(c)
    }
    return nil
  }

  private mutating func newLine() {
    index += 1
    lineNumber += 1
    lineStart = index
  }

  private mutating func skipToEndOfLine() {
    while index < text.count, text[index] != "\n" { index += 1 }
  }

  /// Whether `c` can start what is expected: a TOML value (string, array, inline table,
  /// number, date, bool, inf, nan; `]` ends an array) or an inline table's key (bare, quoted;
  /// `}` ends the table).
  private func startsExpected(_ c: Unicode.Scalar) -> Bool {
    let ascii = c.isASCII
    if expecting == .key {
      return c == "}" || c == "\"" || c == "'" || c == "_" || c == "-"
        || (ascii && (c.properties.isAlphabetic || ("0"..."9").contains(c)))
    }
    if c == "]", open.last == "[" { return true }
    return "\"'[{+-tfin".unicodeScalars.contains(c) || ("0"..."9").contains(c)
  }

  /// Steps over one token that starts with `c` outside strings.
  private mutating func step(_ c: Unicode.Scalar) {
    switch c {
    case "#": skipToEndOfLine()
    case "=": expecting = open.last == "[" ? .nothing : .value; index += 1
    case "[": open.append("["); expecting = .value; index += 1
    case "{": open.append("{"); expecting = .key; index += 1
    case ",":
      expecting = open.last == "[" ? .value : open.last == "{" ? .key : .nothing
      index += 1
    case "]", "}":
      if open.last == (c == "]" ? "[" : "{") { open.removeLast() }
      index += 1
    case "\"", "'":
      if startsWith(c, count: 3) {
        index += 3
        skipMultiline(quote: c)
      } else {
        index += 1
        skipString(quote: c)
      }
    default: index += 1
    }
  }

  private func startsWith(_ c: Unicode.Scalar, count: Int) -> Bool {
    index + count <= text.count && text[index..<(index + count)].allSatisfy { $0 == c }
  }

  /// A one-line string: ends at its quote or, unterminated, before the newline.
  private mutating func skipString(quote: Unicode.Scalar) {
    while index < text.count, text[index] != "\n" {
      let c = text[index]
      index += 1
      if c == quote { return }
      if c == "\\", quote == "\"", index < text.count, text[index] != "\n" { index += 1 }
    }
  }

  /// A multi-line string: ends after its three quotes; newlines inside are counted.
  private mutating func skipMultiline(quote: Unicode.Scalar) {
    while index < text.count {
      if startsWith(quote, count: 3) {
        index += 3
        return
      }
      let c = text[index]
      if c == "\n" {
        newLine()
        continue
      }
      index += 1
      if c == "\\", quote == "\"", index < text.count, text[index] != "\n" { index += 1 }
    }
  }
}
