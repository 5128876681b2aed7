import Foundation

/// Read access to an archive root (`root/YYYY/MM/DD/*.warc.gz` + `.cdxj`): day ranges, index
/// lookups, latest captures and articles.
///
/// A value holding only the root path; every call reads the files afresh. Safe to share.
public struct WARCArchive: Sendable {
  public let root: String

  public init(root: String) { self.root = root }

  /// Normalises `YYYY-MM-DD` (or `YYYYMMDD`) to `YYYY/MM/DD`; throws on anything else.
  public static func dayPath(_ day: String) throws -> String {
    let digits = day.filter(\.isNumber)
    guard digits.count == 8, WARCDate.parse14(digits) != nil else {
      throw WARCError.invalid("bad date \"\(day)\" (expected YYYY-MM-DD)")
    }
    let a = Array(digits)
    return "\(String(a[0..<4]))/\(String(a[4..<6]))/\(String(a[6..<8]))"
  }

  /// The folder under the root that `import` copies other tools' WARC files into, with day
  /// folders of its own (`imported/YYYY/MM/DD/`). Kept apart from the crawl's day folders so
  /// that a crawl's resume, repair and state rebuild (which read `warcFiles()`) never take an
  /// imported record for one of their own; `show` and `export` read both.
  public static let importedFolder = "imported"

  /// Day folders (`YYYY/MM/DD`, relative) present in the archive within [from, to], sorted.
  public func days(from: String? = nil, to: String? = nil) throws -> [String] {
    try days(in: root, from: from, to: to)
  }

  /// Day folders (`YYYY/MM/DD`, relative to `base`) under `base` within [from, to], sorted.
  func days(in base: String, from: String?, to: String?) throws -> [String] {
    let root = base
    let lo = try from.map(Self.dayPath)
    let hi = try to.map(Self.dayPath)
    let fm = FileManager.default
    var out: [String] = []
    func subdirs(_ p: String) -> [String] {
      ((try? fm.contentsOfDirectory(atPath: p)) ?? []).filter { name in
        var isDir: ObjCBool = false
        return name.allSatisfy(\.isNumber)
          && fm.fileExists(atPath: p + "/" + name, isDirectory: &isDir)
          && isDir.boolValue
      }.sorted()
    }
    for y in subdirs(root) where y.count == 4 {
      for m in subdirs(root + "/" + y) where m.count == 2 {
        for d in subdirs(root + "/" + y + "/" + m) where d.count == 2 {
          let day = "\(y)/\(m)/\(d)"
          if let lo, day < lo { continue }
          if let hi, day > hi { continue }
          out.append(day)
        }
      }
    }
    return out
  }

  /// WARC files (absolute paths) of the days in [from, to], sorted by day then name: the
  /// crawl's own, then (with `includeImported`) those `import` put under `imported/`.
  public func warcFiles(from: String? = nil, to: String? = nil, includeImported: Bool = false)
    throws -> [String]
  {
    var bases = [root]
    if includeImported { bases.append(root + "/" + Self.importedFolder) }
    return try bases.flatMap { base in
      try days(in: base, from: from, to: to).flatMap { day -> [String] in
        let dir = base + "/" + day
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
          .filter { $0.hasSuffix(".warc.gz") || $0.hasSuffix(".warc") }.sorted().map {
            dir + "/" + $0
          }
      }
    }
  }

  /// Index entries of `url` (exact WARC-Target-URI, else same SURT key; POSTs to it included)
  /// with a timestamp at or before `until` (14 digits), with the absolute path of their WARC
  /// file, oldest first.
  ///
  /// Each day's sorted `.cdxj` is binary-searched for the key, so a lookup reads a few blocks
  /// of each index rather than the whole index.
  public func captures(of url: String, until: String? = nil) throws -> [(
    entry: CDXJEntry, path: String
  )] {
    let target = WARCRecord.targetURI(url)
    let key = SURT.key(target)
    var exact: [(CDXJEntry, String)] = []
    var similar: [(CDXJEntry, String)] = []
    // A POST's key has `__wb_method=post&…` merged into its query (cdxj-indexer's
    // --post-append), so POST captures are found under the path's key and told by URL.
    let path = key.split(separator: "?", maxSplits: 1).first.map(String.init) ?? key
    let prefixes = [Array((key + " ").utf8), Array((path + "?__wb_method=").utf8)]
    for (dir, index) in try indexFiles(until: until) {
      guard let file = try? CDXJIndexFile(path: index) else { continue }
      for (n, prefix) in prefixes.enumerated() {
        for e in try Self.entries(in: file, withPrefix: prefix) {
          if let until, e.timestamp > until { continue }
          if n == 1, SURT.key(e.url) != key { continue }
          let item = (e, dir + "/" + e.filename)
          if e.url == target { exact.append(item) } else { similar.append(item) }
        }
      }
    }
    let chosen = exact.isEmpty ? similar : exact
    return chosen.sorted { $0.0.timestamp < $1.0.timestamp }.map { (entry: $0.0, path: $0.1) }
  }

  /// The `.cdxj` files of the days up to the day of `until` (14 digits), the crawl's then the
  /// imported ones, sorted: each as its day folder (`root/YYYY/MM/DD` or
  /// `root/imported/YYYY/MM/DD`, spelled from `root` as given) and its path.
  func indexFiles(until: String?) throws -> [(dir: String, path: String)] {
    let lastDay = until.map { String($0.prefix(8)) }
    return try [root, root + "/" + Self.importedFolder].flatMap { base in
      try days(in: base, from: nil, to: lastDay).flatMap { day -> [(dir: String, path: String)] in
        let dir = base + "/" + day
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter {
          $0.hasSuffix(".cdxj")
        }.sorted().map { (dir, dir + "/" + $0) }
      }
    }
  }

  /// The parsed lines of a sorted index that start with `prefix` (found by binary search).
  static func entries(in file: CDXJIndexFile, withPrefix prefix: [UInt8]) throws -> [CDXJEntry] {
    try file.lines(withPrefix: prefix).compactMap { CDXJEntry.parse(bytes: $0[...]) }
  }

  /// The timestamp cut-off for `--at YYYY-MM-DD` (the end of that UTC day).
  public static func endOfDay(_ day: String) throws -> String {
    try dayPath(day).replacingOccurrences(of: "/", with: "") + "235959"
  }

  /// The latest archived article of `url` (at or before the end of `atDay` if given).
  ///
  /// Through the indexes, reading three records; when they do not lead to the article, by
  /// reading the records around the newest metadata entry.
  public func latestArticle(url: String, atDay: String? = nil) throws -> ArchivedArticle {
    let until = try atDay.map(Self.endOfDay)
    if let found = try? indexedLatestArticle(url: url, until: until) { return found }
    let caps = try captures(of: url, until: until)
    let metas = try captures(of: WARCRecord.articleURNPrefix + url, until: until)
    guard !metas.isEmpty else {
      if caps.isEmpty {
        throw WARCError.notFound(
          "no capture of \(url) in \(root)\(atDay.map { " up to \($0)" } ?? "")")
      }
      throw WARCError.notFound(
        "\(url) is archived but has no article metadata (not an article page?)")
    }
    // Newest first; a metadata record lost to a damaged region falls back to an older one.
    var unreadable: [String] = []
    for meta in metas.reversed() {
      if let article = try article(near: meta, captures: caps + metas) { return article }
      unreadable.append("\(relative(meta.path)):\(meta.entry.offset)")
    }
    throw WARCError.notFound(
      "\(url): its article records are unreadable (damaged or cut WARC: "
        + unreadable.prefix(3).joined(separator: ", ")
        + "); `verify --archive \(root)` names the damage, `verify --repair` heals it")
  }

  /// The article whose metadata record `meta` indexes, read from the first record of the same
  /// fetch in the same file; nil when that metadata record is unreadable or is not the
  /// metadata of a response (so that no other article is ever returned in its place).
  private func article(
    near meta: (entry: CDXJEntry, path: String), captures: [(entry: CDXJEntry, path: String)]
  ) throws -> ArchivedArticle? {
    let sameFetch = captures.filter {
      $0.path == meta.path && $0.entry.timestamp == meta.entry.timestamp
        && $0.entry.offset <= meta.entry.offset
    }
    let start = sameFetch.map(\.entry.offset).min() ?? meta.entry.offset
    let reader = try WARCReader(path: meta.path)
    reader.skipDamaged = true
    guard (try? reader.seek(to: meta.entry.offset)) != nil, let first = try? reader.next(), first.offset == meta.entry.offset,
      first.record.type == "metadata", let ref = first.record["WARC-Refers-To"]
    else { return nil }
    var collector = ArticleCollector()
    try reader.seek(to: start)
    let rel = relative(meta.path)
    var n = 0
    func found() -> ArchivedArticle? { collector.articles().first { $0.responseRecordID == ref } }
    while n < 32, let item = try reader.next() {
      collector.add(item.record, file: rel, offset: item.offset)
      n += 1
      if item.offset >= meta.entry.offset, found() != nil { break }
    }
    return found()
  }

  /// The raw HTTP response (header + payload as archived) of the latest capture of `url`. For an
  /// identical-payload revisit, the payload comes from the capture it refers to. A `resource`
  /// record (wget's and Browsertrix's files, no HTTP) gives its block.
  ///
  /// A capture whose record cannot be read (a damaged region) is passed over for the one
  /// before it; `onSkip` is told `FILE:OFFSET: problem` of each. Throws `.notFound` when no
  /// readable capture is left, naming the last damaged one if any.
  public func latestResponseBytes(
    url: String, atDay: String? = nil, onSkip: (String) -> Void = { _ in }
  ) throws -> [UInt8] {
    let until = try atDay.map(Self.endOfDay)
    let caps = try captures(of: url, until: until)
    var lastDamage: String?
    for latest in caps.reversed() {
      // Responses and revisits have an HTTP status; a resource has a MIME type and no status.
      let mayBeResource = latest.entry.status == nil && latest.entry.mime != "warc/revisit"
      guard latest.entry.status != nil || mayBeResource else { continue }
      let record: WARCRecord
      do {
        record = try WARCReader.record(path: latest.path, offset: latest.entry.offset)
      } catch let e as WARCError {
        lastDamage = e.description
        onSkip("\(e.description) (capture of \(latest.entry.timestamp) skipped)")
        continue
      }
      if mayBeResource {
        guard record.type == "resource" else { continue }
        return record.block
      }
      if record.type == "revisit", let digest = record["WARC-Payload-Digest"] {
        // The original: a response with the same payload digest, of this URL or of the one
        // the revisit refers to.
        var candidates = caps
        if let other = record["WARC-Refers-To-Target-URI"].map(WARCRecord.normalizedTargetURI),
          other != record.targetURI
        {
          candidates += (try? captures(of: other, until: until)) ?? []
        }
        if let original = candidates.last(where: {
          $0.entry.status != nil && $0.entry.mime != "warc/revisit" && $0.entry.digest == digest
            && $0.entry.timestamp <= latest.entry.timestamp
        }) {
          do {
            let o = try WARCReader.record(path: original.path, offset: original.entry.offset)
            return record.httpHeaderBytes + Array(o.httpPayload)
          } catch let e as WARCError {
            onSkip("\(e.description) (the original of a revisit; the revisit is printed)")
          }
        }
      }
      return record.block
    }
    throw WARCError.notFound(
      "no \(lastDamage == nil ? "" : "readable ")capture of \(url) in \(root)"
        + "\(atDay.map { " up to \($0)" } ?? "")\(lastDamage.map { " (last damaged: \($0))" } ?? "")")
  }

  /// The complete articles of one WARC file, reading every record.
  func scannedArticles(inFile path: String) throws -> [ArchivedArticle] {
    let reader = try WARCReader(path: path)
    reader.skipDamaged = true
    var collector = ArticleCollector()
    let rel = relative(path)
    while let item = try reader.next() {
      collector.add(item.record, file: rel, offset: item.offset)
    }
    return collector.articles()
  }

  /// `path` relative to the root (unchanged if outside it).
  public func relative(_ path: String) -> String {
    path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
  }
}
