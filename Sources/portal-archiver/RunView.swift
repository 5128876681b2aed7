import Crawl
import Foundation
import HTML
import WARC
import Frontier

/// One run as `status` shows it: from the state DB, the run's report and, while a crawl runs,
/// its live status file.
struct RunView {
  let run: RunRecord
  let config: CrawlConfig
  let frontier: any FrontierStore
  /// The PID of the crawl holding the state lock (nil: none runs).
  let livePID: Int32?

  var isRunning: Bool { livePID != nil && run.ended == nil }

  /// running, interrupted (killed) or the stored outcome.
  var outcome: String {
    if isRunning { return "running" }
    if run.ended == nil { return "interrupted (killed: the next crawl resumes it)" }
    return run.outcome.rawValue
  }

  var reportFolder: String { config.archive + "/reports/run-\(run.id)" }
  var crawlLog: String { config.archive + "/logs/crawl-\(run.id).log" }

  /// The live figures of the running crawl (nil when none, or its file is not there yet).
  var live: [String: Any]? {
    guard isRunning,
      let data = FileManager.default.contents(
        atPath: StateLock.liveFile(statePath: config.statePath)),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    return object
  }

  func text() throws -> String {
    var lines: [String] = []
    lines.append(
      "run \(run.id): \(outcome)" + (isRunning ? " (pid \(livePID ?? 0))" : ""))
    lines.append("  started \(Self.iso(run.started))\(run.ended.map { ", ended \(Self.iso($0))" } ?? "")")
    lines.append("  seeds \(run.seeds.map(IDNDisplay.url).joined(separator: " "))")
    if let code = run.exitCode, let verdict = run.verdict, !isRunning {
      lines.append("  exit \(code): \(verdict)")
    }
    var c = run.counts
    // While a crawl runs, the state holds the counts of the run's earlier processes only.
    if let pages = (live?["pages"] as? NSNumber)?.intValue { c.pages = max(c.pages, pages) }
    lines.append(
      "  pages \(c.pages), new articles \(c.newArticles), not modified \(c.notModified), revisits \(c.revisits), bytes \(c.bytes)"
    )
    if let live {
      let n = { (k: String) in (live[k] as? NSNumber)?.intValue ?? 0 }
      let rate = (live["pages_per_s"] as? NSNumber)?.doubleValue ?? 0
      let eta = (live["eta_s"] as? NSNumber).map { String(format: "%.0f s", $0.doubleValue) } ?? "?"
      lines.append(
        "  live: done \(n("pages")), in flight \(n("in_flight")), queued \(n("queued")), "
          + String(format: "%.1f pages/s", rate) + ", ETA \(eta)")
    }
    let states = try frontier.stateCounts(run: run.id)
    lines.append("  urls: " + URLState.allCases.map { "\($0.name) \(states[$0] ?? 0)" }.joined(separator: ", "))
    let kinds = c.errorsByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    lines.append("  page errors \(c.errors)" + (kinds.isEmpty ? "" : ": " + kinds.joined(separator: ", ")))
    for e in try frontier.errors(run: run.id, limit: 10) {
      lines.append("    \(e.kind): \(Self.unicodeURLs(e.message))")
    }
    if FileManager.default.fileExists(atPath: reportFolder) { lines.append("  report \(reportFolder)") }
    if FileManager.default.fileExists(atPath: crawlLog) { lines.append("  crawl log \(crawlLog)") }
    return lines.joined(separator: "\n")
  }

  func json() throws -> String {
    let states = try frontier.stateCounts(run: run.id)
    var c = run.counts
    if let pages = (live?["pages"] as? NSNumber)?.intValue { c.pages = max(c.pages, pages) }
    var object: [String: Any] = [
      "run": run.id, "outcome": isRunning ? "running" : run.ended == nil ? "interrupted" : run.outcome.rawValue,
      "running": isRunning, "pid": isRunning ? Int(livePID ?? 0) : NSNull(),
      "started": Self.iso(run.started), "ended": run.ended.map(Self.iso) ?? NSNull(),
      "seeds": run.seeds, "exit_code": run.exitCode.map { Int($0) } ?? NSNull(),
      "verdict": run.verdict ?? NSNull(),
      "pages": c.pages, "robots_txt": c.robots, "new_articles": c.newArticles,
      "not_modified": c.notModified, "revisits": c.revisits, "errors": c.errors,
      "errors_by_kind": c.errorsByKind, "bytes": c.bytes,
      "urls": Dictionary(uniqueKeysWithValues: states.map { ($0.key.name, $0.value) }),
      "queued": try frontier.queuedCount(run: run.id),
      "in_flight": (live?["in_flight"] as? NSNumber)?.intValue ?? 0,
      "state": config.statePath,
      "report": FileManager.default.fileExists(atPath: reportFolder) ? reportFolder : NSNull(),
      "crawl_log": FileManager.default.fileExists(atPath: crawlLog) ? crawlLog : NSNull(),
    ]
    if let live { object["live"] = live }
    object["last_errors"] = try frontier.errors(run: run.id, limit: 10).map {
      ["url": $0.url, "kind": $0.kind, "message": $0.message, "at": Self.iso($0.at)]
    }
    return try Self.encode(object)
  }

  static func encode(_ object: [String: Any]) throws -> String {
    let data = try JSONSerialization.data(
      withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
  }

  /// `text` with each URL in it (a space-separated word) shown with its Unicode host; the JSON
  /// keeps the punycode the archive has.
  static func unicodeURLs(_ text: String) -> String {
    guard text.contains("xn--") else { return text }
    return text.split(separator: " ", omittingEmptySubsequences: false)
      .map { IDNDisplay.url(String($0)) }.joined(separator: " ")
  }

  static func iso(_ t: Double) -> String { WARCDate.string(Date(timeIntervalSince1970: t)) }
}
