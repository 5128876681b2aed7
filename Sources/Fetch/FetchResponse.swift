import Foundation

/// One HTTP exchange as it happened on the wire.
public struct FetchResponse: Sendable {
  /// The URL requested (no redirect is followed by the fetcher).
  public var url: String
  /// The request exactly as sent: request line and headers (and body, if any).
  public var requestBytes: [UInt8]
  /// HTTP status code.
  public var status: Int
  /// The status line and header fields exactly as received, ending with the blank line.
  public var headerBytes: [UInt8]
  /// Header fields parsed from `headerBytes`, in order.
  public var headers: [(name: String, value: String)]
  /// The body as sent: de-chunked, but with any Content-Encoding still applied.
  public var body: [UInt8]
  /// Whether the body was cut at the size limit.
  public var truncated: Bool
  /// The peer's IP address.
  public var remoteIP: String
  /// When the request was sent.
  public var date: Date

  public init(
    url: String, requestBytes: [UInt8], status: Int, headerBytes: [UInt8],
    headers: [(name: String, value: String)], body: [UInt8], truncated: Bool, remoteIP: String,
    date: Date
  ) {
    self.url = url
    self.requestBytes = requestBytes
    self.status = status
    self.headerBytes = headerBytes
    self.headers = headers
    self.body = body
    self.truncated = truncated
    self.remoteIP = remoteIP
    self.date = date
  }

  /// The first value of a header field, compared case-insensitively.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
  }
}
