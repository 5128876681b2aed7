import ArgumentParser
import Crawl
import Foundation
import Frontier

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show a run (the current or last one by default), or the history of runs.",
    discussion: """
      A crawl that is running is shown as running, with its PID and live figures (in flight,
      queued, rate, ETA). A run that has ended shows its exit code, verdict and report folder
      (archive/reports/run-N: summary, hosts, MIME types, skipped URLs, errors) and crawl log.
      A run left by kill -9 shows as interrupted (the next crawl resumes it).
      """)

  @OptionGroup var options: ConfigOptions

  @Option(
    name: [.customShort("r"), .customLong("run")], help: "The run to show (default: the last).")
  var runNumber: Int64?

  @Flag(help: "List the runs, newest first: start, end, outcome, exit code, pages, errors.")
  var runs = false

  @Option(help: "How many runs --runs lists.")
  var limit = 20

  @Flag(help: "Print JSON (one object; with --runs one object per line).")
  var json = false

  func validate() throws {
    guard limit >= 1 else { throw ValidationError("--limit must be at least 1, not \(limit)") }
    if let run = runNumber, run < 1 { throw ValidationError("--run must be a run number (1 or more), not \(run)") }
  }

  func run() throws {
    let config = try options.loadOrExit()
    guard FileManager.default.fileExists(atPath: config.statePath) else {
      throw fail("no crawl state at \(config.statePath): run `crawl` first", code: 1)
    }
    let frontier = try Self.open(config.statePath)
    let live = StateLock.holder(statePath: config.statePath)
    if runs { return try history(frontier, live: live) }
    let record: RunRecord
    if let run = runNumber {
      guard let r = try frontier.run(id: run) else {
        throw fail("the state at \(config.statePath) has no run \(run)", code: 1)
      }
      record = r
    } else {
      guard let r = try frontier.lastRun() else {
        throw fail("the state at \(config.statePath) has no run yet", code: 1)
      }
      record = r
    }
    let view = RunView(
      run: record, config: config, frontier: frontier,
      livePID: record.id == (try frontier.lastRun())?.id ? live : nil)
    print(json ? try view.json() : try view.text())
  }

  /// Opens the state; a crawl that is just creating it holds it for a moment, so a failure
  /// other than damage is tried again for up to 2 s before it is reported.
  private static func open(_ path: String) throws -> Frontier {
    var attempt = 0
    while true {
      do {
        return try Frontier(path: path)
      } catch let error as FrontierError where !error.isDamage && attempt < 8 {
        attempt += 1
        Thread.sleep(forTimeInterval: 0.25)
      }
    }
  }

  private func history(_ frontier: Frontier, live: Int32?) throws {
    let list = try frontier.runs(limit: limit)
    if !json { print("run  started               ended                 outcome                exit  pages  errors") }
    for (i, r) in list.enumerated() {
      let running = i == 0 && r.ended == nil && live != nil
      let outcome = running ? "running" : r.ended == nil ? "interrupted (killed)" : r.outcome.rawValue
      if json {
        var o: [String: Any] = [
          "run": r.id, "started": RunView.iso(r.started), "ended": r.ended.map(RunView.iso) ?? NSNull(),
          "outcome": outcome, "exit_code": r.exitCode.map { Int($0) } ?? NSNull(),
          "verdict": r.verdict ?? NSNull(), "pages": r.counts.pages, "errors": r.counts.errors,
        ]
        if running, let live { o["pid"] = Int(live) }
        print(try RunView.encode(o))
      } else {
        let ended = r.ended.map(RunView.iso) ?? "-"
        let exit = r.exitCode.map(String.init) ?? "-"
        print(
          String(r.id).padding(toLength: 5, withPad: " ", startingAt: 0)
            + RunView.iso(r.started).padding(toLength: 22, withPad: " ", startingAt: 0)
            + ended.padding(toLength: 22, withPad: " ", startingAt: 0)
            + outcome.padding(toLength: 23, withPad: " ", startingAt: 0)
            + exit.padding(toLength: 6, withPad: " ", startingAt: 0)
            + String(r.counts.pages).padding(toLength: 7, withPad: " ", startingAt: 0)
            + String(r.counts.errors) + (r.verdict.map { "  \($0)" } ?? ""))
      }
    }
  }
}
