// STUB: to be replaced by the Charset implementation (BOM → HTTP header → meta → sniffing).

/// Chooses a page's encoding and decodes it to text.
public enum CharsetDetector {
  /// Decodes an HTML page's bytes.
  ///
  /// - Parameters:
  ///   - bytes: the payload as received, after Content-Encoding was undone.
  ///   - contentType: the HTTP Content-Type header value, if any.
  ///   - override: a label the user forces (`extract --charset`), which wins over everything.
  public static func decode(_ bytes: [UInt8], contentType: String?, override: String? = nil)
    -> DecodedPage
  {
    DecodedPage(
      text: String(decoding: bytes, as: UTF8.self), charset: "utf-8", source: .default,
      replacements: 0)
  }
}
