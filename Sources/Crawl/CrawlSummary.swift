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

  public var exitCode: CrawlExitCode {
    switch outcome {
    case .completed: .done
    case .completedWithErrors: .doneWithPageErrors
    case .interrupted, .running: .interrupted
    case .failed, .abandoned: .ioError
    }
  }

  /// A few human lines.
  public var text: String {
    var lines: [String] = []
    let rate = duration > 0 ? Double(counts.pages) / duration : 0
    lines.append(
      "run \(runID) \(outcome.rawValue)\(resumed ? " (resumed)" : ""): \(counts.pages) pages in "
        + String(format: "%.1f s (%.1f pages/s)", duration, rate))
    lines.append(
      "  new articles \(counts.newArticles), not modified \(counts.notModified), revisits \(counts.revisits), bytes \(counts.bytes)"
    )
    if counts.errors > 0 {
      let kinds = counts.errorsByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      lines.append("  page errors \(counts.errors): " + kinds.joined(separator: ", "))
    } else {
      lines.append("  page errors 0")
    }
    if queued > 0 { lines.append("  still queued \(queued): run `crawl` again to continue") }
    lines.append("  archive \(archive)")
    return lines.joined(separator: "\n")
  }
}
