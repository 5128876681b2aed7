import Foundation

@testable import WARC

/// Builders of test archives in fresh temporary directories.
enum WARCFixtures {
  /// A new empty temporary directory.
  static func tempDir(_ tag: String = #function) -> String {
    let clean = tag.filter { $0.isLetter || $0.isNumber }
    let dir = NSTemporaryDirectory() + "/warc-tests-\(clean)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  static func config(_ root: String, maxFileSize: Int64 = 1_000_000_000) -> WARCWriterConfig {
    var c = WARCWriterConfig(
      root: root, maxFileSize: maxFileSize,
      warcinfoFields: [("software", "portal-archiver test"), ("isPartOf", "test-crawl")])
    c.hostname = "testhost"
    return c
  }

  static let header = Array(
    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GBK\r\nTransfer-Encoding: chunked\r\n\r\n"
      .utf8)

  /// A page body of about `size` bytes with Chinese text.
  static func page(_ i: Int, size: Int = 2000) -> [UInt8] {
    var s = "<html><head><title>新闻\(i)</title></head><body>"
    while s.utf8.count < size { s += "<p>国务院关于进一步加强工作的通知\(i)。</p>" }
    return Array((s + "</body></html>").utf8)
  }

  /// The records of one article fetch: request, response, metadata, conversion.
  static func fetch(_ i: Int, date: Date, host: String = "www.gov.cn", size: Int = 2000)
    -> [WARCRecord]
  {
    let url = "http://\(host)/zwgk/\(i).htm"
    let resp = WARCRecord.response(
      uri: url, date: date, ip: "10.0.0.1", httpHeaderBytes: header, payload: page(i, size: size))
    let id = resp.recordID ?? ""
    let req = WARCRecord.request(
      uri: url, date: date, ip: "10.0.0.1",
      bytes: Array("GET /zwgk/\(i).htm HTTP/1.1\r\nHost: \(host)\r\n\r\n".utf8), concurrentTo: id)
    let meta = ArticleMetadata(
      charset: "GBK", charset_source: "http", title: "标题\(i)", published: "2009-06-0\(i % 9 + 1)",
      source: "新华社", author: "作者\(i)", outlinks: i, extractor: "test")
    let json = (try? JSONEncoder().encode(meta)).map { Array($0) } ?? []
    return [
      req, resp, WARCRecord.metadata(uri: url, date: date, refersTo: id, json: json),
      WARCRecord.conversion(uri: url, date: date, refersTo: id, text: "第一段\(i)\n第二段\(i)"),
    ]
  }

  /// 2026-01-15T10:00:00Z plus `seconds`.
  static func date(_ seconds: Double = 0, day: Int = 15) -> Date {
    (WARCDate.parse("2026-01-\(day)T10:00:00Z") ?? Date()).addingTimeInterval(seconds)
  }

  /// All records of all WARC files under `root`, in file then offset order.
  static func readAll(_ root: String) throws -> [(file: String, item: WARCReadItem)] {
    var out: [(String, WARCReadItem)] = []
    for f in FileOps.files(under: root, suffix: ".warc.gz") {
      let r = try WARCReader(path: f)
      while let item = try r.next() { out.append((f, item)) }
    }
    return out
  }

  static func fileSize(_ path: String) -> Int64 {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value
      ?? -1
  }
}
