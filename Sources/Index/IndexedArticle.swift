import Foundation
import WARC

/// One article as the search index stores it: the latest archived capture of its URL.
///
/// Built by the crawl when it writes an article's records (`ArchiveSink`) and by
/// `index --rebuild` from the WARC files (`init(archived:)`); both give the same values for
/// the same records. `title` and `text` are stored after `TextNormalizer.fold` (full-width
/// letters and digits as ASCII), which is what search matches and snippets show.
public struct IndexedArticle: Sendable, Equatable {
  public var url: String
  /// Lower-case host of `url`, without port or user info.
  public var host: String
  public var title: String
  /// As extracted (usually `YYYY-MM-DD`, sometimes with a time); "" when unknown.
  public var published: String
  public var source: String
  public var author: String
  /// WARC-Date of the capture (`YYYY-MM-DDThh:mm:ssZ`).
  public var fetched: String
  /// The response record's WARC file, relative to the archive root, and its offset there.
  public var warcFile: String
  public var warcOffset: Int64
  /// The article text, paragraphs separated by "\n".
  public var text: String

  public init(
    url: String, title: String, published: String, source: String, author: String,
    fetched: String, warcFile: String, warcOffset: Int64, text: String
  ) {
    self.url = url
    self.host = Self.host(of: url)
    self.title = TextNormalizer.fold(title)
    self.published = published
    self.source = source
    self.author = author
    self.fetched = fetched
    self.warcFile = warcFile
    self.warcOffset = warcOffset
    self.text = TextNormalizer.fold(text)
  }

  /// The entry of an article read back from the archive.
  public init(archived a: ArchivedArticle) {
    self.init(
      url: a.url, title: a.metadata.title, published: a.metadata.published,
      source: a.metadata.source, author: a.metadata.author, fetched: a.fetched,
      warcFile: a.warcFile, warcOffset: a.warcOffset, text: a.text)
  }

  /// The lower-case host of an absolute URL: between "://" (or the start) and the first of
  /// "/", "?", "#"; user info and port dropped.
  public static func host(of url: String) -> String {
    var rest = Substring(url)
    if let r = rest.range(of: "://") { rest = rest[r.upperBound...] }
    if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
      rest = rest[..<end]
    }
    if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
    if rest.hasPrefix("[") {
      if let close = rest.firstIndex(of: "]") { rest = rest[...close] }
    } else if let colon = rest.lastIndex(of: ":") {
      rest = rest[..<colon]
    }
    return rest.lowercased()
  }
}
