import Foundation
import Index
import WARC

extension WebPages {
  /// The most hits an export carries.
  static let exportLimit = 10_000

  /// Every hit of the request's search (`searchHits`), best first, up to `exportLimit`.
  func exportHits(_ form: [String: String]) throws -> [SearchHit] {
    var all: [SearchHit] = []
    while all.count < Self.exportLimit {
      let hits = try searchHits(form, limit: 500, offset: all.count)
      all += hits.prefix(Self.exportLimit - all.count)
      if hits.count < 500 { break }
    }
    return all
  }

  /// The hits of a search as JSON lines.
  func exportJSONL(_ form: [String: String]) throws -> WebResponse {
    var out = ""
    for h in try exportHits(form) {
      out += JSONText.object([
        ("url", .string(h.url)), ("title", .string(h.title)), ("published", .string(h.published)),
        ("source", .string(h.source)), ("author", .string(h.author)), ("host", .string(h.host)),
        ("fetched", .string(h.fetched)), ("warc_file", .string(h.warcFile)),
        ("warc_offset", .number(Double(h.warcOffset))), ("snippet", .string(h.snippet.marked())),
      ]) + "\n"
    }
    return WebResponse(
      status: 200,
      headers: [
        ("Content-Type", "application/x-ndjson; charset=utf-8"),
        ("Content-Disposition", "attachment; filename=\"search.jsonl\""),
      ], body: Array(out.utf8))
  }

  /// The hits of a search as a WACZ holding only their captures (responses, requests,
  /// revisits with the payloads they refer to, article records) and their pages.
  ///
  /// Written by `WARCExporter` to a temporary file outside the archive, which the server
  /// streams and then removes. No hit is a 404: there is nothing to export.
  func exportWACZ(_ form: [String: String]) throws -> WebResponse {
    let hits = try exportHits(form)
    guard !hits.isEmpty else {
      throw WebError.notFound("no article matches this search: nothing to export")
    }
    let dir = NSTemporaryDirectory() + "/portal-archiver-export-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let out = dir + "/search.wacz"
    var o = WARCExportOptions(
      root: root, from: "1970-01-01", to: "9999-12-31", format: .wacz, out: out)
    o.urls = Set(hits.map(\.url))
    o.title = "portal-archiver search: \(form["q"] ?? "")"
    do {
      _ = try WARCExporter.export(o)
    } catch {
      try? FileManager.default.removeItem(atPath: dir)
      throw error
    }
    return WebResponse(
      status: 200,
      headers: [
        ("Content-Type", "application/wacz+zip"),
        ("Content-Disposition", "attachment; filename=\"search.wacz\""),
      ], body: [], file: out, removeFolder: dir)
  }
}
