import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Repairs WARC files left open by a crash and indexes unindexed ones: a `.warc.gz` or `.warc`
/// without its `.cdxj`.
///
/// Each such file is read with `WARCIndexer` (damaged regions skipped, reading going on at the
/// next gzip member or `WARC/1.` line, each skip reported as `file:offset` and length). In a
/// `.warc.gz`, damage that runs to the end of the file (a torn write) is cut off with
/// `truncate(2)`; damage followed by intact members is kept as it is (never cut: the records
/// after it are archived data) and only left out of the index. A `.warc.gz` with no complete
/// member is removed. Plain `.warc` files (never written by the crawler; placed by a user) are
/// indexed but never cut or removed. Runs single-threaded at writer start.
public enum WARCRecovery {
  /// Repairs every unindexed WARC file under `root`; returns one line per file touched.
  public static func repair(root: String) throws -> [String] {
    var report: [String] = []
    removeStraySortFiles(root: root)
    let files = FileOps.files(under: root, suffix: ".warc.gz") + FileOps.files(under: root, suffix: ".warc")
    for path in files where !FileOps.exists(FileOps.cdxjPath(forWARC: path)) {
      report.append(try repairFile(path))
    }
    return report
  }

  /// Repairs one file and writes its index; returns what was done.
  public static func repairFile(_ path: String) throws -> [String].Element {
    let name = (path as String).split(separator: "/").last.map(String.init) ?? path
    let compressedName = path.hasSuffix(".gz")
    let sorter = CDXJSorter(output: FileOps.cdxjPath(forWARC: path))
    let found: WARCIndexer.Report
    do {
      found = try WARCIndexer.index(path: path, name: name, into: sorter)
    } catch {
      sorter.discard()
      throw error
    }
    var skipped = found.skipped
    // Damage reaching the end of the file, after the last intact record: a torn tail.
    let tornTail = skipped.last.flatMap { s in
      s.offset >= found.goodEnd && s.offset + s.length >= found.size ? s : nil
    }
    if compressedName, found.records == 0 {
      sorter.discard()
      guard unlink(path) == 0 else { throw WARCError.io(call: "unlink", path: path, errno: errno) }
      return "removed \(path): no complete record (\(found.size) bytes)"
        + (skipped.first.map { "; \($0.file):\($0.offset): \($0.problem)" } ?? "")
    }
    var line = "indexed \(path): \(found.records) records"
    if found.sharedMember > 0 {
      line += ", \(found.sharedMember) not indexed (they share one gzip member: the file is gzip'd whole; `import --recompress` stores it one member per record)"
    }
    if compressedName, let tail = tornTail {
      skipped.removeLast()
      guard truncate(path, off_t(found.goodEnd)) == 0 else {
        throw WARCError.io(call: "truncate", path: path, errno: errno)
      }
      try FileOps.fsyncPath(path, directory: false)
      line +=
        ", cut torn tail of \(found.size - found.goodEnd) bytes at offset \(found.goodEnd)"
        + " (\(tail.file):\(tail.offset): \(tail.problem))"
    }
    for s in skipped { line += "; \(s.description)" }
    try sorter.finish()
    return line
  }

  /// Removes what an index sort killed midway leaves: `.cdxj.run-N` and `.cdxj.tmp` files.
  static func removeStraySortFiles(root: String) {
    guard let e = FileManager.default.enumerator(atPath: root) else { return }
    while let rel = e.nextObject() as? String {
      let name = (rel as NSString).lastPathComponent
      if name.hasSuffix(".cdxj.tmp") || name.range(of: ".cdxj" + CDXJSorter.runSuffix) != nil {
        unlink(root + "/" + rel)
      }
    }
  }
}
