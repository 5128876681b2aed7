import Foundation
import Index
import WARC

/// An article's fields read back from the metadata and conversion records a killed run left in
/// the archive's uncommitted tail, for the search index entry of the response they refer to.
struct TailArticle: Sendable {
  /// The article's page URL (its records' WARC-Target-URI without the `urn:article:` or
  /// `urn:text:` prefix).
  var url = ""
  var title = ""
  var published = ""
  var source = ""
  var author = ""
  var text: String?
  var hasMetadata = false

  /// Takes in one metadata or conversion record.
  mutating func add(_ record: WARCRecord) {
    if let uri = record["WARC-Target-URI"] { url = WARCRecord.pageURL(fromTargetURI: uri) }
    switch record["WARC-Type"] {
    case "metadata":
      guard let meta = try? JSONDecoder().decode(ArticleMetadata.self, from: Data(record.block))
      else { return }
      title = meta.title
      published = meta.published
      source = meta.source
      author = meta.author
      hasMetadata = true
    case "conversion":
      text = String(decoding: record.block, as: UTF8.self)
    default: break
    }
  }
}

extension ArchiveSink {
  /// The search index entry of an article whose records the current batch makes durable:
  /// `location` and `warcDate` are its response record's, as `index --rebuild` reads them.
  ///
  /// Added to the batch, so the commit that marks the URL done indexes it in the same
  /// transaction (`Frontier.commit`).
  static func indexEntry(
    url: String, warcDate: String, location: WARCLocation, title: String, published: String,
    source: String, author: String, text: String
  ) -> IndexedArticle {
    IndexedArticle(
      url: url, title: title, published: published, source: source, author: author,
      fetched: warcDate, warcFile: location.file, warcOffset: location.offset, text: text)
  }

  static func indexEntry(
    url: String, warcDate: String, location: WARCLocation, analysis: PageAnalysis
  ) -> IndexedArticle {
    let a = analysis.article
    return indexEntry(
      url: url, warcDate: warcDate, location: location, title: a.title, published: a.published,
      source: a.source, author: a.author, text: a.text)
  }

  static func indexEntry(url: String, warcDate: String, location: WARCLocation, tail: TailArticle)
    -> IndexedArticle?
  {
    guard tail.hasMetadata, let text = tail.text else { return nil }
    return indexEntry(
      url: url, warcDate: warcDate, location: location, title: tail.title,
      published: tail.published, source: tail.source, author: tail.author, text: text)
  }
}
