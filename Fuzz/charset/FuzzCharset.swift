import Charset
import FuzzSupport

/// libFuzzer entry point: charset detection and every decoder on arbitrary bytes.
///
/// The whole input is the page. Its first line (up to 200 bytes) doubles as a Content-Type
/// header value and as an encoding label, so the header and label parsers see the same bytes
/// the mutator edits. One canonical encoding, chosen by the input's length, is also decoded
/// directly, so each decoder (native and iconv) gets its share of executions.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let firstLine = bytes.prefix(200).prefix { $0 != 10 && $0 != 13 }
  let header = String(decoding: firstLine, as: UTF8.self)

  _ = CharsetDetector.decode(bytes, contentType: nil)
  _ = CharsetDetector.decode(bytes, contentType: header)
  _ = CharsetDetector.decode(bytes, contentType: nil, override: header)
  _ = MetaPrescan.charset(in: bytes)
  _ = MetaPrescan.charset(inContentType: header)
  _ = EncodingLabel.canonical(header)

  let label = FuzzCharset.labels[size % FuzzCharset.labels.count]
  let decoded = CharsetDetector.decode(bytes, as: label)
  // Encoding back exercises the iconv encoder on text that contains U+FFFD and anything else.
  _ = try? CharsetEncoder.encode(decoded.text, to: label)
  return 0
}

/// The charset fuzz target: starts libFuzzer; holds the labels decoded directly.
@main enum FuzzCharset {
  /// Starts libFuzzer, which calls `fuzz` once per input.
  static func main() {
    FuzzDriver.run { data, size in fuzz(data ?? FuzzDriver.empty, size) }
  }

  /// The canonical names the decoders handle, native ones first.
  static let labels = [
    "utf-8", "gb18030", "windows-1252", "utf-16le", "utf-16be", "big5", "euc-jp",
    "iso-2022-jp", "shift_jis", "euc-kr", "koi8-r", "iso-8859-2", "windows-1251", "ibm866",
    "x-mac-cyrillic", "unknown-label",
  ]
}
