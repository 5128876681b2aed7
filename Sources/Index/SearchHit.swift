/// One ranked result of a search.
public struct SearchHit: Sendable, Equatable {
  public var url: String
  public var host: String
  public var title: String
  public var published: String
  public var source: String
  public var author: String
  public var fetched: String
  public var warcFile: String
  public var warcOffset: Int64
  /// BM25 of the hit, negated as FTS5's bm25() is (lower is better); 0 for queries answered
  /// by a scan.
  public var score: Double
  public var snippet: Snippet
}

/// A short passage of an article around its first hit, as pieces marked hit or not.
public struct Snippet: Sendable, Equatable {
  public struct Piece: Sendable, Equatable {
    public var text: String
    public var isHit: Bool
  }

  public var pieces: [Piece]
  /// Whether text was cut before / after the passage.
  public var cutBefore: Bool
  public var cutAfter: Bool

  /// The passage with hits between `open` and `close` and "…" where text was cut.
  public func marked(open: String = "«", close: String = "»") -> String {
    var s = cutBefore ? "…" : ""
    for p in pieces { s += p.isHit ? open + p.text + close : p.text }
    if cutAfter { s += "…" }
    return s
  }
}
