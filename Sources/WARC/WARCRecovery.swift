import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Repairs WARC files left open by a crash: a `.warc.gz` without its `.cdxj`.
///
/// Each such file is read member by member; everything from the first member that does not
/// inflate or parse (a torn write) to the end is cut off with `truncate(2)`, then its `.cdxj` is
/// written. A file with no complete member is removed. Runs single-threaded at writer start.
public enum WARCRecovery {
  /// Repairs every unindexed `.warc.gz` under `root`; returns one line per file touched.
  public static func repair(root: String) throws -> [String] {
    var report: [String] = []
    removeStraySortFiles(root: root)
    for path in FileOps.files(under: root, suffix: ".warc.gz")
    where !FileOps.exists(FileOps.cdxjPath(forWARC: path)) {
      report.append(try repairFile(path))
    }
    return report
  }

  /// Repairs one file and writes its index; returns what was done.
  public static func repairFile(_ path: String) throws -> [String].Element {
    let name = (path as String).split(separator: "/").last.map(String.init) ?? path
    let sorter = CDXJSorter(output: FileOps.cdxjPath(forWARC: path))
    var goodEnd: Int64 = 0
    var records = 0
    var problem: String? = nil
    let size: Int64
    do {
      let stream = try GzipMemberStream(path: path)
      size = try stream.file.size()
      while true {
        let member: GzipMember
        do {
          guard let m = try stream.next() else { break }
          member = m
        } catch let e as WARCError {
          problem = e.description
          break
        }
        var index = 0
        var parsed: [WARCRecord] = []
        do {
          repeat {
            let (record, next) = try WARCRecord.parse(member.data, from: index)
            parsed.append(record)
            index = next
          } while index < member.data.count
        } catch {
          problem = "\(path):\(member.offset): \(error)"
          break
        }
        for r in parsed {
          if let e = CDXJEntry.make(
            record: r, offset: member.offset, length: member.length, filename: name)
          {
            try sorter.add(e.line)
          }
        }
        records += parsed.count
        goodEnd = member.offset + member.length
      }
    }
    if goodEnd == 0 {
      sorter.discard()
      guard unlink(path) == 0 else { throw WARCError.io(call: "unlink", path: path, errno: errno) }
      return "removed \(path): no complete record (\(size) bytes)\(problem.map { "; \($0)" } ?? "")"
    }
    var line = "indexed \(path): \(records) records"
    if goodEnd < size {
      guard truncate(path, off_t(goodEnd)) == 0 else {
        throw WARCError.io(call: "truncate", path: path, errno: errno)
      }
      try FileOps.fsyncPath(path, directory: false)
      line += ", cut torn tail of \(size - goodEnd) bytes at offset \(goodEnd)"
      if let problem { line += " (\(problem))" }
    }
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
