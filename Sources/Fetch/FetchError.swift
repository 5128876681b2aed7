import Foundation

/// Why a fetch failed; every case carries the URL. `isRetryable` tells the crawler whether to
/// try again later (transient network trouble) or give up (bad URL, cancelled, other errors).
public enum FetchError: Error, Sendable, CustomStringConvertible, Equatable {
  /// The connect or total timeout expired; `partialBytes` body bytes had arrived.
  case timeout(url: String, seconds: Double, partialBytes: Int)
  /// Could not resolve the host or connect to it (CURLE_COULDNT_RESOLVE_HOST / _CONNECT).
  case connectFailed(url: String, code: Int, message: String)
  /// The connection was reset or closed while sending or receiving (CURLE_RECV_ERROR,
  /// CURLE_SEND_ERROR, CURLE_GOT_NOTHING).
  case reset(url: String, code: Int, message: String)
  /// The server declared more body bytes than it sent, then closed (CURLE_PARTIAL_FILE).
  case partial(url: String, expected: Int?, got: Int)
  /// The URL is malformed or not http/https.
  case invalidURL(url: String, message: String)
  /// The fetcher was shut down before the transfer finished.
  case cancelled(url: String)
  /// Any other libcurl failure.
  case curl(url: String, code: Int, message: String)

  /// The URL the failed request was for.
  public var url: String {
    switch self {
    case .timeout(let url, _, _), .connectFailed(let url, _, _), .reset(let url, _, _),
      .partial(let url, _, _), .invalidURL(let url, _), .cancelled(let url), .curl(let url, _, _):
      return url
    }
  }

  /// Whether trying again later may succeed: timeouts, resets, connect failures, partial bodies.
  public var isRetryable: Bool {
    switch self {
    case .timeout, .connectFailed, .reset, .partial: return true
    case .invalidURL, .cancelled, .curl: return false
    }
  }

  public var description: String {
    switch self {
    case .timeout(let url, let seconds, let partialBytes):
      return "timeout after \(seconds) s fetching \(url) (\(partialBytes) body bytes received)"
    case .connectFailed(let url, let code, let message):
      return "cannot connect for \(url): \(message) (curl code \(code))"
    case .reset(let url, let code, let message):
      return "connection reset fetching \(url): \(message) (curl code \(code))"
    case .partial(let url, let expected, let got):
      let exp = expected.map { "\($0)" } ?? "more"
      return "partial body for \(url): got \(got) of \(exp) bytes before the connection closed"
    case .invalidURL(let url, let message):
      return "invalid URL \(url): \(message)"
    case .cancelled(let url):
      return "fetch of \(url) cancelled"
    case .curl(let url, let code, let message):
      return "curl error \(code) fetching \(url): \(message)"
    }
  }
}
