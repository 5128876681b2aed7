/// One HTTP answer of the sample portal, before it is put on the wire.
public struct SampleResponse: Sendable, Equatable {
  /// The HTTP status code.
  public var status: Int
  /// Response headers (canonical capitalisation; the server adds `Date` and framing headers).
  public var headers: [String: String]
  /// The body bytes, already content-encoded (gzip) when `Content-Encoding` says so.
  public var body: [UInt8]
  /// Seconds the server waits before sending (only `/slow.htm` has a delay).
  public var delaySeconds: Double
  /// Whether the server sends the body with chunked transfer coding (HTTP/1.1 requests only),
  /// as the site does for the article pages of its last section.
  public var chunked: Bool

  public init(
    status: Int, headers: [String: String], body: [UInt8], delaySeconds: Double = 0,
    chunked: Bool = false
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.delaySeconds = delaySeconds
    self.chunked = chunked
  }

  /// The value of a header, looked up case-insensitively.
  public func header(_ name: String) -> String? {
    let lower = name.lowercased()
    return headers.first { $0.key.lowercased() == lower }?.value
  }
}
