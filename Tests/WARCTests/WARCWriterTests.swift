import Foundation
import Testing

@testable import WARC

@Suite struct WARCWriterTests {
  @Test func writeReadRoundTrip() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    var written: [(WARCRecord, WARCLocation)] = []
    for i in 0..<5 {
      let recs = WARCFixtures.fetch(i, date: WARCFixtures.date(Double(i)))
      let locs = try writer.write(recs)
      #expect(locs.count == 4)
      // One fetch is contiguous: each member starts where the previous ended.
      for k in 1..<locs.count { #expect(locs[k].offset == locs[k - 1].offset + locs[k - 1].length) }
      written += zip(recs, locs).map { ($0, $1) }
    }
    try writer.close()
    let files = FileOps.files(under: root, suffix: ".warc.gz")
    #expect(files.count == 1)
    let name = (files[0] as NSString).lastPathComponent
    #expect(name == "portal-20260115100000-00000-testhost.warc.gz")
    #expect(files[0].hasSuffix("2026/01/15/" + name))
    #expect(FileOps.exists(FileOps.cdxjPath(forWARC: files[0])))
    let all = try WARCFixtures.readAll(root)
    #expect(all.count == 21)
    #expect(all[0].item.record.type == "warcinfo")
    #expect(all[0].item.record["WARC-Filename"] == name)
    for (k, (rec, loc)) in written.enumerated() {
      let item = all[k + 1].item
      #expect(item.offset == loc.offset && item.length == loc.length)
      #expect(item.record.block == rec.block)
      #expect(item.record.recordID == rec.recordID)
      let random = try WARCReader.record(at: loc, root: root)
      #expect(random.recordID == rec.recordID)
    }
    #expect(
      WARCFixtures.fileSize(files[0]) == (written.last.map { $0.1.offset + $0.1.length } ?? 0))
  }

  @Test func rotationAtSmallSize() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let writer = try WARCWriter(config: WARCFixtures.config(root, maxFileSize: 6000))
    var locs: [[WARCLocation]] = []
    for i in 0..<12 {
      locs.append(try writer.write(WARCFixtures.fetch(i, date: WARCFixtures.date(), size: 3000)))
    }
    try writer.close()
    let files = FileOps.files(under: root, suffix: ".warc.gz")
    #expect(files.count > 2)
    for batch in locs { #expect(Set(batch.map(\.file)).count == 1) }
    for f in files {
      let r = try WARCReader(path: f)
      #expect(try r.next()?.record.type == "warcinfo")
      #expect(FileOps.exists(FileOps.cdxjPath(forWARC: f)))
      // Each file holds at least one fetch; over the limit only when one fetch alone is.
      let n = try WARCFixtures.readAll(root).filter { $0.file == f }.count
      #expect(n >= 5)
      if n > 5 { #expect(WARCFixtures.fileSize(f) <= 6000) }
    }
    #expect(Set(files.map { ($0 as NSString).lastPathComponent }).count == files.count)
  }

  @Test func fileWithNoCompleteMemberIsRemovedOnInit() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let dir = root + "/2026/01/15"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/portal-20260115100000-00000-x.warc.gz"
    try Data([0x1f, 0x8b, 0x08, 0x00, 0x01]).write(to: URL(fileURLWithPath: path))
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    #expect(writer.repairs.count == 1)
    #expect(writer.repairs.first?.hasPrefix("removed") == true)
    #expect(!FileOps.exists(path))
  }

  @Test func dayBoundaryStartsNewFileInNewFolder() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    let late = WARCDate.parse("2026-01-15T23:59:59Z") ?? Date()
    let a = try writer.write(WARCFixtures.fetch(1, date: late))
    let b = try writer.write(WARCFixtures.fetch(2, date: late.addingTimeInterval(1)))
    try writer.close()
    #expect(a[0].file.hasPrefix("2026/01/15/"))
    #expect(b[0].file.hasPrefix("2026/01/16/"))
    #expect(b[0].file.contains("20260116000000"))
    #expect(FileOps.files(under: root, suffix: ".cdxj").count == 2)
  }

  @Test func tornTailIsRepairedOnInit() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    var locs: [WARCLocation] = []
    do {
      let writer = try WARCWriter(config: WARCFixtures.config(root))
      for i in 0..<3 { locs += try writer.write(WARCFixtures.fetch(i, date: WARCFixtures.date())) }
      try writer.sync()
      // Simulate a crash: no close(), so no .cdxj; cut the last member in the middle.
      let path = root + "/" + locs[0].file
      let last = locs[locs.count - 1]
      #expect(truncate(path, off_t(last.offset + last.length / 2)) == 0)
      #expect(!FileOps.exists(FileOps.cdxjPath(forWARC: path)))
      writer.abandon()  // as if killed: descriptor closed, no index written
    }
    let path = root + "/" + locs[0].file
    let writer2 = try WARCWriter(config: WARCFixtures.config(root))
    #expect(writer2.repairs.count == 1)
    #expect(writer2.repairs.first?.contains("cut torn tail") == true)
    #expect(WARCFixtures.fileSize(path) == locs[locs.count - 1].offset)
    #expect(FileOps.exists(FileOps.cdxjPath(forWARC: path)))
    #expect(WARCVerifier.verify(paths: [path]).faults.isEmpty)
    // New records go to a new file.
    let more = try writer2.write(WARCFixtures.fetch(9, date: WARCFixtures.date()))
    try writer2.close()
    #expect(more[0].file != locs[0].file)
    let lines = try String(contentsOfFile: FileOps.cdxjPath(forWARC: path), encoding: .utf8)
      .split(separator: "\n")
    // 3 fetches -> 3 responses + 3 metadata, minus the torn conversion (not indexed anyway).
    #expect(lines.count == 6)
  }

  @Test func fileOrderComesFromWARCNames() throws {
    let a = try #require(WARCFileOrder(path: "2026/11/29/portal-20261129081500-00002-host.warc.gz"))
    #expect(a.timestamp == "20261129081500" && a.serial == 2)
    // Opened later in the same second, in an older day's folder: still after `a`.
    let b = try #require(WARCFileOrder(path: "2026/11/28/my-prefix-20261129081500-00010-h-1.warc.gz"))
    #expect(a < b)
    #expect(WARCFileOrder(path: "x.warc.gz") == nil)
    #expect(WARCFileOrder(path: "p-20261129081500-99999999999999999999999-h.warc.gz")?.serial == 0)
  }
}
