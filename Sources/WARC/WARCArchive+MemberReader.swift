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
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

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
      guard let (data, length) = try member(at: offset, lengthHint: lengthHint) else {
        return nil
      }
      do {
        let (record, next) = try WARCRecord.parse(data, from: 0)
        guard next == data.count else {
          throw WARCError.corrupt(
            file: path, offset: offset, problem: "member holds more than one record")
        }
        return (record, length)
      } catch let p as WARCRecord.ParseProblem {
        throw WARCError.corrupt(file: path, offset: offset, problem: p.description)
      }
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
        var out: [UInt8] = []
        var rc: Int32 = Z_OK
        var consumed = 0
        input.withUnsafeMutableBufferPointer { inp in
          zs.pointee.next_in = inp.baseAddress
          zs.pointee.avail_in = uInt(n)
          repeat {
            let produced = chunk.withUnsafeMutableBufferPointer { cp -> Int in
              zs.pointee.next_out = cp.baseAddress
              zs.pointee.avail_out = uInt(cp.count)
              rc = inflate(zs, Z_NO_FLUSH)
              return cp.count - Int(zs.pointee.avail_out)
            }
            if produced > 0 { out.append(contentsOf: chunk[0..<produced]) }
          } while rc == Z_OK && (zs.pointee.avail_in > 0 || zs.pointee.avail_out == 0)
          consumed = n - Int(zs.pointee.avail_in)
        }
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
