import Foundation

/// What a `.cdxj` file says about the articles of its WARC: the metadata entries and, per page
/// URL, the responses/revisits, read from the line bytes without building an entry per line.
///
/// A value built by `scan`; not shared between threads.
struct CDXJArticleScan: Sendable {
  /// An `urn:article:` (metadata record) entry.
  struct Meta: Sendable {
    /// The page URL (without `urn:article:`).
    var url: String
    var timestamp: String
    var offset: Int64
    var length: Int64
  }

  /// A response or revisit entry (one with an HTTP status).
  struct Capture: Sendable {
    var offset: Int64
    var timestamp: String
  }

  var metas: [Meta] = []
  var captures: [String: [Capture]] = [:]

  /// Scans the lines of a `.cdxj` file. Lines of the usual shape (`KEY TS {"url": "...", ...,
  /// "length": "N", "offset": "N", ...}` without escapes in the URL) are read in place; others go
  /// through `CDXJEntry.parse`; malformed lines are skipped.
  static func scan(_ bytes: [UInt8]) -> CDXJArticleScan {
    var out = CDXJArticleScan()
    let prefix = Array(WARCRecord.articleURNPrefix.utf8)
    bytes.withUnsafeBufferPointer { b in
      var lineStart = 0
      let n = b.count
      while lineStart < n {
        var lineEnd = lineStart
        while lineEnd < n, b[lineEnd] != 10 { lineEnd += 1 }
        if lineEnd > lineStart {
          if let f = quickFields(b, lineStart, lineEnd) ?? slowFields(bytes, lineStart, lineEnd) {
            if f.url.starts(with: prefix) {
              out.metas.append(
                Meta(
                  url: String(decoding: f.url.dropFirst(prefix.count), as: UTF8.self),
                  timestamp: f.timestamp, offset: f.offset, length: f.length))
            } else if f.hasStatus {
              out.captures[String(decoding: f.url, as: UTF8.self), default: []].append(
                Capture(offset: f.offset, timestamp: f.timestamp))
            }
          }
        }
        lineStart = lineEnd + 1
      }
    }
    return out
  }

  /// The fields of one line that the article lookup needs.
  struct Fields {
    var url: [UInt8]
    var timestamp: String
    var offset: Int64
    var length: Int64
    var hasStatus: Bool
  }

  private static let urlKey = Array("{\"url\": \"".utf8)
  private static let statusKey = Array("\"status\": \"".utf8)
  private static let lengthKey = Array("\"length\": \"".utf8)
  private static let offsetKey = Array("\"offset\": \"".utf8)

  /// Reads a line written by `CDXJEntry.line` in place; nil if it has another shape.
  static func quickFields(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Fields? {
    var sp1 = start
    while sp1 < end, b[sp1] != 32 { sp1 += 1 }
    var sp2 = sp1 + 1
    while sp2 < end, b[sp2] != 32 { sp2 += 1 }
    guard sp2 < end, has(b, urlKey, at: sp2 + 1, end) else { return nil }
    let urlStart = sp2 + 1 + urlKey.count
    var i = urlStart
    while i < end, b[i] != 34 {
      if b[i] == 92 { return nil }  // an escape: leave it to the JSON parser
      i += 1
    }
    guard i < end else { return nil }
    let urlEnd = i
    var hasStatus = false
    var length: Int64?
    var offset: Int64?
    i += 1
    // The remaining values are escape-free in our lines; scan for the keys we need.
    while i < end {
      if b[i] == 34 {
        if length == nil, has(b, lengthKey, at: i, end) {
          i += lengthKey.count
          length = number(b, &i, end)
          continue
        }
        if offset == nil, has(b, offsetKey, at: i, end) {
          i += offsetKey.count
          offset = number(b, &i, end)
          continue
        }
        if !hasStatus, has(b, statusKey, at: i, end) { hasStatus = true }
      } else if b[i] == 92 {
        return nil
      }
      i += 1
    }
    guard let length, let offset else { return nil }
    return Fields(
      url: Array(b[urlStart..<urlEnd]),
      timestamp: String(decoding: UnsafeBufferPointer(rebasing: b[(sp1 + 1)..<sp2]), as: UTF8.self),
      offset: offset, length: length, hasStatus: hasStatus)
  }

  /// The general path: the full JSON parse of `CDXJEntry.parse`.
  static func slowFields(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Fields? {
    guard let e = CDXJEntry.parse(bytes: bytes[start..<end]) else { return nil }
    return Fields(
      url: Array(e.url.utf8), timestamp: e.timestamp, offset: e.offset, length: e.length,
      hasStatus: e.status != nil)
  }

  private static func has(
    _ b: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8], at i: Int, _ end: Int
  ) -> Bool {
    guard i + pattern.count <= end else { return false }
    for k in 0..<pattern.count where b[i + k] != pattern[k] { return false }
    return true
  }

  /// Decimal digits at `i` followed by `"`; advances past the quote.
  private static func number(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int)
    -> Int64?
  {
    var v: Int64 = 0
    let start = i
    while i < end, b[i] >= 48, b[i] <= 57, i - start < 18 {
      v = v * 10 + Int64(b[i] - 48)
      i += 1
    }
    guard i > start, i < end, b[i] == 34 else { return nil }
    i += 1
    return v
  }
}

extension WARCArchive {
  /// The articles of one WARC file found through its `.cdxj` bytes: for each URL its newest
  /// metadata entry, read with the records after it up to the conversion record that refers to
  /// the same response. Returns nil when an entry does not check out (no metadata record at the
  /// offset, or no conversion record near it), so that the caller reads the file whole.
  ///
  /// Only the metadata and conversion members are inflated, never the responses.
  func indexedArticles(inFile path: String, cdxj: [UInt8], host: String?) throws
    -> [ArchivedArticle]?
  {
    let scan = CDXJArticleScan.scan(cdxj)
    // The newest entry of each URL (a later offset wins a tie).
    var newest: [String: CDXJArticleScan.Meta] = [:]
    for m in scan.metas where WARCExporter.hostMatches(m.url, host) {
      if let old = newest[m.url],
        (old.timestamp, old.offset) > (m.timestamp, m.offset)
      {
        continue
      }
      newest[m.url] = m
    }
    guard !newest.isEmpty else { return [] }
    let metas = newest.values.sorted { $0.offset < $1.offset }
    let rel = relative(path)
    // Inflating the texts is most of the work: split it over the cores, each part with its own
    // reader over a contiguous run of metadata records.
    let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, metas.count / 256, 4))
    if parts == 1 {
      return try Self.readArticles(metas[...], path: path, rel: rel, captures: scan.captures)
    }
    let results = ResultSlots<[ArchivedArticle]?>(count: parts)
    let captures = scan.captures
    let per = (metas.count + parts - 1) / parts
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      let slice = metas[(k * per)..<min(metas.count, (k + 1) * per)]
      results.set(
        k,
        Result {
          try Self.readArticles(slice, path: path, rel: rel, captures: captures)
        })
    }
    var out: [ArchivedArticle] = []
    out.reserveCapacity(metas.count)
    for r in try results.values() {
      guard let r else { return nil }
      out += r
    }
    return out
  }

  /// Reads the articles of `metas` (sorted by offset) from the WARC at `path`; nil when one does
  /// not check out.
  private static func readArticles(
    _ metas: ArraySlice<CDXJArticleScan.Meta>, path: String, rel: String,
    captures: [String: [CDXJArticleScan.Capture]]
  ) throws -> [ArchivedArticle]? {
    // A `.warc.gz` is read member by member at the indexed offsets; a plain `.warc` through
    // `WARCReader`.
    let members = path.hasSuffix(".gz") ? try MemberReader(path: path) : nil
    let reader = members == nil ? try WARCReader(path: path) : nil
    var position: Int64 = 0
    /// The next record's header fields and its block as text.
    func next() -> (header: WARCRecord, text: () -> String)? {
      if let members {
        guard let raw = try? members.rawRecord(at: position) else { return nil }
        position += raw.length
        return (raw.header, { String(decoding: raw.data[raw.block], as: UTF8.self) })
      }
      guard let item = try? reader?.next() else { return nil }
      return (item.record, { String(decoding: item.record.block, as: UTF8.self) })
    }
    var out: [ArchivedArticle] = []
    out.reserveCapacity(metas.count)
    for m in metas {
      var first: WARCRecord?
      if let members {
        if let (record, length) = try? members.record(at: m.offset, lengthHint: m.length) {
          first = record
          position = m.offset + length
        }
      } else if let reader {
        try reader.seek(to: m.offset)
        if let item = try? reader.next(), item.offset == m.offset { first = item.record }
      }
      guard let first, first.type == "metadata",
        let ref = first["WARC-Refers-To"],
        first["Content-Type"]?.hasPrefix("application/json") ?? false,
        WARCRecord.pageURL(fromTargetURI: first.targetURI ?? "") == m.url,
        let meta = ArticleMetadata.decode(first.block)
      else { return nil }
      var text: String?
      var n = 0
      while n < 8, let r = next() {
        n += 1
        if r.header.type == "conversion", r.header["WARC-Refers-To"] == ref {
          text = r.text()
          break
        }
      }
      guard let text else { return nil }
      var a = ArchivedArticle(
        url: m.url, fetched: first.dateString ?? "", warcFile: rel, warcOffset: m.offset,
        metadata: meta, text: text, responseRecordID: ref)
      // The response: the last capture of the URL before the metadata record.
      if let r = captures[m.url]?.filter({ $0.offset < m.offset }).max(by: {
        $0.offset < $1.offset
      }) {
        a.warcOffset = r.offset
        if let d = WARCDate.parse14(r.timestamp) { a.fetched = WARCDate.string(d) }
      }
      out.append(a)
    }
    return out
  }
}

/// Results of parallel work, one slot per part, filled under a lock. Sendable so the parts
/// (run by `DispatchQueue.concurrentPerform`) can share it.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<Value, any Error>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ k: Int, _ r: Result<Value, any Error>) { lock.withLock { slots[k] = r } }

  /// The values in order; rethrows the first error, throws if a slot was never filled.
  func values() throws -> [Value] {
    let all = lock.withLock { slots }
    return try all.map { r in
      guard let r else { throw WARCError.invalid("parallel part finished without a result") }
      return try r.get()
    }
  }
}
