import Foundation
import Testing
import ZIPFoundation

@testable import WARC

/// The URL-set filter of an export (the web app's WACZ of a search result): only the captures
/// of the chosen URLs, plus the responses their revisits stand for.
@Suite struct WARCExportURLSetTests {
  /// Articles 1–4; `copy.htm` is a revisit of article 2's payload; article 3 is fetched twice
  /// (the second time as a revisit of its own first response).
  func makeArchive() throws -> (root: String, second: [WARCRecord]) {
    let root = WARCFixtures.tempDir()
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    var second: [WARCRecord] = []
    for i in 1...4 {
      let f = WARCFixtures.fetch(i, date: WARCFixtures.date(Double(i)))
      if i == 2 { second = f }
      try writer.write(f)
    }
    let header = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".utf8)
    try writer.write([
      WARCRecord.revisit(
        uri: "http://www.gov.cn/copy.htm", date: WARCFixtures.date(60), ip: nil,
        profile: .identicalPayloadDigest, refersToURI: "http://www.gov.cn/zwgk/2.htm",
        refersToDate: WARCFixtures.date(2), refersToRecordID: second[1].recordID,
        payloadDigest: second[1]["WARC-Payload-Digest"], httpHeaderBytes: header)
    ])
    try writer.close()
    return (root, second)
  }

  func records(ofWACZ path: String) throws -> (names: [String], records: [WARCRecord], pages: [String], index: [String]) {
    let zip = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    var names: [String] = []
    var records: [WARCRecord] = []
    var pages: [String] = []
    var index: [String] = []
    for entry in zip {
      names.append(entry.path)
      var data = Data()
      _ = try zip.extract(entry) { data.append($0) }
      if entry.path.hasPrefix("archive/") {
        let file = path + ".extracted.warc.gz"
        try data.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let reader = try WARCReader(path: file)
        while let item = try reader.next() { records.append(item.record) }
      } else if entry.path == "pages/pages.jsonl" {
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
          let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
          pages.append(o?["url"] as? String ?? "")
        }
      } else if entry.path == "indexes/index.cdx" {
        index = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
      }
    }
    return (names.sorted(), records, pages.sorted(), index)
  }

  @Test func onlyTheChosenURLsAndTheResponsesTheirRevisitsReferTo() throws {
    let (root, second) = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let out = root + "-urls.wacz"
    defer { try? FileManager.default.removeItem(atPath: out) }
    var o = WARCExportOptions(root: root, from: "2026-01-15", to: "2026-01-15", format: .wacz, out: out)
    o.urls = ["http://www.gov.cn/zwgk/1.htm", "http://www.gov.cn/copy.htm"]
    try WARCExporter.export(o)
    let w = try records(ofWACZ: out)
    #expect(w.names.contains("datapackage.json") && w.names.contains("datapackage-digest.json"))
    #expect(w.names.filter { $0.hasPrefix("archive/") }.count == 1)
    let kept = w.records.filter { $0.type != "warcinfo" }
    let one = kept.filter { WARCRecord.pageURL(fromTargetURI: $0.targetURI ?? "") == "http://www.gov.cn/zwgk/1.htm" }
    #expect(one.map { $0.type ?? "" } == ["request", "response", "metadata", "conversion"])
    #expect(kept.contains { $0.type == "revisit" && $0.targetURI == "http://www.gov.cn/copy.htm" })
    // The revisit's payload: article 2's response alone, not its request or article records.
    let two = kept.filter { WARCRecord.pageURL(fromTargetURI: $0.targetURI ?? "") == "http://www.gov.cn/zwgk/2.htm" }
    #expect(two.map { $0.type ?? "" } == ["response"])
    #expect(two.first?.recordID == second[1].recordID)
    #expect(kept.count == 6, "\(kept.map { ($0.type ?? "") + " " + ($0.targetURI ?? "") })")
    #expect(w.pages == ["http://www.gov.cn/zwgk/1.htm"], "pages: the chosen articles only")
    // Responses, revisits and metadata are indexed (requests and conversions are not); the
    // revisit is the file's last record, so its line is the one the index join holds back.
    let keys = Set(w.index.map { String($0.prefix { $0 != " " }) })
    #expect(
      keys == ["cn,gov)/copy.htm", "cn,gov)/zwgk/1.htm", "cn,gov)/zwgk/2.htm", "urn:article:http://www.gov.cn/zwgk/1.htm"],
      "\(w.index)")
    #expect(!w.index.contains { $0.contains("zwgk/3.htm") || $0.contains("zwgk/4.htm") })
  }

  @Test func aURLSetWithoutCapturesGivesAnEmptyArchive() throws {
    let (root, _) = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let out = root + "-none.wacz"
    defer { try? FileManager.default.removeItem(atPath: out) }
    var o = WARCExportOptions(root: root, from: "2026-01-15", to: "2026-01-15", format: .wacz, out: out)
    o.urls = ["http://nowhere.example/"]
    let r = try WARCExporter.export(o)
    #expect(r.records == 0 && r.articles == 0)
    let w = try records(ofWACZ: out)
    #expect(w.records.map { $0.type ?? "" } == ["warcinfo"])
    #expect(w.pages.isEmpty && w.index.isEmpty)
  }
}
