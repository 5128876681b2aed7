import Foundation

extension WARCExporter {
  /// The WARC files going into a WACZ, each as it is when it reads clean, else as a copy of
  /// its readable records (each record's bytes unchanged, one gzip member each) written into
  /// `scratch`, so that the package holds no damaged region (a WACZ validator inflates every
  /// file whole); with the regions left out.
  ///
  /// Every file is inflated once to find out (in parallel, up to 4 at a time); only a damaged
  /// one is read a second time to copy.
  static func intactFiles(_ files: [String], scratch: String) throws -> (
    files: [String], skipped: [WARCSkip]
  ) {
    let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, files.count, 4))
    let slots = ResultSlots<[(String, [WARCSkip])]>(count: parts)
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      slots.set(
        k,
        Result {
          try stride(from: k, to: files.count, by: parts).map { i in
            try intactCopy(files[i], scratch: scratch, number: i)
          }
        })
    }
    var out = [(String, [WARCSkip])](repeating: ("", []), count: files.count)
    for (k, part) in try slots.values().enumerated() {
      for (j, item) in part.enumerated() { out[k + j * parts] = item }
    }
    return (out.map(\.0), out.flatMap(\.1))
  }

  /// `file` itself when every gzip member inflates (or, for a plain `.warc`, every record
  /// parses); else the path of a copy of its readable records and the regions skipped.
  static func intactCopy(_ file: String, scratch: String, number: Int) throws -> (
    String, [WARCSkip]
  ) {
    let probe = try WARCReader(path: file)
    probe.skipDamaged = true
    if probe.isCompressed {
      // Inflating is enough to tell: the records of a file that inflates were indexed.
      let stream = try GzipMemberStream(path: file)
      var clean = true
      do {
        while try stream.next() != nil {}
      } catch let e as WARCError {
        guard case .corrupt = e else { throw e }
        clean = false
      }
      if clean { return (file, []) }
    } else {
      while try probe.next() != nil {}
      if probe.skipped.isEmpty { return (file, []) }
    }
    let dir = scratch + "/intact-\(number)"
    try FileOps.mkdirs(dir)
    var name = (file as NSString).lastPathComponent
    if !name.hasSuffix(".gz") { name += ".gz" }
    let copy = dir + "/" + name
    let reader = try WARCReader(path: file)
    reader.skipDamaged = true
    reader.keepRaw = true
    let deflater = try GzipDeflater(level: 6)
    let writer = try LineFileWriter(path: copy)
    do {
      var out: [UInt8] = []
      while let item = try reader.next() {
        guard let raw = item.raw else { continue }
        out.removeAll(keepingCapacity: true)
        try deflater.member(raw, into: &out)
        try writer.append(out)
      }
      try writer.close(sync: false)
    } catch {
      writer.abandon()
      throw error
    }
    return (copy, reader.skipped)
  }
}
