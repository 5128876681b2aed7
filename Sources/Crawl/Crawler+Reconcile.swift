import Foundation
import Frontier
import Logging
import WARC

extension Crawler {
  /// Reconciles the state with the archive (cheaply: each WARC file's size against its
  /// durable end as committed): in a file cut since, a torn tail is cut off and the file
  /// re-indexed (`WARCRecovery.repairFile`), captures whose records are gone, and revisits
  /// left without the response they refer to, are forgotten and their URLs fetched again when
  /// next met, and articles whose metadata records were lost while their response survived
  /// get them written again from that response at the end of the run; a warning names each
  /// damaged file and offset. Runs at the start of every crawl. Returns the URLs affected.
  @discardableResult
  static func reconcile(_ frontier: any FrontierStore, root: String, logger: Logger) throws -> Int {
    let cut = try frontier.cutFiles { fileSize(root + "/" + $0) }
    guard !cut.isEmpty else { return 0 }
    var lostArticles: [String] = []
    for f in cut {
      let path = root + "/" + f.file
      let articles = WARCRecovery.articleEntries(indexedIn: path)
      let message =
        f.actual < 0
        ? "archive damaged: \(path) is gone (\(f.recorded) bytes were archived in it)"
        : "archive damaged: \(path) was cut at \(f.file):\(f.actual), \(f.recorded - f.actual)"
          + " bytes before its end as archived; what it held from there is lost"
      logger.warning("\(message)")
      var end: Int64 = -1
      if f.actual >= 0 {
        let done = try WARCRecovery.repairFile(path)
        logger.warning("repaired: \(done)")
        end = fileSize(path) ?? -1
        // An article record left last without its conversion record: both are written again.
        if let orphan = articles.first(where: { $0.offset + $0.length == end }) {
          end = try WARCRecovery.cutDerivedTail(path, at: orphan.offset)
          logger.warning(
            "repaired: cut \(f.file) at \(orphan.offset), dropping the article record of \(orphan.url) that lost its conversion record")
        }
      }
      // A conversion record follows its article record: both must lie before the end.
      lostArticles += articles.filter { $0.offset + $0.length >= end }.map(\.url)
      try frontier.setFileEnd(f.file, size: end)
    }
    let lost = try frontier.lostCaptures { fileSize(root + "/" + $0) }
    let urls = try forget(lost, frontier: frontier, logger: logger)
    if !lost.isEmpty {
      logger.warning("\(lost.count) captures lost; their URLs will be fetched again")
    }
    let requeued = try frontier.requeueArticleRecords(of: lostArticles)
    if requeued > 0 {
      let message =
        "\(requeued) articles lost their metadata records but kept their response: "
        + "their article records are written again at the end of this run"
      logger.warning("\(message)")
    }
    return urls + requeued
  }

  /// The size of a file in bytes, nil when it is missing.
  static func fileSize(_ path: String) -> Int64? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
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
        + (lost.isEmpty && urls == 0
          ? "all present"
          : "\(lost.count) lost, \(urls) URLs will be fetched again or their article records"
            + " written again by the next crawl")
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
    // Files cut since they were written first, as at start-up (tails cut, files re-indexed).
    report.urls += try reconcile(frontier, root: config.archive, logger: logger)
    var lost: [Capture] = []
    var lostArticles: [String] = []
    // Articles already queued to be written again are not lost twice.
    let pending = try frontier.pendingArticleURLs()
    for file in try frontier.captureFiles() {
      let captures = try frontier.captures(inFile: file)
      report.files += 1
      report.captures += captures.count
      let path = config.archive + "/" + file
      let (records, damage) = readableRecords(path: path)
      // An article record and the conversion record right after it must both read back.
      for a in WARCRecovery.articleEntries(indexedIn: path)
      where !pending.contains(a.url)
        && (records[a.offset] == nil || records[a.offset + a.length] == nil)
      {
        lostArticles.append(a.url)
        report.lost.append("\(file):\(a.offset): the article records of \(a.url) are unreadable")
      }
      for c in captures where records[c.offset] != c.recordID {
        lost.append(c)
        let region = damage.first { $0.offset <= c.offset && c.offset < $0.offset + max($0.length, 1) }
        let why =
          region.map { "in a damaged region (\($0.file):\($0.offset): \($0.problem))" }
          ?? (records[c.offset] == nil ? "not found" : "has another record ID")
        report.lost.append("\(file):\(c.offset): \(c.recordType) of \(c.url) \(why)")
      }
      // The index then lists only what reads back, so that a second repair finds nothing.
      if !damage.isEmpty, path.hasSuffix(".gz"), FileManager.default.fileExists(atPath: path) {
        _ = try WARCIndexer.writeIndex(forWARC: path)
      }
    }
    report.urls += try forget(lost, frontier: frontier, logger: logger)
    report.urls += try frontier.requeueArticleRecords(of: lostArticles)
    return report
  }

  /// The record IDs of a WARC file's readable records by offset (reading on past damaged
  /// regions, as `show` and `export` do), and the damaged regions skipped (empty when the file
  /// read cleanly). A missing or unreadable file has no records and one region at offset 0.
  static func readableRecords(path: String) -> ([Int64: String], [WARCSkip]) {
    var ids: [Int64: String] = [:]
    let reader: WARCReader
    do {
      reader = try WARCReader(path: path)
    } catch {
      return (ids, [WARCSkip(file: path, offset: 0, length: 0, problem: "\(error)")])
    }
    reader.skipDamaged = true
    var offset: Int64 = 0
    while true {
      do {
        guard let item = try reader.next() else { return (ids, reader.skipped) }
        ids[item.offset] = item.record["WARC-Record-ID"] ?? ""
        offset = item.offset + item.length
      } catch {
        return (
          ids, reader.skipped + [WARCSkip(file: path, offset: offset, length: 0, problem: "\(error)")]
        )
      }
    }
  }

  /// Forgets `lost` and the revisits that depended on them; returns the URLs affected.
  private static func forget(_ lost: [Capture], frontier: any FrontierStore, logger: Logger) throws -> Int {
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
