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
  /// HTTP version of the response, e.g. "1.1" (the fetcher speaks HTTP/1.1 only).
  public var httpVersion: String
  /// New connections opened for this transfer: 0 when a kept-alive connection was reused.
  public var newConnections: Int
  /// Phase timings of the exchange.
  public var timings: FetchTimings
  /// The caller's `FetchRequest.tag`.
  public var tag: Int

  public init(
    url: String, requestBytes: [UInt8], status: Int, headerBytes: [UInt8],
    headers: [(name: String, value: String)], body: [UInt8], truncated: Bool, remoteIP: String,
    date: Date, httpVersion: String = "1.1", newConnections: Int = 0,
    timings: FetchTimings = FetchTimings(), tag: Int = 0
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
    self.httpVersion = httpVersion
    self.newConnections = newConnections
    self.timings = timings
    self.tag = tag
  }

  /// The first value of a header field, compared case-insensitively.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
  }
}

/// Phase timings of one exchange, in seconds from the start of the transfer (curl's *_TIME_T).
public struct FetchTimings: Sendable, Equatable {
  /// TCP connect done (0 when a connection was reused).
  public var connect: Double
  /// First response byte received.
  public var firstByte: Double
  /// Whole exchange done.
  public var total: Double

  public init(connect: Double = 0, firstByte: Double = 0, total: Double = 0) {
    self.connect = connect
    self.firstByte = firstByte
    self.total = total
  }
}
