/// An article as archived: where its response is, its metadata and its text.
public struct ArchivedArticle: Sendable, Equatable {
  public var url: String
  /// WARC-Date of the capture (`YYYY-MM-DDThh:mm:ssZ`).
  public var fetched: String
  /// The WARC file of the response, relative to the archive root.
  public var warcFile: String
  /// Offset of the response (or revisit) record's gzip member in `warcFile`.
  public var warcOffset: Int64
  public var metadata: ArticleMetadata
  /// The text of the conversion record (paragraphs separated by "\n").
  public var text: String
  /// The record id the metadata and conversion records refer to.
  public var responseRecordID: String

  public init(
    url: String, fetched: String, warcFile: String, warcOffset: Int64, metadata: ArticleMetadata,
    text: String, responseRecordID: String
  ) {
    self.url = url
    self.fetched = fetched
    self.warcFile = warcFile
    self.warcOffset = warcOffset
    self.metadata = metadata
    self.text = text
    self.responseRecordID = responseRecordID
  }
}

/// Pairs metadata and conversion records with their response while records stream past.
///
/// Feed every record of a file in order with `add`, then `articles()`; not thread-safe.
struct ArticleCollector {
  struct Place {
    var url: String
    var date: String
    var file: String
    var offset: Int64
  }
  var places: [String: Place] = [:]
  var metadata: [String: (ArticleMetadata, Place)] = [:]
  var texts: [String: String] = [:]

  mutating func add(_ record: WARCRecord, file: String, offset: Int64) {
    guard let type = record.type else { return }
    let place = Place(
      url: WARCRecord.pageURL(fromTargetURI: record.targetURI ?? ""), date: record.dateString ?? "",
      file: file, offset: offset)
    switch type {
    case "response", "revisit":
      if let id = record.recordID { places[id] = place }
    case "metadata":
      guard let ref = record["WARC-Refers-To"],
        record["Content-Type"]?.hasPrefix("application/json") ?? false,
        let meta = ArticleMetadata.decode(record.block)
      else { return }
      metadata[ref] = (meta, place)
    case "conversion":
      guard let ref = record["WARC-Refers-To"] else { return }
      texts[ref] = String(decoding: record.block, as: UTF8.self)
    default: break
    }
  }

  /// The complete articles seen (metadata and text), in no particular order.
  func articles() -> [ArchivedArticle] {
    var out: [ArchivedArticle] = []
    for (ref, (meta, metaPlace)) in metadata {
      guard let text = texts[ref] else { continue }
      let p = places[ref] ?? metaPlace
      out.append(
        ArchivedArticle(
          url: p.url, fetched: p.date, warcFile: p.file, warcOffset: p.offset, metadata: meta,
          text: text, responseRecordID: ref))
    }
    return out
  }
}

import Foundation

enum JSONDecoderBox {
  static func decode(_ bytes: [UInt8]) throws -> ArticleMetadata {
    try JSONDecoder().decode(ArticleMetadata.self, from: Data(bytes))
  }
}

extension ArticleMetadata {
  /// Decodes a metadata record's JSON block; nil if it is not valid `ArticleMetadata`.
  ///
  /// The crawler writes a flat object of strings and one integer, which `FlatJSON` reads ~10x
  /// faster than `JSONDecoder` (that cost showed in WACZ export of thousands of articles);
  /// anything else (a `null`, nesting, a missing key) goes through `JSONDecoder`.
  static func decode(_ bytes: [UInt8]) -> ArticleMetadata? {
    if let f = FlatJSON.parse(bytes[...]), let charset = f["charset"],
      let charsetSource = f["charset_source"], let title = f["title"],
      let published = f["published"], let source = f["source"], let author = f["author"],
      let outlinks = f["outlinks"].flatMap({ Int($0) }), let extractor = f["extractor"]
    {
      return ArticleMetadata(
        charset: charset, charset_source: charsetSource, title: title, published: published,
        source: source, author: author, outlinks: outlinks, extractor: extractor,
        duplicate_of: f["duplicate_of"])
    }
    return try? JSONDecoderBox.decode(bytes)
  }
}
