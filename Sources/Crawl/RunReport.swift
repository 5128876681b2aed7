import Foundation
import WARC
import Frontier


/// The report of one run, written at the end of each of its processes into
/// `<archive>/reports/run-<id>/` (a resumed run's report is rewritten when it ends):
/// - `summary.txt` and `summary.json`: the summary, exit code and verdict, seeds and their
///   failures, counts, queued URLs, the crawl log's path;
/// - `hosts.tsv`: per host, requests, responses, bytes, status codes, errors;
/// - `mime-types.tsv`: per MIME type, responses and bytes;
/// - `skipped.tsv`: URLs not fetched and why (robots, offsite, too deep, query variants cap,
///   url too long, denied, not allowed) and duplicates (archived as a revisit of another
///   capture), with the page they were found on;
/// - `errors.tsv`: page errors by kind, with URL and message.
/// Hosts and MIME types are counted from the run's crawl log (so a resumed run's report covers
/// every process); skipped URLs, duplicates and errors are streamed from the state DB. Memory
/// grows with hosts and MIME types only.
enum RunReport {
  static func folder(root: String, runID: Int64) -> String { root + "/reports/run-\(runID)" }

  /// Writes the report; returns its folder.
  static func write(
    _ summary: CrawlSummary, run: RunRecord, frontier: any FrontierStore, crawlLog: String, root: String
  ) throws -> String {
    let dir = folder(root: root, runID: run.id)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let traffic = try Traffic(crawlLog: crawlLog)
    try LineFileWriter.replace(dir + "/hosts.tsv") { out in
      try out.line("host\trequests\tresponses\tbytes\tstatuses\tfailed_requests")
      for (host, h) in traffic.hosts.sorted(by: { $0.key < $1.key }) {
        let statuses = h.statuses.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
        try out.line(
          "\(host)\t\(h.requests)\t\(h.responses)\t\(h.bytes)\t\(statuses.joined(separator: " "))\t\(h.errors)")
      }
    }
    try LineFileWriter.replace(dir + "/mime-types.tsv") { out in
      try out.line("mime\tresponses\tbytes")
      for (mime, m) in traffic.mimeTypes.sorted(by: { $0.value.count > $1.value.count }) {
        try out.line("\(mime)\t\(m.count)\t\(m.bytes)")
      }
    }
    var skipped: [String: Int] = [:]
    try LineFileWriter.replace(dir + "/skipped.tsv") { out in
      try out.line("reason\turl\tdetail")
      try frontier.forEachSkipped(run: run.id) { r in
        let reason = r.reason ?? "skipped"
        skipped[reason, default: 0] += 1
        try out.line("\(reason)\t\(r.url)\t\(r.parent.map { "found on \($0)" } ?? "-")")
      }
      try frontier.forEachRevisit(run: run.id) { capture, original in
        guard capture.status != 304 else { return }  // revalidated, not a duplicate
        skipped["duplicate", default: 0] += 1
        try out.line("duplicate\t\(capture.url)\tsame payload as \(original ?? capture.digest ?? "-")")
      }
    }
    try LineFileWriter.replace(dir + "/errors.tsv") { out in
      try out.line("kind\turl\tmessage")
      try frontier.forEachError(run: run.id) { e in
        let message = e.message.replacingOccurrences(of: "\t", with: " ")
          .replacingOccurrences(of: "\n", with: " ")
        try out.line("\(e.kind)\t\(e.url)\t\(message)")
      }
    }
    try LineFileWriter.replace(dir + "/summary.txt") { try $0.line(summary.text) }
    let json = try summaryJSON(summary, run: run, skipped: skipped, crawlLog: crawlLog)
    try LineFileWriter.replace(dir + "/summary.json") { try $0.line(json) }
    return dir
  }

  private static func summaryJSON(
    _ s: CrawlSummary, run: RunRecord, skipped: [String: Int], crawlLog: String
  ) throws -> String {
    let object: [String: Any] = [
      "run": s.runID, "resumed": s.resumed, "outcome": s.outcome.rawValue,
      "exit_code": Int(s.exitCode.rawValue), "verdict": s.verdict,
      "started": iso(run.started), "ended": run.ended.map(iso) ?? NSNull(),
      "seeds": run.seeds,
      "seed_failures": s.seedFailures.map { ["seed": $0.seed, "url": $0.url, "reason": $0.reason] },
      "pages": s.counts.pages, "pages_this_process": s.processPages,
      "robots_txt": s.counts.robots, "new_articles": s.counts.newArticles,
      "not_modified": s.counts.notModified, "revisits": s.counts.revisits,
      "bytes": s.counts.bytes, "errors": s.counts.errors,
      "errors_by_kind": s.counts.errorsByKind, "skipped_by_reason": skipped,
      "queued": s.queued, "duration_s": s.duration, "archive": s.archive, "crawl_log": crawlLog,
    ]
    let data = try JSONSerialization.data(
      withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
  }

  static func iso(_ t: Double) -> String { WARCDate.string(Date(timeIntervalSince1970: t)) }

  /// Requests per host and responses per MIME type, counted from a crawl log.
  struct Traffic {
    struct Host {
      var requests = 0
      var responses = 0
      var bytes = 0
      var statuses: [String: Int] = [:]
      var errors = 0
    }
    var hosts: [String: Host] = [:]
    var mimeTypes: [String: (count: Int, bytes: Int)] = [:]

    init(crawlLog: String) throws {
      guard let file = FileHandle(forReadingAtPath: crawlLog) else { return }
      defer { try? file.close() }
      var rest: [UInt8] = []
      while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
        rest.append(contentsOf: chunk)
        var start = 0
        while let nl = rest[start...].firstIndex(of: 10) {
          count(String(decoding: rest[start..<nl], as: UTF8.self))
          start = nl + 1
        }
        rest.removeFirst(start)
      }
      if !rest.isEmpty { count(String(decoding: rest, as: UTF8.self)) }
    }

    private mutating func count(_ line: String) {
      guard let e = CrawlLogEntry(line: Substring(line)) else { return }
      let host = URLParts(e.url).map { String($0.host) } ?? "-"
      var h = hosts[host] ?? Host()
      h.requests += 1
      h.statuses[e.status, default: 0] += 1
      if let status = e.httpStatus {
        h.responses += 1
        h.bytes += e.size ?? 0
        let mime = e.mime ?? "-"
        let m = mimeTypes[mime] ?? (0, 0)
        mimeTypes[mime] = (m.count + 1, m.bytes + (e.size ?? 0))
        if status >= 400 || e.notes.contains("failed") || e.notes.contains("truncated") {
          h.errors += 1
        }
      } else {
        h.errors += 1
      }
      hosts[host] = h
    }
  }
}
