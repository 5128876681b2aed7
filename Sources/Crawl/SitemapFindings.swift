import HTML

/// What the content pipeline read from one sitemap response: its canonical URLs with their
/// `<lastmod>` (unix seconds), or why nothing could be read.
///
/// Made on a worker thread (`Crawler.readSitemap`), applied on the engine queue.
struct SitemapFindings: Sendable {
  struct Entry: Sendable, Equatable {
    var url: String
    var lastmod: Int64?
  }

  /// nil when the body could not be read as a sitemap (`problem` says why).
  var kind: Sitemap.Kind?
  /// Canonical URLs in document order, without duplicates.
  var entries: [Entry] = []
  /// Entries beyond the parser's limit, and `<loc>`s that are not URLs.
  var omitted = 0
  /// A decoding or XML problem (the entries before an XML error are kept).
  var problem: String?
}
