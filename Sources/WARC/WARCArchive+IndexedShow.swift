import Foundation

extension WARCArchive {
  /// The latest article of `url` found through the `.cdxj` files (at or before `until`, 14
  /// digits), reading only its metadata, conversion and response records; nil when the index
  /// does not lead to a complete article, so that the caller takes the general path.
  func indexedLatestArticle(url: String, until: String?) throws -> ArchivedArticle? {
    let page = WARCRecord.targetURI(url)
    let metaURL = WARCRecord.targetURI(WARCRecord.articleURNPrefix + url)
    let metaKey = Array((SURT.key(metaURL) + " ").utf8)
    let pageKey = Array((SURT.key(page) + " ").utf8)
    // The newest metadata entry (exact URL first, else same key), as `captures` orders them.
    var exact: (entry: CDXJEntry, path: String, cdxj: [UInt8])?
    var similar: (entry: CDXJEntry, path: String, cdxj: [UInt8])?
    let lastDay = until.map { String($0.prefix(8)) }
    for day in try days(to: lastDay) {
      let dir = root + "/" + day
      for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
      where name.hasSuffix(".cdxj") {
        guard let data = FileManager.default.contents(atPath: dir + "/" + name) else { continue }
        let bytes = [UInt8](data)
        for e in Self.entries(in: bytes, withPrefix: metaKey) {
          if let until, e.timestamp > until { continue }
          let item = (e, dir + "/" + e.filename, bytes)
          if e.url == metaURL {
            if exact.map({ e.timestamp >= $0.entry.timestamp }) ?? true { exact = item }
          } else if similar.map({ e.timestamp >= $0.entry.timestamp }) ?? true {
            similar = item
          }
        }
      }
    }
    guard let (meta, path, cdxj) = exact ?? similar, path.hasSuffix(".gz") else { return nil }
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
    let response = Self.entries(in: cdxj, withPrefix: pageKey)
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

  /// The parsed lines of `.cdxj` bytes that start with `prefix`.
  static func entries(in bytes: [UInt8], withPrefix prefix: [UInt8]) -> [CDXJEntry] {
    var out: [CDXJEntry] = []
    bytes.withUnsafeBufferPointer { b in
      guard let base = b.baseAddress else { return }
      ByteLines.forEach(in: b) { start, end in
        if end - start > prefix.count, memcmp(base + start, prefix, prefix.count) == 0,
          let e = CDXJEntry.parse(bytes: bytes[start..<end])
        {
          out.append(e)
        }
      }
    }
    return out
  }
}
