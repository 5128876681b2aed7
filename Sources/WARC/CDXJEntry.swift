import Foundation

/// One CDXJ index line: `SURT TIMESTAMP {json}`, with the fields cdxj-indexer writes by default
/// (url, mime, status, digest, length, offset, filename, in that order).
///
/// Which records are indexed and how each field is derived follows cdxj-indexer 1.5 so that our
/// `.cdxj` files equal its output for the same WARC: response, revisit, resource and metadata
/// records (not warcinfo/request/conversion, nor `application/warc-fields` metadata).
public struct CDXJEntry: Sendable, Equatable, Codable {
  public var key: String
  public var timestamp: String
  public var url: String
  public var mime: String?
  public var status: String?
  public var digest: String?
  public var length: Int64
  public var offset: Int64
  public var filename: String
  /// A POST/PUT answer's request (`CDXJRequestJoin`): the `requestBody` and `method` fields
  /// cdxj-indexer `--post-append` writes after `filename`.
  public var post: PostFields?

  /// The fields of a POST/PUT entry.
  public struct PostFields: Sendable, Equatable, Codable {
    /// The body as a query (nil: cdxj-indexer's `null`, a Content-Length it could not read).
    public var requestBody: String?
    public var method: String

    public init(requestBody: String?, method: String) {
      self.requestBody = requestBody
      self.method = method
    }
  }

  public init(
    key: String, timestamp: String, url: String, mime: String?, status: String?, digest: String?,
    length: Int64, offset: Int64, filename: String
  ) {
    self.key = key
    self.timestamp = timestamp
    self.url = url
    self.mime = mime
    self.status = status
    self.digest = digest
    self.length = length
    self.offset = offset
    self.filename = filename
  }

  /// Record types cdxj-indexer indexes by default.
  static let indexedTypes: Set<String> = ["response", "revisit", "resource", "metadata"]

  /// The index entry of `record` stored at `offset`/`length` of `filename`, or nil if
  /// cdxj-indexer would not index it.
  public static func make(record: WARCRecord, offset: Int64, length: Int64, filename: String)
    -> CDXJEntry?
  {
    guard let type = record.type, indexedTypes.contains(type) else { return nil }
    let contentType = record["Content-Type"]
    if type == "resource" || type == "metadata", contentType == "application/warc-fields" {
      return nil
    }
    // A record without a target (jwarc's header fixtures) has nothing to be looked up by.
    guard let url = record.targetURI, !url.isEmpty else { return nil }
    let isHTTP =
      (type == "response" || type == "revisit")
      && (contentType?.hasPrefix("application/http") ?? false)
    var mime: String?
    var status: String?
    switch type {
    case "revisit":
      mime = "warc/revisit"
    case "response":
      mime = isHTTP ? record.httpHeader("Content-Type") : contentType
    default:
      mime = contentType
    }
    if let m = mime {
      let cut = m.firstIndex(where: { $0 == ";" || $0.isWhitespace }) ?? m.endIndex
      mime = String(m[..<cut]).trimmingSpaces()
    }
    if isHTTP, let s = record.httpStatus { status = String(s) }
    var digest = record["WARC-Payload-Digest"]
    // cdxj-indexer computes a missing payload digest, except for revisits (left out).
    if (digest == nil || digest == "") && type != "revisit" {
      digest = WARCDigest.sha1Base32(isHTTP ? record.httpPayload : record.block[...])
    }
    return CDXJEntry(
      key: SURT.key(url), timestamp: WARCDate.timestamp14(fromWARCDate: record.dateString ?? ""),
      url: url, mime: mime, status: status, digest: digest, length: length, offset: offset,
      filename: filename)
  }

  /// The line, without newline, as cdxj-indexer writes it (Python `json.dumps` spacing and
  /// ASCII escaping).
  public var line: String {
    var json = "{\"url\": \(Self.jsonString(url))"
    if let mime { json += ", \"mime\": \(Self.jsonString(mime))" }
    if let status { json += ", \"status\": \(Self.jsonString(status))" }
    if let digest { json += ", \"digest\": \(Self.jsonString(digest))" }
    json +=
      ", \"length\": \"\(length)\", \"offset\": \"\(offset)\", \"filename\": \(Self.jsonString(filename))"
    if let post {
      json += ", \"requestBody\": \(post.requestBody.map { Self.jsonString($0) } ?? "null")"
      json += ", \"method\": \(Self.jsonString(post.method))"
    }
    return "\(key) \(timestamp) \(json)}"
  }

  /// A JSON string literal as Python's `json.dumps` writes it (`ensure_ascii`: non-ASCII as
  /// `\uXXXX`), which cdxj-indexer writes and pywb reads.
  static func jsonString(_ s: String) -> String {
    JSONString.quoted(s, asciiOnly: true)
  }

  /// Parses a CDXJ line (`KEY TS {json}`); nil for a malformed line.
  public static func parse(_ line: Substring) -> CDXJEntry? {
    parse(bytes: Array(line.utf8)[...])
  }

  /// Parses a CDXJ line given as UTF-8 bytes.
  static func parse(bytes: ArraySlice<UInt8>) -> CDXJEntry? {
    let bytes = bytes
    guard let sp1 = bytes.firstIndex(of: 32),
      let sp2 = bytes[(sp1 + 1)...].firstIndex(of: 32)
    else { return nil }
    let key = String(decoding: bytes[bytes.startIndex..<sp1], as: UTF8.self)
    let ts = String(decoding: bytes[(sp1 + 1)..<sp2], as: UTF8.self)
    let json = bytes[(sp2 + 1)...]
    let fields: [String: String]
    if let flat = FlatJSON.parse(json) {
      fields = flat
    } else {
      guard
        let obj = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any]
      else { return nil }
      var f: [String: String] = [:]
      for (k, v) in obj {
        if let s = v as? String { f[k] = s } else if let n = v as? NSNumber { f[k] = n.stringValue }
      }
      fields = f
    }
    guard let url = fields["url"], let len = fields["length"].flatMap({ Int64($0) }),
      let off = fields["offset"].flatMap({ Int64($0) }), let file = fields["filename"]
    else { return nil }
    var entry = CDXJEntry(
      key: key, timestamp: ts, url: url, mime: fields["mime"], status: fields["status"],
      digest: fields["digest"], length: len, offset: off, filename: file)
    if let method = fields["method"] {
      entry.post = PostFields(requestBody: fields["requestBody"], method: method)
    }
    return entry
  }

  /// The lines of a `.cdxj` file's text, parsed (malformed lines skipped).
  static func parseAll(_ text: String) -> [CDXJEntry] {
    var out: [CDXJEntry] = []
    let bytes = Array(text.utf8)
    for line in bytes.split(separator: 10, omittingEmptySubsequences: true) {
      if let e = parse(bytes: line) { out.append(e) }
    }
    return out
  }

  /// Sorts lines bytewise (as `LC_ALL=C sort` and cdxj-indexer's sorting writer do).
  public static func sortedLines(_ entries: [CDXJEntry]) -> [String] {
    entries.map(\.line).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}

/// A parser for flat JSON objects whose values are all strings or integers — the CDXJ JSON
/// block. Hand-written because `JSONSerialization` costs ~20 µs a line, which dominated WACZ
/// export; anything else (nested values, floats) returns nil and the caller falls back to
/// `JSONSerialization`.
enum FlatJSON {
  static func parse(_ b: ArraySlice<UInt8>) -> [String: String]? {
    var i = b.startIndex
    let end = b.endIndex
    func skipSpace() {
      while i < end, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 }
    }
    func string() -> String? {
      guard i < end, b[i] == 34 else { return nil }
      i += 1
      var out: [UInt8] = []
      var pendingHigh: UInt32? = nil
      while i < end {
        let c = b[i]
        if c == 34 {
          i += 1
          return String(decoding: out, as: UTF8.self)
        }
        if c != 92 {
          out.append(c)
          i += 1
          continue
        }
        guard i + 1 < end else { return nil }
        let e = b[i + 1]
        i += 2
        switch e {
        case 34: out.append(34)
        case 92: out.append(92)
        case 47: out.append(47)
        case 98: out.append(8)
        case 102: out.append(12)
        case 110: out.append(10)
        case 114: out.append(13)
        case 116: out.append(9)
        case 117:
          guard i + 4 <= end,
            let v = UInt32(String(decoding: b[i..<(i + 4)], as: UTF8.self), radix: 16)
          else { return nil }
          i += 4
          var scalarValue = v
          if v >= 0xD800 && v < 0xDC00 {
            pendingHigh = v
            continue
          }
          if v >= 0xDC00 && v < 0xE000, let h = pendingHigh {
            scalarValue = 0x10000 + ((h - 0xD800) << 10) + (v - 0xDC00)
          }
          pendingHigh = nil
          guard let scalar = Unicode.Scalar(scalarValue) else { return nil }
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: return nil
        }
      }
      return nil
    }
    skipSpace()
    guard i < end, b[i] == 123 else { return nil }
    i += 1
    var result: [String: String] = [:]
    skipSpace()
    if i < end, b[i] == 125 { return result }
    while true {
      skipSpace()
      guard let k = string() else { return nil }
      skipSpace()
      guard i < end, b[i] == 58 else { return nil }
      i += 1
      skipSpace()
      if i < end, b[i] == 34 {
        guard let v = string() else { return nil }
        result[k] = v
      } else {
        let start = i
        while i < end, (b[i] >= 48 && b[i] <= 57) || b[i] == 45 { i += 1 }
        guard i > start else { return nil }
        result[k] = String(decoding: b[start..<i], as: UTF8.self)
      }
      skipSpace()
      guard i < end else { return nil }
      if b[i] == 44 {
        i += 1
        continue
      }
      if b[i] == 125 { return result }
      return nil
    }
  }
}
