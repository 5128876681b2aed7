/// Chooses a page's encoding and decodes it to text.
///
/// Order: user override → byte-order mark → HTTP Content-Type charset → `<meta>` prescan of the
/// first 8 KB → sniffing → default. Declared labels are checked against the bytes, cheaply, for
/// the two mislabellings common on Chinese portals (UTF-8 pages labelled gb2312, GBK pages
/// labelled utf-8); a corrected choice is reported as `.sniffed`.
///
/// Every decoder replaces each byte that does not start a valid sequence with one U+FFFD (what
/// iconv does when the caller skips one byte per EILSEQ) and counts them. Stateless and
/// thread-safe; the GB18030 tables are built once on first use (a few milliseconds).
public enum CharsetDetector {
  /// Decodes an HTML page's bytes.
  ///
  /// - Parameters:
  ///   - bytes: the payload as received, after Content-Encoding was undone.
  ///   - contentType: the HTTP Content-Type header value, if any.
  ///   - override: a label the user forces (`extract --charset`), which wins over everything
  ///     when it is a known label; its source is reported as `.header` (an external declaration).
  public static func decode(_ bytes: [UInt8], contentType: String?, override: String? = nil)
    -> DecodedPage
  {
    if let override, let name = EncodingLabel.canonical(override) {
      let start = bomLength(bytes, for: name)
      return page(decode(bytes, from: start, as: name), name, .header)
    }
    if let (name, length) = bom(bytes) {
      return page(decode(bytes, from: length, as: name), name, .bom)
    }
    if let contentType, let name = MetaPrescan.charset(inContentType: contentType) {
      if name.hasPrefix("utf-16") && !looksLikeUTF16(bytes) {
        return sniff(bytes)
      }
      return decodeDeclared(bytes, name, .header)
    }
    if let name = MetaPrescan.charset(in: bytes) {
      return decodeDeclared(bytes, name, .meta)
    }
    return sniff(bytes)
  }

  /// Decodes `bytes` as the canonical encoding `name` without any detection.
  ///
  /// Returns the text and the number of U+FFFD inserted; unknown names decode as windows-1252.
  public static func decode(_ bytes: [UInt8], as name: String) -> (text: String, replacements: Int)
  {
    let result = decode(bytes, from: 0, as: name)
    return (String(decoding: result.utf8, as: UTF8.self), result.replacements)
  }

  // MARK: - Internals

  /// A decoder's result as bytes.
  typealias Decoded = (utf8: [UInt8], replacements: Int)

  static func page(_ result: Decoded, _ name: String, _ source: CharsetSource) -> DecodedPage {
    DecodedPage(utf8: result.utf8, charset: name, source: source, replacements: result.replacements)
  }

  static func bytes(_ result: (text: String, replacements: Int)) -> Decoded {
    (Array(result.text.utf8), result.replacements)
  }

  /// UTF-8 input as it is when well-formed (no copy, no String), else repaired.
  static func utf8(_ bytes: [UInt8], knownValid: Bool? = nil) -> Decoded {
    if knownValid ?? UTF8Decoder.scan(bytes).isValid { return (bytes, 0) }
    return Self.bytes(UTF8Decoder.decode(bytes, knownValid: false))
  }

  static func decode(_ bytes: [UInt8], from start: Int, as name: String) -> Decoded {
    let body = start == 0 ? bytes : Array(bytes[start...])
    switch name {
    case "utf-8":
      return utf8(body)
    case "gb18030":
      return GB18030Decoder.decodeToUTF8(body)
    case "windows-1252":
      return Self.bytes(Windows1252Decoder.decode(body))
    case "utf-16le":
      return Self.bytes(UTF16Decoder.decode(bytes[start...], bigEndian: false))
    case "utf-16be":
      return Self.bytes(UTF16Decoder.decode(bytes[start...], bigEndian: true))
    default:
      if let iconvName = EncodingLabel.iconvName(forCanonical: name),
        let result = IconvDecoder.decode(body, from: iconvName)
      {
        return Self.bytes(result)
      }
      return Self.bytes(Windows1252Decoder.decode(body))
    }
  }

  /// The encoding and length of a byte-order mark at the start of `bytes`.
  static func bom(_ bytes: [UInt8]) -> (String, Int)? {
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      return ("utf-8", 3)
    }
    if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return ("utf-16le", 2) }
    if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return ("utf-16be", 2) }
    return nil
  }

  /// The length of a BOM that belongs to `name` (stripped even under an override).
  static func bomLength(_ bytes: [UInt8], for name: String) -> Int {
    guard let (bomName, length) = bom(bytes), bomName == name else { return 0 }
    return length
  }

  /// Whether a BOM-less page declared UTF-16 really is (an ASCII-compatible page has no NULs).
  static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool {
    bytes.prefix(256).contains(0)
  }

  /// Minimum non-ASCII bytes for valid UTF-8 to overrule a declared legacy label outright
  /// (eight CJK characters; a GBK text that long is practically never valid UTF-8).
  static let overruleNonASCII = 24

  /// Decodes with a declared (header or meta) encoding, correcting the common mislabellings.
  static func decodeDeclared(_ bytes: [UInt8], _ name: String, _ source: CharsetSource)
    -> DecodedPage
  {
    switch name {
    case "utf-8":
      // The common case in one pass: valid UTF-8 is kept as it is.
      let scan = UTF8Decoder.scan(bytes)
      if scan.invalid == 0 || scan.invalid * 50 <= scan.nonASCII {
        // Valid, or a few broken bytes in a UTF-8 page (a truncated character).
        return page(utf8(bytes, knownValid: scan.invalid == 0), name, source)
      }
      let gb = GB18030Decoder.decodeToUTF8(bytes)
      if gb.replacements * 10 <= scan.invalid && gb.replacements * 50 <= scan.nonASCII {
        return page(gb, "gb18030", .sniffed)
      }
      return page(utf8(bytes, knownValid: false), name, source)
    case "gb18030":
      let scan = UTF8Decoder.scan(bytes, giveUp: true)
      if scan.isValid && scan.nonASCII >= overruleNonASCII {
        return page(utf8(bytes, knownValid: true), "utf-8", .sniffed)
      }
      let gb = GB18030Decoder.decodeToUTF8(bytes)
      if scan.complete && scan.nonASCII > 0 && scan.invalid * 50 <= scan.nonASCII
        && scan.invalid < gb.replacements
      {
        return page(utf8(bytes, knownValid: scan.invalid == 0), "utf-8", .sniffed)
      }
      return page(gb, name, source)
    case "utf-16le", "utf-16be":
      return page(decode(bytes, from: 0, as: name), name, source)
    default:
      let scan = UTF8Decoder.scan(bytes, giveUp: true)
      if scan.isValid && scan.nonASCII >= overruleNonASCII {
        return page(utf8(bytes, knownValid: true), "utf-8", .sniffed)
      }
      return page(decode(bytes, from: 0, as: name), name, source)
    }
  }

  /// No usable declaration: valid UTF-8, else GB18030 if it decodes with few errors, else
  /// windows-1252. Pure ASCII (or empty) input is UTF-8 by `.default`.
  static func sniff(_ bytes: [UInt8]) -> DecodedPage {
    let scan = UTF8Decoder.scan(bytes, giveUp: true)
    if scan.isValid {
      return page(
        utf8(bytes, knownValid: true), "utf-8", scan.nonASCII == 0 ? .default : .sniffed)
    }
    let gb = GB18030Decoder.decodeToUTF8(bytes)
    if gb.replacements == 0 { return page(gb, "gb18030", .sniffed) }
    if scan.complete && scan.invalid <= gb.replacements && scan.invalid * 50 <= scan.nonASCII {
      return page(utf8(bytes, knownValid: false), "utf-8", .sniffed)
    }
    let nonASCII = scan.complete ? scan.nonASCII : UTF8Decoder.countNonASCII(bytes)
    if gb.replacements * 50 <= nonASCII {
      return page(gb, "gb18030", .sniffed)
    }
    return page(Self.bytes(Windows1252Decoder.decode(bytes)), "windows-1252", .sniffed)
  }
}
