import ArgumentParser
import Crawl
import WARC

/// `portal-archiver import [--recompress] FILE...`: brings other tools' WARC files into the
/// archive (see `WARCImporter`).
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Copy WARC files written by wget, Browsertrix, Heritrix … into the archive.",
    discussion: """
      Each FILE is checked as `verify` checks it (gzip members, record syntax, digests in \
      base32, base64 or hex), then stored under ARCHIVE/imported/YYYY/MM/DD/ (the UTC day of \
      its first record) with its .cdxj beside it, so that `show` and `export` cover its \
      captures. A file compressed record by record is copied byte for byte; an uncompressed \
      .warc is stored gzip'd one member per record (record bytes unchanged). The imported/ \
      folder is kept apart from the crawl's day folders: a crawl never takes an imported \
      record for its own, and the state DB is not touched (crawls do not dedup against \
      imported payloads; `verify --rebuild-state` rebuilds from the crawl's files only).

      A file with any fault is not imported at all: each fault is printed as \
      FILE:OFFSET: problem. A file gzip'd whole (one gzip member for all records) is such a \
      fault unless --recompress is given. ARC files are refused. A file already imported \
      (same SHA-256, listed in imported/imports.tsv) is skipped and says so.

      Exit 0 when every file was imported or was already there; 1 when any was refused.
      """)

  @OptionGroup var options: ConfigOptions
  @Flag(help: "Import a file gzip'd whole by storing it one gzip member per record.")
  var recompress = false
  @Argument(help: "WARC files (.warc.gz or .warc).") var files: [String]

  func run() throws {
    let archive = try options.archiveRoot()
    var refused = 0
    for file in files {
      do {
        switch try WARCImporter.importFile(file, root: archive, recompress: recompress) {
        case .imported(let stored, let records, let entries, let recompressed):
          print(
            "imported \(file) as \(archive)/\(stored): \(records) records, \(entries) index entries"
              + (recompressed ? " (stored one gzip member per record)" : ""))
        case .alreadyImported(let stored):
          print("already imported: \(file) (as \(archive)/\(stored)), skipped")
        case .refused(let faults):
          refused += 1
          for f in faults { FileHandleStderr.write("import: \(f.description)\n") }
          FileHandleStderr.write(
            "import: \(file) not imported (\(faults.count) fault\(faults.count == 1 ? "" : "s")); nothing of it was stored\n"
          )
        }
      } catch {
        refused += 1
        FileHandleStderr.write("import: \(file) not imported: \(error)\n")
      }
    }
    if refused > 0 { throw ExitCode(1) }
  }
}
