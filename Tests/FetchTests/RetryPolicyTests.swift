import Foundation
import Testing

@testable import Fetch

@Suite struct RetryPolicyTests {
  let policy = RetryPolicy()

  @Test func exponentialBackoffWithJitterAndCap() {
    #expect(policy.delay(afterAttempt: 1, status: 503, random: 0.5) == 1)
    #expect(policy.delay(afterAttempt: 2, status: 500, random: 0.5) == 2)
    #expect(policy.delay(afterAttempt: 3, status: 500, random: 0.5) == nil)  // 3 attempts made
    #expect(policy.delay(afterAttempt: 1, status: 503, random: 0) == 0.8)
    #expect(policy.delay(afterAttempt: 1, status: 503, random: 0.999_999)! > 1.19)
    let long = RetryPolicy(maxAttempts: 20)
    #expect(long.delay(afterAttempt: 15, status: 429, random: 0.5) == 60)
  }

  @Test func onlyServerErrorsAnd429AreRetried() {
    #expect(policy.delay(afterAttempt: 1, status: 429, random: 0.5) != nil)
    #expect(policy.delay(afterAttempt: 1, status: 404, random: 0.5) == nil)
    #expect(policy.delay(afterAttempt: 1, status: 200, random: 0.5) == nil)
    #expect(policy.delay(afterAttempt: 1, status: nil, random: 0.5) == 1)
    #expect(policy.delay(afterAttempt: 1, error: .cancelled(url: "http://a/")) == nil)
    #expect(
      policy.delay(afterAttempt: 1, error: .partial(url: "http://a/", expected: 10, got: 1)) != nil)
  }

  @Test func honoursRetryAfter() throws {
    #expect(policy.delay(afterAttempt: 1, status: 503, retryAfter: "7") == 7)
    #expect(policy.delay(afterAttempt: 1, status: 429, retryAfter: "3600") == nil)  // beyond cap
    #expect(policy.delay(afterAttempt: 1, status: 503, retryAfter: "soon", random: 0.5) == 1)
    let now = try #require(RetryPolicy.parseHTTPDate("Sun, 06 Nov 1994 08:49:37 GMT"))
    #expect(
      policy.delay(
        afterAttempt: 1, status: 503, retryAfter: "Sun, 06 Nov 1994 08:50:07 GMT", now: now) == 30)
    #expect(
      policy.delay(
        afterAttempt: 1, status: 503, retryAfter: "Sunday, 06-Nov-94 08:49:47 GMT", now: now) == 10)
    #expect(
      policy.delay(afterAttempt: 1, status: 503, retryAfter: "Sun Nov  6 08:49:57 1994", now: now)
        == 20)
    #expect(
      policy.delay(
        afterAttempt: 1, status: 503, retryAfter: "Sat, 05 Nov 1994 08:49:37 GMT", now: now) == 0)
  }

  @Test func errorsTellRetryability() {
    let url = "http://127.0.0.1/x"
    #expect(FetchError.timeout(url: url, seconds: 1, partialBytes: 0).isRetryable)
    #expect(FetchError.connectFailed(url: url, code: 7, message: "refused").isRetryable)
    #expect(FetchError.reset(url: url, code: 56, message: "reset").isRetryable)
    #expect(!FetchError.invalidURL(url: url, message: "bad").isRetryable)
    #expect(!FetchError.curl(url: url, code: 35, message: "tls").isRetryable)
    #expect(FetchError.partial(url: url, expected: 9, got: 3).description.contains(url))
  }
}
