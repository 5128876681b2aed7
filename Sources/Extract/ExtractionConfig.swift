/// User additions to the learned boilerplate model (from crawl.conf).
public struct ExtractionConfig: Sendable, Equatable {
  /// Phrases always stripped from paragraphs, in addition to learned watermarks.
  public var watermarkPhrases: [String]
  /// XPath expressions whose nodes are removed before extraction.
  public var dropXPaths: [String]

  public init(watermarkPhrases: [String] = [], dropXPaths: [String] = []) {
    self.watermarkPhrases = watermarkPhrases
    self.dropXPaths = dropXPaths
  }
}
