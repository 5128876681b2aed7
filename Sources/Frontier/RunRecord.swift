/// How a run ended.
public enum RunOutcome: String, Sendable, Codable {
  case running, completed, completedWithErrors = "completed_with_errors", interrupted, failed
  /// Left unfinished and given up by `crawl --fresh`.
  case abandoned
}

/// Counters of one run, kept in the runs table.
public struct RunCounts: Sendable, Codable, Equatable {
  public var pages = 0
  public var newArticles = 0
  public var notModified = 0
  public var revisits = 0
  public var errors = 0
  public var bytes: Int64 = 0
  public var errorsByKind: [String: Int] = [:]
  /// robots.txt responses among `pages` (a run that fetched only those archived nothing).
  public var robots = 0

  public init() {}

  /// Every field is optional in the stored JSON: rows written by older versions lack the newer
  /// ones.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    pages = try c.decodeIfPresent(Int.self, forKey: .pages) ?? 0
    newArticles = try c.decodeIfPresent(Int.self, forKey: .newArticles) ?? 0
    notModified = try c.decodeIfPresent(Int.self, forKey: .notModified) ?? 0
    revisits = try c.decodeIfPresent(Int.self, forKey: .revisits) ?? 0
    errors = try c.decodeIfPresent(Int.self, forKey: .errors) ?? 0
    bytes = try c.decodeIfPresent(Int64.self, forKey: .bytes) ?? 0
    errorsByKind = try c.decodeIfPresent([String: Int].self, forKey: .errorsByKind) ?? [:]
    robots = try c.decodeIfPresent(Int.self, forKey: .robots) ?? 0
  }
}

/// One crawl run: started, possibly ended, with its counters.
public struct RunRecord: Sendable, Equatable {
  public var id: Int64
  public var started: Double
  public var ended: Double?
  public var outcome: RunOutcome
  public var counts: RunCounts
  public var seeds: [String]
  /// The exit code the run's last process ended with, and why in words (nil while it runs, and
  /// for runs of versions before 0.1.0's run health).
  public var exitCode: Int32?
  public var verdict: String?

  public init(
    id: Int64, started: Double, ended: Double? = nil, outcome: RunOutcome,
    counts: RunCounts = RunCounts(), seeds: [String], exitCode: Int32? = nil,
    verdict: String? = nil
  ) {
    self.exitCode = exitCode
    self.verdict = verdict
    self.id = id
    self.started = started
    self.ended = ended
    self.outcome = outcome
    self.counts = counts
    self.seeds = seeds
  }
}
