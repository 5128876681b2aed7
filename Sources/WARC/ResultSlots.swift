import Foundation

/// Results of parallel work, one slot per part, filled under a lock. Sendable so the parts
/// (run by `DispatchQueue.concurrentPerform`) can share it.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<Value, any Error>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ k: Int, _ r: Result<Value, any Error>) { lock.withLock { slots[k] = r } }

  /// The values in order; rethrows the first error, throws if a slot was never filled.
  func values() throws -> [Value] {
    let all = lock.withLock { slots }
    return try all.map { r in
      guard let r else { throw WARCError.invalid("parallel part finished without a result") }
      return try r.get()
    }
  }
}
