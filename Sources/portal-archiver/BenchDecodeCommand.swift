import ArgumentParser
import Charset
import Foundation

/// Hidden `portal-archiver bench-decode FILE...`: this program's charset decoding against raw
/// glibc iconv on the same bytes.
struct BenchDecodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-decode",
    abstract: "Benchmark charset decoding (MB/s) against raw iconv on the same bytes.",
    shouldDisplay: false)

  @Flag(help: "Re-encode each file's text as GB18030 first (for UTF-8 pages).")
  var gb18030 = false

  @Option(help: "Seconds per measurement (half ours, half iconv).")
  var seconds = 4.0

  @Argument(help: "Pages to decode; measured one after another as one buffer.")
  var files: [String]

  func run() throws {
    var buffer: [UInt8] = []
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw ValidationError("cannot read \(file)")
      }
      let bytes = [UInt8](data)
      if gb18030 {
        let page = CharsetDetector.decode(bytes, contentType: nil)
        let clean = page.text.replacingOccurrences(of: "\u{FFFD}", with: "?")
        buffer += try CharsetEncoder.encode(clean, to: "GB18030")
      } else {
        buffer += bytes
      }
    }
    let (ours, iconv) = DecodeBenchmark.measure(buffer, seconds: seconds)
    print(
      String(
        format: "bytes %d  ours %.1f MB/s  raw iconv %.1f MB/s  ratio %.2f", buffer.count, ours,
        iconv, iconv > 0 ? ours / iconv : 0))
  }
}
