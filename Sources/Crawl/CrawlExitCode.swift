/// The documented exit codes of `portal-archiver crawl` (README, `crawl --help`), one per
/// condition a cron job may want to alert on.
public enum CrawlExitCode: Int32, Sendable, CaseIterable {
  /// The run completed; page errors (dead links, a timeout) stayed below
  /// `report.max_error_rate` of the pages fetched.
  case done = 0
  /// The run completed, but page errors reached `report.max_error_rate` of the pages fetched.
  case tooManyPageErrors = 3
  /// A seed could not be fetched: unreachable, DNS, a 4xx, a 5xx after retries, a bad
  /// redirect, or robots.txt disallowing it (its redirect chain is followed first).
  case seedFailed = 4
  /// The run completed and archived nothing but robots.txt.
  case nothingArchived = 5
  /// Stopped at `--max-pages` (`crawl.max_pages`); the next crawl continues the run.
  case maxPagesReached = 6
  /// The archive or state could not be written (EX_IOERR); what was archived is kept.
  case ioError = 74
  /// Another crawl holds the state lock (EX_TEMPFAIL: try again later).
  case locked = 75
  /// The command line or crawl.conf is wrong (EX_CONFIG; nothing was fetched).
  case configError = 78
  /// Stopped by SIGINT or SIGTERM; the next `crawl` resumes the run.
  case interrupted = 130

  /// What the code means, in a few words (the last line of a run's summary, `crawl --help`).
  public var meaning: String {
    switch self {
    case .done: "ok: the run completed"
    case .tooManyPageErrors: "too many page errors"
    case .seedFailed: "a seed could not be fetched"
    case .nothingArchived: "nothing archived"
    case .maxPagesReached: "stopped at --max-pages (the next crawl continues)"
    case .ioError: "archive or state error"
    case .locked: "another crawl holds the state"
    case .configError: "configuration error"
    case .interrupted: "interrupted (the next crawl resumes)"
    }
  }

  /// The exit code table, one line per code, for `--help`.
  public static var table: String {
    allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: "; ")
  }
}
