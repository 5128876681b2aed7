import Foundation
import Frontier
import Logging
import WARC

extension Crawler {
  /// Reconciles the state with the archive (cheaply: each WARC file's size against the end of
  /// its last indexed record): captures whose records are gone, and revisits left without the
  /// response they refer to, are forgotten and their URLs fetched again when next met; a
  /// warning names each damaged file. Runs at the start of every crawl. Returns the URLs
  /// affected.
  @discardableResult
  static func reconcile(_ frontier: Frontier, root: String, logger: Logger) throws -> Int {
    let lost = try frontier.lostCaptures { file in
      (try? FileManager.default.attributesOfItem(atPath: root + "/" + file)[.size] as? NSNumber)?
        .int64Value
    }
    guard !lost.isEmpty else { return 0 }
    for (file, captures) in Dictionary(grouping: lost, by: \.file).sorted(by: { $0.key < $1.key }) {
      let first = captures.map(\.offset).min() ?? 0
      let message =
        "archive damaged: \(root)/\(file) ends before its indexed records (\(file):\(first) onwards):"
        + " \(captures.count) captures lost; their URLs will be fetched again"
      logger.warning("\(message)")
    }
    return try forget(lost, frontier: frontier, logger: logger)
  }

  /// What a full reconcile found: one line per damaged place (`file:offset: problem`) and the
  /// counts.
  public struct ReconcileReport: Sendable, CustomStringConvertible {
    public var files = 0
    public var captures = 0
    public var lost: [String] = []
    public var urls = 0

    public var description: String {
      "\(captures) captures in \(files) files checked against their records: "
        + (lost.isEmpty
          ? "all present"
          : "\(lost.count) lost, \(urls) URLs will be fetched again by the next crawl")
    }
  }

  /// Reconciles the state with the archive fully (`verify --repair`): every capture's record is
  /// read back where the state says it is, and must parse and carry the capture's record ID.
  /// The lost ones are forgotten as at start-up. Reads every WARC file the state names once,
  /// sequentially; memory: one file's record offsets. The caller holds the state lock.
  public static func reconcileFully(config: CrawlConfig, logger: Logger) throws -> ReconcileReport
  {
    let frontier = try Frontier(path: config.statePath)
    var report = ReconcileReport()
    var lost: [Capture] = []
    for file in try frontier.captureFiles() {
      let captures = try frontier.captures(inFile: file)
      report.files += 1
      report.captures += captures.count
      let (records, damage) = readableRecords(path: config.archive + "/" + file)
      for c in captures where records[c.offset] != c.recordID {
        lost.append(c)
        let why =
          damage.map { $0.offset <= c.offset ? "after a damaged region (\($0.problem))" : nil }
          ?? nil
        report.lost.append(
          "\(file):\(c.offset): \(c.recordType) of \(c.url) "
            + (why ?? (records[c.offset] == nil ? "not found" : "has another record ID")))
      }
    }
    report.urls = try forget(lost, frontier: frontier, logger: logger)
    return report
  }

  /// The record IDs of a WARC file's readable records by offset, and where reading stopped on
  /// damage (nil when the file read to its end). A missing file has no records.
  static func readableRecords(path: String) -> ([Int64: String], (offset: Int64, problem: String)?)
  {
    var ids: [Int64: String] = [:]
    let reader: WARCReader
    do {
      reader = try WARCReader(path: path)
    } catch {
      return (ids, (0, "\(error)"))
    }
    var offset: Int64 = 0
    while true {
      do {
        guard let item = try reader.next() else { return (ids, nil) }
        ids[item.offset] = item.record["WARC-Record-ID"] ?? ""
        offset = item.offset + item.length
      } catch {
        return (ids, (offset, "\(error)"))
      }
    }
  }

  /// Forgets `lost` and the revisits that depended on them; returns the URLs affected.
  private static func forget(_ lost: [Capture], frontier: Frontier, logger: Logger) throws -> Int {
    guard !lost.isEmpty else { return 0 }
    let revisits = try frontier.dependentRevisits(of: lost)
    if !revisits.isEmpty {
      logger.warning(
        "\(revisits.count) revisit captures refer to lost responses: their URLs will be fetched again in full")
    }
    let all = lost + revisits
    try frontier.forget(all)
    return Set(all.map(\.url)).count
  }
}
