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
  /// The URL is malformed.
  case invalidURL(url: String, message: String)
  /// The URL's scheme is not http or https (checked before submitting, and libcurl is limited
  /// to those two: CURLOPT_PROTOCOLS_STR, CURLE_UNSUPPORTED_PROTOCOL).
  case schemeNotAllowed(url: String, scheme: String)
  /// The URL is longer than `FetchConfig.maxURLBytes`; refused before anything is sent.
  case urlTooLong(url: String, bytes: Int, limit: Int)
  /// libcurl gave up on the response header: one header line (or the whole header) passed its
  /// limit, CURL_MAX_HTTP_HEADER (100 KB). A redirect to a very long URL does this too (its
  /// Location line). libcurl reports it as CURLE_OUT_OF_MEMORY (27) before 8.6 and as
  /// CURLE_TOO_LARGE (100) since; `headerBytes` complete header lines had arrived.
  case headerTooLarge(url: String, code: Int, headerBytes: Int)
  /// The connection was refused by the fetcher itself: `address` (e.g. "127.0.0.2:8080") is in
  /// a non-public `range` ("loopback", "private" …) and the URL's host is not allowed there
  /// (`FetchConfig.allowPrivateAddresses`, `FetchConfig.privateAddressHosts`).
  case privateAddress(url: String, address: String, range: String)
  /// The fetcher was shut down before the transfer finished.
  case cancelled(url: String)
  /// Any other libcurl failure.
  case curl(url: String, code: Int, message: String)

  /// The URL the failed request was for.
  public var url: String {
    switch self {
    case .timeout(let url, _, _), .connectFailed(let url, _, _), .reset(let url, _, _),
      .partial(let url, _, _), .invalidURL(let url, _), .cancelled(let url), .curl(let url, _, _),
      .schemeNotAllowed(let url, _), .urlTooLong(let url, _, _), .headerTooLarge(let url, _, _),
      .privateAddress(let url, _, _):
      return url
    }
  }

  /// Whether trying again later may succeed: timeouts, resets, connect failures, partial bodies.
  /// A refusal (scheme, length, private address) or a too-large header would only repeat.
  public var isRetryable: Bool {
    switch self {
    case .timeout, .connectFailed, .reset, .partial: return true
    case .invalidURL, .cancelled, .curl, .schemeNotAllowed, .urlTooLong, .headerTooLarge,
      .privateAddress:
      return false
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
    case .schemeNotAllowed(let url, let scheme):
      return "scheme not allowed: \(scheme) (only http and https are fetched): \(Self.short(url))"
    case .urlTooLong(let url, let bytes, let limit):
      return "URL too long (\(bytes) bytes; the limit is \(limit)): \(Self.short(url))"
    case .headerTooLarge(let url, let code, let headerBytes):
      return "response header too large fetching \(url) (libcurl stops at 100 KB of header; a"
        + " redirect to a very long URL does this too; \(headerBytes) header bytes had arrived)"
        + " (curl code \(code))"
    case .privateAddress(let url, let address, let range):
      return "refused to connect to \(address) for \(url): a private address (\(range);"
        + " fetch.allow_private_addresses = false)"
    case .cancelled(let url):
      return "fetch of \(url) cancelled"
    case .curl(let url, let code, let message):
      return "curl error \(code) fetching \(url): \(message)"
    }
  }

  /// The first 200 characters of a URL, for messages about URLs that may be huge.
  static func short(_ url: String) -> String {
    url.utf8.count <= 200 ? url : String(url.prefix(200)) + "…"
  }
}
