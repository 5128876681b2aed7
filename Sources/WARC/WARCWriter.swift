import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes records into rotating, per-day `.warc.gz` files with a `.cdxj` index beside each.
///
/// Not thread-safe: the caller serialises calls (one writer per archive root and process).
/// Each record is its own gzip member; the records of one `write` call go contiguously into one
/// file. Compressed members are buffered (`WARCWriterConfig.bufferSize`) and written in large
/// `write(2)` calls; `sync()` makes everything written so far durable. The open file's index
/// lines go to a `CDXJSorter` (memory bounded by `WARCWriterConfig.indexMemory`, runs spilled
/// beside the file) and become its `.cdxj` when the file is closed. At `init`, files left
/// without a `.cdxj` by a crash are repaired (torn tail cut off, index written) and reported in
/// `repairs`; new records always go to a new file.
public final class WARCWriter {
  public let config: WARCWriterConfig
  /// What `init` repaired, one human-readable line per file.
  public private(set) var repairs: [String] = []
  private var fileEnds: [String: Int64] = [:]

  private struct OpenFile {
    var fd: Int32
    var path: String
    var relativePath: String
    var name: String
    var day: String
    var size: Int64
    var records: Int
    /// The file's index lines, sorted into its `.cdxj` at close (bounded memory: runs spill).
    var index: CDXJSorter
  }

  private var current: OpenFile?
  private var buffer: [UInt8] = []
  private var batch: [UInt8] = []
  private var scratch: [UInt8] = []
  private let deflater: GzipDeflater
  private let host: String
  private var serial = 0
  /// The newest file name's order (in the archive at `init`, or opened since): a new file's
  /// name never sorts before it.
  private var newest: WARCFileOrder?
  private var recordsSinceSync = 0
  private var lastSync = DispatchTime.now()
  private var directoryNeedsSync: String?

  public init(config: WARCWriterConfig) throws {
    self.config = config
    host = config.hostname ?? FileOps.hostname()
    deflater = try GzipDeflater(level: config.gzipLevel)
    try FileOps.mkdirs(config.root)
    repairs = try WARCRecovery.repair(root: config.root)
    newest = FileOps.files(under: config.root, suffix: ".warc.gz")
      .compactMap { WARCFileOrder(path: $0) }.max()
    buffer.reserveCapacity(config.bufferSize + (1 << 16))
  }

  deinit { try? close() }

  /// The end (bytes) of each file written to since the last `takeFileEnds()`, by path relative
  /// to the root: durable once `sync()` returned.
  public func takeFileEnds() -> [String: Int64] {
    defer { fileEnds.removeAll(keepingCapacity: true) }
    return fileEnds
  }

  /// The open file's path relative to the root, if any.
  public var currentFile: String? { current?.relativePath }

  /// Appends the records of one fetch to the current file (opening or rotating as needed);
  /// returns where each record went, in order.
  @discardableResult
  public func write(_ records: [WARCRecord]) throws -> [WARCLocation] {
    guard !records.isEmpty else { return [] }
    let date = records[0].dateString.flatMap(WARCDate.parse) ?? Date()
    batch.removeAll(keepingCapacity: true)
    var lengths: [Int] = []
    lengths.reserveCapacity(records.count)
    for record in records {
      scratch.removeAll(keepingCapacity: true)
      record.serialize(into: &scratch)
      lengths.append(try deflater.member(scratch, into: &batch))
    }
    let day = WARCDate.dayPath(date)
    if let cur = current,
      cur.day != day || (cur.records > 1 && cur.size + Int64(batch.count) > config.maxFileSize)
    {
      try closeCurrent()
    }
    if current == nil { try openFile(day: day, date: date) }
    guard var cur = current else { return [] }
    var locations: [WARCLocation] = []
    var offset = cur.size
    // A fetch's request and response are written together: pairing them (a POST's key) needs
    // no state across calls.
    var join = CDXJRequestJoin()
    for (record, length) in zip(records, lengths) {
      let len = Int64(length)
      locations.append(WARCLocation(file: cur.relativePath, offset: offset, length: len))
      let entry = CDXJEntry.make(record: record, offset: offset, length: len, filename: cur.name)
      for e in join.add(record, entry: entry) { try cur.index.add(e.line) }
      offset += len
    }
    for e in join.finish() { try cur.index.add(e.line) }
    cur.size = offset
    fileEnds[cur.relativePath] = offset
    cur.records += records.count
    current = cur
    buffer.append(contentsOf: batch)
    if buffer.count >= config.bufferSize { try flushBuffer() }
    recordsSinceSync += records.count
    if config.syncEveryRecords > 0 && recordsSinceSync >= config.syncEveryRecords {
      try sync()
    } else if config.syncIntervalMs > 0 {
      let elapsed = (DispatchTime.now().uptimeNanoseconds - lastSync.uptimeNanoseconds) / 1_000_000
      if elapsed >= UInt64(config.syncIntervalMs) { try sync() }
    }
    return locations
  }

  /// Writes buffered records and fsyncs the open file (and its directory once after creation).
  public func sync() throws {
    try flushBuffer()
    if let cur = current {
      guard fsync(cur.fd) == 0 else {
        throw WARCError.io(call: "fsync", path: cur.path, errno: errno)
      }
    }
    if let dir = directoryNeedsSync {
      try FileOps.fsyncPath(dir, directory: true)
      directoryNeedsSync = nil
    }
    recordsSinceSync = 0
    lastSync = DispatchTime.now()
  }

  /// Closes the open file (writing its `.cdxj`). The writer may be used again afterwards.
  public func close() throws {
    try closeCurrent()
  }

  /// Drops the open file as a crash would (buffer discarded, no `.cdxj`); for tests.
  func abandon() {
    if let cur = current {
      Glibc.close(cur.fd)
      cur.index.discard()
    }
    current = nil
    buffer.removeAll()
  }

  private func flushBuffer() throws {
    guard let cur = current, !buffer.isEmpty else { return }
    try FileOps.writeAll(fd: cur.fd, path: cur.path, buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Opens a new file in the folder of `day` (the records' day), named after its first
  /// record's `date` unless that would sort before the newest file: an article extracted late,
  /// or a record of a fetch made before a restart, takes the newest file's timestamp and a later
  /// serial instead, because name order is write order for whoever reads the archive's tail.
  private func openFile(day: String, date: Date) throws {
    let dir = config.root + "/" + day
    try FileOps.mkdirs(dir)
    var ts = WARCDate.timestamp14(date)
    if let newest, newest.timestamp >= ts {
      ts = newest.timestamp
      serial = max(serial, newest.serial + 1)
    }
    var name = ""
    var fd: Int32 = -1
    while true {
      let s = String(serial)
      name =
        "\(config.prefix)-\(ts)-\(String(repeating: "0", count: max(0, 5 - s.count)) + s)-\(host).warc.gz"
      newest = WARCFileOrder(timestamp: ts, serial: serial)
      serial += 1
      let path = dir + "/" + name
      if FileOps.exists(FileOps.cdxjPath(forWARC: path)) { continue }
      fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
      if fd >= 0 { break }
      if errno != EEXIST { throw WARCError.io(call: "open", path: path, errno: errno) }
    }
    directoryNeedsSync = dir
    var fields = config.warcinfoFields
    if !fields.contains(where: { $0.0 == "hostname" }) { fields.append(("hostname", host)) }
    let info = WARCRecord.warcinfo(filename: name, date: date, fields: fields)
    scratch.removeAll(keepingCapacity: true)
    info.serialize(into: &scratch)
    let before = buffer.count
    try deflater.member(scratch, into: &buffer)
    current = OpenFile(
      fd: fd, path: dir + "/" + name, relativePath: day + "/" + name, name: name, day: day,
      size: Int64(buffer.count - before), records: 1,
      index: CDXJSorter(
        output: FileOps.cdxjPath(forWARC: dir + "/" + name), memoryLimit: config.indexMemory))
  }

  private func closeCurrent() throws {
    guard let cur = current else { return }
    try flushBuffer()
    guard fsync(cur.fd) == 0 else {
      throw WARCError.io(call: "fsync", path: cur.path, errno: errno)
    }
    Glibc.close(cur.fd)
    current = nil
    if let dir = directoryNeedsSync {
      try FileOps.fsyncPath(dir, directory: true)
      directoryNeedsSync = nil
    }
    try cur.index.finish()
  }
}
