import Foundation
import Frontier

extension Crawler {
  /// Whether a redirect chain (oldest hop first) starts at a seed: its target's host is then
  /// brought into the scope (bare domain → www, http → https), as Heritrix does.
  func startsAtSeed(_ chain: [String]) -> Bool {
    guard let first = chain.first else { return false }
    return seeds.contains(first)
  }

  /// Brings a seed's redirect target host into the scope and says so (engine queue). The host
  /// may also be at a private address, as the seed's may (`fetch.allow_private_addresses`):
  /// the operator asked for that site.
  func admitSeedRedirectHost(of target: String, seed: String) {
    guard let host = URLParts(target).map({ String($0.host) }) else { return }
    fetcher?.allowPrivateAddresses(forHost: host)
    guard !scope.contains(host) else { return }
    scope.admit(host: host)
    logger.notice("seed \(seed) redirects to \(target): \(host) is now in the scope")
  }

  /// On resume: the hosts that the run's seeds redirected to before the stop come back into the
  /// scope (the redirects are in the state, the scope was not stored).
  func restoreSeedRedirectHosts() {
    for seed in seeds {
      var current = seed
      for _ in 0...config.maxRedirects {
        guard let r = knownRecord(current), r.runID == run.id, r.kind == .redirect,
          r.state == .done, let next = r.outlinks
        else { break }
        admitSeedRedirectHost(of: next, seed: seed)
        current = next
      }
    }
  }

  /// Why each seed that could not be fetched failed (empty when all were fetched or are still
  /// to be fetched): each seed's redirect chain is followed to its end in this run's records.
  func seedFailures() -> [SeedFailure] {
    seeds.compactMap { seed in
      var current = seed
      for _ in 0...(config.maxRedirects + 1) {
        guard let r = knownRecord(current), r.runID == run.id else { return nil }
        switch r.state {
        case .queued, .inFlight:
          return nil  // not reached (the run stopped first)
        case .skipped:
          let problem = URLParts(current).flatMap { hosts[String($0.origin)]?.robotsProblem }
          return SeedFailure(
            seed: seed, url: current, reason: Self.seedSkipReason(r.reason, robots: problem))
        case .failed:
          return SeedFailure(seed: seed, url: current, reason: r.reason ?? "failed")
        case .done:
          guard r.kind == .redirect, let next = r.outlinks else { return nil }
          current = next
        }
      }
      return SeedFailure(seed: seed, url: current, reason: "too many redirects")
    }
  }

  private static func seedSkipReason(_ reason: String?, robots problem: String?) -> String {
    switch reason {
    case "robots": "robots.txt disallows it"
    case "robots unavailable", "private address":
      "not fetched: \(problem ?? "its robots.txt could not be used")"
    case "offsite": "its redirect leaves the scope"
    case let r?: "skipped (\(r))"
    case nil: "skipped"
    }
  }
}

/// A seed that could not be fetched: the URL of its chain that failed, and why.
public struct SeedFailure: Sendable, Equatable {
  public var seed: String
  /// The seed itself, or the hop of its redirect chain that failed.
  public var url: String
  public var reason: String

  public var description: String {
    url == seed ? "seed \(seed): \(reason)" : "seed \(seed): \(url) (its redirect target): \(reason)"
  }
}
