extension WHATWGURL {
  /// A percent-encode set of the URL Standard, as a bit mask over ASCII.
  ///
  /// Every set includes the C0 controls and all bytes above '~' (so non-ASCII text is encoded
  /// as its UTF-8 bytes); the masks add the printable ASCII members.
  struct PercentEncodeSet: Sendable {
    /// Bits for bytes 0x00–0x3F and 0x40–0x7F.
    let low: UInt64
    let high: UInt64

    init(_ members: String) {
      var low: UInt64 = 0
      var high: UInt64 = 0
      for b in members.utf8 {
        if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
      }
      self.low = low
      self.high = high
    }

    @inline(__always) func contains(_ b: UInt8) -> Bool {
      if b < 0x20 || b > 0x7E { return true }
      return b < 64 ? low & (1 << UInt64(b)) != 0 : high & (1 << UInt64(b &- 64)) != 0
    }

    static let fragment = PercentEncodeSet(" \"<>`")
    static let query = PercentEncodeSet(" \"#<>")
    static let specialQuery = PercentEncodeSet(" \"#<>'")
    static let path = PercentEncodeSet(" \"#<>?^`{}")
    static let userinfo = PercentEncodeSet(" \"#<>?^`{}/:;=@[\\]|")
  }

  /// ASCII tests on bytes.
  enum ASCII {
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
      b >= 0x41 && b <= 0x5A ? b + 0x20 : b
    }

    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool {
      (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always) static func isSchemeChar(_ b: UInt8) -> Bool {
      isAlpha(b) || isDigit(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
        || b == UInt8(ascii: ".")
    }

    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
      switch b {
      case 0x30...0x39: return b - 0x30
      case 0x41...0x46: return b - 0x41 + 10
      case 0x61...0x66: return b - 0x61 + 10
      default: return nil
      }
    }

    /// Whether `bytes`, lower-cased, equal the lower-case ASCII `word`.
    static func equalsLowercased<C: Collection<UInt8>>(_ bytes: C, _ word: StaticString) -> Bool {
      guard bytes.count == word.utf8CodeUnitCount else { return false }
      let w = word.utf8Start
      var k = 0
      for b in bytes {
        if lower(b) != w[k] { return false }
        k += 1
      }
      return true
    }
  }

  /// Pieces of serialisations shared with `URLCanonicalizer`.
  enum URLBytes {
    static let httpPrefix: [UInt8] = Array("http://".utf8)
    static let httpsPrefix: [UInt8] = Array("https://".utf8)
    static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Appends "%XX" (upper-case hex) for `b`.
    @inline(__always) static func appendEscape(_ b: UInt8, to out: inout [UInt8]) {
      out.append(UInt8(ascii: "%"))
      out.append(hexDigits[Int(b >> 4)])
      out.append(hexDigits[Int(b & 0x0F)])
    }

    /// Appends the decimal digits of a non-negative `value`.
    static func appendDecimal<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
      var digits: [UInt8] = []
      var v = value
      repeat {
        digits.append(0x30 + UInt8(truncatingIfNeeded: v % 10))
        v /= 10
      } while v > 0
      out.append(contentsOf: digits.reversed())
    }

    /// Appends the lower-case hex digits of `value`, without leading zeros.
    static func appendHex(_ value: UInt16, to out: inout [UInt8]) {
      var shift = 12
      while shift > 0 && (value >> UInt16(shift)) == 0 { shift -= 4 }
      while shift >= 0 {
        let digit = UInt8(truncatingIfNeeded: (value >> UInt16(shift)) & 0xF)
        out.append(digit < 10 ? 0x30 + digit : 0x61 + digit - 10)
        shift -= 4
      }
    }
  }
}
