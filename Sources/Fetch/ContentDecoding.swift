import CZlibShim
import Foundation

/// Undoes HTTP Content-Encoding (gzip, x-gzip, deflate, identity) with zlib.
///
/// The fetcher keeps bodies exactly as sent (the archive stores those bytes); the crawler calls
/// this to get the copy it parses. Stateless and thread-safe.
public enum ContentDecoding {
  /// A body that could not be decoded; names the encoding.
  public enum DecodingError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A coding this decoder does not implement (e.g. "br", "compress").
    case unsupported(encoding: String)
    /// zlib rejected the data (`code` is zlib's return value, `message` its msg).
    case corrupt(encoding: String, code: Int, message: String)
    /// The stream ended before its end marker (e.g. a body truncated at the size limit).
    case truncated(encoding: String, decodedBytes: Int)
    /// The decoded size would exceed `maxOutput` (decompression bomb guard).
    case tooLarge(encoding: String, limit: Int)

    public var description: String {
      switch self {
      case .unsupported(let encoding):
        return "unsupported Content-Encoding '\(encoding)'"
      case .corrupt(let encoding, let code, let message):
        return "corrupt \(encoding) body: \(message) (zlib code \(code))"
      case .truncated(let encoding, let decodedBytes):
        return "\(encoding) body ends early (after \(decodedBytes) decoded bytes)"
      case .tooLarge(let encoding, let limit):
        return "\(encoding) body inflates beyond the \(limit)-byte limit"
      }
    }
  }

  /// Decodes `body` according to a Content-Encoding header value.
  ///
  /// Codings listed in the header ("gzip, identity") are undone last-applied first. Nil, empty
  /// or "identity" returns the body unchanged. "deflate" accepts both the zlib format (RFC 9110)
  /// and raw deflate (what some servers send). Concatenated gzip members are all decoded.
  /// - Parameters:
  ///   - maxOutput: largest decoded size accepted, in bytes (default 64 MiB).
  ///   - allowTruncated: return what decodes when the stream ends early instead of throwing.
  public static func decode(
    _ body: [UInt8], contentEncoding: String?, maxOutput: Int = 64 * 1024 * 1024,
    allowTruncated: Bool = false
  ) throws(DecodingError) -> [UInt8] {
    guard let contentEncoding else { return body }
    let codings = contentEncoding.split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    }.filter { !$0.isEmpty }
    var data = body
    for coding in codings.reversed() {
      switch coding {
      case "identity":
        continue
      case "gzip", "x-gzip":
        data = try inflate(
          data, windowBits: 15 + 16, encoding: coding, maxOutput: maxOutput,
          allowTruncated: allowTruncated)
      case "deflate":
        do {
          data = try inflate(
            data, windowBits: 15, encoding: coding, maxOutput: maxOutput,
            allowTruncated: allowTruncated)
        } catch .corrupt {
          data = try inflate(
            data, windowBits: -15, encoding: coding, maxOutput: maxOutput,
            allowTruncated: allowTruncated)
        }
      default:
        throw .unsupported(encoding: coding)
      }
    }
    return data
  }

  /// Inflates one zlib/gzip/raw stream (gzip: every concatenated member).
  private static func inflate(
    _ input: [UInt8], windowBits: Int32, encoding: String, maxOutput: Int, allowTruncated: Bool
  ) throws(DecodingError) -> [UInt8] {
    if input.isEmpty { return [] }
    var stream = z_stream()
    guard pa_inflateInit2(&stream, windowBits) == Z_OK else {
      throw .corrupt(encoding: encoding, code: Int(Z_MEM_ERROR), message: "inflateInit2 failed")
    }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    output.reserveCapacity(min(maxOutput, max(input.count * 4, 4096)))
    var failure: DecodingError? = nil
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    input.withUnsafeBufferPointer { source in
      stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
      stream.avail_in = uInt(source.count)
      while true {
        let (status, produced) = chunk.withUnsafeMutableBufferPointer { out in
          stream.next_out = out.baseAddress
          stream.avail_out = uInt(out.count)
          let status = CZlibShim.inflate(&stream, Z_NO_FLUSH)
          return (status, out.count - Int(stream.avail_out))
        }
        if output.count + produced > maxOutput {
          failure = .tooLarge(encoding: encoding, limit: maxOutput)
          return
        }
        output.append(contentsOf: chunk[0..<produced])
        switch status {
        case Z_OK:
          continue
        case Z_STREAM_END:
          // Another gzip member follows (magic 1f 8b)? Otherwise ignore trailing bytes.
          let offset = source.count - Int(stream.avail_in)
          if windowBits > 15, stream.avail_in >= 2, source[offset] == 0x1F,
            source[offset + 1] == 0x8B, inflateReset(&stream) == Z_OK
          {
            continue
          }
          return
        case Z_BUF_ERROR where stream.avail_in == 0:
          if !allowTruncated {
            failure = .truncated(encoding: encoding, decodedBytes: output.count)
          }
          return
        case Z_BUF_ERROR:
          continue  // output space ran out exactly; go on with an empty chunk
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "inflate failed"
          failure = .corrupt(encoding: encoding, code: Int(status), message: message)
          return
        }
      }
    }
    if let failure { throw failure }
    return output
  }
}
