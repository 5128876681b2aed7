/// Why bytes could not be read as a sitemap at all (a sitemap that is only partly well-formed is
/// returned with `Sitemap.problem` instead).
public enum SitemapError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Larger than the parser's `maxBytes` (the protocol's limit is 50 MB uncompressed).
  case tooLarge(bytes: Int, limit: Int)
  /// Still gzip-compressed (magic bytes 1f 8b): the caller inflates first.
  case compressed
  /// Well-formed or not, its root element is neither `urlset` nor `sitemapindex`.
  case notASitemap(root: String)
  /// No root element could be read; `message` is libxml2's first error with its line.
  case malformed(message: String)

  public var description: String {
    switch self {
    case .tooLarge(let bytes, let limit):
      "sitemap of \(bytes) bytes is larger than the \(limit)-byte limit"
    case .compressed: "sitemap is still gzip-compressed"
    case .notASitemap(let root): "not a sitemap (root element <\(root)>)"
    case .malformed(let message): "malformed sitemap XML: \(message)"
    }
  }
}
