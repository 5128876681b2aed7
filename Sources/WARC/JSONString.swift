/// The one JSON string escaper of the program (RFC 8259), used by the CDXJ index, the export
/// writers (jsonl, pages.jsonl, datapackage), the CLI's JSON lines and the web app.
///
/// Escapes `"` and `\` as `\"` and `\\`; U+0008, U+0009, U+000A, U+000C, U+000D as `\b`, `\t`,
/// `\n`, `\f`, `\r`; other controls below U+0020 as `\u00xx` (lower-case hex, as Python's
/// `json.dumps`). U+2028 and U+2029 are escaped as `\u2028` / `\u2029` (valid JSON, but they end
/// lines in JavaScript). Everything else is written as UTF-8 — or, with `asciiOnly` (Python's
/// `ensure_ascii`, what cdxj-indexer and pywb write and read), every scalar from U+007F up as
/// `\uXXXX`, astral ones as a UTF-16 surrogate pair. Byte input that is not valid UTF-8 is
/// repaired first (each bad sequence becomes U+FFFD), so the output is always valid JSON.
///
/// Stateless; safe from any thread. Hand-written (not `JSONEncoder`) because it keeps key order
/// to the callers and runs over UTF-8 bytes: the per-scalar `String` version cost ~0.3 s on the
/// texts of 5,000 articles in export. The eight-bytes-at-a-time scan is this type's job, so its
/// unsafe buffer code lives here and nowhere else.
public enum JSONString {
  /// `s` as a JSON string literal, quotes included.
  public static func quoted(_ s: String, asciiOnly: Bool = false) -> String {
    var out = ""
    append(s, asciiOnly: asciiOnly, to: &out)
    return out
  }

  /// Appends `s` as a JSON string literal (quotes included) to the text `out`.
  ///
  /// A string with nothing to escape is appended whole (no byte copy, no re-validation).
  public static func append(_ s: String, asciiOnly: Bool = false, to out: inout String) {
    var s = s
    let plain = s.withUTF8 { firstSpecial($0, asciiOnly: asciiOnly) == $0.count }
    if plain {
      out += "\""
      out += s
      out += "\""
      return
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(s.utf8.count + 16)
    append(s, asciiOnly: asciiOnly, to: &bytes)
    out += String(decoding: bytes, as: UTF8.self)
  }

  /// Appends `s` as a JSON string literal (quotes included) to the UTF-8 bytes `out`.
  public static func append(_ s: String, asciiOnly: Bool = false, to out: inout [UInt8]) {
    out.append(0x22)
    var s = s
    s.withUTF8 { appendEscaped(validUTF8: $0, asciiOnly: asciiOnly, to: &out) }
    out.append(0x22)
  }

  /// Appends the UTF-8 bytes `bytes`, which need not be valid, as a JSON string literal.
  public static func append(
    utf8 bytes: some Sequence<UInt8>, asciiOnly: Bool = false, to out: inout [UInt8]
  ) {
    append(String(decoding: Array(bytes), as: UTF8.self), asciiOnly: asciiOnly, to: &out)
  }

  /// Appends the escaped form (without quotes) of `b`, which must be valid UTF-8 (the bytes of
  /// a `String`, or a slice of them cut at ASCII bytes).
  static func appendEscaped(
    validUTF8 b: UnsafeBufferPointer<UInt8>, asciiOnly: Bool, to out: inout [UInt8]
  ) {
    var run = 0
    var i = 0
    let n = b.count
    while true {
      i += firstSpecial(UnsafeBufferPointer(rebasing: b[i..<n]), asciiOnly: asciiOnly)
      guard i < n else { break }
      let c = b[i]
      if c >= 0x80 {
        // A whole scalar (input is valid UTF-8): lead byte tells the length.
        let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
        guard i + len <= n else { break }
        var v = UInt32(c) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        for k in 1..<len { v = v << 6 | UInt32(b[i + k] & 0x3F) }
        if !asciiOnly && v != 0x2028 && v != 0x2029 {
          i += len
          continue
        }
        if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i])) }
        if v >= 0x10000 {
          let u = v - 0x10000
          appendU(UInt16(0xD800 + (u >> 10)), to: &out)
          appendU(UInt16(0xDC00 + (u & 0x3FF)), to: &out)
        } else {
          appendU(UInt16(v), to: &out)
        }
        i += len
        run = i
        continue
      }
      if c == 0x7F && !asciiOnly {
        i += 1
        continue
      }
      if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i])) }
      switch c {
      case 0x22: out += [0x5C, 0x22]
      case 0x5C: out += [0x5C, 0x5C]
      case 0x0A: out += [0x5C, 0x6E]
      case 0x0D: out += [0x5C, 0x72]
      case 0x09: out += [0x5C, 0x74]
      case 0x08: out += [0x5C, 0x62]
      case 0x0C: out += [0x5C, 0x66]
      default: appendU(UInt16(c), to: &out)
      }
      i += 1
      run = i
    }
    if run < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<n])) }
  }

  /// Appends `\uXXXX` (lower-case hex) for the UTF-16 unit `u`.
  private static func appendU(_ u: UInt16, to out: inout [UInt8]) {
    let hex = { (v: UInt16) -> UInt8 in UInt8(v < 10 ? 48 + v : 87 + v) }
    out += [0x5C, 0x75, hex(u >> 12), hex(u >> 8 & 15), hex(u >> 4 & 15), hex(u & 15)]
  }

  /// The offset of the first byte of `b` that may need escaping (`b.count` if none): a control,
  /// `"`, `\`, 0x7F, and 0xE2 (lead byte of U+2028 / U+2029) — or, with `asciiOnly`, any byte
  /// from 0x7F up. May stop early at a byte that needs nothing (the caller looks at it).
  @inline(__always)
  static func firstSpecial(_ b: UnsafeBufferPointer<UInt8>, asciiOnly: Bool) -> Int {
    let n = b.count
    guard let base = b.baseAddress else { return 0 }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
    var i = 0
    // Eight bytes at a time while none needs a look (most text): the usual SWAR tests for a
    // zero byte and for a byte below a bound.
    while i + 8 <= n {
      let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      var m = (w &- ones &* 0x20) & ~w & highs
      m |= zeroByte(w ^ (ones &* 0x22)) | zeroByte(w ^ (ones &* 0x5C))
      m |= zeroByte(w ^ (ones &* 0x7F))
      m |= asciiOnly ? (w & highs) : zeroByte(w ^ (ones &* 0xE2))
      if m != 0 { break }
      i += 8
    }
    while i < n {
      let c = b[i]
      if c < 0x20 || c == 0x22 || c == 0x5C || c == 0x7F || c == 0xE2 || (asciiOnly && c >= 0x80) {
        return i
      }
      i += 1
    }
    return n
  }
}
