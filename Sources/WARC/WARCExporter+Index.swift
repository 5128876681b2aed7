import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension WARCExporter {
  /// Collects the CDXJ lines of the WARC files going into a WACZ and joins them sorted.
  ///
  /// Works on the bytes of each `.cdxj`: lines that already name their file by its base name
  /// (ours do) are kept as slices, and an already sorted set (one file, or files whose ranges
  /// do not overlap) is not sorted again. Not thread-safe.
  struct IndexLines {
    /// The `.cdxj` bytes (or generated lines) of each file, and the line ranges in them.
    private var sources: [[UInt8]] = []
    private var lines: [(source: Int, start: Int, end: Int)] = []

    /// Adds the index lines of the WARC at `file`, naming it `name`: from its `.cdxj`, or by
    /// reading the WARC when there is none.
    mutating func add(warc file: String, name: String) throws {
      let cdxj = FileOps.cdxjPath(forWARC: file)
      guard let data = FileManager.default.contents(atPath: cdxj) else {
        var generated: [UInt8] = []
        let reader = try WARCReader(path: file)
        var entries: [CDXJEntry] = []
        while let item = try reader.next() {
          if let e = CDXJEntry.make(
            record: item.record, offset: item.offset, length: item.length, filename: name)
          {
            entries.append(e)
          }
        }
        for l in CDXJEntry.sortedLines(entries) {
          generated += Array(l.utf8)
          generated.append(10)
        }
        addLines(of: generated, name: nil)
        return
      }
      addLines(of: [UInt8](data), name: name)
    }

    /// Adds the non-empty lines of `bytes`; with `name`, a line not ending with
    /// `"filename": "<name>"}` is parsed and rewritten to name the file so (malformed lines are
    /// dropped).
    mutating func addLines(of bytes: [UInt8], name: String?) {
      let suffix = name.map { Array("\"filename\": \(CDXJEntry.jsonString($0))}".utf8) } ?? []
      var rewritten: [UInt8] = []
      var kept: [(Int, Int)] = []
      var fixed: [(Int, Int)] = []
      bytes.withUnsafeBufferPointer { b in
        guard let base = b.baseAddress else { return }
        ByteLines.forEach(in: b) { start, end in
          if end > start {
            var ok = true
            if let name {
              ok =
                end - start > suffix.count
                && memcmp(base + end - suffix.count, suffix, suffix.count) == 0
              if !ok, var e = CDXJEntry.parse(bytes: bytes[start..<end]) {
                e.filename = name
                let s = rewritten.count
                rewritten += Array(e.line.utf8)
                fixed.append((s, rewritten.count))
              }
            }
            if ok { kept.append((start, end)) }
          }
        }
      }
      let k = sources.count
      sources.append(bytes)
      lines += kept.map { (k, $0.0, $0.1) }
      if !fixed.isEmpty {
        sources.append(rewritten)
        lines += fixed.map { (k + 1, $0.0, $0.1) }
      }
    }

    /// The lines sorted bytewise (as `LC_ALL=C sort`), each followed by "\n".
    func sortedBytes() -> [UInt8] {
      func less(_ x: (source: Int, start: Int, end: Int), _ y: (source: Int, start: Int, end: Int))
        -> Bool
      {
        sources[x.source].withUnsafeBufferPointer { a in
          sources[y.source].withUnsafeBufferPointer { b in
            // Lines are non-empty, so both buffers are too.
            guard let pa = a.baseAddress, let pb = b.baseAddress else { return false }
            let n = min(x.end - x.start, y.end - y.start)
            let c = memcmp(pa + x.start, pb + y.start, n)
            return c != 0 ? c < 0 : (x.end - x.start) < (y.end - y.start)
          }
        }
      }
      var order = lines
      var sorted = true
      for i in order.indices.dropFirst() where less(order[i], order[i - 1]) {
        sorted = false
        break
      }
      if !sorted { order.sort(by: less) }
      var out: [UInt8] = []
      out.reserveCapacity(order.reduce(0) { $0 + $1.end - $1.start + 1 })
      for l in order {
        sources[l.source].withUnsafeBufferPointer { b in
          out.append(contentsOf: UnsafeBufferPointer(rebasing: b[l.start..<l.end]))
        }
        out.append(10)
      }
      return out
    }
  }
}
