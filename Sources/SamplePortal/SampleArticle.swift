/// Ground truth for one article of the sample portal: what a perfect extractor should return.
public struct SampleArticle: Sendable, Equatable, Codable {
  /// The article page's path on the portal, e.g. `/gqzx/200905/t20090515_20123.htm`.
  public var path: String
  /// The numeric id in the path (also used by `/img/<id>.jpg` and `/files/<id>.pdf`).
  public var id: Int
  /// The section slug, e.g. `gqzx`.
  public var section: String
  /// The headline, exactly as in the page's heading.
  public var title: String
  /// Publication date, `YYYY-MM-DD`.
  public var date: String
  /// The "来源" (source) of the article.
  public var source: String
  /// The "作者" (author) of the article.
  public var author: String
  /// The body paragraphs: clean text, no watermark, no indentation.
  public var paragraphs: [String]
  /// The day the article first appeared (0 for the base articles).
  public var createdOnDay: Int
  /// The last day the article's page changed (an appended paragraph), or nil if never.
  public var editedOnDay: Int?
  /// Whether the page links a PDF attachment at `/files/<id>.pdf`.
  public var hasAttachment: Bool

  public init(
    path: String, id: Int, section: String, title: String, date: String, source: String,
    author: String, paragraphs: [String], createdOnDay: Int, editedOnDay: Int?,
    hasAttachment: Bool
  ) {
    self.path = path
    self.id = id
    self.section = section
    self.title = title
    self.date = date
    self.source = source
    self.author = author
    self.paragraphs = paragraphs
    self.createdOnDay = createdOnDay
    self.editedOnDay = editedOnDay
    self.hasAttachment = hasAttachment
  }
}
