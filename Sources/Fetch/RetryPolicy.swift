import Foundation

/// When to try a failed fetch again: exponential backoff with jitter, honouring Retry-After.
///
/// Delays are in seconds. Attempt numbers count from 1 (the first try is attempt 1).
public struct RetryPolicy: Sendable {
  /// Total tries, the first one included.
  public var maxAttempts: Int
  /// Delay after the first failed attempt.
  public var baseDelay: Double
  /// Multiplier per further attempt.
  public var factor: Double
  /// Relative jitter: the delay is scaled by a random factor in [1 - jitter, 1 + jitter].
  public var jitter: Double
  /// Longest delay the policy will wait; a Retry-After beyond it means "not in this run".
  public var maxDelay: Double

  public init(
    maxAttempts: Int = 3, baseDelay: Double = 1, factor: Double = 2, jitter: Double = 0.2,
    maxDelay: Double = 60
  ) {
    self.maxAttempts = maxAttempts
    self.baseDelay = baseDelay
    self.factor = factor
    self.jitter = jitter
    self.maxDelay = maxDelay
  }

  /// Whether an HTTP status is worth retrying: 5xx and 429.
  public static func isRetryable(status: Int) -> Bool {
    status == 429 || (500...599).contains(status)
  }

  /// Seconds to wait before the next attempt, or nil to give up.
  ///
  /// - Parameters:
  ///   - attempt: attempts made so far (1 after the first failure).
  ///   - status: the HTTP status received, or nil for a network failure the caller judged
  ///     retryable (`FetchError.isRetryable`).
  ///   - retryAfter: the Retry-After header (delay-seconds or HTTP-date), if any. When present
  ///     and valid it replaces the backoff; beyond `maxDelay` the policy gives up (nil).
  ///   - now: the reference time for an HTTP-date.
  ///   - random: a number in [0, 1) for the jitter (injectable for tests).
  public func delay(
    afterAttempt attempt: Int, status: Int?, retryAfter: String? = nil, now: Date = Date(),
    random: Double = Double.random(in: 0..<1)
  ) -> Double? {
    guard attempt < maxAttempts else { return nil }
    if let status, !RetryPolicy.isRetryable(status: status) { return nil }
    if let retryAfter, let wait = RetryPolicy.parseRetryAfter(retryAfter, now: now) {
      return wait <= maxDelay ? wait : nil
    }
    let exponent = Double(max(attempt - 1, 0))
    let backoff = baseDelay * pow(factor, exponent)
    let scaled = backoff * (1 - jitter + 2 * jitter * min(max(random, 0), 1))
    return min(max(scaled, 0), maxDelay)
  }

  /// The delay after a fetch error: nil when the error is not retryable or attempts are used up.
  public func delay(afterAttempt attempt: Int, error: FetchError) -> Double? {
    guard error.isRetryable else { return nil }
    return delay(afterAttempt: attempt, status: nil)
  }

  /// Parses Retry-After: delay-seconds or an HTTP-date (IMF-fixdate, RFC 850, asctime).
  /// Returns seconds from `now` (0 for past dates), or nil when malformed.
  public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Double? {
    let text = value.trimmingCharacters(in: .whitespaces)
    if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
      return Double(text)
    }
    guard let date = parseHTTPDate(text) else { return nil }
    return max(date.timeIntervalSince(now), 0)
  }

  /// Parses the three HTTP-date formats of RFC 9110 section 5.6.7.
  public static func parseHTTPDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    let squeezed = text.split(separator: " ", omittingEmptySubsequences: true).joined(
      separator: " ")
    for format in [
      "EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy",
    ] {
      formatter.dateFormat = format
      if let date = formatter.date(from: squeezed) { return date }
    }
    return nil
  }
}
