import CZlibShim

/// One gzip member read from a file: where it starts, its compressed length, its bytes.
struct GzipMember {
  var offset: Int64
  var length: Int64
  var data: [UInt8]
}

/// Reads a multi-member gzip file member by member with buffered inflate, never holding more
/// than one member's uncompressed bytes. Not thread-safe.
final class GzipMemberStream {
  let file: BufferedFile
  private let inflater: GzipInflater
  private var chunk = [UInt8](repeating: 0, count: 1 << 17)

  init(path: String) throws {
    file = try BufferedFile(path: path)
    inflater = try GzipInflater()
  }

  /// A stream over an open file, from its current position.
  init(file: BufferedFile) throws {
    self.file = file
    inflater = try GzipInflater()
  }

  var path: String { file.path }

  /// The next member, nil at the clean end of the file. Throws `.corrupt` (naming the member's
  /// offset) for a damaged member or one cut short by the end of the file; the stream is then
  /// positioned after the bad member's start, ready for `resync()`.
  func next() throws -> GzipMember? {
    if file.available == 0 {
      try file.fill()
      if file.available == 0 { return nil }
    }
    let start = file.position
    inflater.reset()
    let zs = inflater.stream
    var out: [UInt8] = []
    while true {
      if file.available == 0 {
        if try file.fill() == 0 {
          throw WARCError.corrupt(
            file: path, offset: start,
            problem: "truncated gzip member (file ends \(file.position - start) bytes into it)")
        }
      }
      var rc: Int32 = Z_OK
      var consumed = 0
      let inCount = file.available
      let produced = file.buffer.withUnsafeBufferPointer { inp in
        chunk.withUnsafeMutableBufferPointer { cp -> Int in
          zs.pointee.next_in = UnsafeMutablePointer(
            mutating: inp.baseAddress.map { $0 + file.start })
          zs.pointee.avail_in = uInt(inCount)
          zs.pointee.next_out = cp.baseAddress
          zs.pointee.avail_out = uInt(cp.count)
          rc = inflate(zs, Z_NO_FLUSH)
          consumed = inCount - Int(zs.pointee.avail_in)
          return cp.count - Int(zs.pointee.avail_out)
        }
      }
      file.start += consumed
      if produced > 0 { out.append(contentsOf: chunk[0..<produced]) }
      switch rc {
      case Z_STREAM_END:
        return GzipMember(offset: start, length: file.position - start, data: out)
      case Z_OK, Z_BUF_ERROR:
        continue
      default:
        let msg = inflater.message
        try file.seek(to: start + 1)
        throw WARCError.corrupt(
          file: path, offset: start, problem: "bad gzip member: \(msg.isEmpty ? "code \(rc)" : msg)"
        )
      }
    }
  }

  /// Skips to the next gzip magic (1f 8b 08) at or after the current position; false at EOF.
  func resync() throws -> Bool {
    while true {
      if !(try file.ensure(3)) { return false }
      let b = file.buffer
      var i = file.start
      while i + 2 < file.end {
        if b[i] == 0x1f && b[i + 1] == 0x8b && b[i + 2] == 0x08 {
          file.start = i
          return true
        }
        i += 1
      }
      file.start = max(file.start, file.end - 2)
      if try file.fill() == 0 { return false }
    }
  }
}
