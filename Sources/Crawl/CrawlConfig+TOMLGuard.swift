import Foundation

extension CrawlConfig {
  /// Refuses the table headers that make TOMLKit's parser (toml++ 3) abort the process instead
  /// of reporting an error: a `[` or `[[` header whose name starts with neither a bare-key
  /// character nor a quote (`[中]`, `[.crawl]`, `[=]`, `[[[a]]`, `[` followed by a combining
  /// mark), found by fuzz-conf (Dec 2026). TOML allows only A-Z a-z 0-9 _ - in a bare key, so
  /// such a file is invalid anyway; this names the line as the parser would have.
  ///
  /// Works on Unicode scalars, not Characters: a combining mark after `[` forms one Character
  /// with it, and `\r\n` is one Character, either of which would hide a header from a
  /// Character-level check. Whitespace is skipped as toml++ skips it (any horizontal
  /// whitespace, a byte-order mark at the start). Lines inside multi-line strings (`"""`,
  /// `'''`) are skipped.
  static func checkTableHeaders(_ text: String, file: String) throws {
    var inMultiline: String? = nil
    var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    if let first = lines.first, first.first == "\u{FEFF}" { lines[0] = first.dropFirst() }
    for (index, line) in lines.enumerated() {
      let lineText = String(Substring(line))
      for delimiter in ["\"\"\"", "'''"] {
        let count = lineText.components(separatedBy: delimiter).count - 1
        guard count % 2 == 1 else { continue }
        if inMultiline == nil {
          inMultiline = delimiter
        } else if inMultiline == delimiter {
          inMultiline = nil
        }
      }
      guard inMultiline == nil else { continue }
      try checkHeader(line, number: index + 1, text: lineText, file: file)
    }
  }

  /// Checks one line: if it is a table header, its name must start as TOML allows.
  private static func checkHeader(
    _ line: Substring.UnicodeScalarView, number: Int, text: String, file: String
  ) throws {
    let isSpace: (Unicode.Scalar) -> Bool = { $0 != "\n" && $0 != "\r" && $0.properties.isWhitespace }
    let body = line.drop(while: isSpace)
    guard body.first == "[" else { return }
    var key = body.dropFirst()
    if key.first == "[" { key = key.dropFirst() }
    key = key.drop(while: isSpace)
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
