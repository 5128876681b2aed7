import Foundation
import TestSupport
import Testing

@testable import WARC

/// The bounded-memory index sort and the binary search over sorted indexes.
@Suite struct CDXJSorterTests {
  /// Lines like index lines, with shared prefixes, duplicates, prefixes of each other and
  /// non-ASCII bytes (so bytewise order differs from String order).
  func lines(_ n: Int, seed: UInt64 = 7) -> [String] {
    var rng = SplitMix64(seed: seed)
    let keys = ["cn,gov,www)/", "cn,gov,www)/zwgk", "cn,gov)/", "urn:article:http://x/", "中国,gov)/"]
    return (0..<n).map { i in
      let k = keys[Int(rng.next() % UInt64(keys.count))]
      let tail = i % 17 == 0 ? "" : String(rng.next() % 1000)
      return "\(k)\(tail) 2026011\(rng.next() % 10) {\"n\": \"\(i % 50)\"}"
    }
  }

  func sortedBytewise(_ l: [String]) -> [String] {
    l.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  func read(_ path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
  }

  @Test(arguments: [1 << 20, 4096, 300, 1])
  func spilledRunsMergeToTheSameOrder(limit: Int) throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let out = dir + "/x.cdxj"
    let input = lines(2000)
    let sorter = CDXJSorter(output: out, memoryLimit: limit)
    for l in input { try sorter.add(l) }
    if limit < 1 << 20 { #expect(sorter.runCount > 1) } else { #expect(sorter.runCount == 0) }
    try sorter.finish()
    #expect(try read(out) == sortedBytewise(input))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.cdxj"])
  }

  @Test func emptyInputWritesAnEmptyIndexAndDiscardRemovesRuns() throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let empty = CDXJSorter(output: dir + "/e.cdxj")
    try empty.add("")
    try empty.finish()
    #expect(FileManager.default.contents(atPath: dir + "/e.cdxj") == Data())
    let dropped = CDXJSorter(output: dir + "/d.cdxj", memoryLimit: 10)
    for l in lines(50) { try dropped.add(l) }
    #expect(dropped.runCount > 0)
    dropped.discard()
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["e.cdxj"])
  }

  @Test func recoveryRemovesRunFilesOfAKilledSort() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let day = root + "/2026/01/15"
    try FileManager.default.createDirectory(atPath: day, withIntermediateDirectories: true)
    for name in ["a.cdxj.run-0", "a.cdxj.run-12", "a.cdxj.tmp", "b.cdxj"] {
      _ = FileManager.default.createFile(atPath: day + "/" + name, contents: Data("x\n".utf8))
    }
    _ = try WARCRecovery.repair(root: root)
    #expect(try FileManager.default.contentsOfDirectory(atPath: day) == ["b.cdxj"])
  }

  @Test func writerIndexWithTinyMemoryEqualsAReindex() throws {
    let root = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: root) }
    var config = WARCFixtures.config(root)
    config.indexMemory = 64
    let writer = try WARCWriter(config: config)
    for i in 0..<40 { try writer.write(WARCFixtures.fetch(i, date: WARCFixtures.date(0))) }
    try writer.close()
    let cdxj = try #require(FileOps.files(under: root, suffix: ".cdxj").first)
    #expect(FileOps.files(under: root, suffix: "").allSatisfy { !$0.contains(".run-") })
    let entries = try WARCFixtures.readAll(root).compactMap { f, item in
      CDXJEntry.make(
        record: item.record, offset: item.offset, length: item.length,
        filename: (f as NSString).lastPathComponent)
    }
    #expect(entries.count == 40 * 2)
    #expect(try read(cdxj) == CDXJEntry.sortedLines(entries))
  }

  @Test func binarySearchFindsEveryPrefixLikeAScan() throws {
    let dir = WARCFixtures.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // Long lines cross 4 KiB blocks; the last line has no "\n".
    var input = sortedBytewise(lines(3000))
    input.insert("cn,gov,www)/long" + String(repeating: "x", count: 9000) + " 1 {}", at: 1500)
    input = sortedBytewise(input)
    let path = dir + "/s.cdxj"
    try input.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let file = try CDXJIndexFile(path: path)
    let probes = [
      "", "cn,gov)/", "cn,gov,www)/", "cn,gov,www)/zwgk1", "cn,gov,www)/long", "urn:article:",
      "中国", "zzz", "a", input[0], input[input.count - 1], "cn,gov,www)/zwgk999 ",
    ]
    for p in probes {
      let want = input.filter { $0.hasPrefix(p) && !$0.isEmpty }
      let got = try file.lines(withPrefix: Array(p.utf8)).map { String(decoding: $0, as: UTF8.self) }
      #expect(got == want, "prefix \(p)")
    }
  }
}
