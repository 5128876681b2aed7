import Foundation

extension Fetcher {
  /// Fetches one request and waits for its result (a wrapper around `submit`).
  ///
  /// Cancelling the calling task does not abort the transfer; it completes (or times out) and
  /// the result is returned as usual.
  public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
    await withCheckedContinuation { continuation in
      submit(request) { continuation.resume(returning: $0) }
    }
  }
}
