import Foundation

/// One request the sample portal server answered, for tests and the demo's summary.
public struct SampleRequestLog: Sendable, Equatable {
  /// The request method (`GET`, `HEAD`, …).
  public var method: String
  /// The request target as sent: path plus `?query`.
  public var path: String
  /// The status code answered.
  public var status: Int
  /// The request's `If-None-Match` header, if any.
  public var ifNoneMatch: String?
  /// The request's `If-Modified-Since` header, if any.
  public var ifModifiedSince: String?
  /// The request's `Accept-Encoding` header, if any.
  public var acceptEncoding: String?
  /// The request's `User-Agent` header, if any.
  public var userAgent: String?
  /// Body bytes sent (after content encoding).
  public var bytes: Int
  /// When the request was answered.
  public var time: Date

  public init(
    method: String, path: String, status: Int, ifNoneMatch: String?, ifModifiedSince: String?,
    acceptEncoding: String?, userAgent: String?, bytes: Int, time: Date
  ) {
    self.method = method
    self.path = path
    self.status = status
    self.ifNoneMatch = ifNoneMatch
    self.ifModifiedSince = ifModifiedSince
    self.acceptEncoding = acceptEncoding
    self.userAgent = userAgent
    self.bytes = bytes
    self.time = time
  }
}
