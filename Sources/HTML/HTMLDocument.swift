// STUB: to be replaced by the libxml2 DOM wrapper.
import CLibXML2

/// An HTML document parsed by libxml2 in recover mode.
public final class HTMLDocument {
  /// The document's URL (for resolving links), if known.
  public let url: String?

  public init(html: String, url: String?) {
    self.url = url
  }
}

extension HTMLDocument {
  /// STUB until the DOM wrapper lands.
  public func links() -> [Link] { [] }
}
