/// An outlink found in a document, resolved to an absolute URL.
public struct Link: Sendable, Hashable {
  public enum Kind: String, Sendable { case anchor, area, frame, iframe, refresh }
  public var url: String
  public var kind: Kind
  public var text: String

  public init(url: String, kind: Kind, text: String) {
    self.url = url
    self.kind = kind
    self.text = text
  }
}
