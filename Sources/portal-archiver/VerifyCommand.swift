import ArgumentParser
import Logging
import Foundation
import Crawl
import WARC

/// `portal-archiver verify [PATH...]`: checks WARC files, digests and gzip members.
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract:
      "Verify WARC files: gzip members, records, Content-Length, block and payload digests.",
    discussion:
      "Prints one fault per line as FILE:OFFSET: problem, then a summary. Exit 1 on any fault.")

  @OptionGroup var options: ConfigOptions
  @Flag(
    help:
      "First repair the archive root: cut torn tails of unindexed files and write their .cdxj, then check every capture of the state DB against its record; captures whose records are gone (and revisits of them) are forgotten, and the next crawl fetches their URLs again."
  )
  var repair = false
  @Flag(
    help:
      "Move the state DB aside (state.sqlite.damaged-TIMESTAMP) and rebuild it from the WARC files: URL states, captures and the digest index, fingerprints."
  )
  var rebuildState = false
  @Argument(help: "WARC files or directories (default: every WARC under the archive root).")
  var paths: [String] = []

  func run() throws {
    let archive = try options.archiveRoot()
    if rebuildState { try rebuild() }
    if repair { try repairArchive(archive) }
    let summary = WARCVerifier.verify(paths: paths.isEmpty ? [archive] : paths)
    for f in summary.faults { print(f.description) }
    if repair { try reindexDamaged(summary.faults, archive: archive) }
    print(
      "verified \(summary.files) files, \(summary.records) records, \(summary.bytes) bytes: "
        + (summary.faults.isEmpty ? "OK" : "\(summary.faults.count) faults"))
    if !summary.faults.isEmpty { throw ExitCode(1) }
  }

  /// `--repair`, under the state lock: torn tails cut and indexed, then every capture of the
  /// state checked against its record (`Crawler.reconcileFully`); lost ones are forgotten so
  /// the next crawl fetches their URLs again.
  private func repairArchive(_ archive: String) throws {
    let config = try options.loadOrExit()
    let lock: StateLock
    do {
      lock = try StateLock(statePath: config.statePath)
    } catch let held as StateLock.Held {
      throw fail("\(held)", code: CrawlExitCode.locked.rawValue)
    }
    defer { withExtendedLifetime(lock) {} }
    do {
      for line in try WARCRecovery.repair(root: archive) { print("repaired: \(line)") }
    } catch let e as WARCError {
      FileHandleStderr.write("verify: \(e.description)\n")
      throw ExitCode(1)
    }
    guard FileManager.default.fileExists(atPath: config.statePath) else { return }
    do {
      let report = try Crawler.reconcileFully(
        config: config, logger: Logger(label: "portal-archiver"))
      for line in report.lost { print("lost: \(line)") }
      print("reconciled \(config.statePath): \(report)")
    } catch {
      throw fail(
        "reconciling \(config.statePath) with the archive failed: \(error); "
          + "`portal-archiver verify --rebuild-state` rebuilds the state from the WARC files",
        code: CrawlExitCode.ioError.rawValue)
    }
  }

  /// With `--repair`: rewrites the `.cdxj` of each archive file with a damaged region so that
  /// it points only at intact records (the WARC file itself is left as it is).
  private func reindexDamaged(_ faults: [WARCFault], archive: String) throws {
    var seen = Set<String>()
    for fault in faults where !fault.wholeFileGzip && fault.file.hasPrefix(archive + "/") {
      guard seen.insert(fault.file).inserted else { continue }
      do {
        let r = try WARCIndexer.writeIndex(forWARC: fault.file)
        var line = "repaired: re-indexed \(fault.file) without its damaged regions: \(r.entries) index entries"
        for skip in r.skipped { line += "; \(skip.description)" }
        print(line)
      } catch {
        FileHandleStderr.write("verify: re-indexing \(fault.file) failed: \(error)\n")
        throw ExitCode(1)
      }
    }
  }

  /// `--rebuild-state`, under the state lock (no crawl may run meanwhile).
  private func rebuild() throws {
    let config = try options.loadOrExit()
    let lock: StateLock
    do {
      lock = try StateLock(statePath: config.statePath)
    } catch let held as StateLock.Held {
      throw fail("\(held)", code: CrawlExitCode.locked.rawValue)
    }
    defer { withExtendedLifetime(lock) {} }
    do {
      let (aside, report) = try Crawler.rebuildState(config: config)
      if let aside { print("moved the old state to \(aside)") }
      print("rebuilt \(config.statePath): \(report)")
    } catch {
      throw fail("rebuilding \(config.statePath) failed: \(error)", code: CrawlExitCode.ioError.rawValue)
    }
  }
}
