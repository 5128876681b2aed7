/// Settings of the bundled sample portal; every page is a pure function of these values.
///
/// A value type, freely shared across threads. Sizes are in bytes, durations in seconds.
public struct SamplePortalConfig: Sendable, Equatable {
  /// How many articles exist on day 0 (the "base" articles, dated 2008-01-01 … 2009-09-30).
  public var articles: Int
  /// How many sections the site has (clamped to 1…4; the portal is designed for 3–4).
  public var sections: Int
  /// Seed of every deterministic choice (titles, paragraphs, sections, watermarks).
  public var seed: UInt64
  /// The crawl day: day D adds D × `newPerDay` newer articles and edits ~5% of older pages per day.
  public var day: Int
  /// New articles published per day after day 0.
  public var newPerDay: Int
  /// Whether the fault pages (404, flaky 500, 301, 302 loop, slow, huge, offsite) are linked.
  public var faults: Bool
  /// How long `/slow.htm` waits before answering, in seconds.
  public var slowSeconds: Double
  /// Size of `/huge.htm`, in bytes.
  public var hugeBytes: Int

  public init(
    articles: Int = 40, sections: Int = 4, seed: UInt64 = 1, day: Int = 0, newPerDay: Int = 3,
    faults: Bool = false, slowSeconds: Double = 3, hugeBytes: Int = 3 * 1024 * 1024
  ) {
    self.articles = articles
    self.sections = sections
    self.seed = seed
    self.day = day
    self.newPerDay = newPerDay
    self.faults = faults
    self.slowSeconds = slowSeconds
    self.hugeBytes = hugeBytes
  }
}
