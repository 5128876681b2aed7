/// A record read from a WARC file with its place: `offset` and `length` are those of the gzip
/// member in a `.warc.gz`, of the record bytes in a `.warc`.
public struct WARCReadItem: Sendable {
  public var record: WARCRecord
  public var offset: Int64
  public var length: Int64
}

/// Streams records from a `.warc` or multi-member `.warc.gz` file, one record in memory at a time.
///
/// Not thread-safe: one reader per thread. Errors are `WARCError.corrupt` naming file and offset.
public final class WARCReader {
  public let path: String
  private let gz: GzipMemberStream?
  private let plain: BufferedFile?
  private var pending: [WARCReadItem] = []

  public init(path: String) throws {
    self.path = path
    if path.hasSuffix(".gz") {
      gz = try GzipMemberStream(path: path)
      plain = nil
    } else {
      gz = nil
      plain = try BufferedFile(path: path)
    }
  }

  /// The next record, or nil at the end of the file.
  public func next() throws -> WARCReadItem? {
    if !pending.isEmpty { return pending.removeFirst() }
    if let gz {
      guard let member = try gz.next() else { return nil }
      var items: [WARCReadItem] = []
      var index = 0
      repeat {
        do {
          let (record, next) = try WARCRecord.parse(member.data, from: index)
          items.append(WARCReadItem(record: record, offset: member.offset, length: member.length))
          index = next
        } catch let p as WARCRecord.ParseProblem {
          throw WARCError.corrupt(file: path, offset: member.offset, problem: p.description)
        }
      } while index < member.data.count
      pending = Array(items.dropFirst())
      return items.first
    }
    guard let file = plain else { return nil }
    return try nextPlain(file)
  }

  private func nextPlain(_ file: BufferedFile) throws -> WARCReadItem? {
    // Skip stray blank lines between records.
    while true {
      if !(try file.ensure(1)) { return nil }
      let b = file.buffer[file.start]
      if b == 13 || b == 10 { file.start += 1 } else { break }
    }
    let offset = file.position
    // Find the header end.
    var scanned = file.start
    var headerEnd: Int? = nil
    while true {
      headerEnd = WARCRecord.headerEnd(in: file.buffer, from: scanned, to: file.end)
      if headerEnd != nil { break }
      let rel = max(0, file.end - file.start - 3)
      if try file.fill() == 0 {
        throw WARCError.corrupt(file: path, offset: offset, problem: "record header cut short")
      }
      scanned = file.start + rel
    }
    guard let hEnd = headerEnd else { return nil }
    let headerBytes = Array(file.buffer[file.start..<hEnd])
    let parsed: [(name: String, value: String)]
    do {
      parsed = try WARCRecord.parseHeader(headerBytes, from: 0).headers
    } catch {
      throw WARCError.corrupt(file: path, offset: offset, problem: "\(error)")
    }
    guard
      let lengthText = parsed.first(where: { $0.name.lowercased() == "content-length" })?.value,
      let length = Int(lengthText), length >= 0
    else {
      throw WARCError.corrupt(file: path, offset: offset, problem: "missing or bad Content-Length")
    }
    let headerLength = hEnd - file.start
    guard try file.ensure(headerLength + length + 4) else {
      throw WARCError.corrupt(
        file: path, offset: offset, problem: "record cut short by end of file")
    }
    let blockStart = file.start + headerLength
    let block = Array(file.buffer[blockStart..<(blockStart + length)])
    file.start = blockStart + length + 4
    return WARCReadItem(
      record: WARCRecord(headers: parsed, block: block), offset: offset,
      length: file.position - offset)
  }

  /// The record at `location` (relative to the archive `root`).
  public static func record(at location: WARCLocation, root: String) throws -> WARCRecord {
    try record(path: root + "/" + location.file, offset: location.offset, length: location.length)
  }

  /// The record at `offset` of the file at `path` (`length` is the member length if known).
  public static func record(path: String, offset: Int64, length: Int64? = nil) throws -> WARCRecord
  {
    let reader = try WARCReader(path: path)
    try reader.seek(to: offset)
    guard let item = try reader.next() else {
      throw WARCError.corrupt(file: path, offset: offset, problem: "no record at this offset")
    }
    return item.record
  }

  /// Moves to `offset` (the start of a member or record).
  public func seek(to offset: Int64) throws {
    pending = []
    if let gz { try gz.file.seek(to: offset) }
    if let plain { try plain.seek(to: offset) }
  }
}
