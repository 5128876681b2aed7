import Foundation

/// The bundled sample portal: a deterministic GBK state-portal site plus its ground truth.
///
/// A value type built once from a `SamplePortalConfig` (all article metadata is computed in `init`;
/// pages are rendered on demand by `response(for:headers:)`). Safe to share across threads: the
/// only mutable state is the "first request answers 500" fault, kept behind a lock and shared by
/// copies of the site.
public struct SamplePortalSite: Sendable {
  /// The settings the site was built from.
  public let config: SamplePortalConfig
  /// The path of the home page.
  public var homePath = "/"
  /// Ground truth: every article that exists on `config.day`, oldest first.
  public let articles: [SampleArticle]
  /// Watermark strings the pages inject into article bodies (never part of a clean paragraph).
  public let watermarks: [String]
  /// Navigation labels, box headers, breadcrumbs and footer lines repeated on every page.
  public let boilerplate: [String]

  let sections: [SamplePortalText.Section]
  let models: [ArticleModel]
  let byPath: [String: Int]
  let byID: [Int: Int]
  /// Article indexes per section, newest first.
  let sectionArticles: [[Int]]
  /// Number of day-0 articles (the only ones sidebars may link, so old pages stay stable).
  let baseCount: Int
  /// The article answering 500 on its first request (faults on), as an index into `models`.
  let flakyIndex: Int?
  /// Paths of linked articles that do not exist (faults on).
  let deadLinks: [String]
  /// The article linked through `/old/<id>.htm` from its section's first list page (faults on).
  let movedIndex: Int?
  let faultState = FaultState()
  let pageCache = PageCache()

  /// Items per list page.
  static let pageSize = 20

  /// Builds the site; takes a few milliseconds for hundreds of articles.
  public init(config: SamplePortalConfig = SamplePortalConfig()) {
    self.config = config
    let sectionCount = min(max(config.sections, 1), SamplePortalText.sections.count)
    sections = Array(SamplePortalText.sections.prefix(sectionCount))
    let base = max(config.articles, 1)
    baseCount = base
    let total = base + max(config.day, 0) * max(config.newPerDay, 0)

    var models: [ArticleModel] = []
    models.reserveCapacity(total)
    var writer = ParagraphWriter(seed: config.seed)
    for i in 0..<total {
      models.append(
        Self.makeArticle(i, base: base, config: config, sections: sections, writer: &writer))
    }
    // Later days edit ~5% of the articles that existed before, in (day, index) order.
    if config.day >= 1 {
      for d in 1...config.day {
        for i in models.indices
        where models[i].truth.createdOnDay < d
          && SampleMix.pick(100, config.seed, 7, UInt64(i), UInt64(d)) < 5
        {
          models[i].truth.paragraphs.append(writer.update(article: i, day: d))
          models[i].truth.editedOnDay = d
          models[i].lastModified =
            Self.firstNewDay.adding(d - 1).days * 86400
            + (7 * 60 + SampleMix.pick(120, config.seed, 16, UInt64(i))) * 60
        }
      }
    }

    var perSection = Array(repeating: [Int](), count: sectionCount)
    for m in models { perSection[m.sectionIndex].append(m.index) }
    for i in models.indices {
      models[i].related = Self.related(
        of: models[i], perSection: perSection, base: base, seed: config.seed)
    }
    self.models = models
    sectionArticles = perSection.map { Array($0.reversed()) }
    articles = models.map(\.truth)
    var byPath: [String: Int] = [:]
    var byID: [Int: Int] = [:]
    for m in models {
      byPath[m.truth.path] = m.index
      byID[m.truth.id] = m.index
    }
    self.byPath = byPath
    self.byID = byID

    if config.faults {
      flakyIndex = min(5, base - 1)
      deadLinks = (0..<2).map { k in
        "/\(SamplePortalText.sections[k % sectionCount].slug)/200907/t2009070\(k + 1)_\(99001 + k).htm"
      }
      let first = perSection[0].reversed().prefix(3)
      movedIndex = first.count == 3 ? first.last : nil
    } else {
      flakyIndex = nil
      deadLinks = []
      movedIndex = nil
    }

    let t = SamplePortalText.self
    watermarks = [
      t.siteName, String(t.watermarkTail.dropFirst()), t.watermarkCopyright, t.hiddenSpanText,
      t.hiddenFontText,
    ]
    boilerplate =
      [t.headerLine, "首页"] + sections.map(\.name) + t.channels.map(\.label)
      + sections.map { Self.crumbText($0.name) }
      + ["栏目导航", "推荐内容", "热点内容", "相关链接", "友情链接", "附件下载", "站内搜索", t.specialBox]
      + t.specialItems + t.footer + [t.printLine]
  }

  /// Every list page path (`/<section>/index.html`, `index_2.html`, …), section by section.
  public var listPaths: [String] {
    sections.indices.flatMap { k in (1...pageCount(k)).map { listPath(k, $0) } }
  }

  /// Linked article paths that answer 404 (faults on; empty otherwise).
  public var deadLinkPaths: [String] { deadLinks }

  /// The article path that answers 500 on its first request, 200 after (faults on).
  public var flakyPath: String? { flakyIndex.map { models[$0].truth.path } }

  /// Linked paths answering a redirect, mapped to their `Location` path (faults on): the
  /// `/old/<id>.htm` 301 and the `/loop/a` ↔ `/loop/b` 302 loop.
  public var redirectPaths: [String: String] {
    guard config.faults else { return [:] }
    var out = ["/loop/a": "/loop/b", "/loop/b": "/loop/a"]
    if let i = movedIndex { out["/old/\(models[i].truth.id).htm"] = models[i].truth.path }
    return out
  }

  /// The breadcrumb line as text: `当前位置：<site> > <section> >`.
  static func crumbText(_ section: String) -> String {
    "当前位置：\(SamplePortalText.siteName) > \(section) >"
  }

  /// Days since the epoch of 2009-10-01, the first day after the base articles.
  static let firstNewDay = SampleDate(year: 2009, month: 10, day: 1)
  static let firstBaseDay = SampleDate(year: 2008, month: 1, day: 1)
  static let lastBaseDay = SampleDate(year: 2009, month: 9, day: 30)

  private static func makeArticle(
    _ i: Int, base: Int, config: SamplePortalConfig, sections: [SamplePortalText.Section],
    writer: inout ParagraphWriter
  ) -> ArticleModel {
    let seed = config.seed
    let u = UInt64(i)
    let t = SamplePortalText.self
    let date: SampleDate
    let createdOnDay: Int
    if i < base {
      let span = lastBaseDay.days - firstBaseDay.days
      date = firstBaseDay.adding(base > 1 ? i * span / (base - 1) : 0)
      createdOnDay = 0
    } else {
      let k = (i - base) / max(config.newPerDay, 1)
      date = firstNewDay.adding(k)
      createdOnDay = k + 1
    }
    let sectionIndex: Int
    if i < sections.count {
      sectionIndex = i
    } else {
      let totalWeight = sections.reduce(0) { $0 + $1.weight }
      var r = SampleMix.pick(totalWeight, seed, 2, u)
      var s = 0
      while r >= sections[s].weight {
        r -= sections[s].weight
        s += 1
      }
      sectionIndex = s
    }
    let id = 20000 + i * 7 + SampleMix.pick(5, seed, 1, u)
    let path =
      "/\(sections[sectionIndex].slug)/\(date.yearMonth)/t\(date.compact)_\(id).htm"

    let count = 4 + SampleMix.pick(5, seed, 4, u)
    let paragraphs = writer.body(article: i, count: count)
    let minute = 8 * 60 + SampleMix.pick(600, seed, 6, u)
    let wm = (0..<count).map { j -> Int in
      let r = SampleMix.pick(100, seed, 8, u, UInt64(j))
      return r < 30 ? 1 : (r < 40 ? 2 : 0)
    }
    let truth = SampleArticle(
      path: path, id: id, section: sections[sectionIndex].slug, title: title(i, seed: seed),
      date: date.iso, source: t.sources[SampleMix.pick(t.sources.count, seed, 5, u)],
      author: t.authors[SampleMix.pick(t.authors.count, seed, 17, u)], paragraphs: paragraphs,
      createdOnDay: createdOnDay, editedOnDay: nil,
      hasAttachment: SampleMix.pick(3, seed, 11, u) == 0)
    return ArticleModel(
      index: i, truth: truth, sectionIndex: sectionIndex, date: date, minuteOfDay: minute,
      dateStyle: SampleMix.pick(3, seed, 12, u), lastModified: date.days * 86400 + minute * 60,
      paragraphWatermarks: wm,
      copyrightAfterFirst: count >= 2 && SampleMix.pick(3, seed, 9, u) == 0,
      hidden: SampleMix.pick(4, seed, 10, u), related: [])
  }

  /// The headline of article `i`: place + topic + event, distinct for the first 5760 articles.
  static func title(_ i: Int, seed: UInt64) -> String {
    let t = SamplePortalText.self
    let m = t.places.count * t.topics.count * t.events.count
    let k = (i % m * 1693 + Int(SampleMix.hash(seed, 3) % UInt64(m))) % m
    let place = t.places[k % t.places.count]
    let topic = t.topics[(k / t.places.count) % t.topics.count]
    let event = t.events[k / (t.places.count * t.topics.count)]
    let suffix = i >= m ? "（之\(i / m + 1)）" : ""
    return place + topic + event + suffix
  }

  /// 5–10 related articles that never change once `a` exists: older ones of its section, then
  /// base articles.
  private static func related(
    of a: ArticleModel, perSection: [[Int]], base: Int, seed: UInt64
  ) -> [Int] {
    let want = 5 + SampleMix.pick(6, seed, 13, UInt64(a.index))
    var out: [Int] = []
    let same = perSection[a.sectionIndex]
    for j in same.reversed() where j < a.index && out.count < want { out.append(j) }
    for j in same where j > a.index && j < base && out.count < want { out.append(j) }
    var k = 0
    while out.count < want && k < base {
      let j = (a.index + 1 + k * 7) % base
      if j != a.index && !out.contains(j) { out.append(j) }
      k += 1
    }
    return out
  }

  /// `n` base articles picked by `salt` (distinct, excluding `exclude`).
  func picks(_ n: Int, salt: UInt64, exclude: Int = -1) -> [Int] {
    var out: [Int] = []
    var k: UInt64 = 0
    while out.count < min(n, baseCount - (exclude >= 0 && exclude < baseCount ? 1 : 0)) && k < 200 {
      let j = SampleMix.pick(baseCount, config.seed, 14, salt, k)
      if j != exclude && !out.contains(j) { out.append(j) }
      k += 1
    }
    return out
  }
}
