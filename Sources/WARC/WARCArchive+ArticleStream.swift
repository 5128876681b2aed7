import Foundation

extension WARCArchive {
  /// Where an archived article's records lie: found in the `.cdxj` (offsets of the conversion
  /// and response unknown) or by reading the WARC (all known).
  struct ArticleRef: Sendable {
    /// The page URL as the index writes it (the metadata record's target URI without
    /// `urn:article:`).
    var url: String
    /// The metadata entry's timestamp (14 digits).
    var timestamp: String
    /// Index of the WARC file in the list being read.
    var file: Int
    var offset: Int64
    var length: Int64
    var conversion: Int64? = nil
    var response: (offset: Int64, date: String)? = nil
  }

  /// Articles read per batch: the texts of one batch are all that is held at once.
  static let articleBatch = 512

  /// Calls `body` with the latest complete article of each URL captured in [from, to]
  /// (optionally only `host` and its subdomains), sorted by URL; returns how many there were.
  ///
  /// Two passes with bounded memory. The first reads only the `urn:article:` lines of each
  /// `.cdxj` (found by binary search) and keeps one small `ArticleRef` per article URL (~150
  /// bytes: no text); a file without an index is read whole for its refs. The second reads the
  /// articles in URL order, `articleBatch` at a time, on up to 4 threads: the metadata member at
  /// its offset, the conversion member within the next 8, the response through the index. An
  /// entry that does not check out (a stale index) is read again through the refs of a full read
  /// of its file.
  ///
  /// An article whose indexed records cannot be read (a damaged region) is left out and passed
  /// to `onSkip`.
  @discardableResult
  public func forEachArticle(
    from: String? = nil, to: String? = nil, host: String? = nil,
    onSkip: ((WARCSkip) -> Void)? = nil,
    _ body: (ArchivedArticle) throws -> Void
  ) throws -> Int {
    let files = try warcFiles(from: from, to: to, includeImported: true)
    var newest: [String: ArticleRef] = [:]
    for (i, path) in files.enumerated() {
      for ref in try articleRefs(ofFile: path, number: i) where WARCExporter.hostMatches(
        ref.url, host)
      {
        if let old = newest[ref.url] {
          let newer =
            ref.timestamp > old.timestamp
            || (ref.file == old.file && ref.timestamp == old.timestamp && ref.offset > old.offset)
          if !newer { continue }
        }
        newest[ref.url] = ref
      }
    }
    let refs = newest.values.sorted { $0.url < $1.url }
    newest = [:]
    var scanned: [Int: [String: ArticleRef]] = [:]
    var count = 0
    var start = 0
    while start < refs.count {
      let batch = Array(refs[start..<min(refs.count, start + Self.articleBatch)])
      start += batch.count
      let read = try readArticles(batch, files: files)
      for (ref, found) in zip(batch, read) {
        var article = found
        if article == nil {
          // The index did not lead to the article: read it where a full read of its file puts it.
          if scanned[ref.file] == nil {
            scanned[ref.file] = Dictionary(
              try scannedRefs(ofFile: files[ref.file], number: ref.file).map { ($0.url, $0) },
              uniquingKeysWith: { a, b in (a.timestamp, a.offset) >= (b.timestamp, b.offset) ? a : b })
          }
          if let exact = scanned[ref.file]?[ref.url] {
            article = try readArticles([exact], files: files).first ?? nil
          }
        }
        guard let article else {
          onSkip?(
            WARCSkip(
              file: relative(files[ref.file]), offset: ref.offset, length: ref.length,
              problem: "the article of \(ref.url) does not read there"))
          continue
        }
        try body(article)
        count += 1
      }
    }
    return count
  }

  /// The latest complete article of each URL captured in [from, to] (optionally only `host`
  /// and its subdomains), sorted by URL. Holds them all: for small archives and tests; exports
  /// use `forEachArticle`.
  public func articles(from: String? = nil, to: String? = nil, host: String? = nil) throws
    -> [ArchivedArticle]
  {
    var out: [ArchivedArticle] = []
    try forEachArticle(from: from, to: to, host: host) { out.append($0) }
    return out
  }

  /// The article refs of one WARC file: from the `urn:article:` lines of its `.cdxj`, or by
  /// reading it when it has none.
  func articleRefs(ofFile path: String, number: Int) throws -> [ArticleRef] {
    let indexPath = FileOps.cdxjPath(forWARC: path)
    guard FileOps.exists(indexPath), let index = try? CDXJIndexFile(path: indexPath) else {
      return try scannedRefs(ofFile: path, number: number)
    }
    let prefix = Array(WARCRecord.articleURNPrefix.utf8)
    var out: [ArticleRef] = []
    var at = try index.lowerBound(prefix)
    while at < index.size {
      let line = try index.line(at: at)
      at += Int64(line.count) + 1
      guard line.starts(with: prefix) else { break }
      let fields =
        line.withUnsafeBufferPointer { CDXJArticleScan.quickFields($0, 0, $0.count) }
        ?? CDXJArticleScan.slowFields(line, 0, line.count)
      guard let f = fields, f.url.starts(with: prefix) else { continue }
      out.append(
        ArticleRef(
          url: String(decoding: f.url.dropFirst(prefix.count), as: UTF8.self),
          timestamp: f.timestamp, file: number, offset: f.offset, length: f.length))
    }
    return out
  }

  /// The article refs of one WARC file found by reading every record: each metadata record
  /// with the conversion and response it refers to (refs without a conversion are left out).
  func scannedRefs(ofFile path: String, number: Int) throws -> [ArticleRef] {
    let reader = try WARCReader(path: path)
    reader.skipDamaged = true
    var responses: [String: (offset: Int64, date: String)] = [:]
    var metas: [(ref: String, value: ArticleRef)] = []
    var conversions: [String: Int64] = [:]
    while let item = try reader.next() {
      let r = item.record
      switch r.type {
      case "response", "revisit":
        if let id = r.recordID { responses[id] = (item.offset, r.dateString ?? "") }
      case "metadata":
        guard let id = r["WARC-Refers-To"],
          r["Content-Type"]?.hasPrefix("application/json") ?? false
        else { continue }
        let ts = r.dateString.flatMap(WARCDate.parse).map(WARCDate.timestamp14) ?? ""
        metas.append(
          (
            id,
            ArticleRef(
              url: WARCRecord.pageURL(fromTargetURI: r.targetURI ?? ""), timestamp: ts,
              file: number, offset: item.offset, length: item.length)
          ))
      case "conversion":
        if let id = r["WARC-Refers-To"] { conversions[id] = item.offset }
      default: break
      }
    }
    return metas.compactMap { m in
      guard let c = conversions[m.ref] else { return nil }
      var ref = m.value
      ref.conversion = c
      ref.response = responses[m.ref]
      return ref
    }
  }

  /// Reads the articles of `refs` (nil where a ref does not check out), in order; on up to 4
  /// threads for a large batch, each with its own readers.
  func readArticles(_ refs: [ArticleRef], files: [String]) throws -> [ArchivedArticle?] {
    let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, refs.count / 128, 4))
    let per = (refs.count + parts - 1) / parts
    let slots = ResultSlots<[ArchivedArticle?]>(count: parts)
    let root = self
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      let slice = refs[(k * per)..<min(refs.count, (k + 1) * per)]
      slots.set(
        k,
        Result {
          let readers = ArticleReaders(files: files)
          return try slice.map { try root.readArticle($0, readers: readers) }
        })
    }
    return try slots.values().flatMap { $0 }
  }

  /// One article: its metadata record at the ref's offset, the conversion record that refers to
  /// the same response, and the response (for the capture's date and offset). Nil when the
  /// records are not where the ref says.
  func readArticle(_ ref: ArticleRef, readers: ArticleReaders) throws -> ArchivedArticle? {
    let path = readers.files[ref.file]
    guard let file = try readers.records(ref.file),
      let (first, length) = try? file.record(at: ref.offset, lengthHint: ref.length),
      first.type == "metadata", let id = first["WARC-Refers-To"],
      first["Content-Type"]?.hasPrefix("application/json") ?? false,
      WARCRecord.pageURL(fromTargetURI: first.targetURI ?? "") == ref.url,
      let meta = ArticleMetadata.decode(first.block)
    else { return nil }
    var text: String?
    if let c = ref.conversion {
      if let (r, _) = try? file.record(at: c, lengthHint: nil), r.type == "conversion",
        r["WARC-Refers-To"] == id
      {
        text = String(decoding: r.block, as: UTF8.self)
      }
    } else {
      var position = ref.offset + length
      for _ in 0..<8 {
        guard let (r, n) = try? file.record(at: position, lengthHint: nil) else { break }
        position += n
        if r.type == "conversion", r["WARC-Refers-To"] == id {
          text = String(decoding: r.block, as: UTF8.self)
          break
        }
      }
    }
    guard let text else { return nil }
    var a = ArchivedArticle(
      url: ref.url, fetched: first.dateString ?? "", warcFile: relative(path),
      warcOffset: ref.offset, metadata: meta, text: text, responseRecordID: id)
    if let r = ref.response {
      a.warcOffset = r.offset
      a.fetched = r.date
    } else if let r = try readers.lastCapture(of: ref.url, before: ref.offset, file: ref.file) {
      a.warcOffset = r.offset
      if let d = WARCDate.parse14(r.timestamp) { a.fetched = WARCDate.string(d) }
    }
    return a
  }
}

/// Record access to the WARC files of one article read, opened on first use: a `MemberReader`
/// per `.warc.gz`, a `WARCReader` per plain `.warc`, and the `.cdxj` of each.
///
/// Not thread-safe: one per thread.
final class ArticleReaders {
  let files: [String]
  private var members: [Int: WARCArchive.MemberReader] = [:]
  private var plain: [Int: PlainRecords] = [:]
  private var indexes: [Int: CDXJIndexFile?] = [:]

  init(files: [String]) { self.files = files }

  /// The record reader of file `k`.
  func records(_ k: Int) throws -> RecordAt? {
    guard files.indices.contains(k) else { return nil }
    if files[k].hasSuffix(".gz") {
      if let m = members[k] { return m }
      let m = try WARCArchive.MemberReader(path: files[k])
      members[k] = m
      return m
    }
    if let p = plain[k] { return p }
    let p = PlainRecords(reader: try WARCReader(path: files[k]))
    plain[k] = p
    return p
  }

  /// The last response or revisit of `url` in file `k` before `offset`, from the file's index.
  func lastCapture(of url: String, before offset: Int64, file k: Int) throws -> (
    offset: Int64, timestamp: String
  )? {
    if indexes[k] == nil {
      indexes[k] = try? CDXJIndexFile(path: FileOps.cdxjPath(forWARC: files[k]))
    }
    guard let index = indexes[k] ?? nil else { return nil }
    let name = (files[k] as NSString).lastPathComponent
    let key = Array((SURT.key(url) + " ").utf8)
    return try WARCArchive.entries(in: index, withPrefix: key)
      .filter { $0.url == url && $0.status != nil && $0.offset < offset && $0.filename == name }
      .max { $0.offset < $1.offset }
      .map { ($0.offset, $0.timestamp) }
  }
}

/// Reads the record at a file offset and says how long its stored form is.
protocol RecordAt: AnyObject {
  func record(at offset: Int64, lengthHint: Int64?) throws -> (record: WARCRecord, length: Int64)?
}

extension WARCArchive.MemberReader: RecordAt {}

/// `RecordAt` over a plain (or oddly compressed) WARC, through `WARCReader`.
final class PlainRecords: RecordAt {
  let reader: WARCReader
  init(reader: WARCReader) { self.reader = reader }

  func record(at offset: Int64, lengthHint: Int64?) throws -> (record: WARCRecord, length: Int64)? {
    try reader.seek(to: offset)
    guard let item = try reader.next(), item.offset == offset else { return nil }
    return (item.record, item.length)
  }
}
