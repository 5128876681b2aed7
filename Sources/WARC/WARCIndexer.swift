/// Writes the CDXJ entries of one WARC file, skipping damaged regions.
///
/// Shared by `WARCRecovery` (files left unindexed by a crash, `verify --repair`) and `import`:
/// the file is read with `WARCReader.skipDamaged`, so a damaged member or record costs only
/// itself and reading goes on at the next gzip member or `WARC/1.` line. Records that share a
/// gzip member with others (a file gzip'd whole) have no offset of their own and are counted,
/// not indexed.
public enum WARCIndexer {
  /// What indexing one file found.
  public struct Report: Sendable {
    /// Records read.
    public var records = 0
    /// Index lines written.
    public var entries = 0
    /// Records left out because they share a gzip member with other records.
    public var sharedMember = 0
    /// Damaged regions skipped.
    public var skipped: [WARCSkip] = []
    /// The end of the last record read (member end in a `.warc.gz`).
    public var goodEnd: Int64 = 0
    /// The file's size when read.
    public var size: Int64 = 0
  }

  /// Adds the index lines of the WARC at `path` (naming it `name`) to `sorter`.
  ///
  /// Throws for an I/O error or a file that is not a WARC (an ARC file): nothing is added then
  /// that the caller must keep.
  static func index(path: String, name: String, into sorter: CDXJSorter) throws -> Report {
    let reader = try WARCReader(path: path)
    reader.skipDamaged = true
    var report = Report()
    var st = stat()
    if stat(path, &st) == 0 { report.size = Int64(st.st_size) }
    var join = CDXJRequestJoin()
    while let item = try reader.next() {
      report.records += 1
      report.goodEnd = max(report.goodEnd, item.offset + item.length)
      if item.recordsInMember > 1 {
        report.sharedMember += 1
        continue
      }
      let entry = CDXJEntry.make(
        record: item.record, offset: item.offset, length: item.length, filename: name)
      for e in join.add(item.record, entry: entry) {
        try sorter.add(e.line)
        report.entries += 1
      }
    }
    for e in join.finish() {
      try sorter.add(e.line)
      report.entries += 1
    }
    report.skipped = reader.skipped
    return report
  }

  /// Writes the sorted `.cdxj` of the WARC at `path` beside it (through a temporary file,
  /// fsync'd); nothing is left behind when it throws.
  public static func writeIndex(forWARC path: String) throws -> Report {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let sorter = CDXJSorter(output: FileOps.cdxjPath(forWARC: path))
    do {
      let report = try index(path: path, name: name, into: sorter)
      try sorter.finish()
      return report
    } catch {
      sorter.discard()
      throw error
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
