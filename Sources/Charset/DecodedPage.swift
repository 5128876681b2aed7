/// A page's text after charset detection and decoding.
public struct DecodedPage: Sendable, Equatable {
  /// The decoded text; every invalid byte sequence is one U+FFFD.
  public var text: String
  /// The canonical (WHATWG) name of the encoding used, lower case: "gb18030", "utf-8", "big5", …
  public var charset: String
  /// Where that encoding came from.
  public var source: CharsetSource
  /// How many invalid sequences were replaced with U+FFFD.
  public var replacements: Int

  public init(text: String, charset: String, source: CharsetSource, replacements: Int) {
    self.text = text
    self.charset = charset
    self.source = source
    self.replacements = replacements
  }
}
