import CZlibShim

#if canImport(Glibc)
  import Glibc
#endif

extension WARCArchive {
  /// Reads single gzip members of a `.warc.gz` at known offsets with `pread`, for index-driven
  /// lookups: only the members asked for are read from the file (a `WARCReader` seeking through
  /// a file refills its 256 KiB buffer at each jump, reading most of the file).
  ///
  /// Not thread-safe: one reader per thread. Closes its descriptor on deinit.
  final class MemberReader {
    let path: String
    private let fd: Int32
    private let inflater: GzipInflater
    private var input: [UInt8] = []

    init(path: String) throws {
      self.path = path
      fd = open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { throw WARCError.io(call: "open", path: path, errno: errno) }
      inflater = try GzipInflater()
    }

    deinit { close(fd) }

    /// The single record of the member at `offset` and the member's compressed length; nil at
    /// the end of the file. `lengthHint` is the member's length if known (from the index).
    /// Throws `.corrupt` for a damaged member or one holding other than exactly one record.
    func record(at offset: Int64, lengthHint: Int64? = nil) throws -> (
      record: WARCRecord, length: Int64
    )? {
      guard let raw = try rawRecord(at: offset, lengthHint: lengthHint) else { return nil }
      var record = raw.header
      record.block = Array(raw.data[raw.block])
      return (record, raw.length)
    }

    /// A record as read: its header fields (with an empty block), the member's inflated bytes
    /// and where the block lies in them; lets a caller take the block without copying it.
    struct RawRecord {
      var header: WARCRecord
      var data: [UInt8]
      var block: Range<Int>
      var length: Int64
    }

    /// Like `record(at:lengthHint:)`, without copying the block out of the member's bytes.
    func rawRecord(at offset: Int64, lengthHint: Int64? = nil) throws -> RawRecord? {
      guard let (data, length) = try member(at: offset, lengthHint: lengthHint) else {
        return nil
      }
      func corrupt(_ problem: String) -> WARCError {
        WARCError.corrupt(file: path, offset: offset, problem: problem)
      }
      let headers: [(name: String, value: String)]
      let blockStart: Int
      do {
        (headers, blockStart) = try WARCRecord.parseHeader(data, from: 0)
      } catch let p as WARCRecord.ParseProblem {
        throw corrupt(p.description)
      }
      guard
        let lengthText = headers.first(where: { $0.name.lowercased() == "content-length" })?
          .value,
        let blockLength = Int(lengthText), blockLength >= 0
      else { throw corrupt("missing or bad Content-Length") }
      // One record per member, followed by CRLF CRLF.
      let end = blockStart + blockLength
      guard end + 4 == data.count, data[end] == 13, data[end + 1] == 10, data[end + 2] == 13,
        data[end + 3] == 10
      else { throw corrupt("member holds other than one record followed by CRLF CRLF") }
      return RawRecord(
        header: WARCRecord(headers: headers, block: []), data: data, block: blockStart..<end,
        length: length)
    }

    /// The inflated bytes of the member at `offset` and its compressed length; nil at EOF.
    func member(at offset: Int64, lengthHint: Int64?) throws -> (data: [UInt8], length: Int64)? {
      var want = Int(max(64, min(lengthHint ?? (16 << 10), 1 << 30)))
      while true {
        if input.count < want { input = [UInt8](repeating: 0, count: want) }
        let n = input.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(offset)) }
        if n < 0 {
          if errno == EINTR { continue }
          throw WARCError.io(call: "pread", path: path, errno: errno)
        }
        if n == 0 { return nil }
        inflater.reset()
        let zs = inflater.stream
        // Inflate straight into `out`, growing it as needed (no intermediate chunk copy).
        var out = [UInt8](repeating: 0, count: max(1 << 12, n * 4))
        var used = 0
        var rc: Int32 = Z_OK
        var consumed = 0
        input.withUnsafeMutableBufferPointer { inp in
          zs.pointee.next_in = inp.baseAddress
          zs.pointee.avail_in = uInt(n)
          repeat {
            if used == out.count { out.append(contentsOf: repeatElement(0, count: out.count)) }
            let produced = out.withUnsafeMutableBufferPointer { op -> Int in
              let room = op.count - used
              zs.pointee.next_out = op.baseAddress.map { $0 + used }
              zs.pointee.avail_out = uInt(room)
              rc = inflate(zs, Z_NO_FLUSH)
              return room - Int(zs.pointee.avail_out)
            }
            used += produced
          } while rc == Z_OK && (zs.pointee.avail_in > 0 || used == out.count)
          consumed = n - Int(zs.pointee.avail_in)
        }
        out.removeLast(out.count - used)
        if rc == Z_STREAM_END { return (out, Int64(consumed)) }
        if rc == Z_OK || rc == Z_BUF_ERROR {
          // The member goes on past what was read: read more, unless the file ended.
          if n < want {
            throw WARCError.corrupt(
              file: path, offset: offset,
              problem: "truncated gzip member (file ends \(n) bytes into it)")
          }
          want *= 4
          continue
        }
        let msg = inflater.message
        throw WARCError.corrupt(
          file: path, offset: offset,
          problem: "bad gzip member: \(msg.isEmpty ? "code \(rc)" : msg)")
      }
    }
  }
}
