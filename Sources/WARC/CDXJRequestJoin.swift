import Foundation

/// Pairs each response with its request record as `cdxj-indexer --post-append` does, so that
/// a POST's index entry is keyed apart from a GET of the same URL.
///
/// cdxj-indexer 1.5 (`bufferiter.py`, `postquery.py`): two adjacent records with the same raw
/// WARC-Target-URI, one a request and the other a response, pair when the second's
/// WARC-Concurrent-To names the first's WARC-Record-ID; a paired record does not pair again.
/// When the request's method is POST or PUT, the response's key is the SURT of
/// `uri + ("?" or "&") + "__wb_method=" + METHOD + ("&" + query)`, where the query is an
/// `application/x-www-form-urlencoded` body `unquote_plus`'d (another body: base64 as
/// `__wb_post_data=…`; JSON, multipart and AMF bodies are not decoded here), cut at 4096
/// characters; the entry gets `requestBody` and `method` fields. A revisit never pairs (only
/// `response` does), which is why the crawler writes POST answers as full responses.
///
/// Feed records in file order with `add`; each call returns the entries that are settled, and
/// `finish` the last. Value type, owned by the one loop that indexes a file.
public struct CDXJRequestJoin {
  /// The last record added, not paired yet: what pairing needs of it, and its entry.
  private struct Pending {
    var type: String
    var uri: String?
    var recordID: String?
    var concurrentTo: String?
    var entry: CDXJEntry?
    /// For a POST/PUT request: the key suffix and the request body's query.
    var post: (append: String, query: String?, method: String)?
  }

  private var pending: Pending?

  public init() {}

  /// Adds the next record (already turned into its entry, nil when it is not indexed);
  /// returns the entries now settled, in file order.
  public mutating func add(_ record: WARCRecord, entry: CDXJEntry?) -> [CDXJEntry] {
    let current = Self.pending(record, entry: entry)
    guard let previous = pending else {
      pending = current
      return []
    }
    guard let (request, paired, requestFirst) = Self.pair(previous, current) else {
      pending = current
      return previous.entry.map { [$0] } ?? []
    }
    var response = paired
    pending = nil
    if let post = request.post, let uri = request.uri, var e = response.entry {
      e.key = SURT.key(uri + post.append)
      e.post = CDXJEntry.PostFields(requestBody: post.query, method: post.method)
      response.entry = e
    }
    let ordered = requestFirst ? [request, response] : [response, request]
    return ordered.compactMap(\.entry)
  }

  /// The entry still held back, if any.
  public mutating func finish() -> [CDXJEntry] {
    defer { pending = nil }
    return pending?.entry.map { [$0] } ?? []
  }

  /// The entries of `records` (one file's, in order) with requests joined.
  public static func entries(
    _ records: [(record: WARCRecord, offset: Int64, length: Int64)], filename: String
  ) -> [CDXJEntry] {
    var join = CDXJRequestJoin()
    var out: [CDXJEntry] = []
    for r in records {
      let e = CDXJEntry.make(record: r.record, offset: r.offset, length: r.length, filename: filename)
      out += join.add(r.record, entry: e)
    }
    return out + join.finish()
  }

  // MARK: - Pairing

  private static func pending(_ record: WARCRecord, entry: CDXJEntry?) -> Pending {
    var p = Pending(
      type: record.type ?? "", uri: record["WARC-Target-URI"], recordID: record.recordID,
      concurrentTo: record["WARC-Concurrent-To"], entry: entry)
    if p.type == "request" { p.post = postAppend(record) }
    return p
  }

  /// (request, response, whether the request came first) when the two records pair.
  private static func pair(_ first: Pending, _ second: Pending) -> (Pending, Pending, Bool)? {
    guard first.uri == second.uri, let id = first.recordID, second.concurrentTo == id else {
      return nil
    }
    if first.type == "response" && second.type == "request" { return (second, first, false) }
    if first.type == "request" && second.type == "response" { return (first, second, true) }
    return nil
  }

  /// The key suffix of a POST/PUT request record (nil for other methods or a non-HTTP block).
  static func postAppend(_ record: WARCRecord) -> (append: String, query: String?, method: String)? {
    guard let start = record.httpPayloadStart else { return nil }
    let head = record.block[0..<start]
    let lineEnd = head.firstIndex(where: { $0 == 13 || $0 == 10 }) ?? head.endIndex
    let requestLine = String(decoding: head[head.startIndex..<lineEnd], as: UTF8.self)
    guard let method = requestLine.split(separator: " ").first.map(String.init),
      ["POST", "PUT"].contains(method.uppercased())
    else { return nil }
    let uri = record["WARC-Target-URI"] ?? ""
    var query: String?
    if method == "POST" || method == "PUT" {
      query = extractQuery(
        contentType: record.httpHeader("Content-Type"),
        length: record.httpHeader("Content-Length"), payload: record.httpPayload)
    } else {
      query = ""
    }
    var append = uri.contains("?") ? "&" : "?"
    append += "__wb_method=" + method
    if let q = query, !q.isEmpty { append += "&" + q }
    return (append, query, method.uppercased())
  }

  /// postquery.py's `query_extract`: nil when Content-Length is not a number.
  static func extractQuery(contentType: String?, length: String?, payload: ArraySlice<UInt8>)
    -> String?
  {
    var n = 8192
    if let length {
      guard let parsed = Int(length.trimmingSpaces()) else { return nil }
      n = parsed
    }
    let data = n > 0 ? Array(payload.prefix(n)) : []
    let mime = contentType ?? ""
    var query: String
    if mime.hasPrefix("application/x-www-form-urlencoded") {
      if let text = String(validating: data, as: UTF8.self) {
        query = unquotePlus(text)
      } else {
        query = "__wb_post_data=" + Data(data).base64EncodedString()
      }
    } else {
      query = "__wb_post_data=" + Data(data).base64EncodedString()
    }
    if query.unicodeScalars.count > 4096 {
      query = String(String.UnicodeScalarView(query.unicodeScalars.prefix(4096)))
    }
    return query
  }

  /// Python's `urllib.parse.unquote_plus`: `+` as space, `%XX` as bytes, read as UTF-8 with
  /// invalid sequences replaced by U+FFFD.
  static func unquotePlus(_ s: String) -> String {
    var bytes: [UInt8] = []
    let u = Array(s.utf8)
    var i = 0
    func hex(_ b: UInt8) -> UInt8? {
      switch b {
      case 0x30...0x39: b - 0x30
      case 0x41...0x46: b - 0x41 + 10
      case 0x61...0x66: b - 0x61 + 10
      default: nil
      }
    }
    while i < u.count {
      let b = u[i]
      if b == 0x2B {
        bytes.append(0x20)
        i += 1
      } else if b == 0x25, i + 2 < u.count, let h = hex(u[i + 1]), let l = hex(u[i + 2])
      {
        bytes.append(h << 4 | l)
        i += 3
      } else {
        bytes.append(b)
        i += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
