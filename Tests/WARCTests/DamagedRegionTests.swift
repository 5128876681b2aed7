import Foundation
import Testing

@testable import WARC

/// A damaged region inside a WARC file (flipped bytes, a cut member, garbage between members)
/// is reported as `file:offset` and length, and reading, indexing, show and export go on after it.
@Suite struct DamagedRegionTests {
  /// An archive of one file with 4 fetches (17 records) and the locations written.
  func makeArchive() throws -> (root: String, path: String, locs: [WARCLocation]) {
    let root = WARCFixtures.tempDir()
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    var locs: [WARCLocation] = []
    for i in 0..<4 {
      locs += try writer.write(WARCFixtures.fetch(i, date: WARCFixtures.date(Double(i))))
    }
    try writer.close()
    return (root, root + "/" + locs[0].file, locs)
  }

  func bytes(_ path: String) throws -> [UInt8] {
    try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
  }

  func readAll(_ path: String) throws -> (items: [WARCReadItem], skipped: [WARCSkip]) {
    let reader = try WARCReader(path: path)
    reader.skipDamaged = true
    var items: [WARCReadItem] = []
    while let item = try reader.next() { items.append(item) }
    return (items, reader.skipped)
  }

  @Test func flippedBytesCostOnlyTheirMember() throws {
    let (root, path, locs) = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let target = locs[5]  // the second fetch's response
    var b = try bytes(path)
    for k in 0..<8 { b[Int(target.offset + target.length / 2) + k] ^= 0xa5 }
    try ForeignWARCFixtures.write(b, to: path)
    let (items, skipped) = try readAll(path)
    #expect(skipped.count == 1)
    #expect(skipped.first?.offset == target.offset)
    #expect(skipped.first?.length == target.length)
    #expect(items.count == 16, "every other record is read")
    #expect(!items.contains { $0.offset == target.offset })
    // Strict reading still stops there, naming the place.
    let strict = try WARCReader(path: path)
    #expect {
      while try strict.next() != nil {}
    } throws: { "\($0)".hasPrefix("\(path):\(target.offset): ") }
  }

  @Test func garbageBetweenMembersIsSkippedToTheNextMember() throws {
    let (root, path, locs) = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let at = Int(locs[8].offset)  // between the second and third fetch
    var b = try bytes(path)
    let garbage = [UInt8](repeating: 0x41, count: 300)
    b.insert(contentsOf: garbage, at: at)
    try ForeignWARCFixtures.write(b, to: path)
    let (items, skipped) = try readAll(path)
    #expect(skipped == [WARCSkip(file: path, offset: Int64(at), length: 300, problem: skipped.first?.problem ?? "")])
    #expect(items.count == 17)
    let faults = WARCVerifier.verify(paths: [path]).faults
    #expect(faults.count == 1)
    #expect(faults.first?.description.hasPrefix("\(path):\(at): ") == true)
    #expect(faults.first?.problem.contains("300 bytes") == true)
  }

  @Test func aMemberCutShortInTheMiddleIsSkipped() throws {
    let (root, path, locs) = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let cut = locs[5]
    var b = try bytes(path)
    let from = Int(cut.offset + cut.length / 2)
    b.removeSubrange(from..<Int(cut.offset + cut.length))
    try ForeignWARCFixtures.write(b, to: path)
    let (items, skipped) = try readAll(path)
    #expect(skipped.count == 1)
    #expect(skipped.first?.offset == cut.offset)
    #expect(skipped.first.map { $0.offset + $0.length } == Int64(from), "resumes at the next member")
    #expect(items.count == 16)
  }

  @Test func reindexingSkipsTheDamageKeepsTheFileAndStillCutsATornTail() throws {
    let (root, path, locs) = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let target = locs[5]
    var b = try bytes(path)
    b[Int(target.offset + target.length / 2)] ^= 0xff
    // And a torn tail: half of a member written at the end.
    let tail = Array(b[Int(locs[1].offset)..<Int(locs[1].offset + locs[1].length / 2)])
    let size = b.count
    try ForeignWARCFixtures.write(b + tail, to: path)
    unlink(FileOps.cdxjPath(forWARC: path))
    let lines = try WARCRecovery.repair(root: root)
    #expect(lines.count == 1)
    let line = lines.first ?? ""
    #expect(line.contains("cut torn tail of \(tail.count) bytes at offset \(size)"))
    #expect(line.contains("\(path):\(target.offset): skipped \(target.length) damaged bytes"))
    #expect(WARCFixtures.fileSize(path) == Int64(size), "only the torn tail is cut")
    let index = try String(contentsOfFile: FileOps.cdxjPath(forWARC: path), encoding: .utf8)
    let entries = CDXJEntry.parseAll(index)
    #expect(!entries.contains { $0.offset == target.offset })
    #expect(entries.contains { $0.offset == locs[13].offset }, "records after the damage are indexed")
  }

  @Test func showPassesOverADamagedCaptureToTheOneBefore() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    let url = "http://www.gov.cn/zwgk/1.htm"
    let older = WARCFixtures.fetch(1, date: WARCFixtures.date(0))
    _ = try writer.write(older)
    let new = try writer.write(WARCFixtures.fetch(1, date: WARCFixtures.date(60), size: 3000))
    try writer.close()
    let path = root + "/" + new[1].file
    var b = try bytes(path)
    b[Int(new[1].offset + new[1].length / 2)] ^= 0xff
    try ForeignWARCFixtures.write(b, to: path)
    var notes: [String] = []
    let raw = try WARCArchive(root: root).latestResponseBytes(url: url) { notes.append($0) }
    #expect(raw.count == older[1].block.count && raw == older[1].block, "the older capture")
    #expect(notes.count == 1)
    #expect(notes.first?.hasPrefix("\(path):\(new[1].offset): ") == true)
  }

  @Test func exportGoesOnPastTheDamageAndSaysWhatItSkipped() throws {
    let (root, path, locs) = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let target = locs[6]  // the second fetch's metadata record
    var b = try bytes(path)
    b[Int(target.offset + target.length / 2)] ^= 0xff
    try ForeignWARCFixtures.write(b, to: path)
    let out = root + "-out.warc.gz"
    defer { unlink(out) }
    let r = try WARCExporter.export(
      WARCExportOptions(root: root, from: "2026-01-15", to: "2026-01-15", format: .warc, out: out))
    #expect(r.records == 15, "16 readable records less the warcinfo")
    #expect(r.skipped.map(\.offset) == [target.offset])
    let jsonl = root + "-out.jsonl"
    defer { unlink(jsonl) }
    let j = try WARCExporter.export(
      WARCExportOptions(root: root, from: "2026-01-15", to: "2026-01-15", format: .jsonl, out: jsonl))
    #expect(j.articles == 3)
    #expect(j.skipped.first?.offset == target.offset)
    #expect(j.skipped.first?.problem.contains("zwgk/1.htm") == true)
  }

  @Test func waczTakesACleanCopyOfADamagedFileAndTheOthersAsTheyAre() throws {
    let (root, path, locs) = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let clean = WARCFixtures.tempDir() + "/clean.warc.gz"
    try FileManager.default.copyItem(atPath: path, toPath: clean)
    var b = try bytes(path)
    b[Int(locs[9].offset + locs[9].length / 2)] ^= 0xff
    try ForeignWARCFixtures.write(b, to: path)
    let scratch = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let (files, skipped) = try WARCExporter.intactFiles([clean, path], scratch: scratch)
    #expect(files[0] == clean, "a clean file goes in as it is")
    #expect(files[1] != path)
    #expect(skipped.map(\.offset) == [locs[9].offset])
    let check = WARCVerifier.verify(paths: [files[1]])
    #expect(check.faults.isEmpty)
    #expect(check.records == 16)
    let out = root + "-out.wacz"
    defer { unlink(out) }
    let r = try WARCExporter.export(
      WARCExportOptions(root: root, from: "2026-01-15", to: "2026-01-15", format: .wacz, out: out))
    #expect(r.skipped.map(\.offset) == [locs[9].offset])
    #expect(r.warcFiles == 1)
  }

  @Test func plainWARCResynchronisesOnTheNextRecordStart() throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let recs = WARCFixtures.fetch(1, date: WARCFixtures.date()).map { $0.serialized() }
    var damaged = recs[1]
    damaged.removeLast(40)  // Content-Length now runs into the next record
    let path = dir + "/x.warc"
    try ForeignWARCFixtures.write(recs[0] + damaged + recs[2] + recs[3], to: path)
    let (items, skipped) = try readAll(path)
    #expect(items.map { $0.record.type ?? "" } == ["request", "metadata", "conversion"])
    #expect(skipped.first?.offset == Int64(recs[0].count))
    #expect(skipped.first?.length == Int64(damaged.count))
  }
}
