import ArgumentParser
import Crawl
import WARC

/// `portal-archiver export --from D --to D --format wacz|warc|jsonl --out PATH [--host H]`.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export the archive days [--from, --to] as WACZ, one WARC, or article JSONL.",
    discussion: """
      Covers the crawl's day folders and imported/ (see `import`). A damaged region of a WARC \
      file is skipped (FILE:OFFSET and length on stderr) and the export goes on with the rest; \
      the exit status stays 0 (`verify` is the command that fails on damage).
      """)

  @OptionGroup var options: ConfigOptions
  @Option(help: "First day (YYYY-MM-DD, UTC).") var from: String
  @Option(help: "Last day (YYYY-MM-DD, UTC).") var to: String
  @Option(help: "wacz, warc or jsonl.") var format: WARCExportFormat
  @Option(help: "Output file, outside the archive root; '-' writes to standard output.")
  var out: String
  @Option(help: "Only this host (and its subdomains).") var host: String?

  func run() throws {
    let archive = try options.archiveRoot()
    var o = WARCExportOptions(
      root: archive, from: from, to: to, format: format, out: out, host: host)
    o.title = "portal-archiver \(from)..\(to)\(host.map { " \($0)" } ?? "")"
    do {
      let r = try WARCExporter.export(o)
      for skip in r.skipped { FileHandleStderr.write("export: \(skip.description)\n") }
      let summary =
        "exported \(out): \(r.warcFiles) WARC files, \(r.records) records rewritten,"
        + " \(r.articles) articles, \(r.bytes) bytes"
        + (r.skipped.isEmpty
          ? ""
          : ", \(r.skipped.count) damaged regions skipped (\(r.skipped.map(\.length).reduce(0, +)) bytes)")
      // With --out - (or /dev/stdout, /dev/fd/1), standard output carries the export itself.
      if Self.isStandardOutput(out) {
        FileHandleStderr.write(summary + "\n")
      } else {
        print(summary)
      }
    } catch let e as WARCError {
      FileHandleStderr.write("export: \(e.description)\n")
      throw ExitCode(1)
    }
  }
}

extension ExportCommand {
  static func isStandardOutput(_ out: String) -> Bool {
    ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"].contains(out)
  }
}

/// `--format` takes one of the formats by name; anything else is an error listing them.
extension WARCExportFormat: ExpressibleByArgument {}
