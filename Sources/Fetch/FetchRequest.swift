import Foundation

/// One request for the `Fetcher`: a URL, extra header fields and an opaque tag for the caller.
public struct FetchRequest: Sendable {
  /// The HTTP method. POST only for the list pages a page's script would fetch so (JCMS
  /// `dataproxy.jsp`): a crawler never submits forms a person would.
  public enum Method: String, Sendable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
  }

  /// Absolute http or https URL.
  public var url: String
  /// Extra header fields, sent in order (e.g. If-None-Match, If-Modified-Since, Referer).
  public var headers: [(name: String, value: String)]
  public var method: Method
  /// Opaque value for the caller (e.g. a frontier row id); the fetcher never reads it.
  public var tag: Int
  /// The request body of a POST (sent with Content-Length; the caller names its Content-Type in
  /// `headers`); ignored for GET and HEAD.
  public var body: [UInt8]

  public init(
    url: String, headers: [(name: String, value: String)] = [], method: Method = .get, tag: Int = 0,
    body: [UInt8] = []
  ) {
    self.url = url
    self.headers = headers
    self.method = method
    self.tag = tag
    self.body = body
  }
}
