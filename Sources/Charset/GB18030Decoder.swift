#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A table-driven GB18030 decoder, byte-for-byte equal to glibc iconv("GB18030") with the
/// module's skip-one-byte error rule (one U+FFFD per rejected byte).
///
/// Why hand-written: iconv goes through gconv's generic loop per character and costs ~3x more
/// than a table lookup; GB pages are the bulk of what this crawler decodes. The tables are not
/// typed in: they are built once, lazily and thread-safely (Swift global initialisation), by
/// asking iconv itself about every 2-byte code and every 4-byte code of the BMP range
/// (0x81308130–0x8439FE39). The 4-byte supplementary range 0x90308130–0xE3329A35 is linear
/// from U+10000, as GB18030 defines it. CharsetTests enumerates every 1-, 2- and 4-byte sequence
/// and checks the result against iconv.
///
/// Table entries hold the code point's UTF-8 bytes packed little-endian into a UInt32 (0 =
/// unmapped), so the hot loop stores 4 bytes and advances by the UTF-8 length.
enum GB18030Decoder {
  struct Tables: Sendable {
    /// Index `(lead - 0x81) << 8 | trail` for 2-byte codes.
    var twoByte: [UInt32]
  }

  /// The 2-byte table, or nil when iconv has no GB18030 converter (then iconv is used).
  static let tables: Tables? = buildTables()

  /// The 4-byte BMP table, index `((b1 - 0x81) * 10 + (b2 - 0x30)) * 1260 + (b3 - 0x81) * 10 +
  /// (b4 - 0x30)` for b1 ≤ 0x84; built on the first page that has such a code (few do: they are
  /// rare characters), so most processes never pay for it.
  static let fourByteBMP: [UInt32] = buildFourByteTable()

  /// Decodes GB18030 bytes; returns the text and the number of U+FFFD inserted.
  static func decode(_ bytes: [UInt8]) -> (text: String, replacements: Int) {
    let result = decodeToUTF8(bytes)
    return (String(decoding: result.utf8, as: UTF8.self), result.replacements)
  }

  /// Decodes GB18030 bytes to UTF-8 bytes (well-formed by construction: no String is made, so
  /// nothing is validated again); returns them and the number of U+FFFD inserted.
  static func decodeToUTF8(_ bytes: [UInt8]) -> (utf8: [UInt8], replacements: Int) {
    guard let tables else {
      let fallback =
        IconvDecoder.decode(bytes, from: "GB18030") ?? Windows1252Decoder.decode(bytes)
      return (Array(fallback.text.utf8), fallback.replacements)
    }
    return bytes.withUnsafeBufferPointer { input in
      tables.twoByte.withUnsafeBufferPointer { two in
        // First without the 4-byte table; a page that needs it is decoded again with it.
        let empty = UnsafeBufferPointer<UInt32>(start: nil, count: 0)
        if let result = decode(input, two: two, four: empty) { return result }
        return fourByteBMP.withUnsafeBufferPointer { four in
          decode(input, two: two, four: four) ?? ([], 0)
        }
      }
    }
  }

  /// The hot loop. `two` and `four` come from `tables` and `fourByteBMP`; nil when `four` is
  /// empty and the input has a 4-byte BMP code.
  static func decode(
    _ input: UnsafeBufferPointer<UInt8>, two: UnsafeBufferPointer<UInt32>,
    four: UnsafeBufferPointer<UInt32>
  ) -> (utf8: [UInt8], replacements: Int)? {
    let n = input.count
    guard n > 0, let p = input.baseAddress else { return ([], 0) }
    var replacements = 0
    var needsFour = false
    // Worst case: every byte becomes U+FFFD (3 bytes); +8 slack for the 4- and 8-byte stores.
    let text = [UInt8](unsafeUninitializedCapacity: n * 3 + 8) { out, count in
      count = 0
      guard let q = out.baseAddress else { return }
      let raw = UnsafeMutableRawPointer(q)
      var i = 0
      var o = 0
      while i < n {
        let b1 = p[i]
        if b1 < 0x80 {
          // ASCII: 8 bytes at a time while the run lasts, then byte by byte.
          while i &+ 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            if w & 0x8080_8080_8080_8080 != 0 { break }
            raw.storeBytes(of: w, toByteOffset: o, as: UInt64.self)
            i &+= 8
            o &+= 8
          }
          while i < n && p[i] < 0x80 {
            q[o] = p[i]
            i &+= 1
            o &+= 1
          }
          continue
        }
        var packed: UInt32 = 0
        var length = 1
        if b1 != 0x80 && b1 != 0xFF && i &+ 1 < n {
          let b2 = p[i &+ 1]
          if b2 &- 0x30 < 10 {
            if i &+ 3 < n {
              let b3 = p[i &+ 2]
              let b4 = p[i &+ 3]
              if b3 &- 0x81 < 0x7E && b4 &- 0x30 < 10 {
                let low = Int(b2 &- 0x30) &* 1260 &+ Int(b3 &- 0x81) &* 10 &+ Int(b4 &- 0x30)
                if b1 <= 0x84 {
                  if four.isEmpty {
                    needsFour = true
                    count = o
                    return
                  }
                  packed = four[Int(b1 &- 0x81) &* 12600 &+ low]
                } else if b1 >= 0x90 && b1 <= 0xE3 {
                  let scalar = 0x10000 &+ Int(b1 &- 0x90) &* 12600 &+ low
                  if scalar <= 0x10FFFF { packed = packUTF8(UInt32(scalar)) }
                }
                length = 4
              }
            }
          } else {
            packed = two[Int(b1 &- 0x81) << 8 | Int(b2)]
            length = 2
          }
        }
        if packed == 0 {
          // Invalid or truncated: one U+FFFD, skip one byte.
          q[o] = 0xEF
          q[o &+ 1] = 0xBF
          q[o &+ 2] = 0xBD
          o &+= 3
          i &+= 1
          replacements &+= 1
          continue
        }
        raw.storeBytes(of: packed.littleEndian, toByteOffset: o, as: UInt32.self)
        o &+= utf8Length(leadByte: UInt8(truncatingIfNeeded: packed))
        i &+= length
      }
      count = o
    }
    return needsFour ? nil : (text, replacements)
  }

  /// The UTF-8 bytes of `scalar`, first byte in the low 8 bits.
  @inline(__always) static func packUTF8(_ scalar: UInt32) -> UInt32 {
    if scalar < 0x80 { return scalar }
    if scalar < 0x800 {
      return (0xC0 | scalar >> 6) | (0x80 | scalar & 0x3F) << 8
    }
    if scalar < 0x10000 {
      return (0xE0 | scalar >> 12) | (0x80 | scalar >> 6 & 0x3F) << 8
        | (0x80 | scalar & 0x3F) << 16
    }
    return (0xF0 | scalar >> 18) | (0x80 | scalar >> 12 & 0x3F) << 8
      | (0x80 | scalar >> 6 & 0x3F) << 16 | (0x80 | scalar & 0x3F) << 24
  }

  @inline(__always) static func utf8Length(leadByte b: UInt8) -> Int {
    b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
  }

  /// Asks iconv about every 2-byte code.
  ///
  /// The codes are converted in bulk (all concatenated, one `iconv` call per run of valid
  /// codes): asking code by code, with the 4-byte table, cost ~90 M instructions, a quarter of
  /// a 300-page `extract` run.
  static func buildTables() -> Tables? {
    guard let cd = iconv_open("UTF-32LE", "GB18030"), cd != iconv_t(bitPattern: -1) else {
      return nil
    }
    defer { iconv_close(cd) }
    var codes: [UInt8] = []
    var slots: [Int] = []
    codes.reserveCapacity(126 * 190 * 2)
    for lead in 0x81...0xFE {
      for trail in 0x40...0xFE where trail != 0x7F {
        codes.append(UInt8(lead))
        codes.append(UInt8(trail))
        slots.append((lead - 0x81) << 8 | trail)
      }
    }
    var two = [UInt32](repeating: 0, count: 126 * 256)
    for (k, scalar) in convertAll(cd, codes, width: 2).enumerated() {
      two[slots[k]] = scalar.map(packUTF8) ?? 0
    }
    return Tables(twoByte: two)
  }

  /// Asks iconv about every 4-byte code of the BMP range 0x81308130–0x8431A439 (GB18030 maps
  /// nothing past it below 0x90308130; the rest of the table stays 0 = unmapped, which the
  /// every-code test against iconv confirms).
  static func buildFourByteTable() -> [UInt32] {
    var four = [UInt32](repeating: 0, count: 4 * 12600)
    guard let cd = iconv_open("UTF-32LE", "GB18030"), cd != iconv_t(bitPattern: -1) else {
      return four
    }
    defer { iconv_close(cd) }
    let last = 39419  // the index of 0x8431A439 (U+FFFF)
    var codes: [UInt8] = []
    codes.reserveCapacity((last + 1) * 4)
    var index = 0
    loop: for b1 in 0x81...0x84 {
      for b2 in 0x30...0x39 {
        for b3 in 0x81...0xFE {
          for b4 in 0x30...0x39 {
            if index > last { break loop }
            codes.append(UInt8(b1))
            codes.append(UInt8(b2))
            codes.append(UInt8(b3))
            codes.append(UInt8(b4))
            index += 1
          }
        }
      }
    }
    for (k, scalar) in convertAll(cd, codes, width: 4).enumerated() {
      four[k] = scalar.map(packUTF8) ?? 0
    }
    return four
  }

  /// The scalar iconv makes of each `width`-byte code in `codes` (nil where it rejects the code
  /// or makes something other than one non-NUL scalar of it).
  static func convertAll(_ cd: iconv_t, _ codes: [UInt8], width: Int) -> [UInt32?] {
    let count = codes.count / width
    var result = [UInt32?](repeating: nil, count: count)
    var output = [UInt32](repeating: 0, count: count)
    var next = 0  // the first code not yet converted
    codes.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        guard let inBase = input.baseAddress, let outBase = out.baseAddress else { return }
        while next < count {
          _ = iconv(cd, nil, nil, nil, nil)  // reset the shift state after an error
          var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
            mutating: inBase + next * width
          ).assumingMemoryBound(to: CChar.self)
          var inLeft = (count - next) * width
          var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase + next)
            .assumingMemoryBound(to: CChar.self)
          var outLeft = (count - next) * 4
          let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
          let done = count - next - inLeft / width
          let produced = count - next - outLeft / 4
          // Trust only codes that made exactly one scalar each.
          if produced == done {
            for k in next..<next + done where out[k] != 0 { result[k] = out[k] }
          } else {
            for k in next..<next + done {
              result[k] = iconvScalar(cd, Array(codes[k * width..<(k + 1) * width]))
            }
          }
          next += done
          if rc == -1 {
            // Stopped at this code (rejected, or a partial read): ask about it alone.
            result[next] = iconvScalar(cd, Array(codes[next * width..<(next + 1) * width]))
            next += 1
          }
        }
      }
    }
    return result
  }

  /// The single scalar iconv makes of `sequence` (all of it), or nil.
  private static func iconvScalar(_ cd: iconv_t, _ sequence: [UInt8]) -> UInt32? {
    _ = iconv(cd, nil, nil, nil, nil)
    var input = sequence
    var output: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]
    let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
      output.withUnsafeMutableBufferPointer { outBuf in
        var inPtr = inBuf.baseAddress.map {
          UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
        }
        var inLeft = inBuf.count
        var outPtr = outBuf.baseAddress.map {
          UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
        }
        var outLeft = outBuf.count
        let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
        if rc == -1 || inLeft != 0 { return nil }
        return outBuf.count - outLeft
      }
    }
    guard produced == 4 else { return nil }
    let scalar =
      UInt32(output[0]) | UInt32(output[1]) << 8 | UInt32(output[2]) << 16
      | UInt32(output[3]) << 24
    return scalar == 0 ? nil : scalar
  }
}
