import Crawl
import FuzzSupport

/// libFuzzer entry point: crawl.conf parsing (TOML) and validation.
///
/// The input is the file's text (invalid UTF-8 repaired, as `String(contentsOfFile:)` would
/// refuse it). Every outcome but a crash is fine: a parse or validation error is the expected
/// answer to most inputs. An accepted configuration is validated again, as the command line
/// does after applying its flags.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  do {
    let config = try CrawlConfig.parse(text, file: "fuzz.conf")
    try config.validate(file: "fuzz.conf")
  } catch {
    _ = "\(error)"
  }
  return 0
}

/// The conf fuzz target: starts libFuzzer.
@main enum FuzzConf {
  /// Starts libFuzzer, which calls `fuzz` once per input.
  static func main() {
    FuzzDriver.run { data, size in fuzz(data ?? FuzzDriver.empty, size) }
  }
}
