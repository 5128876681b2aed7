import Foundation
import Testing
import ZIPFoundation

@testable import WARC

@Suite struct StoredZipWriterTests {
  /// Writes entries with the given Zip64 threshold and reads them back with ZIPFoundation.
  func roundTrip(threshold: UInt64) throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/data.bin"
    let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
    try Data(payload).write(to: URL(fileURLWithPath: file))
    let out = dir + "/out.zip"
    let zip = try StoredZipWriter(path: out, zip64Threshold: threshold)
    let (hash, size) = try zip.addFile(name: "archive/data.bin", file: file)
    try zip.addBytes(name: "pages/pages.jsonl", bytes: Array("{\"a\": \"中文\"}\n".utf8))
    try zip.finish()
    #expect(hash == WARCDigest.sha256Hex(payload))
    #expect(size == Int64(payload.count))
    let archive = try Archive(url: URL(fileURLWithPath: out), accessMode: .read)
    var got: [String: Data] = [:]
    for entry in archive {
      #expect(entry.compressedSize == entry.uncompressedSize)
      var data = Data()
      _ = try archive.extract(entry) { data.append($0) }  // checks the CRC-32
      got[entry.path] = data
    }
    #expect(got["archive/data.bin"] == Data(payload))
    #expect(got["pages/pages.jsonl"] == Data("{\"a\": \"中文\"}\n".utf8))
  }

  @Test func plainZipReadsBack() throws { try roundTrip(threshold: 0xFFFF_FFFF) }

  /// Forces every Zip64 field (as a >4 GiB archive would need) on small data.
  @Test func zip64RecordsReadBack() throws { try roundTrip(threshold: 1) }
}
