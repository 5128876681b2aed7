#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Encodes text into a legacy charset with iconv (used by the sample portal and test fixtures).
public enum CharsetEncoder {
  /// An encoding failure, naming the charset and the iconv call.
  public struct Failure: Error, CustomStringConvertible {
    public var charset: String
    public var call: String
    public var errno: Int32
    public var description: String { "iconv \(call) to \(charset) failed (errno \(errno))" }
  }

  /// Encodes `text` into `charset` (an iconv name such as "GB18030", "BIG5", "UTF-16LE").
  ///
  /// Characters the charset cannot represent throw; the sample portal only writes text it knows
  /// fits.
  public static func encode(_ text: String, to charset: String) throws -> [UInt8] {
    let cd = iconv_open(charset, "UTF-8")
    if cd == iconv_t(bitPattern: -1) {
      throw Failure(charset: charset, call: "iconv_open", errno: errno)
    }
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
    let produced: Int = try input.withUnsafeMutableBufferPointer { inBuf in
      try output.withUnsafeMutableBufferPointer { outBuf in
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?
          .assumingMemoryBound(to: CChar.self)
        var inLeft = inBuf.count
        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?
          .assumingMemoryBound(to: CChar.self)
        var outLeft = outBuf.count
        if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 {
          throw Failure(charset: charset, call: "iconv", errno: errno)
        }
        return outBuf.count - outLeft
      }
    }
    return Array(output[0..<produced])
  }
}
