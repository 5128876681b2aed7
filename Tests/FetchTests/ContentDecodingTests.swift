import CZlibShim
import Foundation
import Testing

@testable import Fetch

/// Compresses with zlib in a given window format (15: zlib, -15: raw deflate, 31: gzip).
func compress(_ input: [UInt8], windowBits: Int32) -> [UInt8] {
  var stream = z_stream()
  guard pa_deflateInit2(&stream, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY) == Z_OK else {
    return []
  }
  defer { deflateEnd(&stream) }
  var output = [UInt8](repeating: 0, count: input.count + 1024)
  var source = input
  let produced = source.withUnsafeMutableBufferPointer { src in
    output.withUnsafeMutableBufferPointer { dst in
      stream.next_in = src.baseAddress
      stream.avail_in = uInt(src.count)
      stream.next_out = dst.baseAddress
      stream.avail_out = uInt(dst.count)
      _ = deflate(&stream, Z_FINISH)
      return dst.count - Int(stream.avail_out)
    }
  }
  return Array(output[0..<produced])
}

@Suite struct ContentDecodingTests {
  let page = Array(
    String(repeating: "<li><a href=\"/xw/1.html\">国务院常务会议</a></li>\n", count: 500).utf8)

  @Test func decodesEachEncoding() throws {
    #expect(
      try ContentDecoding.decode(compress(page, windowBits: 31), contentEncoding: "gzip") == page)
    #expect(
      try ContentDecoding.decode(compress(page, windowBits: 31), contentEncoding: "X-GZIP") == page)
    #expect(
      try ContentDecoding.decode(compress(page, windowBits: 15), contentEncoding: "deflate") == page
    )
    #expect(
      try ContentDecoding.decode(compress(page, windowBits: -15), contentEncoding: "deflate")
        == page)
    #expect(try ContentDecoding.decode(page, contentEncoding: "identity") == page)
    #expect(try ContentDecoding.decode(page, contentEncoding: nil) == page)
    #expect(try ContentDecoding.decode([], contentEncoding: "gzip") == [])
  }

  @Test func concatenatedGzipMembersAndStackedCodings() throws {
    let half = page.count / 2
    let members =
      compress(Array(page[..<half]), windowBits: 31)
      + compress(Array(page[half...]), windowBits: 31)
    #expect(try ContentDecoding.decode(members, contentEncoding: "gzip") == page)
    let twice = compress(compress(page, windowBits: 15), windowBits: 31)
    #expect(try ContentDecoding.decode(twice, contentEncoding: "deflate, gzip") == page)
  }

  @Test func errorsNameTheEncoding() {
    #expect(throws: ContentDecoding.DecodingError.unsupported(encoding: "br")) {
      try ContentDecoding.decode(page, contentEncoding: "br")
    }
    do {
      _ = try ContentDecoding.decode(page, contentEncoding: "gzip")
      Issue.record("plain text decoded as gzip")
    } catch {
      guard case .corrupt(let encoding, _, _) = error else {
        Issue.record("expected corrupt, got \(error)")
        return
      }
      #expect(encoding == "gzip")
      #expect(error.description.contains("gzip"))
    }
  }

  @Test func truncatedStream() throws {
    let compressed = compress(page, windowBits: 31)
    let cut = Array(compressed.prefix(compressed.count / 2))
    #expect(throws: ContentDecoding.DecodingError.self) {
      try ContentDecoding.decode(cut, contentEncoding: "gzip")
    }
    let partial = try ContentDecoding.decode(cut, contentEncoding: "gzip", allowTruncated: true)
    #expect(!partial.isEmpty && partial.count < page.count)
    #expect(Array(page.prefix(partial.count)) == partial)
  }

  @Test func decompressionBombIsStopped() {
    let bomb = compress([UInt8](repeating: 0, count: 20_000_000), windowBits: 31)
    #expect(bomb.count < 100_000)
    #expect(throws: ContentDecoding.DecodingError.tooLarge(encoding: "gzip", limit: 1_000_000)) {
      try ContentDecoding.decode(bomb, contentEncoding: "gzip", maxOutput: 1_000_000)
    }
  }
}
