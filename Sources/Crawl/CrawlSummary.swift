import Frontier

/// What a run did, printed at its end and returned to the CLI.
public struct CrawlSummary: Sendable {
  public var runID: Int64
  public var resumed: Bool
  public var outcome: RunOutcome
  public var counts: RunCounts
  public var queued: Int
  public var duration: Double
  public var archive: String
  /// The documented exit code of this process, and why in words (the summary's last line).
  public var exitCode: CrawlExitCode
  public var verdict: String
  /// Seeds that could not be fetched (their redirect chains followed).
  public var seedFailures: [SeedFailure] = []
  /// Pages fetched by this process (a resumed run's `counts` include the earlier processes').
  public var processPages: Int
  /// The run's report folder and crawl log (nil when they could not be written).
  public var reportFolder: String?
  public var crawlLog: String?

  /// A few human lines; the last one says how the run ended and its exit code.
  public var text: String {
    var lines: [String] = []
    let rate = duration > 0 ? Double(processPages) / duration : 0
    let earlier = counts.pages - processPages
    lines.append(
      "run \(runID) \(outcome.rawValue)\(resumed ? " (resumed)" : ""): \(counts.pages) pages"
        + (earlier > 0 ? " (\(processPages) by this process)" : "")
        + " in " + String(format: "%.1f s (%.1f pages/s)", duration, rate))
    lines.append(
      "  new articles \(counts.newArticles), not modified \(counts.notModified), revisits \(counts.revisits), bytes \(counts.bytes)"
    )
    if counts.errors > 0 {
      let kinds = counts.errorsByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      lines.append("  page errors \(counts.errors): " + kinds.joined(separator: ", "))
    } else {
      lines.append("  page errors 0")
    }
    for failure in seedFailures { lines.append("  \(failure.description)") }
    if queued > 0 { lines.append("  still queued \(queued): run `crawl` again to continue") }
    lines.append("  archive \(archive)")
    if let reportFolder { lines.append("  report \(reportFolder)") }
    if let crawlLog { lines.append("  crawl log \(crawlLog)") }
    lines.append("exit \(exitCode.rawValue): \(verdict)")
    return lines.joined(separator: "\n")
  }
}
