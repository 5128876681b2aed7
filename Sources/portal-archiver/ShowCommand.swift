import ArgumentParser
import Crawl
import HTML
import WARC

import Foundation

/// `portal-archiver show URL [--at YYYY-MM-DD] [--raw]`: prints the latest archived capture.
struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Print the latest archived article of URL (or its raw HTTP response with --raw).",
    discussion: """
      With --raw, a resource record (no HTTP) prints its content. A capture in a damaged \
      region of a WARC file is passed over for the one before it, naming FILE:OFFSET on \
      stderr; exit 1 only when no readable capture is left.
      """)

  @OptionGroup var options: ConfigOptions
  @Option(help: "Latest capture at or before the end of this UTC day (YYYY-MM-DD).") var at: String?
  @Flag(help: "Print the HTTP response bytes as archived.") var raw = false
  @Argument(help: "The URL.") var url: String

  func run() throws {
    let archive = try options.archiveRoot()
    let store = WARCArchive(root: archive)
    // A Unicode host is archived as punycode (`show http://例子.中国/` finds xn--…).
    let url = IDNDisplay.punycodeURL(self.url)
    do {
      if raw {
        let bytes = try store.latestResponseBytes(url: url, atDay: at) {
          FileHandleStderr.write("show: \($0)\n")
        }
        FileHandle.standardOutput.write(Data(bytes))
        return
      }
      Self.print(try store.latestArticle(url: url, atDay: at))
    } catch let e as WARCError {
      FileHandleStderr.write("show: \(e.description)\n")
      throw ExitCode(1)
    }
  }
}

extension ShowCommand {
  /// Prints an archived article: metadata lines, a blank line, the clean text.
  static func print(_ a: ArchivedArticle) {
    let shown = IDNDisplay.url(a.url)
    Swift.print("URL:       \(shown)")
    if shown != a.url { Swift.print("Archived:  \(a.url)") }
    Swift.print("Fetched:   \(a.fetched)  (\(a.warcFile):\(a.warcOffset))")
    Swift.print("Title:     \(a.metadata.title)")
    Swift.print("Published: \(a.metadata.published)")
    Swift.print("Source:    \(a.metadata.source)")
    Swift.print("Author:    \(a.metadata.author)")
    if let original = a.metadata.duplicate_of { Swift.print("Same text as: \(original)") }
    Swift.print("")
    Swift.print(a.text)
  }
}

enum FileHandleStderr {
  static func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
