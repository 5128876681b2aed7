import Foundation
import Testing

@testable import WARC

@Suite struct WARCVerifierTests {
  func makeArchive() throws -> (root: String, path: String, locs: [WARCLocation]) {
    let root = WARCFixtures.tempDir()
    let writer = try WARCWriter(config: WARCFixtures.config(root))
    var locs: [WARCLocation] = []
    for i in 0..<4 { locs += try writer.write(WARCFixtures.fetch(i, date: WARCFixtures.date())) }
    try writer.close()
    return (root, root + "/" + locs[0].file, locs)
  }

  @Test func cleanArchiveHasNoFaults() throws {
    let (root, _, _) = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let s = WARCVerifier.verify(paths: [root])
    #expect(s.faults.isEmpty)
    #expect(s.files == 1)
    #expect(s.records == 17)
  }

  @Test func flippedByteIsFoundAtItsMember() throws {
    let (root, path, locs) = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let target = locs[5]
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    bytes[Int(target.offset + target.length / 2)] ^= 0x5a
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let s = WARCVerifier.verify(paths: [path])
    #expect(!s.faults.isEmpty)
    #expect(s.faults.first?.offset == target.offset)
    #expect(s.faults.first?.description.hasPrefix("\(path):\(target.offset): ") == true)
    // The members after the damaged one are still checked.
    #expect(s.records >= 15)
  }

  @Test func truncatedFileIsReported() throws {
    let (root, path, locs) = try makeArchive()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let last = locs[locs.count - 1]
    #expect(truncate(path, off_t(last.offset + 10)) == 0)
    let s = WARCVerifier.verify(paths: [path])
    #expect(s.faults.count == 1)
    #expect(s.faults.first?.offset == last.offset)
    #expect(s.faults.first?.problem.contains("truncated") == true)
  }

  @Test func wrongDigestInUncompressedWARC() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    var rec = WARCFixtures.fetch(1, date: WARCFixtures.date())[1]
    rec.setHeader("WARC-Payload-Digest", "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5")
    let good = WARCFixtures.fetch(2, date: WARCFixtures.date())[1]
    let path = root + "/x.warc"
    try Data(good.serialized() + rec.serialized()).write(to: URL(fileURLWithPath: path))
    let s = WARCVerifier.verify(paths: [path])
    #expect(s.records == 2)
    #expect(s.faults.count == 1)
    #expect(s.faults.first?.offset == Int64(good.serialized().count))
    #expect(s.faults.first?.problem.contains("WARC-Payload-Digest mismatch") == true)
  }
}
