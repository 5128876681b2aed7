import HTML

/// What was learned about one host's template: repeated blocks and watermark phrases.
///
/// Learning (`observe`): every page counts, once per page, a key for each of its text blocks
/// (hash of the block's whitespace-free text with its element and parent tags); every page the
/// single-page analysis calls an article also counts, once per article, its watermark candidates:
/// units of its body paragraphs that start at the paragraph start or after a sentence end and
/// end at whitespace, a sentence end or the paragraph end ("… 内容来自某某网", a standalone
/// "copyright 某某网"), 4–40 characters, up to three whitespace-joined pieces. Derived:
/// - template blocks: keys seen on at least `templateShare` of the pages (and ≥ 4 pages);
/// - watermarks: candidates seen in at least `watermarkShare` of the articles (and ≥
///   `watermarkMinimum` articles), minus leading words that only ever occur before the rest of a
///   longer one. A candidate that reads as a sentence of prose (`isProse`: it ends with a sentence
///   end and has ≥ 10 Han characters) needs `proseShare`: portals reuse sentences of their own
///   text across articles (a stock closing line, a quoted fact), and at 10% of a young model's 20
///   articles (3) such a sentence was learned and cut out of the articles extracted meanwhile
///   (22 sentences of 68 of 300 simulator articles). Watermarks are tag-ons ("内容来自某某网",
///   "copyright 某某网") seen on most articles; reprint-note sentences ("转载请注明出处。") are
///   removed by `WatermarkStripper`'s generic rule. Text that repeats inside one article counts
///   once, so it is never learned.
///
/// `isMature` once `maturityArticles` (20) article pages were observed; the crawl re-extracts
/// earlier pages with the mature model. Size is bounded: each counter table is pruned to half
/// its cap (dropping the rarest entries) when it exceeds the cap, so a 5000-page crawl keeps at
/// most 6000 block keys and 3000 phrases (a JSON model of a few hundred KB at worst).
public struct SiteModel: Sendable, Codable, Equatable {
  public var host: String
  /// Pages observed (all kinds).
  public private(set) var pagesObserved: Int
  /// Of which the single-page analysis judged articles.
  public private(set) var articlesObserved: Int

  /// Per block key, on how many pages it was seen.
  var blockCounts: [UInt64: Int32] = [:]
  /// Per watermark candidate, in how many articles it was seen.
  var phraseCounts: [String: Int32] = [:]

  /// Block keys of the host's template (derived).
  public private(set) var templateBlocks: Set<UInt64> = []
  /// Learned watermark phrases, longest first (derived).
  public private(set) var watermarks: [String] = []

  public static let maturityArticles = 20
  public static let templateShare = 0.3
  public static let watermarkShare = 0.25
  public static let watermarkMinimum = 5
  public static let proseShare = 0.5
  public static let blockCap = 6000
  public static let phraseCap = 3000

  public init(host: String) {
    self.host = host
    self.pagesObserved = 0
    self.articlesObserved = 0
  }

  /// Whether enough pages were seen for the model to be trusted.
  public var isMature: Bool { articlesObserved >= SiteModel.maturityArticles }

  /// Learns from one page of the host.
  ///
  /// Same as `record(SiteModel.observation(of: tree))`.
  public mutating func observe(_ tree: HTMLTree) {
    record(SiteModel.observation(of: tree))
  }

  /// Learns from a libxml2 document of the host (after removing `config.dropXPaths`).
  public mutating func observe(
    _ document: HTMLDocument, config: ExtractionConfig = ExtractionConfig()
  ) {
    observe(ArticleExtractor(config: config).tree(of: document))
  }

  /// What one page contributes to a model; computing it is the expensive part of `observe`.
  ///
  /// Lets a crawl analyse pages on worker threads and only `record` under its lock.
  public struct Observation: Sendable {
    /// The page's block keys, each once.
    public var blockKeys: [UInt64]
    /// The watermark candidates of its paragraphs, each once (empty when not an article).
    public var phrases: [String]
    public var isArticle: Bool
  }

  /// Analyses one page of the host without changing a model (the analysis is kept in the
  /// tree's `derivedCache` for a following `ArticleExtractor.extract`).
  public static func observation(of tree: HTMLTree) -> Observation {
    if let memo = tree.derivedCache as? AnalysisMemo {
      return observation(page: memo.page, raw: memo.analysis)
    }
    let page = PageText(tree)
    let raw = ArticleExtractor().analyse(page: page)
    tree.derivedCache = AnalysisMemo(page: page, analysis: raw)
    return observation(page: page, raw: raw)
  }

  static func observation(page: PageText, raw: PageAnalysis) -> Observation {
    var keys = Set<UInt64>()
    keys.reserveCapacity(page.blocks.count)
    for b in page.blocks { keys.insert(SiteModel.key(of: b, in: page)) }
    var phrases = Set<String>()
    if raw.isArticle {
      for p in raw.paragraphs { SiteModel.candidates(in: p, into: &phrases) }
    }
    return Observation(blockKeys: Array(keys), phrases: Array(phrases), isArticle: raw.isArticle)
  }

  /// Adds one page's observation (cheap: counter updates, occasionally a re-derivation).
  public mutating func record(_ observation: Observation) {
    let wasMature = isMature
    pagesObserved += 1
    for k in observation.blockKeys { blockCounts[k, default: 0] += 1 }
    if observation.isArticle {
      articlesObserved += 1
      for p in observation.phrases { phraseCounts[p, default: 0] += 1 }
    }
    SiteModel.prune(&blockCounts, cap: SiteModel.blockCap)
    SiteModel.prune(&phraseCounts, cap: SiteModel.phraseCap)
    // Re-deriving walks every counter: do it on every page while young, then every 16 pages.
    if pagesObserved <= 64 || pagesObserved % 16 == 0 || isMature != wasMature {
      derive()
    }
  }

  /// Adds what `other` (a model of the same host) learned.
  public mutating func merge(_ other: SiteModel) {
    pagesObserved += other.pagesObserved
    articlesObserved += other.articlesObserved
    for (k, v) in other.blockCounts { blockCounts[k, default: 0] += v }
    for (k, v) in other.phraseCounts { phraseCounts[k, default: 0] += v }
    SiteModel.prune(&blockCounts, cap: SiteModel.blockCap)
    SiteModel.prune(&phraseCounts, cap: SiteModel.phraseCap)
    derive()
  }

  mutating func learn(page: PageText, raw: PageAnalysis) {
    record(SiteModel.observation(page: page, raw: raw))
  }

  /// Marks the template blocks of `page`.
  func markTemplate(_ page: inout PageText) {
    guard !templateBlocks.isEmpty else { return }
    for i in page.blocks.indices
    where templateBlocks.contains(SiteModel.key(of: page.blocks[i], in: page)) {
      page.blocks[i].isTemplate = true
    }
  }

  /// Recomputes `templateBlocks` and `watermarks` from the counters.
  mutating func derive() {
    let blockMin = Int32(max(4, (Double(pagesObserved) * SiteModel.templateShare).rounded(.up)))
    templateBlocks = Set(blockCounts.lazy.filter { $0.value >= blockMin }.map(\.key))
    let articles = Double(articlesObserved)
    let phraseMin = Int32(
      max(Double(SiteModel.watermarkMinimum), (articles * SiteModel.watermarkShare).rounded(.up)))
    let proseMin = max(phraseMin, Int32((articles * SiteModel.proseShare).rounded(.up)))
    let frequent = phraseCounts.filter {
      $0.value >= (SiteModel.isProse($0.key) ? proseMin : phraseMin)
    }
      .sorted {
        $0.key.unicodeScalars.count > $1.key.unicodeScalars.count
          || ($0.key.unicodeScalars.count == $1.key.unicodeScalars.count && $0.key < $1.key)
      }
    var kept: [(String, Int32)] = []
    for (phrase, count) in frequent {
      // A leading piece that (nearly) only occurs before the rest of a longer learned phrase
      // ("copyright" of "copyright 某某网") is not one by itself.
      if kept.contains(where: {
        $0.0.hasPrefix(phrase + " ") && Double(count) <= Double($0.1) * 1.25
      }) {
        continue
      }
      kept.append((phrase, count))
    }
    watermarks = kept.map(\.0)
  }

  /// Whether a watermark candidate reads as a sentence of prose: it ends with a sentence end
  /// (closing quotes and brackets after it allowed) and has at least 10 Han characters.
  static func isProse(_ phrase: String) -> Bool {
    let s = Array(phrase.unicodeScalars)
    var end = s.count
    while end > 0, TextRules.isCloser(s[end - 1]) { end -= 1 }
    guard end > 0, TextRules.isSentenceEnd(s[end - 1]) else { return false }
    return s.reduce(0) { $0 + (TextRules.isCJK($1) ? 1 : 0) } >= 10
  }

  /// Drops the rarest entries of a counter table that grew past `cap`, keeping about cap/2.
  static func prune<K: Hashable>(_ table: inout [K: Int32], cap: Int) {
    guard table.count > cap else { return }
    let counts = table.values.sorted(by: >)
    let threshold = counts[cap / 2]
    table = table.filter { $0.value > threshold }
  }

  /// The template key of a block: its whitespace-free text with its owner's and parent's tags.
  static func key(of b: PageText.Block, in page: PageText) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    let owner = page.elements[Int(b.owner)]
    h = (h ^ UInt64(owner.tag.rawValue)) &* 0x100_0000_01b3
    if owner.parent >= 0 {
      h = (h ^ UInt64(page.elements[Int(owner.parent)].tag.rawValue)) &* 0x100_0000_01b3
    }
    page.bytes.withUnsafeBufferPointer { buf in
      var i = Int(b.start)
      let end = Int(b.end)
      while i < end {
        let c = buf[i]
        if c != 0x20 { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
        i += 1
      }
    }
    return h
  }

  /// The index of the bracket closing the one opening at `i` (within 40 characters), if any.
  static func closingBracket(_ s: [Unicode.Scalar], at i: Int) -> Int? {
    let close: Unicode.Scalar
    switch s[i] {
    case "（": close = "）"
    case "(": close = ")"
    case "【": close = "】"
    case "[": close = "]"
    default: return nil
    }
    var j = i + 1
    while j < s.count, j - i <= 40 {
      if s[j] == close { return j }
      j += 1
    }
    return nil
  }

  /// Adds the watermark candidates of one paragraph (see the type's summary).
  static func candidates(in paragraph: String, into out: inout Set<String>) {
    let s = Array(paragraph.unicodeScalars)
    struct Piece {
      var start: Int
      var end: Int
      var startsUnit: Bool
      var endsUnit: Bool
      var spaceBefore: Bool
    }
    var pieces: [Piece] = []
    var i = 0
    var afterSentence = true
    var space = false
    while i < s.count {
      if HTMLText.isSpace(s[i]) {
        space = true
        i += 1
        continue
      }
      let start = i
      var endsSentence = false
      // A bracketed note right after a sentence end is a unit of its own: "。（本文首发于…）".
      if afterSentence, let close = SiteModel.closingBracket(s, at: i) {
        pieces.append(
          Piece(start: start, end: close + 1, startsUnit: true, endsUnit: true, spaceBefore: space))
        i = close + 1
        afterSentence = true
        space = false
        continue
      }
      while i < s.count, !HTMLText.isSpace(s[i]) {
        if TextRules.isSentenceEnd(s[i]) {
          i += 1
          while i < s.count, TextRules.isCloser(s[i]) || TextRules.isSentenceEnd(s[i]) { i += 1 }
          endsSentence = true
          break
        }
        i += 1
      }
      let endsUnit = endsSentence || i == s.count || HTMLText.isSpace(s[i])
      pieces.append(
        Piece(
          start: start, end: i, startsUnit: afterSentence, endsUnit: endsUnit, spaceBefore: space))
      afterSentence = endsSentence
      space = false
    }
    for a in pieces.indices where pieces[a].startsUnit {
      var text = String.UnicodeScalarView()
      var count = 0
      for b in a..<min(a + 3, pieces.count) {
        let p = pieces[b]
        if b > a {
          if !p.spaceBefore { break }
          text.append(" ")
          count += 1
        }
        text.append(contentsOf: s[p.start..<p.end])
        count += p.end - p.start
        if count > 40 { break }
        guard p.endsUnit, count >= 4 else { continue }
        let cjk = s[pieces[a].start..<p.end].reduce(0) { $0 + (TextRules.isCJK($1) ? 1 : 0) }
        guard cjk >= 2 || count >= 8 else { continue }
        out.insert(String(text))
      }
    }
  }
}

extension SiteModel {
  enum CodingKeys: String, CodingKey {
    case version, host, pagesObserved, articlesObserved, watermarks, templateBlockCount, blocks,
      phrases
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    host = try c.decode(String.self, forKey: .host)
    pagesObserved = try c.decode(Int.self, forKey: .pagesObserved)
    articlesObserved = try c.decode(Int.self, forKey: .articlesObserved)
    let blocks = try c.decodeIfPresent([String: Int32].self, forKey: .blocks) ?? [:]
    for (k, v) in blocks {
      guard let key = UInt64(k, radix: 16) else {
        throw DecodingError.dataCorruptedError(
          forKey: .blocks, in: c, debugDescription: "block key '\(k)' is not hexadecimal")
      }
      blockCounts[key] = v
    }
    phraseCounts = try c.decodeIfPresent([String: Int32].self, forKey: .phrases) ?? [:]
    derive()
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(1, forKey: .version)
    try c.encode(host, forKey: .host)
    try c.encode(pagesObserved, forKey: .pagesObserved)
    try c.encode(articlesObserved, forKey: .articlesObserved)
    // Informative only (recomputed when decoding).
    try c.encode(watermarks, forKey: .watermarks)
    try c.encode(templateBlocks.count, forKey: .templateBlockCount)
    var blocks: [String: Int32] = [:]
    for (k, v) in blockCounts { blocks[String(k, radix: 16)] = v }
    try c.encode(blocks, forKey: .blocks)
    try c.encode(phraseCounts, forKey: .phrases)
  }
}
