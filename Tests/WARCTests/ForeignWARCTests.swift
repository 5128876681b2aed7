import Foundation
import Testing

@testable import WARC

/// Reading WARC files written by other tools, and importing them.
@Suite struct ForeignWARCTests {
  typealias F = ForeignWARCFixtures

  @Test func base64AndBase32Sha1DigestsAreBothChecked() {
    let block = Array("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".utf8)
    let b64 = F.sha1Base64(block)
    #expect(b64.hasSuffix("="))
    #expect(WARCDigest.matches(b64, block) == true)
    // The URL-safe alphabet and no padding, as some writers use.
    let urlSafe = String(b64.dropLast()).replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "+", with: "-")
    #expect(WARCDigest.matches(urlSafe, block) == true)
    #expect(WARCDigest.matches(WARCDigest.sha1Base32(block), block) == true)
    var other = block
    other[0] = UInt8(ascii: "P")
    #expect(WARCDigest.matches(b64, other) == false)
    #expect(WARCDigest.matches("sha1:not-a-digest", block) == nil)
  }

  @Test func wgetAngleBracketTargetsAndSpacesAreNormalisedWhenRead() throws {
    let rec = WARCRecord(
      headers: [("WARC-Type", "resource"), ("WARC-Target-URI", "<http://example.com/a b>")],
      block: [])
    #expect(rec.targetURI == "http://example.com/a%20b")
    let ours = WARCRecord(
      headers: [("WARC-Target-URI", WARCRecord.targetURI("http://例子.cn/新闻?q=1"))], block: [])
    #expect(ours.targetURI == ours["WARC-Target-URI"], "our own targets come back unchanged")
    let e = try #require(
      CDXJEntry.make(
        record: WARCRecord(
          headers: [
            ("WARC-Type", "resource"), ("WARC-Target-URI", "<http://example.com/log>"),
            ("WARC-Date", "2024-05-06T07:08:09Z"), ("Content-Type", "text/plain"),
          ], block: Array("x".utf8)), offset: 0, length: 10, filename: "f.warc.gz"))
    #expect(e.url == "http://example.com/log")
    #expect(e.key == "com,example)/log")
  }

  @Test func bareLineFeedsFoldedHeadersAndUTF8FieldNamesRead() throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let first = Array(
      "WARC/1.0\nWARC-Type: metadata\nWARC-Record-ID: <urn:uuid:1>\nWARC-Date: 2020-01-01T00:00:00Z\nFold: a\n  b\n☃: snowman\nContent-Length: 3\n\nabc\n\n"
        .utf8)
    let second = F.record(
      [
        ("WARC-Type", "resource"), ("WARC-Record-ID", "<urn:uuid:2>"),
        ("WARC-Date", "2020-01-01T00:00:00Z"), ("WARC-Target-URI", "http://example.com/"),
      ], block: Array("hello".utf8), eol: "\n")
    let path = dir + "/lf.warc"
    try F.write(first + second, to: path)
    let reader = try WARCReader(path: path)
    let a = try #require(try reader.next())
    #expect(a.record["Fold"] == "a b")
    #expect(a.record["☃"] == "snowman")
    #expect(a.record.block == Array("abc".utf8))
    let b = try #require(try reader.next())
    #expect(b.offset == Int64(first.count))
    #expect(b.record.block == Array("hello".utf8))
    #expect(try reader.next() == nil)
    #expect(WARCVerifier.verify(paths: [path]).faults.isEmpty)
  }

  @Test func wholeFileGzipReadsButIsNotIndexedAtOneOffset() throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let date = "2024-05-06T07:08:09Z"
    let records = [
      F.warcinfo(date: date),
      F.wgetResponse("http://example.com/", body: "<p>one</p>", date: date, id: 1),
      F.wgetResponse("http://example.com/2", body: "<p>two</p>", date: date, id: 2),
    ]
    let path = dir + "/whole.warc.gz"
    try F.write(try F.wholeFileGzip(records), to: path)
    let reader = try WARCReader(path: path)
    var items: [WARCReadItem] = []
    while let item = try reader.next() { items.append(item) }
    #expect(items.count == 3)
    #expect(items.map(\.recordsInMember) == [3, 3, 3])
    #expect(items.map(\.indexInMember) == [0, 1, 2])
    let faults = WARCVerifier.verify(paths: [path]).faults
    #expect(faults.count == 1)
    #expect(faults.first?.wholeFileGzip == true)
    #expect(faults.first?.description.hasPrefix("\(path):0: one gzip member holds 3 records") == true)
    // In place, nothing is indexed at a shared offset (the old index pointed every record at 0).
    let report = try WARCIndexer.writeIndex(forWARC: path)
    #expect(report.sharedMember == 3)
    #expect(report.entries == 0)
  }

  @Test func arcFilesAreRefusedByName() throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/old.arc"
    try F.write(
      Array("filedesc://old.arc 0.0.0.0 20050614070144 text/plain 76\n1 0 Alexa\n\n".utf8), to: path)
    #expect {
      let reader = try WARCReader(path: path)
      _ = try reader.next()
    } throws: { error in
      "\(error)".hasPrefix("\(path):0: an ARC file") && "\(error)".contains("not supported")
    }
    // Even when skipping damage, an ARC file is not skipped over silently.
    let skipping = try WARCReader(path: path)
    skipping.skipDamaged = true
    #expect(throws: WARCError.self) { _ = try skipping.next() }
  }

  @Test func gzipIsToldByItsMagicNotItsName() throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/renamed.warc.bad"
    try F.write(try F.wgetFile().bytes, to: path)
    let reader = try WARCReader(path: path)
    #expect(reader.isCompressed)
    var n = 0
    while try reader.next() != nil { n += 1 }
    #expect(n == 4)
  }

  @Test func importStoresIndexesAndServesAWgetFileOnce() throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (bytes, offsets) = try F.wgetFile()
    let source = dir + "/wget.warc.gz"
    try F.write(bytes, to: source)
    let root = dir + "/archive"
    let outcome = try WARCImporter.importFile(source, root: root)
    let stored = "imported/2024/05/06/wget.warc.gz"
    #expect(
      outcome == .imported(stored: stored, records: 4, entries: 3, recompressed: false))
    let copy = try [UInt8](Data(contentsOf: URL(fileURLWithPath: root + "/" + stored)))
    #expect(copy == bytes, "a per-record gzip file is copied byte for byte")
    let archive = WARCArchive(root: root)
    let caps = try archive.captures(of: "http://127.0.0.1:8000/a.html")
    #expect(caps.map(\.entry.offset) == [Int64(offsets[2])])
    let raw = try archive.latestResponseBytes(url: "http://127.0.0.1:8000/a.html")
    #expect(raw == F.http("<html>page a</html>"))
    // The resource record is served too.
    let log = try archive.latestResponseBytes(url: "metadata://gnu.org/software/wget/warc/wget.log")
    #expect(log == Array("log line\n".utf8))
    // The same bytes under another name are not imported twice.
    let again = dir + "/renamed.warc.gz"
    try F.write(bytes, to: again)
    #expect(try WARCImporter.importFile(again, root: root) == .alreadyImported(stored: stored))
    #expect(FileOps.files(under: root, suffix: ".warc.gz").count == 1)
    // Export covers imported captures; a crawl's own file list does not include them.
    #expect(try archive.warcFiles().isEmpty)
    #expect(try archive.warcFiles(includeImported: true).count == 1)
    let out = dir + "/out.warc.gz"
    let report = try WARCExporter.export(
      WARCExportOptions(root: root, from: "2024-05-06", to: "2024-05-06", format: .warc, out: out))
    #expect(report.records == 3)
    #expect(report.skipped.isEmpty)
  }

  @Test func importRefusesADamagedFileAndStoresNothing() throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var (bytes, offsets) = try F.wgetFile()
    bytes[offsets[2] + 20] ^= 0x55
    let source = dir + "/bad.warc.gz"
    try F.write(bytes, to: source)
    let root = dir + "/archive"
    guard case .refused(let faults) = try WARCImporter.importFile(source, root: root) else {
      Issue.record("a damaged file was imported")
      return
    }
    #expect(faults.first?.offset == Int64(offsets[2]))
    #expect(faults.first?.description.hasPrefix("\(source):\(offsets[2]): ") == true)
    #expect(FileOps.files(under: root, suffix: ".warc.gz").isEmpty)
    #expect(!FileOps.exists(root + "/imported/" + WARCImporter.manifestName))
  }

  @Test func importRecompressesPlainAndWholeFileGzipRecordByRecord() throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let date = "2023-02-03T04:05:06Z"
    let records = [
      F.warcinfo(date: date),
      F.wgetResponse("http://example.com/", body: "<p>one</p>", date: date, id: 1),
    ]
    let whole = dir + "/whole.warc.gz"
    try F.write(try F.wholeFileGzip(records), to: whole)
    let root = dir + "/archive"
    guard case .refused(let faults) = try WARCImporter.importFile(whole, root: root) else {
      Issue.record("a whole-file gzip was imported without --recompress")
      return
    }
    #expect(faults.allSatisfy { $0.wholeFileGzip })
    guard
      case .imported(let stored, 2, 1, true) = try WARCImporter.importFile(
        whole, root: root, recompress: true)
    else {
      Issue.record("not imported with recompress")
      return
    }
    // Stored one member per record, each record's bytes unchanged.
    let reader = try WARCReader(path: root + "/" + stored)
    reader.keepRaw = true
    var raws: [[UInt8]] = []
    while let item = try reader.next() {
      #expect(item.recordsInMember == 1)
      raws.append(item.raw ?? [])
    }
    #expect(raws == records)
    let plain = dir + "/plain.warc"
    try F.write(records.flatMap { $0 } + [F.resource("http://example.com/r", content: "r", date: date)].flatMap { $0 }, to: plain)
    guard case .imported(let stored2, 3, 2, true) = try WARCImporter.importFile(plain, root: root)
    else {
      Issue.record("a plain .warc was not imported")
      return
    }
    #expect(stored2.hasSuffix("plain.warc.gz"))
    #expect(WARCVerifier.verify(paths: [root]).faults.isEmpty)
  }
}
