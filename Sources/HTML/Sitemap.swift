/// A parsed sitemap (sitemaps.org protocol 0.9): a URL set, an index of sitemaps, or a text
/// sitemap (one URL a line).
///
/// A plain value made by `SitemapParser`; it holds the `<loc>` texts as written (trimmed, not
/// resolved or canonicalised: the caller does that, as it does for links).
public struct Sitemap: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable {
    /// `<urlset>`: pages (`entries` are `<url>` elements).
    case urlset
    /// `<sitemapindex>`: other sitemaps (`entries` are `<sitemap>` elements).
    case index
    /// A text file of URLs, one a line.
    case text
  }

  public var kind: Kind
  /// The entries in document order, at most the parser's `maxEntries`.
  public var entries: [SitemapEntry]
  /// Entries found beyond `maxEntries` (counted, not kept).
  public var omitted: Int
  /// The first XML error, when the document is not well-formed: the entries before it are kept
  /// (a sitemap cut short still yields its first URLs).
  public var problem: String?

  public init(kind: Kind, entries: [SitemapEntry] = [], omitted: Int = 0, problem: String? = nil) {
    self.kind = kind
    self.entries = entries
    self.omitted = omitted
    self.problem = problem
  }
}

/// One `<url>` or `<sitemap>` element: its `<loc>` and, when present and valid, its `<lastmod>`.
public struct SitemapEntry: Sendable, Equatable {
  public var loc: String
  public var lastmod: SitemapDate?

  public init(loc: String, lastmod: SitemapDate? = nil) {
    self.loc = loc
    self.lastmod = lastmod
  }
}
