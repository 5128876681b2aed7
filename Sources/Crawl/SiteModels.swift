import Extract
import Foundation
import HTML

/// The learned site models of every host, shared by the worker threads behind a lock.
///
/// Workers extract with `current(for:)` — an immutable snapshot of a mature model, refreshed
/// every `refreshEvery` observations, so no worker copies a model another is mutating — and then
/// `record` what the page taught (computed outside the lock).
final class SiteModels: @unchecked Sendable {
  private let lock = NSLock()
  private var models: [String: SiteModel] = [:]
  private var snapshots: [String: SiteModel] = [:]
  private var sinceSnapshot: [String: Int] = [:]
  static let refreshEvery = 100

  init(stored: [String: [UInt8]]) {
    let decoder = JSONDecoder()
    for (host, bytes) in stored {
      if let model = try? decoder.decode(SiteModel.self, from: Data(bytes)) {
        models[host] = model
        if model.isMature { snapshots[host] = model }
      }
    }
  }

  /// The model to extract the next page of `host` with: its mature snapshot, or nil.
  func current(for host: String) -> SiteModel? {
    lock.lock()
    defer { lock.unlock() }
    return snapshots[host]
  }

  /// Records one page's observation; returns whether it made the host's model mature.
  func record(_ observation: SiteModel.Observation, host: String) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    var model = models[host] ?? SiteModel(host: host)
    let wasMature = model.isMature
    model.record(observation)
    models[host] = model
    guard model.isMature else { return false }
    let count = (sinceSnapshot[host] ?? 0) + 1
    if !wasMature || snapshots[host] == nil || count >= Self.refreshEvery {
      snapshots[host] = model
      sinceSnapshot[host] = 0
    } else {
      sinceSnapshot[host] = count
    }
    return !wasMature
  }

  /// The model to extract with for `host`: its mature snapshot, or whatever was learned when
  /// `allowImmature` (used at the end of a run for hosts with few pages).
  func model(for host: String, allowImmature: Bool) -> SiteModel? {
    lock.lock()
    defer { lock.unlock() }
    if let snapshot = snapshots[host] { return snapshot }
    return allowImmature ? models[host] : nil
  }

  /// Every model, encoded for the state DB.
  func encoded() -> [(String, [UInt8])] {
    lock.lock()
    let all = models
    lock.unlock()
    let encoder = JSONEncoder()
    return all.compactMap { host, model in
      (try? encoder.encode(model)).map { (host, Array($0)) }
    }
  }
}
