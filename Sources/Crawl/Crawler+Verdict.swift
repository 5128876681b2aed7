import Foundation
import Frontier

extension Crawler {
  /// The exit code of a run that ended with `outcome`, and why in words (engine queue).
  ///
  /// In order: an archive or state error (74), a signal (130), `--max-pages` (6), a seed that
  /// could not be fetched (4), nothing archived but robots.txt (5), page errors at or above
  /// `report.max_error_rate` of the pages fetched (3); otherwise 0.
  ///
  /// The error rate is taken from `durable` (the state's URLs and errors of the run) when it is
  /// given and larger: a resumed run's counters miss the fetches of a process killed before it
  /// could store them.
  func verdict(
    outcome: RunOutcome, counts: RunCounts, queued: Int, failures: [SeedFailure],
    durable: (urls: Int, robots: Int, errors: Int)? = nil
  ) -> (CrawlExitCode, String) {
    if outcome == .failed || outcome == .abandoned {
      let why = stopReason ?? "the archive could not be closed (see the error above)"
      return (.ioError, "\(CrawlExitCode.ioError.meaning): \(why); what was archived is kept")
    }
    switch stopCause {
    case .signal(let name)?:
      return (.interrupted, "interrupted by \(name): \(queued) URLs still queued, `crawl` resumes")
    case .maxPages?:
      return (
        .maxPagesReached,
        "stopped at --max-pages \(config.maxPages): \(queued) URLs still queued, `crawl` continues"
      )
    case .archiveError?, .stateError?, nil:
      break
    }
    if let first = failures.first {
      let more = failures.count > 1 ? " (and \(failures.count - 1) more seeds)" : ""
      return (.seedFailed, "a seed could not be fetched: \(first.description)\(more)")
    }
    var fetched = counts.pages - counts.robots
    var errors = counts.errors
    if let durable, durable.urls - durable.robots > fetched {
      fetched = durable.urls - durable.robots
      errors = max(errors, durable.errors)
    }
    if fetched <= 0 {
      return (.nothingArchived, "nothing archived: no page but robots.txt was fetched")
    }
    let rate = Double(errors) / Double(fetched)
    let share = String(format: "%.1f%%", rate * 100)
    let limit = String(format: "%g%%", config.maxErrorRate * 100)
    if errors > 0 && rate >= config.maxErrorRate {
      return (
        .tooManyPageErrors,
        "too many page errors: \(errors) of \(fetched) pages (\(share)), at or above"
          + " report.max_error_rate \(limit)")
    }
    if errors == 0 { return (.done, "ok: the run completed without page errors") }
    return (
      .done,
      "ok: the run completed; \(errors) page errors (\(share) of \(fetched) pages, below"
        + " report.max_error_rate \(limit))")
  }
}
