import ArgumentParser
import Crawl
import Foundation
import Frontier

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show the current or last run from the state DB: counts and last errors.")

  @OptionGroup var options: ConfigOptions

  @Flag(help: "Print one JSON object (for scripts).")
  var json = false

  func run() throws {
    let config = try options.loadOrExit()
    guard FileManager.default.fileExists(atPath: config.statePath) else {
      throw fail("no crawl state at \(config.statePath): run `crawl` first", code: 1)
    }
    let frontier = try Frontier(path: config.statePath)
    guard let run = try frontier.lastRun() else {
      throw fail("the state at \(config.statePath) has no run yet", code: 1)
    }
    let states = try frontier.stateCounts(run: run.id)
    let errors = try frontier.errors(run: run.id, limit: 10)
    let running = run.ended == nil
    if json {
      var object: [String: Any] = [
        "run": run.id, "outcome": running ? "running_or_killed" : run.outcome.rawValue,
        "started": iso(run.started), "ended": run.ended.map(iso) ?? NSNull(),
        "seeds": run.seeds,
        "pages": run.counts.pages, "new_articles": run.counts.newArticles,
        "not_modified": run.counts.notModified, "revisits": run.counts.revisits,
        "errors": run.counts.errors, "errors_by_kind": run.counts.errorsByKind,
        "bytes": run.counts.bytes,
        "urls": Dictionary(uniqueKeysWithValues: states.map { ($0.key.name, $0.value) }),
        "state": config.statePath,
      ]
      object["last_errors"] = errors.map {
        ["url": $0.url, "kind": $0.kind, "message": $0.message, "at": iso($0.at)]
      }
      let data = try JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
      print(String(decoding: data, as: UTF8.self))
      return
    }
    print(
      "run \(run.id): \(running ? "running (or killed: the next crawl resumes it)" : run.outcome.rawValue)"
    )
    print("  started \(iso(run.started))\(run.ended.map { ", ended \(iso($0))" } ?? "")")
    print("  seeds \(run.seeds.joined(separator: " "))")
    print(
      "  pages \(run.counts.pages), new articles \(run.counts.newArticles), not modified \(run.counts.notModified), bytes \(run.counts.bytes)"
    )
    let stateLine = URLState.allCases.map { "\($0.name) \(states[$0] ?? 0)" }
    print("  urls: " + stateLine.joined(separator: ", "))
    print("  page errors \(run.counts.errors)")
    for e in errors { print("    \(e.kind): \(e.message)") }
  }

  private func iso(_ t: Double) -> String {
    ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: t))
  }
}
