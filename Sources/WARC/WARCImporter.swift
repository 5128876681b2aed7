import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Brings WARC files written by other tools (wget, Browsertrix, Heritrix, warcio) into an
/// archive root: each is checked, stored under `imported/YYYY/MM/DD/` (the UTC day of its first
/// record) and indexed with a `.cdxj` beside it, so that `show` and `export` find its captures.
///
/// A file is refused whole, naming each fault as `FILE:OFFSET: problem`, when `WARCVerifier`
/// finds any (a damaged gzip member, a record that does not parse, a digest that does not
/// match, an ARC file): nothing of it is stored. A file gzip'd per record is copied byte for
/// byte; an uncompressed `.warc`, or (with `recompress`) one gzip'd whole, is stored one gzip
/// member per record, each record's bytes unchanged. `imported/imports.tsv` lists each import
/// (SHA-256 of the source, size, stored path, source path, time); a file whose SHA-256 is
/// listed there is not imported again. The state DB is not touched: crawls neither dedup
/// against imported payloads nor take imported records for their own.
public enum WARCImporter {
  /// What happened to one file.
  public enum Outcome: Sendable, Equatable {
    /// Stored at `stored` (relative to the root) with its index.
    case imported(stored: String, records: Int, entries: Int, recompressed: Bool)
    /// The same bytes were imported before, as `stored`.
    case alreadyImported(stored: String)
    /// Not imported, for these faults.
    case refused([WARCFault])
  }

  /// The list of imports, in `imported/`.
  public static let manifestName = "imports.tsv"

  /// Imports the WARC file at `path` into the archive at `root`.
  ///
  /// Throws only for an I/O error writing the archive (the partial copy is removed); problems
  /// of the file itself are a `.refused` outcome.
  public static func importFile(_ path: String, root: String, recompress: Bool = false) throws
    -> Outcome
  {
    var summary = WARCVerifySummary()
    WARCVerifier.verifyFile(path, into: &summary)
    let wholeFile = summary.faults.contains { $0.wholeFileGzip }
    let blocking = summary.faults.filter { !(recompress && $0.wholeFileGzip) }
    if !blocking.isEmpty { return .refused(blocking) }
    guard summary.records > 0 else {
      return .refused([WARCFault(file: path, offset: 0, problem: "no WARC record in the file")])
    }
    let reader = try WARCReader(path: path)
    var firstDate: String?
    while firstDate == nil, let item = try reader.next() { firstDate = item.record.dateString }
    guard let date = firstDate, let day = try? WARCArchive.dayPath(String(date.prefix(10))) else {
      return .refused([
        WARCFault(file: path, offset: 0, problem: "no record with a WARC-Date to file it under")
      ])
    }
    let rewrite = wholeFile || !reader.isCompressed
    let base = root + "/" + WARCArchive.importedFolder
    let hash = try sha256(ofFile: path)
    let manifest = base + "/" + manifestName
    if let stored = try listed(hash, in: manifest), FileOps.exists(root + "/" + stored) {
      return .alreadyImported(stored: stored)
    }
    let dir = base + "/" + day
    try FileOps.mkdirs(dir)
    let stem = Self.stem(of: path)
    var dest = ""
    var n = 1
    while true {
      dest = dir + "/" + stem + (n == 1 ? "" : "-\(n)") + ".warc.gz"
      guard FileOps.exists(dest) else { break }
      // Stored before but not listed (a stop between storing and listing): the same bytes.
      if !rewrite, (try? sha256(ofFile: dest)) == hash {
        let stored = String(dest.dropFirst(root.count + 1))
        try appendManifest(manifest, hash: hash, source: path, stored: stored)
        return .alreadyImported(stored: stored)
      }
      n += 1
    }
    try store(path, at: dest, recompress: rewrite)
    let index: WARCIndexer.Report
    do {
      index = try WARCIndexer.writeIndex(forWARC: dest)
    } catch {
      unlink(dest)
      throw error
    }
    let stored = String(dest.dropFirst(root.count + 1))
    try appendManifest(manifest, hash: hash, source: path, stored: stored)
    return .imported(
      stored: stored, records: index.records, entries: index.entries, recompressed: rewrite)
  }

  /// The file's base name without `.warc.gz`, `.warc`, `.gz` (nor what follows them).
  static func stem(of path: String) -> String {
    var name = path.split(separator: "/").last.map(String.init) ?? "import"
    for suffix in [".warc.gz", ".warc", ".gz"] {
      if let r = name.range(of: suffix, options: .backwards) {
        name = String(name[..<r.lowerBound])
        break
      }
    }
    let clean = String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    return clean.isEmpty ? "import" : clean
  }

  /// Writes the file at `dest` through `dest.tmp`, fsync and rename: a byte copy, or each
  /// record's bytes as one gzip member.
  static func store(_ path: String, at dest: String, recompress: Bool) throws {
    let tmp = dest + ".tmp"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw WARCError.io(call: "open", path: tmp, errno: errno) }
    do {
      if recompress {
        let reader = try WARCReader(path: path)
        reader.keepRaw = true
        let deflater = try GzipDeflater(level: 6)
        var out: [UInt8] = []
        while let item = try reader.next() {
          guard let raw = item.raw else { continue }
          try deflater.member(raw, into: &out)
          if out.count > 4 << 20 {
            try FileOps.writeAll(fd: fd, path: tmp, out)
            out.removeAll(keepingCapacity: true)
          }
        }
        try FileOps.writeAll(fd: fd, path: tmp, out)
      } else {
        let source = try BufferedFile(path: path)
        while try source.fill() > 0 {
          try FileOps.writeAll(fd: fd, path: tmp, Array(source.buffer[source.start..<source.end]))
          source.start = source.end
        }
      }
      guard fsync(fd) == 0 else { throw WARCError.io(call: "fsync", path: tmp, errno: errno) }
    } catch {
      close(fd)
      unlink(tmp)
      throw error
    }
    close(fd)
    guard rename(tmp, dest) == 0 else {
      let e = errno
      unlink(tmp)
      throw WARCError.io(call: "rename", path: dest, errno: e)
    }
    try FileOps.fsyncPath(FileOps.directory(of: dest), directory: true)
  }

  /// `sha256:` + hex of the file's bytes.
  static func sha256(ofFile path: String) throws -> String {
    let file = try BufferedFile(path: path)
    var hasher = SHA256()
    while try file.fill() > 0 {
      file.buffer[file.start..<file.end].withUnsafeBytes { hasher.update(bufferPointer: $0) }
      file.start = file.end
    }
    return "sha256:" + WARCDigest.hex(Array(hasher.finalize()))
  }

  /// The stored path listed for `hash` in the manifest, if any.
  static func listed(_ hash: String, in manifest: String) throws -> String? {
    guard FileOps.exists(manifest) else { return nil }
    let lines = try FileLineSource(path: manifest)
    while let line = try lines.next() {
      let fields = line.split(separator: 9, omittingEmptySubsequences: false)
      if fields.count >= 3, fields[0].elementsEqual(hash.utf8) {
        return String(decoding: fields[2], as: UTF8.self)
      }
    }
    return nil
  }

  /// Appends `hash, bytes, stored, source, time` to the manifest and fsyncs it.
  static func appendManifest(_ manifest: String, hash: String, source: String, stored: String)
    throws
  {
    var st = stat()
    let size = stat(source, &st) == 0 ? Int64(st.st_size) : -1
    let clean = { (s: String) in s.replacingOccurrences(of: "\t", with: " ")
      .replacingOccurrences(of: "\n", with: " ") }
    let absolute = source.hasPrefix("/") ? source : FileManager.default.currentDirectoryPath + "/" + source
    let line = "\(hash)\t\(size)\t\(clean(stored))\t\(clean(absolute))\t\(WARCDate.string(Date()))\n"
    let fd = open(manifest, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw WARCError.io(call: "open", path: manifest, errno: errno) }
    defer { close(fd) }
    try FileOps.writeAll(fd: fd, path: manifest, Array(line.utf8))
    guard fsync(fd) == 0 else { throw WARCError.io(call: "fsync", path: manifest, errno: errno) }
  }
}
