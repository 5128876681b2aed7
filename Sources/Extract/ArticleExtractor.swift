import HTML

/// Extracts the article (title, date, source, author, body) from a parsed page.
///
/// Single-page method: the page is linearised into text blocks (hidden and non-content elements
/// dropped, see `PageText`); every element is scored by the prose it contains (characters of
/// blocks with low link density and Chinese punctuation) minus the link text and furniture it
/// contains, and the best-scoring element is the content container. Its blocks, minus link
/// lists, furniture lines (breadcrumbs, print/close, share, prev/next, footers), metadata lines,
/// the repeated title and anything after a related-links heading, are the paragraphs. The title
/// is the heading that agrees with `<title>` (site suffix stripped); date, source and author are
/// read from the lines between the title and the body. With a mature `SiteModel`, blocks of the
/// host's template are dropped before scoring and learned watermark phrases are stripped.
///
/// Threading: the extractor is a value and `Sendable`; one tree or document must not be used by
/// two threads at once (the analysis is cached in it). `dropXPaths` mutates a libxml2 document
/// (the nodes are removed).
public struct ArticleExtractor: Sendable {
  public var config: ExtractionConfig

  public init(config: ExtractionConfig = ExtractionConfig()) {
    self.config = config
  }

  /// Extracts the article of `tree`, using the host's learned model when given.
  ///
  /// `config.dropXPaths` are not applied here (XPath needs libxml2's DOM): a tree made by
  /// `parse(utf8:url:)` or `tree(of:)` already had them applied.
  public func extract(_ tree: HTMLTree, model: SiteModel? = nil) -> Article {
    if let memo = tree.derivedCache as? AnalysisMemo {
      // Observed just before: reuse the linearised page (and, without a model, its analysis).
      var page = memo.page
      return extract(page: &page, model: model, raw: model == nil ? memo.analysis : nil)
    }
    var page = PageText(tree)
    return extract(page: &page, model: model)
  }

  /// Observes `tree` into `model`, then extracts it (with the model once it is mature).
  ///
  /// Equivalent to `model.observe(tree)` followed by `extract(tree, model: model.isMature
  /// ? model : nil)`, but linearises the page once.
  public func extract(_ tree: HTMLTree, learningInto model: inout SiteModel) -> Article {
    var page = PageText(tree)
    let raw = analyse(page: page)
    model.learn(page: page, raw: raw)
    return extract(page: &page, model: model.isMature ? model : nil)
  }

  /// Extracts a libxml2 `document` after removing `config.dropXPaths` from it.
  public func extract(_ document: HTMLDocument, model: SiteModel? = nil) -> Article {
    extract(tree(of: document), model: model)
  }

  /// `extract(_:learningInto:)` for a libxml2 `document` (drop rules applied first).
  public func extract(_ document: HTMLDocument, learningInto model: inout SiteModel) -> Article {
    extract(tree(of: document), learningInto: &model)
  }

  /// Parses a decoded page (UTF-8 bytes) for extraction, with its outlinks taken before any
  /// drop rule.
  ///
  /// Without `config.dropXPaths` the fast `HTMLTree` parser is used; XPath rules need libxml2's
  /// DOM, so with them the page is parsed by libxml2, its links read, the rules applied and the
  /// DOM copied into a tree.
  public func parse(utf8 html: [UInt8], url: String?, linkTexts: Bool = false) -> (
    tree: HTMLTree, links: [Link]
  ) {
    if config.dropXPaths.isEmpty {
      let tree = html.withUnsafeBufferPointer { HTMLTree.parse(utf8: $0, url: url) }
      return (tree, tree.links(texts: linkTexts))
    }
    let document = HTMLDocument(utf8: html, url: url)
    let links = document.links()
    return (tree(of: document), links)
  }

  /// `parse(utf8:url:linkTexts:)` for a String.
  public func parse(_ html: String, url: String?, linkTexts: Bool = false) -> (
    tree: HTMLTree, links: [Link]
  ) {
    parse(utf8: Array(html.utf8), url: url, linkTexts: linkTexts)
  }

  /// The tree of `document` once `config.dropXPaths` are removed (copied once per edit state:
  /// kept in the document's `derivedCache`).
  public func tree(of document: HTMLDocument) -> HTMLTree {
    applyDropXPaths(document)
    if let cached = document.derivedCache as? DocumentTree,
      cached.mutationCount == document.mutationCount
    {
      return cached.tree
    }
    let tree = HTMLTree(document: document)
    document.derivedCache = DocumentTree(mutationCount: document.mutationCount, tree: tree)
    return tree
  }

  func applyDropXPaths(_ document: HTMLDocument) {
    for expression in config.dropXPaths {
      // An invalid expression drops nothing; `ExtractionConfig.validate()` reports it.
      _ = try? document.removeNodes(matchingXPath: expression)
    }
  }

  func extract(page: inout PageText, model: SiteModel?, raw: PageAnalysis? = nil) -> Article {
    if let model { model.markTemplate(&page) }
    return article(from: raw ?? analyse(page: page), model: model)
  }

  /// The article of an analysed page, with configured and learned watermarks stripped.
  func article(from result: PageAnalysis, model: SiteModel?) -> Article {
    let stripper = WatermarkStripper(
      configured: config.watermarkPhrases, learned: model?.watermarks ?? [],
      siteName: result.siteName)
    var paragraphs: [String] = []
    paragraphs.reserveCapacity(result.paragraphs.count)
    for p in result.paragraphs {
      let clean = stripper.strip(p)
      if !clean.isEmpty { paragraphs.append(clean) }
    }
    return Article(
      title: result.title, published: result.published, source: result.source,
      author: result.author, paragraphs: paragraphs, isArticle: result.isArticle)
  }
}

/// The linearised page and model-free analysis of a tree, kept in its `derivedCache` between
/// `SiteModel.observe` and `ArticleExtractor.extract`.
final class AnalysisMemo {
  let page: PageText
  let analysis: PageAnalysis

  init(page: PageText, analysis: PageAnalysis) {
    self.page = page
    self.analysis = analysis
  }
}

/// A libxml2 document's copy as a tree, kept in the document's `derivedCache`; valid while the
/// document's `mutationCount` is unchanged.
final class DocumentTree {
  let mutationCount: Int
  let tree: HTMLTree

  init(mutationCount: Int, tree: HTMLTree) {
    self.mutationCount = mutationCount
    self.tree = tree
  }
}

/// What the single-page analysis found, before watermark stripping.
struct PageAnalysis {
  var title = ""
  var siteName: String?
  var published = ""
  var source = ""
  var author = ""
  var paragraphs: [String] = []
  var isArticle = false
}

extension ArticleExtractor {
  /// The single-page analysis (see the type's summary).
  func analyse(page: PageText) -> PageAnalysis {
    var result = PageAnalysis()
    guard !page.blocks.isEmpty else {
      result.title = TitleFinder.stripSiteSuffix(page.title).title
      return result
    }
    let facts = BlockFacts(page)
    let container = ContainerFinder.best(in: page, facts: facts)
    // The body's first block locates the title (just above it); the title then trims the body.
    let draftFirst = BodyCollector.firstBlock(page: page, facts: facts, container: container)
    let titleChoice = TitleFinder.find(in: page, facts: facts, firstBody: draftFirst)
    result.title = titleChoice.title
    result.siteName = titleChoice.siteName
    var body = BodyCollector.collect(
      page: page, facts: facts, container: container, title: titleChoice)
    result.paragraphs = body.paragraphs
    // Metadata: the lines between the title and the body, then the dropped metadata lines.
    var zone: [String] = []
    let firstBody = body.firstBlock ?? page.blocks.count
    let zoneStart: Int
    if let t = titleChoice.block, t < firstBody {
      zoneStart = t + 1
    } else {
      zoneStart = max(0, firstBody - 10)
    }
    var k = zoneStart
    while k < firstBody, k < zoneStart + 15 {
      let b = page.blocks[k]
      // Template metadata lines ("来源：本站" on every page) still give the fields.
      if b.chars <= 200, !b.isTemplate || facts.meta[k] { zone.append(page.text(b)) }
      k += 1
    }
    zone += body.metaLines
    let meta = MetadataFinder.find(
      zone: zone, head: Array(body.paragraphs.prefix(2)), last: Array(body.paragraphs.suffix(5)),
      tail: body.tailLines, metas: page.metas)
    result.published = meta.published
    result.source = meta.source
    result.author = meta.author
    body.metaLines = []
    result.isArticle =
      body.chars >= 100 && body.punct >= 3 && body.paragraphs.count >= 1
      && container.linkDensity < 0.5
    return result
  }
}
