import Charset
import Fetch
import Foundation
import WARC

/// Reads what one capture archived: its article (metadata and text) and its payload.
///
/// Every path it opens is `root` + a file name the state DB recorded for a capture, checked to
/// stay inside the archive root (no "..", not absolute). Stateless apart from `root`.
struct CaptureReader: Sendable {
  let root: String
  let catalog: ArchiveCatalog

  /// The article records written for a response: metadata (nil if missing) and text.
  struct CaptureArticle: Sendable {
    var metadata: ArticleMetadata?
    var text: String?
  }

  /// The archived payload of a capture, Content-Encoding undone.
  struct Payload: Sendable {
    var status: Int
    var contentType: String?
    var body: [UInt8]
    /// The crawl-time charset from the article's metadata, when it has one.
    var charset: String?
  }

  /// The full path of an archive file named by the state DB; nil for a name that would leave
  /// the archive root.
  func path(of file: String) -> String? {
    guard !file.isEmpty, !file.hasPrefix("/"), !file.split(separator: "/").contains("..")
    else { return nil }
    return root + "/" + file
  }

  /// The metadata and conversion records of `capture` (its own, or for a revisit those of
  /// the response it stands for), read from the records after it in its file.
  func article(of capture: ArchiveCatalog.CaptureRow) throws -> CaptureArticle {
    var c = capture
    if c.recordType == "revisit", let d = c.digest, let original = try catalog.originalResponse(digest: d) {
      c = original
    }
    guard let path = path(of: c.file) else { return CaptureArticle() }
    let near = try records(at: path, offset: c.offset, refersTo: c.recordID)
    if near.metadata != nil, near.text != nil { return near }
    // Written later than its response (a pending extraction, often in another file): found
    // through the CDXJ entries of the URL's metadata records.
    let metas = try WARCArchive(root: root).captures(of: WARCRecord.articleURNPrefix + c.url)
    for m in metas.reversed() where m.entry.timestamp >= c.timestamp {
      let found = try records(at: m.path, offset: m.entry.offset, refersTo: c.recordID)
      if found.metadata != nil, found.text != nil { return found }
    }
    return near
  }

  /// The metadata and conversion records referring to `recordID` among the few records from
  /// `offset` of the file at `path`.
  private func records(at path: String, offset: Int64, refersTo recordID: String) throws
    -> CaptureArticle
  {
    let reader = try WARCReader(path: path)
    reader.skipDamaged = true
    try reader.seek(to: offset)
    var out = CaptureArticle()
    var n = 0
    while n < 8, let item = try reader.next() {
      n += 1
      let r = item.record
      guard r["WARC-Refers-To"] == recordID else { continue }
      if r.type == "metadata" {
        out.metadata = try? JSONDecoder().decode(ArticleMetadata.self, from: Data(r.block))
      } else if r.type == "conversion" {
        out.text = String(decoding: r.block, as: UTF8.self)
      }
      if out.metadata != nil, out.text != nil { break }
    }
    return out
  }

  /// The payload of `capture`; for a revisit, the payload of the response it refers to.
  func payload(of capture: ArchiveCatalog.CaptureRow) throws -> Payload? {
    guard let path = path(of: capture.file) else { return nil }
    var record = try WARCReader.record(path: path, offset: capture.offset)
    var source = capture
    if record.type == "revisit", let d = capture.digest,
      let original = try catalog.originalResponse(digest: d), let p = self.path(of: original.file)
    {
      record = try WARCReader.record(path: p, offset: original.offset)
      source = original
    }
    let raw = Array(record.httpPayload)
    let body =
      (try? ContentDecoding.decode(
        raw, contentEncoding: record.httpHeader("Content-Encoding"), allowTruncated: true)) ?? raw
    let charset =
      source.mime.contains("html") ? (try? article(of: source))?.metadata?.charset : nil
    return Payload(
      status: record.httpStatus ?? 200, contentType: record.httpHeader("Content-Type"), body: body,
      charset: charset)
  }

  /// The text of an HTML payload, decoded with the crawl-time charset when known, else as the
  /// crawl would detect it.
  static func decodedHTML(_ p: Payload) -> String {
    if let c = p.charset, let name = EncodingLabel.canonical(c) {
      return CharsetDetector.decode(p.body, as: name).text
    }
    return CharsetDetector.decode(p.body, contentType: p.contentType).text
  }
}
