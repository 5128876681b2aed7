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
    let url = record.targetURI ?? ""
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
      ", \"length\": \"\(length)\", \"offset\": \"\(offset)\", \"filename\": \(Self.jsonString(filename))}"
    return "\(key) \(timestamp) \(json)"
  }

  /// JSON string literal. With `ascii` (Python's `ensure_ascii`, used for CDXJ) non-ASCII
  /// characters are `\uXXXX`-escaped; without it they are written as UTF-8.
  static func jsonString(_ s: String, ascii: Bool = true) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar.value {
      case 0x22: out += "\\\""
      case 0x5c: out += "\\\\"
      case 0x0a: out += "\\n"
      case 0x0d: out += "\\r"
      case 0x09: out += "\\t"
      case 0x08: out += "\\b"
      case 0x0c: out += "\\f"
      case 0x20...0x7f: out.unicodeScalars.append(scalar)
      case 0x80... where !ascii: out.unicodeScalars.append(scalar)
      default:
        for u in String(scalar).utf16 {
          let h = String(u, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
        }
      }
    }
    return out + "\""
  }

  /// Parses a CDXJ line (`KEY TS {json}`); nil for a malformed line.
  public static func parse(_ line: Substring) -> CDXJEntry? {
    guard let sp1 = line.firstIndex(of: " ") else { return nil }
    let afterKey = line[line.index(after: sp1)...]
    guard let sp2 = afterKey.firstIndex(of: " ") else { return nil }
    let key = String(line[..<sp1])
    let ts = String(afterKey[..<sp2])
    let json = afterKey[afterKey.index(after: sp2)...]
    guard
      let obj = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    else { return nil }
    func str(_ k: String) -> String? {
      if let s = obj[k] as? String { return s }
      if let n = obj[k] as? NSNumber { return n.stringValue }
      return nil
    }
    guard let url = str("url"), let len = str("length").flatMap({ Int64($0) }),
      let off = str("offset").flatMap({ Int64($0) }), let file = str("filename")
    else { return nil }
    return CDXJEntry(
      key: key, timestamp: ts, url: url, mime: str("mime"), status: str("status"),
      digest: str("digest"), length: len, offset: off, filename: file)
  }

  /// Sorts lines bytewise (as `LC_ALL=C sort` and cdxj-indexer's sorting writer do).
  public static func sortedLines(_ entries: [CDXJEntry]) -> [String] {
    entries.map(\.line).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}
