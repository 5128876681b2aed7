import Foundation

extension WARCArchive {
  /// The latest article of `url` found through the `.cdxj` files (at or before `until`, 14
  /// digits), reading only its metadata, conversion and response records; nil when the index
  /// does not lead to a complete article, so that the caller takes the general path.
  ///
  /// Each index is binary-searched (`CDXJIndexFile`): a few blocks per file, whatever its size.
  func indexedLatestArticle(url: String, until: String?) throws -> ArchivedArticle? {
    let page = WARCRecord.targetURI(url)
    let metaURL = WARCRecord.targetURI(WARCRecord.articleURNPrefix + url)
    let metaKey = Array((SURT.key(metaURL) + " ").utf8)
    let pageKey = Array((SURT.key(page) + " ").utf8)
    // The newest metadata entry (exact URL first, else same key), as `captures` orders them.
    var exact: (entry: CDXJEntry, path: String, index: CDXJIndexFile)?
    var similar: (entry: CDXJEntry, path: String, index: CDXJIndexFile)?
    for (dir, indexPath) in try indexFiles(until: until) {
      guard let file = try? CDXJIndexFile(path: indexPath) else { continue }
      for e in try Self.entries(in: file, withPrefix: metaKey) {
        if let until, e.timestamp > until { continue }
        let item = (e, dir + "/" + e.filename, file)
        if e.url == metaURL {
          if exact.map({ e.timestamp >= $0.entry.timestamp }) ?? true { exact = item }
        } else if similar.map({ e.timestamp >= $0.entry.timestamp }) ?? true {
          similar = item
        }
      }
    }
    guard let (meta, path, index) = exact ?? similar, path.hasSuffix(".gz") else { return nil }
    let reader = try MemberReader(path: path)
    guard let (first, length) = try? reader.record(at: meta.offset, lengthHint: meta.length),
      first.type == "metadata", let ref = first["WARC-Refers-To"],
      first["Content-Type"]?.hasPrefix("application/json") ?? false,
      let metadata = ArticleMetadata.decode(first.block)
    else { return nil }
    var text: String?
    var position = meta.offset + length
    for _ in 0..<8 {
      guard let raw = try? reader.rawRecord(at: position) else { break }
      position += raw.length
      if raw.header.type == "conversion", raw.header["WARC-Refers-To"] == ref {
        text = String(decoding: raw.data[raw.block], as: UTF8.self)
        break
      }
    }
    guard let text else { return nil }
    // The response it refers to: the last capture of the page before it in the same file.
    let response = try Self.entries(in: index, withPrefix: pageKey)
      .filter { $0.status != nil && $0.offset < meta.offset && $0.filename == meta.filename }
      .max { $0.offset < $1.offset }
    guard let response, let (r, _) = try? reader.record(at: response.offset),
      r.recordID == ref
    else { return nil }
    return ArchivedArticle(
      url: WARCRecord.pageURL(fromTargetURI: r.targetURI ?? page), fetched: r.dateString ?? "",
      warcFile: relative(path), warcOffset: response.offset, metadata: metadata, text: text,
      responseRecordID: ref)
  }
}
