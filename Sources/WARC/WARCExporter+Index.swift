import Foundation

extension WARCExporter {
  /// Feeds the CDXJ lines of the WARC files going into a WACZ to a `CDXJSorter`.
  ///
  /// Streams each `.cdxj` line by line: a line that already names its file by its base name
  /// (ours do) is passed as is; another is parsed and rewritten to name it so (malformed lines
  /// are dropped). A WARC without a `.cdxj` is read for its entries.
  enum IndexLines {
    /// Adds the index lines of the WARC at `file`, naming it `name`.
    static func add(warc file: String, name: String, to sorter: CDXJSorter) throws {
      let cdxj = FileOps.cdxjPath(forWARC: file)
      guard FileOps.exists(cdxj) else {
        let reader = try WARCReader(path: file)
        reader.skipDamaged = true
        var join = CDXJRequestJoin()
        while let item = try reader.next() {
          // Records sharing one gzip member (a file gzip'd whole) have no offsets of their own.
          guard item.recordsInMember == 1 else { continue }
          let entry = CDXJEntry.make(
            record: item.record, offset: item.offset, length: item.length, filename: name)
          for e in join.add(item.record, entry: entry) { try sorter.add(e.line) }
        }
        for e in join.finish() { try sorter.add(e.line) }
        return
      }
      let suffix = Array("\"filename\": \(CDXJEntry.jsonString(name))}".utf8)
      let lines = try FileLineSource(path: cdxj)
      while let line = try lines.next() {
        if line.count > suffix.count, line.suffix(suffix.count).elementsEqual(suffix) {
          try sorter.add(line)
        } else if var e = CDXJEntry.parse(bytes: line[...]) {
          e.filename = name
          try sorter.add(e.line)
        }
      }
    }
  }
}
