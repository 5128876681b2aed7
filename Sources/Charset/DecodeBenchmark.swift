#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Measures this module's decoding throughput against raw iconv on the same bytes (wired to the
/// CLI's `bench-decode`; never used by tests).
///
/// Single-threaded; safe to call from any thread.
public enum DecodeBenchmark {
  /// Decodes `bytes` repeatedly for about `seconds / 2` with `CharsetDetector.decode` (detection
  /// included; the result is a new UTF-8 byte array, what the crawler hands to its HTML parser),
  /// then for about `seconds / 2` with raw iconv from the charset the detector chose into a
  /// preallocated UTF-8 buffer. Throughputs are in MB/s of
  /// input (10^6 bytes per second of the calling thread's CPU time, so that other load on a shared
  /// machine skews neither side); iconvMBps is 0 when iconv lacks the charset.
  public static func measure(_ bytes: [UInt8], seconds: Double) -> (
    decoderMBps: Double, iconvMBps: Double
  ) {
    let half = max(seconds / 2, 0.01)
    let charset = CharsetDetector.decode(bytes, contentType: nil).charset
    var sink = 0
    let ours = throughput(bytes.count, seconds: half) {
      sink &+= CharsetDetector.decode(bytes, contentType: nil).replacements
    }
    let name = iconvName(charset)
    guard let cd = iconv_open("UTF-8", name), cd != iconv_t(bitPattern: -1) else {
      return (ours, 0)
    }
    defer { iconv_close(cd) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
    let theirs = throughput(bytes.count, seconds: half) {
      sink &+= rawIconv(cd, &input, &output)
    }
    if sink == -1 { print("") }  // keeps the work observable
    return (ours, theirs)
  }

  static func iconvName(_ charset: String) -> String {
    switch charset {
    case "gb18030": return "GB18030"
    case "utf-8": return "UTF-8"
    case "windows-1252": return "CP1252"
    case "utf-16le": return "UTF-16LE"
    case "utf-16be": return "UTF-16BE"
    default: return EncodingLabel.iconvName(forCanonical: charset) ?? charset.uppercased()
    }
  }

  /// Runs `body` until `seconds` passed; returns input MB/s.
  static func throughput(_ byteCount: Int, seconds: Double, _ body: () -> Void) -> Double {
    let start = now()
    var iterations = 0
    var elapsed = 0.0
    repeat {
      body()
      iterations += 1
      elapsed = now() - start
    } while elapsed < seconds
    return Double(byteCount) * Double(iterations) / elapsed / 1e6
  }

  /// The calling thread's CPU time in seconds.
  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// One conversion of `input`, skipping one byte per error; returns the output byte count.
  static func rawIconv(_ cd: iconv_t, _ input: inout [UInt8], _ output: inout [UInt8]) -> Int {
    input.withUnsafeMutableBytes { inBuf in
      output.withUnsafeMutableBytes { outBuf in
        var inPtr = inBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
        var inLeft = inBuf.count
        var outPtr = outBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
        var outLeft = outBuf.count
        _ = iconv(cd, nil, nil, nil, nil)
        while inLeft > 0 {
          if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 { break }
          if errno == E2BIG || outLeft < 3 { break }
          inPtr = inPtr.map { $0 + 1 }
          inLeft -= 1
          outLeft -= 3
          outPtr = outPtr.map { $0 + 3 }
        }
        return outBuf.count - outLeft
      }
    }
  }
}
