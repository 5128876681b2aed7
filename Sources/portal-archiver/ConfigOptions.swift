import ArgumentParser
import Crawl
import Foundation

/// The options every command shares: which config file and which archive root.
struct ConfigOptions: ParsableArguments {
  @Option(
    name: [.customShort("c"), .long], help: "crawl.conf to read (default: ./crawl.conf when it exists).")
  var config: String?

  @Option(
    name: [.customShort("a"), .long],
    help: "Archive root: WARC files and, by default, the state DB (overrides crawl.conf).")
  var archive: String?

  /// The configuration: the file's, or the defaults, with --archive applied. A named file that
  /// is missing or wrong is an error naming it (exit 78).
  func load() throws -> CrawlConfig {
    var config = CrawlConfig()
    if let file = self.config {
      config = try CrawlConfig.load(file: file)
    } else if FileManager.default.fileExists(atPath: "crawl.conf") {
      config = try CrawlConfig.load(file: "crawl.conf")
    }
    if let archive { config.archive = archive }
    return config
  }
}

extension ConfigOptions {
  /// The configuration, or exit 78 with the error (naming the file and key) on stderr.
  func loadOrExit() throws -> CrawlConfig {
    do {
      return try load()
    } catch let error as ConfigError {
      throw fail("\(error)", code: CrawlExitCode.configError.rawValue)
    }
  }

  /// The archive root from --archive, crawl.conf or the default; a bad config exits 78.
  func archiveRoot() throws -> String { try loadOrExit().archive }
}

/// Prints a one-line error to stderr and exits with `code`.
func fail(_ message: String, code: Int32) -> ExitCode {
  FileHandle.standardError.write(Data("portal-archiver: \(message)\n".utf8))
  return ExitCode(code)
}
