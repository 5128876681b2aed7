import Charset
import Extract
import Fetch
import Foundation
import HTML

/// What the content pipeline made of one HTML response: charset, outlinks, and the article.
struct PageAnalysis: Sendable {
  var charset: String
  var charsetSource: String
  /// Canonical absolute outlinks, in document order, without duplicates: at most the
  /// pipeline's `maxLinks`.
  var links: [String]
  /// Links the page had beyond `maxLinks` (not canonicalised, not followed).
  var linksOmitted = 0
  /// The `links` that are page requisites (`Link.isRequisite`: embedded, or an attachment).
  var requisites: Set<String> = []
  var article: Article
  /// The model used to extract, nil while the host's model is immature.
  var usedModel: Bool
  /// This page made its host's model mature.
  var modelMatured: Bool
}

/// The content stages run on one payload: Content-Encoding → charset → tree → links → article.
///
/// Stateless apart from the shared `SiteModels`; safe to call from any worker thread.
struct PagePipeline: Sendable {
  let canonicalizer: URLCanonicalizer
  let extractor: ArticleExtractor
  let models: SiteModels
  let maxBodyBytes: Int
  /// The most links taken from one page (`scope.max_links_per_page`): a page of 550,000 links
  /// once cost 824 MB and a 32 s stall.
  var maxLinks = CrawlConfig().maxLinksPerPage
  /// `scope.script_pagination_max_pages`, 0 when `scope.script_pagination` is off: the list
  /// pages one list's script may describe (`PagePipeline+ScriptPagination`).
  var scriptPaginationMaxPages = 0

  /// Whether a response with this Content-Type (or, without one, these first bytes) is HTML.
  static func isHTML(contentType: String?, body: [UInt8]) -> Bool {
    if let ct = contentType?.lowercased() {
      return ct.contains("text/html") || ct.contains("application/xhtml")
    }
    let head = String(decoding: body.prefix(512), as: UTF8.self).lowercased()
    return head.contains("<html") || head.contains("<!doctype html")
  }

  /// Undoes Content-Encoding; nil when the decoded body would pass `maxBodyBytes`.
  func decodedBody(_ body: [UInt8], contentEncoding: String?) throws -> [UInt8] {
    try ContentDecoding.decode(body, contentEncoding: contentEncoding, maxOutput: maxBodyBytes)
  }

  /// Analyses an HTML payload of `url` from `host`.
  ///
  /// - Parameters:
  ///   - learn: feed the page to the host's model (false when re-extracting a page already seen).
  ///   - finalModel: extract with this model instead of the live one (deferred re-extraction).
  func analyze(
    url: String, host: String, decoded: [UInt8], contentType: String?, learn: Bool,
    finalModel: SiteModel? = nil
  ) -> PageAnalysis {
    let page = CharsetDetector.decode(decoded, contentType: contentType)
    let (tree, found) = extractor.parse(utf8: page.utf8, url: url)
    var seen = Set<String>()
    var links: [String] = []
    var omitted = 0
    var requisites = Set<String>()
    for (i, link) in found.enumerated() {
      if links.count >= maxLinks {
        omitted = found.count - i
        break
      }
      guard let canonical = canonicalizer.canonicalize(link.url) else { continue }
      if link.isRequisite { requisites.insert(canonical) }
      guard seen.insert(canonical).inserted else { continue }
      links.append(canonical)
    }
    // What the page's script pagination describes (TRS list pages, JCMS records and POSTs),
    // after its links and under the same cap; not when re-extracting a page seen before.
    if learn && omitted == 0 {
      let scripted = scriptLinks(utf8: page.utf8, url: url).filter { seen.insert($0).inserted }
      let room = max(0, maxLinks - links.count)
      links += scripted.prefix(room)
      omitted = max(0, scripted.count - room)
    }
    var model = finalModel
    var matured = false
    let article: Article
    if learn {
      if model == nil { model = models.current(for: host) }
      let result = extractor.extractObserving(tree, model: model)
      article = result.article
      matured = models.record(result.observation, host: host)
    } else {
      article = extractor.extract(tree, model: model)
    }
    return PageAnalysis(
      charset: page.charset, charsetSource: page.source.rawValue, links: links,
      linksOmitted: omitted, requisites: requisites, article: article, usedModel: model != nil,
      modelMatured: matured)
  }
}
