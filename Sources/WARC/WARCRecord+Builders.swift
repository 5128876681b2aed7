import Foundation

/// The profile of a revisit record.
public enum WARCRevisitProfile: String, Sendable {
  case identicalPayloadDigest = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
  case serverNotModified = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
}

extension WARCRecord {
  /// `sha1:` + RFC 4648 base32 of the SHA-1 of `bytes` (the WARC digest form).
  public static func sha1Base32(_ bytes: [UInt8]) -> String { WARCDigest.sha1Base32(bytes) }

  /// A new `<urn:uuid:...>` record id.
  public static func newRecordID() -> String {
    "<urn:uuid:\(UUID().uuidString.lowercased())>"
  }

  /// The WARC-Target-URI form of a URL: no angle brackets, non-ASCII and spaces percent-encoded
  /// as UTF-8 (existing `%XX` escapes are kept).
  public static func targetURI(_ url: String) -> String {
    var out = ""
    out.reserveCapacity(url.utf8.count)
    let hex = Array("0123456789ABCDEF")
    for b in url.utf8 {
      if b > 0x20 && b < 0x7f && b != UInt8(ascii: "<") && b != UInt8(ascii: ">")
        && b != UInt8(ascii: "\"")
      {
        out.append(Character(Unicode.Scalar(b)))
      } else {
        out.append("%")
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 15)])
      }
    }
    return out
  }

  /// Builds a record: WARC-Type, WARC-Record-ID, WARC-Date, `fields`, Content-Type,
  /// WARC-Block-Digest, Content-Length (in that order).
  public static func make(
    type: String, date: Date, fields: [(String, String)], contentType: String, block: [UInt8],
    recordID: String? = nil
  ) -> WARCRecord {
    var headers: [(name: String, value: String)] = [
      ("WARC-Type", type),
      ("WARC-Record-ID", recordID ?? newRecordID()),
      ("WARC-Date", WARCDate.string(date)),
    ]
    for (n, v) in fields { headers.append((n, v)) }
    headers.append(("Content-Type", contentType))
    headers.append(("WARC-Block-Digest", WARCDigest.sha1Base32(block)))
    headers.append(("Content-Length", String(block.count)))
    return WARCRecord(headers: headers, block: block)
  }

  /// A warcinfo record (application/warc-fields) naming `filename`; `fields` are written in
  /// order after `format` and `conformsTo` (software, isPartOf, robots, http-header-user-agent,
  /// hostname...).
  public static func warcinfo(filename: String, date: Date = Date(), fields: [(String, String)])
    -> WARCRecord
  {
    var text = ""
    var all: [(String, String)] = []
    if !fields.contains(where: { $0.0 == "software" }) {
      all.append(("software", "portal-archiver"))
    }
    all += fields
    if !fields.contains(where: { $0.0 == "format" }) {
      all.append(("format", "WARC File Format 1.1"))
    }
    if !fields.contains(where: { $0.0 == "conformsTo" }) {
      all.append(
        (
          "conformsTo",
          "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
        ))
    }
    for (n, v) in all { text += "\(n): \(v)\r\n" }
    return make(
      type: "warcinfo", date: date, fields: [("WARC-Filename", filename)],
      contentType: "application/warc-fields", block: Array(text.utf8))
  }

  /// A request record: `bytes` is the HTTP request as sent (request line, headers, body).
  public static func request(
    uri: String, date: Date, ip: String?, bytes: [UInt8], concurrentTo: String? = nil,
    recordID: String? = nil
  ) -> WARCRecord {
    var fields: [(String, String)] = [("WARC-Target-URI", targetURI(uri))]
    if let ip, !ip.isEmpty { fields.append(("WARC-IP-Address", ip)) }
    if let concurrentTo { fields.append(("WARC-Concurrent-To", concurrentTo)) }
    return make(
      type: "request", date: date, fields: fields,
      contentType: "application/http;msgtype=request", block: bytes, recordID: recordID)
  }

  /// A response record. `httpHeaderBytes` is the status line and header fields as received
  /// (a missing blank line is added; only the first header block is kept, so pass the final
  /// response's header, not `100 Continue` or redirect headers before it); `payload` is the
  /// de-chunked body, Content-Encoding kept.
  /// `Transfer-Encoding` is renamed `X-Orig-Transfer-Encoding`. `truncated` adds
  /// `WARC-Truncated: length` (the fetcher stopped reading the body at its size limit).
  /// `payloadDigest`, when the caller already has it, saves hashing the payload again.
  public static func response(
    uri: String, date: Date, ip: String?, httpHeaderBytes: [UInt8], payload: [UInt8],
    concurrentTo: String? = nil, truncated: Bool = false, recordID: String? = nil,
    payloadDigest: String? = nil
  ) -> WARCRecord {
    var block = normalizeHTTPHeader(httpHeaderBytes)
    block.append(contentsOf: payload)
    var fields: [(String, String)] = [("WARC-Target-URI", targetURI(uri))]
    if let ip, !ip.isEmpty { fields.append(("WARC-IP-Address", ip)) }
    if let concurrentTo { fields.append(("WARC-Concurrent-To", concurrentTo)) }
    fields.append(("WARC-Payload-Digest", payloadDigest ?? WARCDigest.sha1Base32(payload)))
    if truncated { fields.append(("WARC-Truncated", "length")) }
    return make(
      type: "response", date: date, fields: fields,
      contentType: "application/http;msgtype=response", block: block, recordID: recordID)
  }

  /// A revisit record: the block is the HTTP header only. For `.identicalPayloadDigest`,
  /// `payloadDigest` is the digest of the earlier identical payload and `WARC-Truncated: length`
  /// marks that the payload is left out.
  public static func revisit(
    uri: String, date: Date, ip: String?, profile: WARCRevisitProfile, refersToURI: String,
    refersToDate: Date, refersToRecordID: String?, payloadDigest: String?,
    httpHeaderBytes: [UInt8], concurrentTo: String? = nil
  ) -> WARCRecord {
    let block = normalizeHTTPHeader(httpHeaderBytes)
    var fields: [(String, String)] = [("WARC-Target-URI", targetURI(uri))]
    if let ip, !ip.isEmpty { fields.append(("WARC-IP-Address", ip)) }
    if let concurrentTo { fields.append(("WARC-Concurrent-To", concurrentTo)) }
    fields.append(("WARC-Profile", profile.rawValue))
    if let refersToRecordID { fields.append(("WARC-Refers-To", refersToRecordID)) }
    fields.append(("WARC-Refers-To-Target-URI", targetURI(refersToURI)))
    fields.append(("WARC-Refers-To-Date", WARCDate.string(refersToDate)))
    if let payloadDigest { fields.append(("WARC-Payload-Digest", payloadDigest)) }
    if profile == .identicalPayloadDigest { fields.append(("WARC-Truncated", "length")) }
    return make(
      type: "revisit", date: date, fields: fields,
      contentType: "application/http;msgtype=response", block: block)
  }

  /// WARC-Target-URI prefix of metadata records (`urn:article:<page URL>`).
  public static let articleURNPrefix = "urn:article:"
  /// WARC-Target-URI prefix of conversion records (`urn:text:<page URL>`).
  public static let textURNPrefix = "urn:text:"

  /// The page URL of a target URI, without an `urn:article:` / `urn:text:` prefix.
  public static func pageURL(fromTargetURI uri: String) -> String {
    for p in [articleURNPrefix, textURNPrefix] where uri.hasPrefix(p) {
      return String(uri.dropFirst(p.count))
    }
    return uri
  }

  /// A metadata record (application/json, the `ArticleMetadata` JSON) about the response
  /// `recordID` of the page `uri`.
  ///
  /// Its WARC-Target-URI is `urn:article:<uri>`, not the page URL: replay tools index metadata
  /// records (pywb 2.9 replayed this JSON in place of the page when it had the page URL).
  public static func metadata(uri: String, date: Date, refersTo recordID: String, json: [UInt8])
    -> WARCRecord
  {
    make(
      type: "metadata", date: date,
      fields: [
        ("WARC-Target-URI", articleURNPrefix + targetURI(uri)), ("WARC-Refers-To", recordID),
      ],
      contentType: "application/json", block: json)
  }

  /// A conversion record (the article text, UTF-8) of the response `recordID` of the page `uri`.
  /// Its WARC-Target-URI is `urn:text:<uri>` (the Browsertrix convention for extracted text),
  /// so that replay never serves it in place of the page.
  public static func conversion(uri: String, date: Date, refersTo recordID: String, text: String)
    -> WARCRecord
  {
    make(
      type: "conversion", date: date,
      fields: [
        ("WARC-Target-URI", textURNPrefix + targetURI(uri)), ("WARC-Refers-To", recordID),
      ],
      contentType: "text/plain; charset=utf-8", block: Array(text.utf8))
  }

  /// Header bytes ending in one blank line, with `Transfer-Encoding` renamed
  /// `X-Orig-Transfer-Encoding` (the payload written after them is already de-chunked).
  static func normalizeHTTPHeader(_ bytes: [UInt8]) -> [UInt8] {
    let end = headerEnd(in: bytes, from: 0) ?? bytes.count
    var out: [UInt8] = []
    out.reserveCapacity(end + 32)
    var lineStart = 0
    let te = Array("transfer-encoding:".utf8)
    var i = 0
    while i <= end {
      if i == end || bytes[i] == 10 {
        var lineEnd = i
        if lineEnd > lineStart, bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
        if lineEnd > lineStart {
          let line = bytes[lineStart..<lineEnd]
          if line.count >= te.count,
            zip(line.prefix(te.count), te).allSatisfy({ ($0 | 0x20) == $1 || $0 == $1 })
          {
            out.append(contentsOf: "X-Orig-".utf8)
          }
          out.append(contentsOf: line)
          out.append(contentsOf: [13, 10])
        }
        lineStart = i + 1
      }
      i += 1
    }
    out.append(contentsOf: [13, 10])
    return out
  }
}
