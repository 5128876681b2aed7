import Foundation
import Frontier
import HTML
import Logging
import WARC

extension Crawler {
  /// Opens the state DB for a run, checked first: a missing state beside an archive that has
  /// WARC files is rebuilt from them (so dedup goes on); a damaged one stops the crawl with
  /// exit 74 and the command that rebuilds it.
  static func openState(config: CrawlConfig, logger: Logger, canonicalizer: URLCanonicalizer)
    throws -> Frontier
  {
    let path = config.statePath
    if !FileManager.default.fileExists(atPath: path) {
      let files = (try? WARCArchive(root: config.archive).warcFiles()) ?? []
      if !files.isEmpty {
        logger.notice(
          "no state DB at \(path) beside an archive of \(files.count) WARC files: rebuilding it from them")
        let report = try StateRebuilder(
          root: config.archive, statePath: path, canonicalizer: canonicalizer
        ).rebuild()
        logger.notice("state rebuilt: \(report)")
      }
    }
    do {
      let frontier = try Frontier(path: path)
      let problems = try frontier.quickCheck()
      guard problems.isEmpty else {
        throw CrawlError.damagedState(
          path: path, problem: problems.prefix(3).joined(separator: "; "))
      }
      return frontier
    } catch let error as FrontierError where error.isDamage {
      throw CrawlError.damagedState(path: path, problem: error.message)
    }
  }

  /// Moves a damaged (or unwanted) state DB aside, with its WAL and shared-memory files, and
  /// rebuilds it from the archive. Returns the path the old state was moved to (nil when there
  /// was none) and what the rebuild found. The caller holds the state lock.
  public static func rebuildState(config: CrawlConfig) throws -> (String?, String) {
    let path = config.statePath
    var movedTo: String?
    if FileManager.default.fileExists(atPath: path) {
      let stamp = WARCDate.timestamp14(Date())
      let aside = "\(path).damaged-\(stamp)"
      for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
        try FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
      }
      movedTo = aside
    }
    let report = try StateRebuilder(
      root: config.archive, statePath: path,
      canonicalizer: URLCanonicalizer(sessionParameters: Set(config.sessionParameters))
    ).rebuild()
    return (movedTo, "\(report)")
  }
}
