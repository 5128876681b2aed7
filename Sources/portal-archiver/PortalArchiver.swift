import ArgumentParser
import Crawl

@main
struct PortalArchiver: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "portal-archiver",
    abstract: "Crawl Chinese news and government portals into a dated, standard WARC archive.",
    discussion: """
      Every command takes -c/--config FILE (default: ./crawl.conf when present) and
      -a/--archive DIR (the archive root, default: archive). Exit codes of crawl:
      \(CrawlExitCode.table); 64 usage error. `crawl --help` says more.
      """,
    version: PortalArchiverVersion.string,
    subcommands: [
      CrawlCommand.self, StatusCommand.self, VerifyCommand.self, ShowCommand.self,
      ExportCommand.self, ImportCommand.self, SearchCommand.self, IndexCommand.self,
      ServeCommand.self,
      ExtractCommand.self, DemoCommand.self,
      BenchWARCCommand.self, BenchDecodeCommand.self,
    ])

  /// Applies the process settings, then parses and runs the command.
  static func main() {
    ProcessTuning.limitMallocArenas()
    main(nil)
  }
}
