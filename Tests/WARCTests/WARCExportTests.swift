import Foundation
import Testing
import ZIPFoundation

@testable import WARC

@Suite struct WARCExportTests {
  /// An archive with fetches on 2026-01-15 (www.gov.cn and news.cn) and 2026-01-16.
  func makeArchive() throws -> String {
    let root = WARCFixtures.tempDir()
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    for i in 0..<3 { try writer.write(WARCFixtures.fetch(i, date: WARCFixtures.date(Double(i)))) }
    try writer.write(WARCFixtures.fetch(7, date: WARCFixtures.date(5), host: "www.news.cn"))
    // A later capture of page 1 with a different text.
    var again = WARCFixtures.fetch(1, date: WARCFixtures.date(3600))
    again[3] = WARCRecord.conversion(
      uri: "http://www.gov.cn/zwgk/1.htm", date: WARCFixtures.date(3600),
      refersTo: again[1].recordID ?? "", text: "新版本")
    try writer.write(again)
    try writer.write(WARCFixtures.fetch(5, date: WARCFixtures.date(0, day: 16)))
    try writer.close()
    return root
  }

  @Test func jsonlHasLatestCaptureOfEachArticleInRange() throws {
    let root = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let out = root + "-out.jsonl"  // beside the archive root: inside it is refused
    defer { try? FileManager.default.removeItem(atPath: out) }
    let r = try WARCExporter.export(
      WARCExportOptions(root: root, from: "2026-01-15", to: "2026-01-15", format: .jsonl, out: out))
    #expect(r.articles == 4)
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 4)
    var byURL: [String: [String: Any]] = [:]
    for l in lines {
      let obj = try #require(try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any])
      byURL[obj["url"] as? String ?? ""] = obj
    }
    let one = try #require(byURL["http://www.gov.cn/zwgk/1.htm"])
    #expect(one["text"] as? String == "新版本")
    #expect(one["fetched"] as? String == "2026-01-15T11:00:00Z")
    #expect(one["title"] as? String == "标题1")
    #expect(one["charset"] as? String == "GBK")
    let two = try #require(byURL["http://www.gov.cn/zwgk/2.htm"])
    #expect(two["paragraphs"] as? [String] == ["第一段2", "第二段2"])
    #expect(two["author"] as? String == "作者2")
    let file = try #require(two["warc_file"] as? String)
    let offset = try #require(two["warc_offset"] as? Int)
    let rec = try WARCReader.record(path: root + "/" + file, offset: Int64(offset))
    #expect(rec.type == "response" && rec.targetURI == "http://www.gov.cn/zwgk/2.htm")
    #expect(byURL["http://www.gov.cn/zwgk/5.htm"] == nil)
  }

  @Test func warcExportFiltersHost() throws {
    let root = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let out = root + "-out.warc.gz"  // beside the archive root: inside it is refused
    defer { try? FileManager.default.removeItem(atPath: out) }
    let r = try WARCExporter.export(
      WARCExportOptions(
        root: root, from: "2026-01-15", to: "2026-01-16", format: .warc, out: out, host: "news.cn"))
    #expect(r.records == 4)
    let reader = try WARCReader(path: out)
    var types: [String] = []
    while let item = try reader.next() {
      types.append(item.record.type ?? "")
      if item.record.type != "warcinfo" {
        #expect(
          WARCRecord.pageURL(fromTargetURI: item.record.targetURI ?? "").hasPrefix(
            "http://www.news.cn/"))
      }
    }
    #expect(types == ["warcinfo", "request", "response", "metadata", "conversion"])
    #expect(WARCVerifier.verify(paths: [out]).faults.isEmpty)
  }

  @Test func waczStructureAndHashes() throws {
    let root = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let out = root + "-out.wacz"  // beside the archive root: inside it is refused
    defer { try? FileManager.default.removeItem(atPath: out) }
    let r = try WARCExporter.export(
      WARCExportOptions(root: root, from: "2026-01-15", to: "2026-01-16", format: .wacz, out: out))
    #expect(r.warcFiles == 2)
    let zip = try Archive(url: URL(fileURLWithPath: out), accessMode: .read)
    var contents: [String: Data] = [:]
    for entry in zip {
      var data = Data()
      _ = try zip.extract(entry) { data.append($0) }
      contents[entry.path] = data
      if entry.path.hasPrefix("archive/") {
        #expect(entry.compressedSize == entry.uncompressedSize)  // STORED
      }
    }
    let warcNames = contents.keys.filter { $0.hasPrefix("archive/") }.sorted()
    #expect(warcNames.count == 2)
    for name in warcNames {
      let original = try #require(
        FileOps.files(under: root, suffix: ".warc.gz").first {
          $0.hasSuffix("/" + (name as NSString).lastPathComponent)
        })
      #expect(contents[name] == (try Data(contentsOf: URL(fileURLWithPath: original))))
    }
    let dp = try #require(contents["datapackage.json"])
    let obj = try #require(try JSONSerialization.jsonObject(with: dp) as? [String: Any])
    #expect(obj["profile"] as? String == "data-package")
    #expect(obj["wacz_version"] as? String == "1.1.1")
    let resources = try #require(obj["resources"] as? [[String: Any]])
    #expect(resources.count == 4)
    for res in resources {
      let path = try #require(res["path"] as? String)
      let data = try #require(contents[path])
      #expect(res["hash"] as? String == WARCDigest.sha256Hex([UInt8](data)))
      #expect(res["bytes"] as? Int == data.count)
    }
    let digestData = try #require(contents["datapackage-digest.json"])
    let digest = try #require(try JSONSerialization.jsonObject(with: digestData) as? [String: Any])
    #expect(digest["path"] as? String == "datapackage.json")
    #expect(digest["hash"] as? String == WARCDigest.sha256Hex([UInt8](dp)))
    let pages = String(decoding: try #require(contents["pages/pages.jsonl"]), as: UTF8.self)
      .split(separator: "\n")
    #expect(pages.first?.contains("\"format\": \"json-pages-1.0\"") == true)
    #expect(pages.count == 1 + 5)
    let index = String(decoding: try #require(contents["indexes/index.cdx"]), as: UTF8.self)
      .split(separator: "\n").map(String.init)
    #expect(index == index.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    #expect(index.count == 12)
    #expect(
      index.allSatisfy { CDXJEntry.parse(Substring($0)).map { !$0.filename.contains("/") } == true }
    )
  }

  @Test func rawRevisitTakesPayloadFromOriginal() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    let first = WARCFixtures.fetch(2, date: WARCFixtures.date())
    try writer.write(first)
    let revHeader = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Later: 1\r\n\r\n".utf8)
    let rev = WARCRecord.revisit(
      uri: "http://www.gov.cn/copy.htm", date: WARCFixtures.date(60), ip: nil,
      profile: .identicalPayloadDigest, refersToURI: "http://www.gov.cn/zwgk/2.htm",
      refersToDate: WARCFixtures.date(), refersToRecordID: first[1].recordID,
      payloadDigest: first[1]["WARC-Payload-Digest"], httpHeaderBytes: revHeader)
    try writer.write([rev])
    try writer.close()
    let raw = try WARCArchive(root: root).latestResponseBytes(url: "http://www.gov.cn/copy.htm")
    #expect(raw == revHeader + WARCFixtures.page(2))
  }

  @Test func showFindsLatestAndAtDay() throws {
    let root = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let store = WARCArchive(root: root)
    let a = try store.latestArticle(url: "http://www.gov.cn/zwgk/1.htm")
    #expect(a.text == "新版本")
    #expect(a.metadata.title == "标题1")
    let raw = try store.latestResponseBytes(url: "http://www.gov.cn/zwgk/5.htm")
    #expect(raw == WARCRecord.normalizeHTTPHeader(WARCFixtures.header) + WARCFixtures.page(5))
    #expect(throws: WARCError.self) {
      try store.latestArticle(url: "http://www.gov.cn/zwgk/5.htm", atDay: "2026-01-15")
    }
    #expect(throws: WARCError.self) { try store.latestArticle(url: "http://nowhere.cn/") }
  }

  @Test func anOutputInsideTheArchiveRootIsRefusedAndNothingIsWritten() throws {
    let root = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let before = try FileManager.default.subpathsOfDirectory(atPath: root).sorted()
    for out in [root + "/out.jsonl", root + "/2026/01/15/x.warc.gz", root] {
      #expect(throws: WARCError.self) {
        try WARCExporter.export(
          WARCExportOptions(
            root: root, from: "2026-01-15", to: "2026-01-15", format: .jsonl, out: out))
      }
    }
    #expect(try FileManager.default.subpathsOfDirectory(atPath: root).sorted() == before)
  }
}
