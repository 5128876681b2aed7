import Foundation

/// One request for the `Fetcher`: a URL, extra header fields and an opaque tag for the caller.
public struct FetchRequest: Sendable {
  /// The HTTP method. Only safe methods are supported: a crawler never sends bodies.
  public enum Method: String, Sendable {
    case get = "GET"
    case head = "HEAD"
  }

  /// Absolute http or https URL.
  public var url: String
  /// Extra header fields, sent in order (e.g. If-None-Match, If-Modified-Since, Referer).
  public var headers: [(name: String, value: String)]
  public var method: Method
  /// Opaque value for the caller (e.g. a frontier row id); the fetcher never reads it.
  public var tag: Int

  public init(
    url: String, headers: [(name: String, value: String)] = [], method: Method = .get, tag: Int = 0
  ) {
    self.url = url
    self.headers = headers
    self.method = method
    self.tag = tag
  }
}
