import CZlibShim

/// One-shot gzip compression with zlib (deterministic: no file name, mtime 0).
enum SampleGzip {
  /// Gzips `input` at compression level 6; nil if zlib reports an error.
  static func compress(_ input: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    guard pa_deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK else {
      return nil
    }
    defer { deflateEnd(&stream) }
    let bound = Int(deflateBound(&stream, uLong(input.count))) + 32
    var output = [UInt8](repeating: 0, count: bound)
    var input = input
    let status: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
      output.withUnsafeMutableBufferPointer { outBuf in
        stream.next_in = inBuf.baseAddress
        stream.avail_in = uInt(inBuf.count)
        stream.next_out = outBuf.baseAddress
        stream.avail_out = uInt(outBuf.count)
        return deflate(&stream, Z_FINISH)
      }
    }
    guard status == Z_STREAM_END else { return nil }
    return Array(output[0..<Int(stream.total_out)])
  }
}
