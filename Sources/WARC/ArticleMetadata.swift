/// The JSON body of a metadata record written beside an article's response record.
///
/// The crawl writes it; `show` and `export` read it back. Field names are the JSON keys.
public struct ArticleMetadata: Sendable, Codable, Equatable {
  public var charset: String
  public var charset_source: String
  public var title: String
  public var published: String
  public var source: String
  public var author: String
  public var outlinks: Int
  public var extractor: String
  /// The URL of the first archived copy of the same text (a near-duplicate), if any.
  public var duplicate_of: String?

  public init(
    charset: String, charset_source: String, title: String, published: String, source: String,
    author: String, outlinks: Int, extractor: String, duplicate_of: String? = nil
  ) {
    self.charset = charset
    self.charset_source = charset_source
    self.title = title
    self.published = published
    self.source = source
    self.author = author
    self.outlinks = outlinks
    self.extractor = extractor
    self.duplicate_of = duplicate_of
  }
}
