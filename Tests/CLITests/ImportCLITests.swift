import Foundation
import Testing
import TestSupport

@testable import WARC

/// `import`, and `show`/`export`/`verify` over imported and damaged files, run as a user runs them.
@Suite(.serialized) struct ImportCLITests {
  /// A wget-style response record (`<uri>` target, WARC/1.0) and its HTTP block.
  static func wgetResponse(_ url: String, _ body: String, id: Int) -> (record: [UInt8], block: [UInt8]) {
    let block = Array(
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    let head =
      "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000\(id)>\r\n"
      + "WARC-Target-URI: <\(url)>\r\nWARC-Date: 2024-05-06T07:08:09Z\r\n"
      + "WARC-Block-Digest: \(WARCDigest.sha1Base32(block))\r\n"
      + "Content-Type: application/http;msgtype=response\r\nContent-Length: \(block.count)\r\n\r\n"
    return (Array(head.utf8) + block + Array("\r\n\r\n".utf8), block)
  }

  /// The records gzip'd one member each; the file's bytes and each member's offset.
  static func gzipped(_ records: [[UInt8]]) throws -> (bytes: [UInt8], offsets: [Int]) {
    let deflater = try GzipDeflater(level: 6)
    var out: [UInt8] = []
    var offsets: [Int] = []
    for r in records {
      offsets.append(out.count)
      try deflater.member(r, into: &out)
    }
    return (out, offsets)
  }

  static func warcinfo() -> [UInt8] {
    let block = Array("software: Wget/1.21.3\r\n".utf8)
    return Array(
      "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\nWARC-Date: 2024-05-06T07:08:09Z\r\nContent-Type: application/warc-fields\r\nContent-Length: \(block.count)\r\n\r\n"
        .utf8) + block + Array("\r\n\r\n".utf8)
  }

  @Test func importedWgetCapturesAreShownAndExportedAndNotImportedTwice() throws {
    let dir = try TemporaryDirectory()
    let home = Self.wgetResponse("http://127.0.0.1:8000/", "<html>home</html>", id: 1)
    let page = Self.wgetResponse("http://127.0.0.1:8000/a.html", "<html>a</html>", id: 2)
    let (bytes, _) = try Self.gzipped([Self.warcinfo(), home.record, page.record])
    let source = dir.path + "/wget.warc.gz"
    try Data(bytes).write(to: URL(fileURLWithPath: source))
    let archive = dir.path + "/archive"
    let first = try CLITests.run(["import", "--archive", archive, source])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("imported \(source) as \(archive)/imported/2024/05/06/wget.warc.gz"))
    #expect(FileManager.default.fileExists(atPath: archive + "/imported/2024/05/06/wget.cdxj"))
    let show = try CLITests.run(["show", "--raw", "--archive", archive, "http://127.0.0.1:8000/a.html"])
    #expect(show.status == 0, "\(show.stderr)")
    #expect(show.stdout == String(decoding: page.block, as: UTF8.self))
    let again = try CLITests.run(["import", "--archive", archive, source])
    #expect(again.status == 0)
    #expect(again.stdout.contains("already imported"))
    let out = dir.path + "/out.warc.gz"
    let export = try CLITests.run([
      "export", "--archive", archive, "--from", "2024-05-06", "--to", "2024-05-06", "--format",
      "warc", "--out", out,
    ])
    #expect(export.status == 0, "\(export.stderr)")
    #expect(export.stdout.contains("2 records rewritten"))
    #expect(try CLITests.run(["verify", "--archive", archive]).status == 0)
  }

  @Test func aDamagedFileIsRefusedNamingFileAndOffsetAndVerifyNamesItsRegion() throws {
    let dir = try TemporaryDirectory()
    let a = Self.wgetResponse("http://127.0.0.1:8000/", "<html>home</html>", id: 1)
    let b = Self.wgetResponse("http://127.0.0.1:8000/b.html", "<html>b</html>", id: 2)
    var (bytes, offsets) = try Self.gzipped([Self.warcinfo(), a.record, b.record])
    bytes[offsets[1] + 15] ^= 0x5a
    let source = dir.path + "/bad.warc.gz"
    try Data(bytes).write(to: URL(fileURLWithPath: source))
    let archive = dir.path + "/archive"
    let refused = try CLITests.run(["import", "--archive", archive, source])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("\(source):\(offsets[1]): "))
    #expect(refused.stderr.contains("not imported"))
    #expect(!FileManager.default.fileExists(atPath: archive + "/imported/2024"))
    let verify = try CLITests.run(["verify", "--archive", archive, source])
    #expect(verify.status == 1)
    #expect(verify.stdout.contains("\(source):\(offsets[1]): "))
    #expect(verify.stdout.contains("reading goes on at offset \(offsets[2])"))
  }
}
