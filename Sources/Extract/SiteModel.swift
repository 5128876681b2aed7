// STUB: to be replaced by site-level template and watermark learning.
import HTML

/// What was learned about one host's template: repeated blocks and watermark phrases.
public struct SiteModel: Sendable, Codable, Equatable {
  public var host: String
  public var pagesObserved: Int

  public init(host: String) {
    self.host = host
    self.pagesObserved = 0
  }

  /// Whether enough pages were seen for the model to be trusted.
  public var isMature: Bool { pagesObserved >= 20 }

  /// Learns from one page of the host.
  public mutating func observe(_ document: HTMLDocument) {
    pagesObserved += 1
  }
}
