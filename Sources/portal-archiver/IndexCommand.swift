import ArgumentParser
import Crawl
import Foundation
import Index
import WARC

/// `portal-archiver index [--rebuild]`: says what the search index holds, or rebuilds it from
/// the WARC files.
///
/// The index lives in the state DB (see `SearchIndex`). A rebuild takes the state lock (no
/// crawl runs meanwhile) and replaces the index in one transaction; an archive without a state
/// DB gets one rebuilt from its WARC files first (as a crawl would), which fills the index too.
struct IndexCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "index",
    abstract: "Show or rebuild the full-text search index (from the WARC files alone).",
    discussion: """
      The index is kept in the state DB and updated by every crawl in the transaction that \
      marks an article's URL done. --rebuild refills it from the latest archived article of \
      every URL (crawl days and imported/); an archive copied without its state DB gets a \
      state rebuilt from the WARC files first. Exit 1 when the archive or state cannot be read.
      """)

  @OptionGroup var options: ConfigOptions
  @Flag(help: "Rebuild the index from the WARC files.") var rebuild = false

  func run() throws {
    let config = try options.loadOrExit()
    let path = config.statePath
    guard rebuild else {
      do {
        let n = try SearchIndex(path: path).count()
        print("\(path): \(n) articles indexed")
        return
      } catch {
        throw fail("\(error)", code: 1)
      }
    }
    let lock: StateLock
    do {
      lock = try StateLock(statePath: path)
    } catch {
      throw fail("\(error)", code: CrawlExitCode.locked.rawValue)
    }
    defer { withExtendedLifetime(lock) {} }
    let hasState = FileManager.default.fileExists(atPath: path)
    if !hasState, (try? WARCArchive(root: config.archive).warcFiles())?.isEmpty ?? true {
      throw fail(
        "nothing to index: no state DB at \(path) and no WARC files under \(config.archive)",
        code: 1)
    }
    do {
      if !hasState {
        let (_, report) = try Crawler.rebuildState(config: config)
        print("no state DB at \(path): rebuilt it from the archive: \(report)")
        return
      }
      let report = try SearchIndex.rebuild(statePath: path, archiveRoot: config.archive)
      for s in report.skipped { FileHandleStderr.write("index: skipped \(s)\n") }
      print("\(path): \(report)")
    } catch {
      throw fail("index --rebuild failed: \(error)", code: 1)
    }
  }
}
