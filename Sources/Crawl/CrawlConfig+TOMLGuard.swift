import Foundation

extension CrawlConfig {
  /// Refuses the table headers that make TOMLKit's parser (toml++ 3) abort the process instead
  /// of reporting an error: a `[` or `[[` header whose name starts with neither a bare-key
  /// character nor a quote (`[中]`, `[.crawl]`, `[=]`, `[[[a]]`), found by fuzz-conf (Dec 2026).
  /// TOML allows only A-Z a-z 0-9 _ - in a bare key, so such a file is invalid anyway; this
  /// names the line as the parser would have.
  ///
  /// Lines inside multi-line strings (`"""`, `'''`) are skipped.
  static func checkTableHeaders(_ text: String, file: String) throws {
    var inMultiline: Substring? = nil
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      for delimiter in ["\"\"\"", "'''"] {
        let count = line.components(separatedBy: delimiter).count - 1
        guard count % 2 == 1 else { continue }
        if inMultiline == nil {
          inMultiline = Substring(delimiter)
        } else if inMultiline == Substring(delimiter) {
          inMultiline = nil
        }
      }
      guard inMultiline == nil else { continue }
      let body = line.drop { $0 == " " || $0 == "\t" }
      guard body.first == "[" else { continue }
      var key = body.dropFirst()
      if key.first == "[" { key = key.dropFirst() }
      key = key.drop { $0 == " " || $0 == "\t" }
      let shown = line.trimmingCharacters(in: .whitespaces).prefix(120)
      // A blank name (`[]`) toml++ reports itself; an unfinished `[` at the end of a line it
      // does not.
      guard let first = key.first, first != "\r" else {
        throw ConfigError(file: file, "line \(index + 1) (`\(shown)`): a table header without a name")
      }
      let bare = first.isASCII && (first.isLetter || first.isNumber || first == "_" || first == "-")
      guard !bare, first != "\"", first != "'", first != "]" else { continue }
      throw ConfigError(
        file: file,
        "line \(index + 1) (`\(shown)`): a table name must be quoted or start with A-Z, a-z,"
          + " 0-9, _ or -, not '\(first)'")
    }
  }
}
