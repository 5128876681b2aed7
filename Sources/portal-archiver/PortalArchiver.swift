import ArgumentParser

@main
struct PortalArchiver: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "portal-archiver",
    abstract: "Crawl and archive Chinese news and government portals as WARC.",
    subcommands: [
      VerifyCommand.self, ShowCommand.self, ExportCommand.self, BenchWARCCommand.self,
    ])
}
