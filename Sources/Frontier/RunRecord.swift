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

  public init() {}
}

/// One crawl run: started, possibly ended, with its counters.
public struct RunRecord: Sendable, Equatable {
  public var id: Int64
  public var started: Double
  public var ended: Double?
  public var outcome: RunOutcome
  public var counts: RunCounts
  public var seeds: [String]

  public init(
    id: Int64, started: Double, ended: Double? = nil, outcome: RunOutcome,
    counts: RunCounts = RunCounts(), seeds: [String]
  ) {
    self.id = id
    self.started = started
    self.ended = ended
    self.outcome = outcome
    self.counts = counts
    self.seeds = seeds
  }
}
