import Foundation

@testable import WARC

/// WARC files in the shapes other tools write them (wget's `<uri>` targets, base64 digests,
/// bare line feeds, folded headers, whole-file gzip, resource records, ARC), built as bytes.
enum ForeignWARCFixtures {
  /// One record as text: version line, `fields` as given, Content-Length, blank line, block,
  /// terminator; `eol` is "\r\n" or "\n".
  static func record(
    _ fields: [(String, String)], block: [UInt8], eol: String = "\r\n", version: String = "WARC/1.0"
  ) -> [UInt8] {
    var text = version + eol
    for (k, v) in fields { text += "\(k): \(v)\(eol)" }
    text += "Content-Length: \(block.count)\(eol)\(eol)"
    return Array(text.utf8) + block + Array((eol + eol).utf8)
  }

  /// The HTTP response block of a small page.
  static func http(_ body: String) -> [UInt8] {
    Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
  }

  /// SHA-1 of `bytes` in standard base64 (warcio's `example-digest.warc` form).
  static func sha1Base64(_ bytes: [UInt8]) -> String {
    let raw = WARCDigest.base32Decode(String(WARCDigest.sha1Base32(bytes).dropFirst(5))) ?? []
    return "sha1:" + Data(raw).base64EncodedString()
  }

  /// A wget-style response: `<uri>` target, base32 digests.
  static func wgetResponse(_ url: String, body: String, date: String, id: Int) -> [UInt8] {
    let block = http(body)
    let payload = Array(body.utf8)
    return record(
      [
        ("WARC-Type", "response"), ("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-\(String(format: "%012d", id))>"),
        ("WARC-Warcinfo-ID", "<urn:uuid:00000000-0000-0000-0000-000000000000>"),
        ("WARC-Target-URI", "<\(url)>"), ("WARC-Date", date), ("WARC-IP-Address", "127.0.0.1"),
        ("WARC-Block-Digest", WARCDigest.sha1Base32(block)),
        ("WARC-Payload-Digest", WARCDigest.sha1Base32(payload)),
        ("Content-Type", "application/http;msgtype=response"),
      ], block: block)
  }

  /// A warcinfo record.
  static func warcinfo(date: String) -> [UInt8] {
    record(
      [
        ("WARC-Type", "warcinfo"), ("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000000>"),
        ("WARC-Date", date), ("Content-Type", "application/warc-fields"),
      ], block: Array("software: Wget/1.21.3 (linux-gnu)\r\n".utf8))
  }

  /// A resource record (wget's log, Browsertrix's screenshots and text).
  static func resource(_ url: String, content: String, date: String) -> [UInt8] {
    let block = Array(content.utf8)
    return record(
      [
        ("WARC-Type", "resource"), ("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-0000000000ff>"),
        ("WARC-Target-URI", "<\(url)>"), ("WARC-Date", date), ("Content-Type", "text/plain"),
        ("WARC-Block-Digest", sha1Base64(block)),
      ], block: block)
  }

  /// Each piece as its own gzip member, concatenated; with the members' offsets.
  static func perRecordGzip(_ records: [[UInt8]]) throws -> (bytes: [UInt8], offsets: [Int]) {
    let deflater = try GzipDeflater(level: 6)
    var out: [UInt8] = []
    var offsets: [Int] = []
    for r in records {
      offsets.append(out.count)
      try deflater.member(r, into: &out)
    }
    return (out, offsets)
  }

  /// All pieces in one gzip member (a file gzip'd whole).
  static func wholeFileGzip(_ records: [[UInt8]]) throws -> [UInt8] {
    var out: [UInt8] = []
    try GzipDeflater(level: 6).member(records.flatMap { $0 }, into: &out)
    return out
  }

  /// A small wget-like WARC: warcinfo, two responses, a resource; per-record gzip.
  static func wgetFile() throws -> (bytes: [UInt8], offsets: [Int]) {
    let date = "2024-05-06T07:08:09Z"
    return try perRecordGzip([
      warcinfo(date: date),
      wgetResponse("http://127.0.0.1:8000/", body: "<html>home</html>", date: date, id: 1),
      wgetResponse("http://127.0.0.1:8000/a.html", body: "<html>page a</html>", date: date, id: 2),
      resource("metadata://gnu.org/software/wget/warc/wget.log", content: "log line\n", date: date),
    ])
  }

  static func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }
}
