/// What parsing one robots.txt body found, counted as Google's parse-handler tests count it.
///
/// A value type owned by whoever asked for it (`RobotsTxt.report(bytes:)`); RobotsTxt fills one
/// while parsing and keeps only its sitemaps. Line numbers are 1-based and count CR, LF and CRLF
/// as one line end each; a byte order mark at the start is not a line of its own.
public struct RobotsTxtReport: Sendable, Equatable {
  /// Directives RobotsTxt reads: User-agent, Allow, Disallow, Sitemap and Crawl-delay lines
  /// (empty values included).
  public var validDirectives = 0
  /// "key: value" lines whose key names no directive RobotsTxt reads (garbage keys included).
  public var unknownDirectives = 0
  /// The number of the last line holding a directive, known or not; 0 when there is none.
  public var lastLineSeen = 0
  /// The non-empty Sitemap values, in file order.
  public var sitemaps: [String] = []

  public init() {}

  /// Counts one directive found on line `line`.
  mutating func count(_ directive: RobotsTxt.Directive, line: Int) {
    if directive == .other {
      unknownDirectives += 1
    } else {
      validDirectives += 1
    }
    lastLineSeen = line
  }
}
