/// An article extracted from a page: metadata and clean body paragraphs.
public struct Article: Sendable, Codable, Equatable {
  public var title: String
  /// ISO 8601 as written on the page ("2009-05-15" or "2009-05-15T10:23"), empty when none.
  public var published: String
  public var source: String
  public var author: String
  public var paragraphs: [String]
  /// Whether the page looks like an article (and not a list, home or channel page).
  public var isArticle: Bool

  /// The paragraphs joined with "\n".
  public var text: String { paragraphs.joined(separator: "\n") }

  public init(
    title: String = "", published: String = "", source: String = "", author: String = "",
    paragraphs: [String] = [], isArticle: Bool = false
  ) {
    self.title = title
    self.published = published
    self.source = source
    self.author = author
    self.paragraphs = paragraphs
    self.isArticle = isArticle
  }
}
