import Foundation

/// Rendered entities by request target, so repeated requests cost a dictionary lookup.
///
/// Shared by copies of a site (a reference type behind a lock). Pages are pure functions of the
/// configuration, so caching never changes an answer; the flaky fault is checked before it.
final class PageCache: @unchecked Sendable {
  /// Entities larger than this (the huge fault page) are rebuilt on each request.
  static let maxEntityBytes = 1 << 20
  private let lock = NSLock()
  private var entries: [String: Entity] = [:]

  func get(_ target: String) -> Entity? {
    lock.lock()
    defer { lock.unlock() }
    return entries[target]
  }

  func put(_ target: String, _ entity: Entity) {
    lock.lock()
    entries[target] = entity
    lock.unlock()
  }
}
