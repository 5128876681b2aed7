/// An outlink found in a document, resolved to an absolute URL.
public struct Link: Sendable, Hashable {
  /// Where the link was found: `a`/`area` href, `frame`/`iframe` src, a meta refresh, `img` src.
  public enum Kind: String, Sendable { case anchor, area, frame, iframe, refresh, image }
  public var url: String
  public var kind: Kind
  /// The anchor text (whitespace-collapsed), an image's alt text, or "".
  public var text: String

  public init(url: String, kind: Kind, text: String) {
    self.url = url
    self.kind = kind
    self.text = text
  }
}
