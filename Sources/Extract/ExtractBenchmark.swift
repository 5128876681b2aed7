import HTML

/// Measures the per-page cost of the content stages on decoded pages, as the crawl and
/// `extract` run them: `HTMLTree` parse, link collection, article extraction, and site-model
/// observation (wired to `extract --benchmark`;
/// never used by tests). Run it alone on an idle machine; times are wall-clock.
public enum ExtractBenchmark {
  /// Microseconds per page for each stage, averaged over `rounds` passes over `pages`
  /// ((text, url) pairs already decoded to Swift Strings).
  public struct Report: Sendable, CustomStringConvertible {
    public var pages: Int
    public var kilobytesPerPage: Double
    public var parse: Double
    public var links: Double
    public var extract: Double
    /// `SiteModel.observe` followed by `extract` of the same tree, as the crawl does.
    public var observe: Double

    public var description: String {
      func f(_ x: Double) -> String {
        String(Int((x * 10).rounded()) / 10) + "." + String(Int((x * 10).rounded()) % 10)
      }
      return
        "pages=\(pages) avg_kb=\(f(kilobytesPerPage)) us_per_page: parse=\(f(parse)) links=\(f(links)) "
        + "extract=\(f(extract)) observe+extract=\(f(observe)) total=\(f(parse + links + extract))"
    }
  }

  public static func run(_ pages: [(text: String, url: String?)], rounds: Int) -> Report {
    let clock = ContinuousClock()
    var parse = Duration.zero
    var links = Duration.zero
    var extract = Duration.zero
    var observe = Duration.zero
    var sink = 0
    let extractor = ArticleExtractor()
    var model = SiteModel(host: "benchmark")
    for _ in 0..<max(rounds, 1) {
      for (text, url) in pages {
        var t0 = clock.now
        let doc = HTMLTree.parse(text, url: url)
        var t1 = clock.now
        parse += t1 - t0
        sink &+= doc.links(texts: false).count
        t0 = clock.now
        links += t0 - t1
        // Standalone extraction (a fresh tree, as `extract` of a saved page).
        let fresh = HTMLTree.parse(text, url: url)
        t1 = clock.now
        let article = extractor.extract(fresh, model: nil)
        t0 = clock.now
        extract += t0 - t1
        sink &+= article.paragraphs.count
        // The crawl's order: observe, then extract the same document (analysis shared).
        model.observe(doc)
        sink &+= extractor.extract(doc, model: nil).paragraphs.count
        t1 = clock.now
        observe += t1 - t0
      }
    }
    let n = Double(pages.count * max(rounds, 1))
    func us(_ d: Duration) -> Double {
      let c = d.components
      return (Double(c.seconds) * 1e6 + Double(c.attoseconds) / 1e12) / max(n, 1)
    }
    let bytes = pages.reduce(0) { $0 + $1.text.utf8.count }
    if sink == -1 { print("") }
    return Report(
      pages: pages.count, kilobytesPerPage: Double(bytes) / 1024 / Double(max(pages.count, 1)),
      parse: us(parse), links: us(links), extract: us(extract), observe: us(observe))
  }
}
