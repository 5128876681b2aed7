import Foundation

/// The mutable part of the faults: which flaky pages already answered their first request.
final class FaultState: @unchecked Sendable {
  private let lock = NSLock()
  private var seen: Set<String> = []

  /// Returns true the first time `path` is seen (and records it).
  func firstTime(_ path: String) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    return seen.insert(path).inserted
  }
}
