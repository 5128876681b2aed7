import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Export formats.
public enum WARCExportFormat: String, Sendable, CaseIterable {
  case wacz, warc, jsonl
}

/// What to export: the days [from, to] (`YYYY-MM-DD`) of the archive at `root`.
public struct WARCExportOptions: Sendable {
  public var root: String
  public var from: String
  public var to: String
  public var format: WARCExportFormat
  public var out: String
  /// Only URLs of this host (and its subdomains).
  public var host: String?
  /// Only the captures of these page URLs (as the index stores them): their requests,
  /// responses, revisits and article records, and the responses their revisits stand for
  /// (nil: every URL). Implies rewriting the selected records into one new WARC.
  public var urls: Set<String>?
  /// The WACZ title.
  public var title: String = "portal-archiver export"
  public var software: String = "portal-archiver"

  public init(
    root: String, from: String, to: String, format: WARCExportFormat, out: String,
    host: String? = nil
  ) {
    self.root = root
    self.from = from
    self.to = to
    self.format = format
    self.out = out
    self.host = host
  }
}

/// What an export wrote.
public struct WARCExportReport: Sendable {
  public var records = 0
  public var articles = 0
  public var warcFiles = 0
  public var bytes: Int64 = 0
  /// Damaged regions of the archive's WARC files passed over (all formats).
  public var skipped: [WARCSkip] = []
}

/// Exports a day range of an archive as WACZ 1.1.1, one `.warc.gz`, or article JSONL.
///
/// Single-threaded; reads the archive sequentially. WACZ: WARC files whose records all lie in
/// the range are stored whole (ZIP STORED), otherwise (a `host` or `urls` filter) the selected
/// records are rewritten into one new WARC. Every format skips damaged regions of the archive's files
/// (`WARCExportReport.skipped`): a WACZ holds a damaged file as a copy of its readable records.
public enum WARCExporter {
  public static func export(_ o: WARCExportOptions) throws -> WARCExportReport {
    let lo = try WARCArchive.dayPath(o.from)
    let hi = try WARCArchive.dayPath(o.to)
    guard lo <= hi else { throw WARCError.invalid("--from \(o.from) is after --to \(o.to)") }
    var o = o
    switch try checkOutput(o) {
    case .file(let path): o.out = path
    case let target: return try exportToStream(o, target)
    }
    switch o.format {
    case .jsonl: return try exportJSONL(o)
    case .warc: return try exportWARC(o, to: o.out)
    case .wacz: return try exportWACZ(o)
    }
  }

  /// Whether `url`'s host is `host` or a subdomain of it (true when `host` is nil).
  static func hostMatches(_ url: String, _ host: String?) -> Bool {
    guard let host, !host.isEmpty else { return true }
    let page = WARCRecord.pageURL(fromTargetURI: url)
    guard let h = URLComponents(string: page)?.host?.lowercased() else { return false }
    let want = host.lowercased()
    return h == want || h.hasSuffix("." + want)
  }

  /// Whether a WARC-Date falls within the days [lo, hi] (`YYYY/MM/DD`).
  static func dateInRange(_ warcDate: String?, _ lo: String, _ hi: String) -> Bool {
    guard let d = warcDate, d.count >= 10 else { return false }
    let day = d.prefix(10).replacingOccurrences(of: "-", with: "/")
    return day >= lo && day <= hi
  }

  // MARK: JSONL

  /// Writes one line per article as they are read (`WARCArchive.forEachArticle`: bounded
  /// memory), through `<out>.tmp`, fsync and rename.
  static func exportJSONL(_ o: WARCExportOptions) throws -> WARCExportReport {
    let archive = WARCArchive(root: o.root)
    var r = WARCExportReport()
    r.bytes = try FileOps.writeStreaming(o.out) { out in
      var line: [UInt8] = []
      r.articles = try archive.forEachArticle(
        from: o.from, to: o.to, host: o.host, onSkip: { r.skipped.append($0) }
      ) { a in
        line.removeAll(keepingCapacity: true)
        appendJSONLLine(a, to: &line)
        try out.append(line)
      }
    }
    return r
  }

  /// One export line: url, fetched, warc_file, warc_offset, title, published, source, author,
  /// paragraphs, text, charset.
  public static func jsonlLine(_ a: ArchivedArticle) -> String {
    var out: [UInt8] = []
    appendJSONLLine(a, to: &out)
    return String(decoding: out.dropLast(), as: UTF8.self)
  }

  // MARK: WARC

  /// Writes the in-range records (host-filtered) as one `.warc.gz` at `path`, warcinfo first;
  /// with `index`, also its sorted CDXJ (filename = the file's base name) at that path.
  @discardableResult
  static func exportWARC(_ o: WARCExportOptions, to path: String, index: String? = nil) throws
    -> WARCExportReport
  {
    let lo = try WARCArchive.dayPath(o.from)
    let hi = try WARCArchive.dayPath(o.to)
    let archive = WARCArchive(root: o.root)
    let name = (path as NSString).lastPathComponent
    let tmp = path + ".tmp"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw WARCError.io(call: "open", path: tmp, errno: errno) }
    var closed = false
    defer { if !closed { Glibc.close(fd) } }
    let deflater = try GzipDeflater(level: 6)
    var buffer: [UInt8] = []
    var scratch: [UInt8] = []
    var offset: Int64 = 0
    let sorter = index.map { CDXJSorter(output: $0) }
    var report = WARCExportReport()
    var join = CDXJRequestJoin()
    var selection = try RecordSelection(o, lo: lo, hi: hi, archive: archive)
    func add(_ record: WARCRecord) throws {
      scratch.removeAll(keepingCapacity: true)
      record.serialize(into: &scratch)
      let len = Int64(try deflater.member(scratch, into: &buffer))
      if let sorter {
        let entry = CDXJEntry.make(record: record, offset: offset, length: len, filename: name)
        for e in join.add(record, entry: entry) { try sorter.add(e.line) }
      }
      offset += len
      if buffer.count > 4 << 20 {
        try FileOps.writeAll(fd: fd, path: tmp, buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    var fields: [(String, String)] = [
      ("software", o.software), ("description", "export of \(o.root) \(o.from)..\(o.to)"),
    ]
    if let host = o.host { fields.append(("isPartOf", host)) }
    try add(WARCRecord.warcinfo(filename: name, fields: fields))
    for file in try archive.warcFiles(from: o.from, to: o.to, includeImported: true) {
      let reader = try WARCReader(path: file)
      reader.skipDamaged = true
      while let item = try reader.next() {
        let r = item.record
        guard r.type != "warcinfo", selection.keeps(r) else { continue }
        try add(r)
        report.records += 1
      }
      report.skipped += reader.skipped
    }
    if let sorter { for e in join.finish() { try sorter.add(e.line) } }
    try FileOps.writeAll(fd: fd, path: tmp, buffer)
    guard fsync(fd) == 0 else { throw WARCError.io(call: "fsync", path: tmp, errno: errno) }
    Glibc.close(fd)
    closed = true
    guard rename(tmp, path) == 0 else {
      throw WARCError.io(call: "rename", path: path, errno: errno)
    }
    try sorter?.finish(durable: false)
    report.warcFiles = 1
    report.bytes = offset
    return report
  }

  // MARK: WACZ

  static func exportWACZ(_ o: WARCExportOptions) throws -> WARCExportReport {
    let archive = WARCArchive(root: o.root)
    var report = WARCExportReport()
    let tmpDir = NSTemporaryDirectory() + "/portal-wacz-\(UUID().uuidString)"
    try FileOps.mkdirs(tmpDir)
    defer { try? FileManager.default.removeItem(atPath: tmpDir) }

    // The WARC files; for a host filter, one new WARC of the selected records.
    var warcs: [(zipPath: String, file: String)] = []
    var filteredIndex: String?
    if o.host == nil && o.urls == nil {
      let (files, skipped) = try intactFiles(
        try archive.warcFiles(from: o.from, to: o.to, includeImported: true), scratch: tmpDir)
      report.skipped = skipped
      for file in files {
        warcs.append(("archive/" + (file as NSString).lastPathComponent, file))
      }
    } else {
      let name = "export-\(WARCDate.timestamp14(Date())).warc.gz"
      let path = tmpDir + "/" + name
      filteredIndex = tmpDir + "/filtered.cdx"
      let filtered = try exportWARC(o, to: path, index: filteredIndex)
      report.records = filtered.records
      report.skipped = filtered.skipped
      warcs.append(("archive/" + name, path))
    }
    guard !warcs.isEmpty else {
      throw WARCError.notFound("no WARC files in \(o.root) from \(o.from) to \(o.to)")
    }

    // The index and the pages are written to files on other threads while this one copies the
    // WARC files into the ZIP; each holds a bounded amount (the index sorter's buffer, one batch
    // of articles).
    let sources = warcs.map(\.file)
    let indexPath = filteredIndex ?? tmpDir + "/index.cdx"
    let pagesPath = tmpDir + "/pages.jsonl"
    let indexGiven = filteredIndex != nil
    let indexTask = BackgroundTask { () throws -> Void in
      guard !indexGiven else { return }
      let sorter = CDXJSorter(output: indexPath)
      for file in sources {
        try IndexLines.add(warc: file, name: (file as NSString).lastPathComponent, to: sorter)
      }
      try sorter.finish(durable: false)
    }
    let pagesTask = BackgroundTask { () throws -> Int in
      try writePages(archive: archive, o, to: pagesPath)
    }
    let js = { (s: String) in JSONString.quoted(s) }

    // The ZIP (STORED entries; see StoredZipWriter for why not ZIPFoundation).
    let tmpOut = o.out + ".tmp"
    let zip = try StoredZipWriter(path: tmpOut)
    var resources: [(name: String, path: String, hash: String, bytes: Int64)] = []
    for (zipPath, file) in warcs {
      let (hash, size) = try zip.addFile(name: zipPath, file: file)
      resources.append(((zipPath as NSString).lastPathComponent.lowercased(), zipPath, hash, size))
      report.warcFiles += 1
    }
    try indexTask.wait()
    report.articles = try pagesTask.wait()
    for (zipPath, file) in [("indexes/index.cdx", indexPath), ("pages/pages.jsonl", pagesPath)] {
      let (hash, size) = try zip.addFile(name: zipPath, file: file)
      resources.append(((zipPath as NSString).lastPathComponent, zipPath, hash, size))
    }
    var dp = "{\n  \"profile\": \"data-package\",\n  \"resources\": ["
    for (i, r) in resources.enumerated() {
      dp += (i == 0 ? "\n" : ",\n")
      dp +=
        "    {\n      \"name\": \(js(r.name)),\n      \"path\": \(js(r.path)),\n      \"hash\": \(js(r.hash)),\n      \"bytes\": \(r.bytes)\n    }"
    }
    dp += "\n  ],\n  \"title\": \(js(o.title)),\n  \"created\": \(js(WARCDate.string(Date()))),\n"
    dp += "  \"wacz_version\": \"1.1.1\",\n  \"software\": \(js(o.software))\n}"
    let dpBytes = Array(dp.utf8)
    try zip.addBytes(name: "datapackage.json", bytes: dpBytes)
    let digest = "{\"path\": \"datapackage.json\", \"hash\": \(js(WARCDigest.sha256Hex(dpBytes)))}"
    try zip.addBytes(name: "datapackage-digest.json", bytes: Array(digest.utf8))
    try zip.finish()
    guard rename(tmpOut, o.out) == 0 else {
      throw WARCError.io(call: "rename", path: o.out, errno: errno)
    }
    report.bytes = (try? FileManager.default.attributesOfItem(atPath: o.out)[.size] as? Int64) ?? 0
    return report
  }
}
