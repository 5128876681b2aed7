import ArgumentParser
import Crawl

@main
struct PortalArchiver: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "portal-archiver",
    abstract: "Crawl Chinese news and government portals into a dated, standard WARC archive.",
    discussion: """
      Every command takes --config FILE (default: ./crawl.conf when present) and --archive DIR
      (the archive root, default: archive). Exit codes of crawl: 0 done, 3 done with page errors,
      75 another crawl holds the state, 78 configuration error, 74 archive or state I/O error,
      130 interrupted (the next crawl resumes).
      """,
    version: PortalArchiverVersion.string,
    subcommands: [
      CrawlCommand.self, StatusCommand.self, VerifyCommand.self, ShowCommand.self,
      ExportCommand.self,
      ExtractCommand.self, DemoCommand.self,
      BenchWARCCommand.self, BenchDecodeCommand.self,
    ])

  /// Applies the process settings, then parses and runs the command.
  static func main() {
    ProcessTuning.limitMallocArenas()
    main(nil)
  }
}
