import ArgumentParser
import WARC

import Foundation

/// `portal-archiver show URL [--at YYYY-MM-DD] [--raw]`: prints the latest archived capture.
struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Print the latest archived article of URL (or its raw HTTP response with --raw).")

  @Option(help: "Archive root.") var archive: String = "archive"
  @Option(help: "Configuration file (accepted, not used yet).") var config: String?
  @Option(help: "Latest capture at or before the end of this UTC day (YYYY-MM-DD).") var at: String?
  @Flag(help: "Print the HTTP response bytes as archived.") var raw = false
  @Argument(help: "The URL.") var url: String

  func run() throws {
    let store = WARCArchive(root: archive)
    do {
      if raw {
        let bytes = try store.latestResponseBytes(url: url, atDay: at)
        FileHandle.standardOutput.write(Data(bytes))
        return
      }
      let a = try store.latestArticle(url: url, atDay: at)
      print("URL:       \(a.url)")
      print("Fetched:   \(a.fetched)  (\(a.warcFile):\(a.warcOffset))")
      print("Title:     \(a.metadata.title)")
      print("Published: \(a.metadata.published)")
      print("Source:    \(a.metadata.source)")
      print("Author:    \(a.metadata.author)")
      print("")
      print(a.text)
    } catch let e as WARCError {
      FileHandleStderr.write("show: \(e.description)\n")
      throw ExitCode(1)
    }
  }
}

enum FileHandleStderr {
  static func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
