/// A page's text after charset detection and decoding.
public struct DecodedPage: Sendable, Equatable {
  /// The decoded text as well-formed UTF-8; every invalid input sequence is one U+FFFD.
  ///
  /// The stored form: the HTML parser reads these bytes directly, so the crawl and `extract`
  /// never pay for building (and validating) a String of the whole page.
  public var utf8: [UInt8]
  /// The canonical (WHATWG) name of the encoding used, lower case: "gb18030", "utf-8", "big5", …
  public var charset: String
  /// Where that encoding came from.
  public var source: CharsetSource
  /// How many invalid sequences were replaced with U+FFFD.
  public var replacements: Int

  /// The decoded text (made from `utf8` on each use).
  public var text: String { String(decoding: utf8, as: UTF8.self) }

  public init(utf8: [UInt8], charset: String, source: CharsetSource, replacements: Int) {
    self.utf8 = utf8
    self.charset = charset
    self.source = source
    self.replacements = replacements
  }

  public init(text: String, charset: String, source: CharsetSource, replacements: Int) {
    self.init(
      utf8: Array(text.utf8), charset: charset, source: source, replacements: replacements)
  }
}
