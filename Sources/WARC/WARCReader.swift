/// A record read from a WARC file with its place: `offset` and `length` are those of the gzip
/// member in a `.warc.gz`, of the record bytes in a `.warc`.
public struct WARCReadItem: Sendable {
  public var record: WARCRecord
  public var offset: Int64
  public var length: Int64
  /// How many records the gzip member holds (1 in a file compressed record by record; more in
  /// a file gzip'd whole, whose records then have no offset of their own).
  public var recordsInMember = 1
  /// The record's place among them (0 for the first).
  public var indexInMember = 0
  /// The record's bytes as stored (uncompressed), when the reader keeps them (`keepRaw`).
  public var raw: [UInt8]? = nil
}

/// Streams records from a `.warc` or multi-member `.warc.gz` file, one record in memory at a time.
///
/// Compression is told by the first bytes (gzip magic), not the name. A file gzip'd whole (one
/// member) is read too; its items say so (`recordsInMember`). An ARC file is refused with an
/// error saying so. Not thread-safe: one reader per thread. Errors are `WARCError.corrupt`
/// naming file and offset; with `skipDamaged` a damaged region is instead noted in `skipped`
/// and reading goes on at the next gzip member (`.warc.gz`) or `WARC/1.` line (`.warc`).
public final class WARCReader {
  public let path: String
  private let gz: GzipMemberStream?
  private let plain: BufferedFile?
  private var pending: [WARCReadItem] = []
  private var first = true
  /// Skip damaged regions (listed in `skipped`) instead of throwing.
  public var skipDamaged = false
  /// Keep each record's stored bytes in `WARCReadItem.raw`.
  public var keepRaw = false
  /// The damaged regions skipped so far (adjacent ones merged), with `skipDamaged`.
  public private(set) var skipped: [WARCSkip] = []

  public init(path: String) throws {
    self.path = path
    let file = try BufferedFile(path: path)
    // Two bytes by pread: the buffer is not filled from offset 0 for a reader about to seek.
    var magic: [UInt8] = [0, 0]
    let got = magic.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress, 2, 0) }
    let isGzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b
    if isGzip {
      gz = try GzipMemberStream(file: file)
      plain = nil
    } else {
      gz = nil
      plain = file
    }
  }

  /// Whether the file is gzip-compressed.
  public var isCompressed: Bool { gz != nil }

  /// The next record, or nil at the end of the file.
  public func next() throws -> WARCReadItem? {
    while true {
      do {
        return try nextStrict()
      } catch let WARCError.corrupt(file, offset, problem) where skipDamaged && !isARC(problem) {
        try resync(after: offset, problem: problem, file: file)
      }
    }
  }

  private func isARC(_ problem: String) -> Bool { problem.hasPrefix(Self.arcProblem) }

  static let arcProblem = "an ARC file"

  /// Records the region from `offset` to where reading can go on as skipped, and moves there.
  private func resync(after offset: Int64, problem: String, file: String) throws {
    pending = []
    var resumeAt: Int64
    if let gz {
      // A member that inflated but did not parse was consumed whole; otherwise look for the
      // next gzip magic after the bad member's start.
      if gz.file.position <= offset {
        try gz.file.seek(to: offset + 1)
      }
      resumeAt = try gz.resync() ? gz.file.position : try gz.file.size()
    } else if let plain {
      try plain.seek(to: offset + 1)
      resumeAt = try Self.nextRecordStart(plain) ?? plain.size()
    } else {
      return
    }
    resumeAt = max(resumeAt, offset + 1)
    if var last = skipped.last, last.offset + last.length >= offset {
      last.length = max(last.length, resumeAt - last.offset)
      skipped[skipped.count - 1] = last
    } else {
      skipped.append(
        WARCSkip(file: file, offset: offset, length: resumeAt - offset, problem: problem))
    }
  }

  /// Moves to the next `WARC/1.N` followed by a line end (a record's version line; not
  /// required to start a line, since the damage before it may have eaten the line feed); its
  /// offset, nil at the end of the file.
  private static func nextRecordStart(_ file: BufferedFile) throws -> Int64? {
    let magic = Array("WARC/1.".utf8)
    let need = magic.count + 2
    while true {
      guard try file.ensure(need) else { return nil }
      var i = file.start
      while i + need <= file.end {
        if file.buffer[i] == 0x57, file.buffer[i..<(i + magic.count)].elementsEqual(magic) {
          let digit = file.buffer[i + magic.count]
          let end = file.buffer[i + magic.count + 1]
          if digit >= 0x30 && digit <= 0x39 && (end == 13 || end == 10) {
            file.start = i
            return file.position
          }
        }
        i += 1
      }
      file.start = max(file.start, file.end - need + 1)
      if try file.fill() == 0 { return nil }
    }
  }

  private func nextStrict() throws -> WARCReadItem? {
    if !pending.isEmpty { return pending.removeFirst() }
    if let gz {
      guard let member = try gz.next() else { return nil }
      if first {
        first = false
        try Self.refuseARC(member.data[...], path: path)
      }
      var items: [WARCReadItem] = []
      var index = 0
      repeat {
        do {
          let (record, next) = try WARCRecord.parse(member.data, from: index)
          var item = WARCReadItem(record: record, offset: member.offset, length: member.length)
          item.indexInMember = items.count
          if keepRaw { item.raw = Array(member.data[index..<next]) }
          items.append(item)
          index = next
        } catch let p as WARCRecord.ParseProblem {
          let place = items.isEmpty ? "" : " (record \(items.count + 1) of the member, at byte \(index) of its inflated data)"
          throw WARCError.corrupt(file: path, offset: member.offset, problem: p.description + place)
        }
      } while index < member.data.count
      for k in items.indices { items[k].recordsInMember = items.count }
      pending = Array(items.dropFirst())
      return items.first
    }
    guard let file = plain else { return nil }
    return try nextPlain(file)
  }

  /// Throws when `head` begins like an ARC file (`filedesc://`).
  private static func refuseARC(_ head: ArraySlice<UInt8>, path: String) throws {
    if head.starts(with: "filedesc://".utf8) {
      throw WARCError.corrupt(
        file: path, offset: 0,
        problem: arcProblem
          + " (it begins with filedesc://), not a WARC: ARC is not supported; convert it to WARC first")
    }
  }

  private func nextPlain(_ file: BufferedFile) throws -> WARCReadItem? {
    // Skip stray blank lines between records.
    while true {
      if !(try file.ensure(1)) { return nil }
      let b = file.buffer[file.start]
      if b == 13 || b == 10 { file.start += 1 } else { break }
    }
    if first {
      first = false
      _ = try file.ensure(11)
      try Self.refuseARC(file.buffer[file.start..<file.end], path: path)
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
        throw WARCError.corrupt(
          file: path, offset: offset,
          problem: "record header cut short (no blank line before the end of the file)")
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
      let length = Int(lengthText), length >= 0, length < Int.max / 2
    else {
      throw WARCError.corrupt(file: path, offset: offset, problem: "missing or bad Content-Length")
    }
    let headerLength = hEnd - file.start
    let lineFeedsOnly = headerBytes.count >= 2 && headerBytes[headerBytes.count - 2] == 10
    let tailMin = lineFeedsOnly ? 2 : 4
    guard try file.ensure(headerLength + length + tailMin) else {
      throw WARCError.corrupt(
        file: path, offset: offset, problem: "record cut short by end of file")
    }
    _ = try file.ensure(headerLength + length + 4)
    let blockStart = file.start + headerLength
    let blockEnd = blockStart + length
    let tail = Array(file.buffer[blockEnd..<min(file.end, blockEnd + 4)])
    guard let tailLength = WARCRecord.terminatorLength(tail, at: 0, lineFeedsOnly: lineFeedsOnly)
    else {
      throw WARCError.corrupt(
        file: path, offset: offset,
        problem: "record not followed by CRLF CRLF (Content-Length \(length) does not fit)")
    }
    let block = Array(file.buffer[blockStart..<blockEnd])
    var item = WARCReadItem(record: WARCRecord(headers: parsed, block: block), offset: offset, length: 0)
    if keepRaw { item.raw = Array(file.buffer[file.start..<(blockEnd + tailLength)]) }
    file.start = blockEnd + tailLength
    item.length = file.position - offset
    return item
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
    first = false
    if let gz { try gz.file.seek(to: offset) }
    if let plain { try plain.seek(to: offset) }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
