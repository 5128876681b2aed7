#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Decodes bytes to text with iconv, replacing each byte iconv rejects with one U+FFFD.
///
/// Each call opens its own conversion descriptor (iconv_t is not thread-safe), so calls may run
/// concurrently. Semantics, shared by every decoder in this module: at an invalid or truncated
/// sequence (EILSEQ, or EINVAL at the end) one U+FFFD is emitted, one byte is skipped, and
/// decoding resumes at the next byte; nothing is ever dropped.
enum IconvDecoder {
  /// The text and the number of U+FFFD inserted, or nil when iconv does not know `charset`.
  static func decode(_ bytes: [UInt8], from charset: String) -> (text: String, replacements: Int)? {
    guard let cd = iconv_open("UTF-8", charset), cd != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(cd) }
    return bytes.withUnsafeBufferPointer { input in
      decode(input, cd: cd)
    }
  }

  /// Runs an open descriptor over `input` with the skip-one-byte error rule.
  static func decode(_ input: UnsafeBufferPointer<UInt8>, cd: iconv_t) -> (
    text: String, replacements: Int
  ) {
    var capacity = input.count * 3 + 16
    var output = [UInt8](repeating: 0, count: capacity)
    var used = 0
    var replacements = 0
    guard let base = input.baseAddress, input.count > 0 else { return ("", 0) }
    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
      .assumingMemoryBound(to: CChar.self)
    var inLeft = input.count
    var flushing = false
    while true {
      var outLeft = capacity - used
      let rc: Int = output.withUnsafeMutableBufferPointer { out in
        var outPtr: UnsafeMutablePointer<CChar>? = out.baseAddress.map {
          UnsafeMutableRawPointer($0 + used).assumingMemoryBound(to: CChar.self)
        }
        if flushing {
          // Emit what the converter still holds (CP1255/CP1258 buffer a character that a
          // combining mark could follow) and return to the initial shift state.
          return iconv(cd, nil, nil, &outPtr, &outLeft)
        }
        return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
      }
      let err = errno
      used = capacity - outLeft
      if rc != -1 {
        if flushing { break }
        flushing = true
        continue
      }
      if err == E2BIG {
        capacity = capacity * 2 + 16
        output.append(contentsOf: repeatElement(0, count: capacity - output.count))
        continue
      }
      if flushing { break }
      // EILSEQ, or EINVAL (a truncated sequence at the end): one U+FFFD, skip one byte.
      if capacity - used < 3 {
        capacity = capacity * 2 + 16
        output.append(contentsOf: repeatElement(0, count: capacity - output.count))
      }
      output[used] = 0xEF
      output[used + 1] = 0xBF
      output[used + 2] = 0xBD
      used += 3
      replacements += 1
      // glibc's CP949 (EUC-KR) can consume a rejected sequence at the end and report EILSEQ
      // with nothing left: then the U+FFFD stands for it and no byte is skipped (skipping
      // would make the count negative, and iconv would read past the input).
      if inLeft > 0 {
        inPtr = inPtr.map { $0 + 1 }
        inLeft -= 1
      }
      if inLeft == 0 { flushing = true }
    }
    let text = output.withUnsafeBufferPointer { buf in
      String(decoding: UnsafeBufferPointer(rebasing: buf[0..<used]), as: UTF8.self)
    }
    return (text, replacements)
  }
}
