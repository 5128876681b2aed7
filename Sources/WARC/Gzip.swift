import CZlibShim

/// Compresses byte strings into independent gzip members with one reused `z_stream`.
///
/// Not thread-safe: one owner. zlib keeps a back-pointer to the `z_stream`, so it lives in
/// allocated memory (a Swift stored property may move).
final class GzipDeflater {
  private let stream: UnsafeMutablePointer<z_stream>
  let level: Int32

  init(level: Int32) throws {
    self.level = level
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    let rc = pa_deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY)
    guard rc == Z_OK else {
      stream.deallocate()
      throw WARCError.zlib(call: "deflateInit2", code: rc, message: "")
    }
  }

  deinit {
    deflateEnd(stream)
    stream.deallocate()
  }

  /// Appends one complete gzip member holding `input` to `out`; returns the member's length.
  @discardableResult
  func member(_ input: [UInt8], into out: inout [UInt8]) throws -> Int {
    let rc0 = deflateReset(stream)
    guard rc0 == Z_OK else { throw WARCError.zlib(call: "deflateReset", code: rc0, message: "") }
    let bound = Int(deflateBound(stream, uLong(input.count))) + 32
    let start = out.count
    out.append(contentsOf: repeatElement(0, count: bound))
    var produced = 0
    var rc: Int32 = Z_OK
    input.withUnsafeBufferPointer { inp in
      out.withUnsafeMutableBufferPointer { outp in
        stream.pointee.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
        stream.pointee.avail_in = uInt(inp.count)
        stream.pointee.next_out = outp.baseAddress.map { $0 + start }
        stream.pointee.avail_out = uInt(bound)
        rc = deflate(stream, Z_FINISH)
        produced = bound - Int(stream.pointee.avail_out)
      }
    }
    guard rc == Z_STREAM_END else {
      out.removeLast(bound)
      throw WARCError.zlib(call: "deflate", code: rc, message: "")
    }
    out.removeLast(bound - produced)
    return produced
  }
}

/// Inflates gzip members one at a time with one reused `z_stream` (CRC and length checked by
/// zlib). Not thread-safe.
final class GzipInflater {
  let stream: UnsafeMutablePointer<z_stream>

  init() throws {
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    let rc = pa_inflateInit2(stream, 15 + 16)
    guard rc == Z_OK else {
      stream.deallocate()
      throw WARCError.zlib(call: "inflateInit2", code: rc, message: "")
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deallocate()
  }

  func reset() { inflateReset(stream) }

  var message: String {
    stream.pointee.msg.map { String(cString: $0) } ?? ""
  }

  /// Inflates one whole member held in `input`; throws on a bad or incomplete member.
  func inflateMember(_ input: ArraySlice<UInt8>) throws -> [UInt8] {
    reset()
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var rc: Int32 = Z_OK
    try input.withUnsafeBufferPointer { inp in
      stream.pointee.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
      stream.pointee.avail_in = uInt(inp.count)
      repeat {
        let produced = chunk.withUnsafeMutableBufferPointer { cp -> Int in
          stream.pointee.next_out = cp.baseAddress
          stream.pointee.avail_out = uInt(cp.count)
          rc = inflate(stream, Z_NO_FLUSH)
          return cp.count - Int(stream.pointee.avail_out)
        }
        out.append(contentsOf: chunk[0..<produced])
        if rc == Z_BUF_ERROR && stream.pointee.avail_in == 0 {
          throw WARCError.zlib(call: "inflate", code: rc, message: "truncated gzip member")
        }
        if rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR {
          throw WARCError.zlib(call: "inflate", code: rc, message: message)
        }
      } while rc != Z_STREAM_END
    }
    return out
  }
}
