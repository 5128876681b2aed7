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
    for (i, link) in found.enumerated() {
      if links.count >= maxLinks {
        omitted = found.count - i
        break
      }
      guard let canonical = canonicalizer.canonicalize(link.url), seen.insert(canonical).inserted
      else { continue }
      links.append(canonical)
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
      linksOmitted: omitted, article: article, usedModel: model != nil, modelMatured: matured)
  }
}
