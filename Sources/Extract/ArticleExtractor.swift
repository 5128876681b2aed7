// STUB: to be replaced by the real extractor.
import HTML

/// Extracts the article (title, date, source, author, body) from a parsed page.
public struct ArticleExtractor: Sendable {
  public var config: ExtractionConfig

  public init(config: ExtractionConfig = ExtractionConfig()) {
    self.config = config
  }

  /// Extracts the article of `document`, using the host's learned model when given.
  public func extract(_ document: HTMLDocument, model: SiteModel? = nil) -> Article {
    Article()
  }
}
