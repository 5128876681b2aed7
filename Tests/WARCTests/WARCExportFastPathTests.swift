import Foundation
import Testing

@testable import WARC

/// The index-driven article lookup and the byte-level JSON writers of the exporter.
@Suite struct WARCExportFastPathTests {
  /// An archive of `count` article fetches on 2026-01-15, plus a re-capture of page 1.
  func makeArchive(count: Int = 6) throws -> String {
    let root = WARCFixtures.tempDir()
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    for i in 0..<count {
      try writer.write(WARCFixtures.fetch(i, date: WARCFixtures.date(Double(i))))
    }
    var again = WARCFixtures.fetch(1, date: WARCFixtures.date(3600))
    again[3] = WARCRecord.conversion(
      uri: "http://www.gov.cn/zwgk/1.htm", date: WARCFixtures.date(3600),
      refersTo: again[1].recordID ?? "", text: "新版本\n第二段")
    try writer.write(again)
    try writer.close()
    return root
  }

  func cdxjFiles(_ root: String) -> [String] { FileOps.files(under: root, suffix: ".cdxj") }

  @Test func indexedLookupEqualsFullScan() throws {
    let root = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let archive = WARCArchive(root: root)
    let file = try #require(try archive.warcFiles().first)
    // Seven metadata entries in the index (page 1 twice), read without the WARC.
    let refs = try archive.articleRefs(ofFile: file, number: 0)
    #expect(refs.count == 7)
    #expect(refs.allSatisfy { $0.conversion == nil && $0.response == nil })
    #expect(try archive.scannedRefs(ofFile: file, number: 0).count == 7)
    let viaIndex = try archive.articles()
    for f in cdxjFiles(root) { try FileManager.default.removeItem(atPath: f) }
    let viaScan = try archive.articles()
    #expect(viaIndex.count == 6)
    #expect(viaIndex == viaScan)
    let one = try #require(viaIndex.first { $0.url == "http://www.gov.cn/zwgk/1.htm" })
    #expect(one.text == "新版本\n第二段")
    #expect(one.fetched == "2026-01-15T11:00:00Z")
    let rec = try WARCReader.record(path: root + "/" + one.warcFile, offset: one.warcOffset)
    #expect(rec.type == "response" && rec.recordID == one.responseRecordID)
  }

  @Test func parallelPartsEqualFullScan() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    for i in 0..<600 {
      try writer.write(WARCFixtures.fetch(i, date: WARCFixtures.date(Double(i)), size: 100))
    }
    try writer.close()
    let archive = WARCArchive(root: root)
    let viaIndex = try archive.articles()
    for f in cdxjFiles(root) { try FileManager.default.removeItem(atPath: f) }
    let viaScan = try archive.articles()
    #expect(viaIndex.count == 600)
    #expect(viaIndex == viaScan)
  }

  @Test func memberReaderGrowsShortReadsAndStopsAtEnd() throws {
    let root = try makeArchive(count: 2)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let all = try WARCFixtures.readAll(root)
    let reader = try WARCArchive.MemberReader(path: try #require(all.first?.file))
    // A length hint far too small: the reader reads more until the member ends.
    for (_, item) in all {
      let (record, length) = try #require(try reader.record(at: item.offset, lengthHint: 16))
      #expect(length == item.length)
      #expect(record.recordID == item.record.recordID)
      #expect(record.block == item.record.block)
    }
    let last = try #require(all.last?.item)
    #expect(try reader.record(at: last.offset + last.length) == nil)
    #expect(throws: WARCError.self) { try reader.record(at: last.offset + 1) }
  }

  @Test func showThroughIndexEqualsFullScan() throws {
    let root = try makeArchive(count: 4)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let archive = WARCArchive(root: root)
    for i in 0..<4 {
      let url = "http://www.gov.cn/zwgk/\(i).htm"
      let fast = try #require(try archive.indexedLatestArticle(url: url, until: nil))
      #expect(try archive.latestArticle(url: url) == fast)
      #expect(try archive.scannedArticles(inFile: root + "/" + fast.warcFile).contains(fast))
    }
    let one = try #require(
      try archive.indexedLatestArticle(url: "http://www.gov.cn/zwgk/1.htm", until: nil))
    #expect(one.text == "新版本\n第二段")
    #expect(one.fetched == "2026-01-15T11:00:00Z")
    #expect(try archive.indexedLatestArticle(url: "http://www.gov.cn/none.htm", until: nil) == nil)
    #expect(
      try archive.indexedLatestArticle(url: "http://www.gov.cn/zwgk/1.htm", until: "20260114235959")
        == nil)
  }

  @Test func hostFilterAppliesToIndexedLookup() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    try writer.write(WARCFixtures.fetch(1, date: WARCFixtures.date()))
    try writer.write(WARCFixtures.fetch(2, date: WARCFixtures.date(1), host: "www.news.cn"))
    try writer.close()
    let found = try WARCArchive(root: root).articles(host: "news.cn")
    #expect(found.map(\.url) == ["http://www.news.cn/zwgk/2.htm"])
  }

  @Test func conversionFarAfterMetadataFallsBackToFullScan() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    let late = WARCFixtures.fetch(9, date: WARCFixtures.date())
    try writer.write(Array(late[0..<3]))
    for i in 0..<4 { try writer.write(WARCFixtures.fetch(i, date: WARCFixtures.date(1))) }
    try writer.write([late[3]])
    try writer.close()
    let archive = WARCArchive(root: root)
    let file = try #require(try archive.warcFiles().first)
    // Through the index alone, the conversion record of page 9 is too far to be found...
    let late9 = try #require(
      try archive.articleRefs(ofFile: file, number: 0).first { $0.url.hasSuffix("/9.htm") })
    let readers = ArticleReaders(files: [file])
    #expect(try archive.readArticle(late9, readers: readers) == nil)
    // ...and the full read of the file finds it.
    let found = try archive.articles()
    #expect(found.count == 5)
    #expect(found.first { $0.url == "http://www.gov.cn/zwgk/9.htm" }?.text == "第一段9\n第二段9")
  }

  @Test func wrongIndexOffsetFallsBackToFullScan() throws {
    let root = try makeArchive(count: 3)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let archive = WARCArchive(root: root)
    let before = try archive.articles()
    // Point every metadata entry at the start of the file (the warcinfo record).
    let path = try #require(cdxjFiles(root).first)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let broken = text.split(separator: "\n").map { line -> String in
      guard line.hasPrefix("urn:article:"), var e = CDXJEntry.parse(line) else {
        return String(line)
      }
      e.offset = 0
      return e.line
    }.joined(separator: "\n")
    try broken.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try archive.articles() == before)
    #expect(before.count == 3)
  }

  @Test func quickLineFieldsMatchFullParse() throws {
    let plain = CDXJEntry(
      key: "cn,gov)/a", timestamp: "20260115100000", url: "http://www.gov.cn/a", mime: "text/html",
      status: "200", digest: "sha1:X", length: 12, offset: 345, filename: "f.warc.gz")
    var escaped = plain
    escaped.url = "http://www.gov.cn/a?q=\"新\""
    var meta = plain
    meta.url = "urn:article:http://www.gov.cn/a"
    meta.status = nil
    // The slow path reads every well-formed line the quick one cannot, and agrees with it.
    for e in [plain, escaped, meta] {
      let line = Array(e.line.utf8)
      let slow = try #require(CDXJArticleScan.slowFields(line, 0, line.count))
      #expect(slow.url == Array(e.url.utf8) && slow.offset == 345 && slow.length == 12)
      #expect(slow.hasStatus == (e.status != nil) && slow.timestamp == "20260115100000")
    }
    let garbage = Array("garbage".utf8)
    #expect(CDXJArticleScan.slowFields(garbage, 0, garbage.count) == nil)
    let metaQuick = Array(meta.line.utf8).withUnsafeBufferPointer {
      CDXJArticleScan.quickFields($0, 0, $0.count)
    }
    #expect(metaQuick?.url == Array(meta.url.utf8) && metaQuick?.hasStatus == false)
    let quick = Array(plain.line.utf8).withUnsafeBufferPointer {
      CDXJArticleScan.quickFields($0, 0, $0.count)
    }
    #expect(quick?.offset == 345 && quick?.length == 12 && quick?.hasStatus == true)
    let none = Array(escaped.line.utf8).withUnsafeBufferPointer {
      CDXJArticleScan.quickFields($0, 0, $0.count)
    }
    #expect(none == nil)
  }

  @Test func jsonStringMatchesScalarVersion() {
    let samples = [
      "", "plain", "引号\"反斜杠\\", "tab\tcr\rnl\nbs\u{8}ff\u{c}", "\u{0}\u{1f}\u{7f}", "😀 emoji",
      "end\\",
    ]
    for s in samples {
      var out: [UInt8] = []
      WARCExporter.appendJSONString(s, to: &out)
      #expect(String(decoding: out, as: UTF8.self) == JSONString.quoted(s))
    }
  }

  @Test func paragraphsSplitLikeStringSplit() {
    let samples = ["a\nb", "\n\na\n\nb\n", "a\r\nb\nc", "", "单段", "x\n\r\ny"]
    for s in samples {
      var out: [UInt8] = []
      WARCExporter.appendParagraphs(s, to: &out)
      let expected =
        "["
        + s.split(separator: "\n").map { JSONString.quoted(String($0)) }
        .joined(separator: ", ") + "]"
      #expect(String(decoding: out, as: UTF8.self) == expected)
    }
  }

  @Test func jsonlLineIsValidJSON() throws {
    let a = ArchivedArticle(
      url: "http://www.gov.cn/\"q\"", fetched: "2026-01-15T10:00:00Z",
      warcFile: "2026/01/15/f.warc.gz",
      warcOffset: 42,
      metadata: ArticleMetadata(
        charset: "GBK", charset_source: "http", title: "标题\t", published: "", source: "来源",
        author: "", outlinks: 0, extractor: "t"),
      text: "第一段\n\n第二段\\", responseRecordID: "<urn:uuid:x>")
    let line = WARCExporter.jsonlLine(a)
    let obj = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(obj["url"] as? String == a.url)
    #expect(obj["warc_offset"] as? Int == 42)
    #expect(obj["title"] as? String == "标题\t")
    #expect(obj["paragraphs"] as? [String] == ["第一段", "第二段\\"])
    #expect(obj["text"] as? String == a.text)
  }

  @Test func metadataDecodeFastAndFallback() throws {
    let meta = ArticleMetadata(
      charset: "GBK", charset_source: "meta", title: "标题/\"x\"", published: "2009-06-01",
      source: "新华社", author: "作者", outlinks: 17, extractor: "density",
      duplicate_of: "http://a/b")
    let json = [UInt8](try JSONEncoder().encode(meta))
    #expect(ArticleMetadata.decode(json) == meta)
    let withNull = Array(
      ("{\"charset\": \"GBK\", \"charset_source\": \"http\", \"title\": \"t\", \"published\": \"\", "
        + "\"source\": \"\", \"author\": \"\", \"outlinks\": 3, \"extractor\": \"e\", "
        + "\"duplicate_of\": null}").utf8)
    #expect(ArticleMetadata.decode(withNull)?.outlinks == 3)
    #expect(ArticleMetadata.decode(withNull)?.duplicate_of == nil)
    #expect(ArticleMetadata.decode(Array("{\"title\": \"t\"}".utf8)) == nil)
  }

  @Test func indexLinesSortsAndRenames() throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let e = CDXJEntry(
      key: "cn,gov)/b", timestamp: "20260115100000", url: "http://www.gov.cn/b", mime: nil,
      status: "200", digest: nil, length: 1, offset: 2, filename: "old/path.warc.gz")
    var a = e
    a.key = "cn,gov)/a"
    a.filename = "one.warc.gz"
    var c = e
    c.key = "cn,gov)/c"
    c.filename = "two.warc.gz"
    try (c.line + "\n" + e.line + "\n").write(
      toFile: dir + "/two.cdxj", atomically: true, encoding: .utf8)
    try (a.line + "\n\n").write(toFile: dir + "/one.cdxj", atomically: true, encoding: .utf8)
    let sorter = CDXJSorter(output: dir + "/index.cdx")
    try WARCExporter.IndexLines.add(warc: dir + "/two.warc.gz", name: "two.warc.gz", to: sorter)
    try WARCExporter.IndexLines.add(warc: dir + "/one.warc.gz", name: "one.warc.gz", to: sorter)
    try sorter.finish()
    let out = try String(contentsOfFile: dir + "/index.cdx", encoding: .utf8)
    var renamed = e
    renamed.filename = "two.warc.gz"
    #expect(out == [a.line, renamed.line, c.line].joined(separator: "\n") + "\n")
  }
}
