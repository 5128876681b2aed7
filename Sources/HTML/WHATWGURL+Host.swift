import CIDN2

extension WHATWGURL {
  /// The URL Standard's host parser for special (http/https) URLs, serialising as it goes.
  ///
  /// "[…]" is an IPv6 address; anything else is a domain: percent-decoded, turned to ASCII
  /// (lower-cased; through libidn2's UTS #46 non-transitional processing when it has non-ASCII
  /// bytes or an "xn--" label), refused when it holds a forbidden domain code point, and parsed
  /// as an IPv4 address when its last label is a number. Known differences from the standard
  /// come from libidn2 implementing IDNA2008 rather than plain UTS #46: symbols such as "☃"
  /// are refused, and non-ASCII domains get IDNA2008's hyphen and DNS length checks.
  enum Host {
    /// Appends the serialised host of `input` (non-empty) to `out`; false when it is invalid.
    static func append(_ input: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
      if input[0] == UInt8(ascii: "[") {
        guard input.count >= 2, input[input.count - 1] == UInt8(ascii: "]"),
          let address = IPv6.parse(UnsafeBufferPointer(rebasing: input[1..<(input.count - 1)]))
        else { return false }
        out.append(UInt8(ascii: "["))
        IPv6.serialize(address, to: &out)
        out.append(UInt8(ascii: "]"))
        return true
      }
      let start = out.count
      let needsIDNA = input.contains(where: { $0 == UInt8(ascii: "%") || $0 >= 0x80 })
      if needsIDNA || hasPunycodeLabel(input) {
        guard let ascii = domainToASCII(input) else { return false }
        out.append(contentsOf: ascii)
      } else {
        for b in input { out.append(ASCII.lower(b)) }
      }
      return finishDomain(&out, from: start)
    }

    /// Refuses forbidden domain code points in `out[start...]` and rewrites an IPv4 address.
    static func finishDomain(_ out: inout [UInt8], from start: Int) -> Bool {
      for k in start..<out.count where isForbiddenInDomain(out[k]) { return false }
      guard endsInNumber(out[start...]) else { return true }
      guard let address = IPv4.parse(out[start...]) else { return false }
      out.removeSubrange(start...)
      IPv4.serialize(address, to: &out)
      return true
    }

    /// Forbidden domain code points (ASCII ones; non-ASCII never reaches this check).
    static func isForbiddenInDomain(_ b: UInt8) -> Bool {
      if b <= 0x20 || b == 0x7F { return true }
      switch b {
      case UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "/"), UInt8(ascii: ":"),
        UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "?"), UInt8(ascii: "@"),
        UInt8(ascii: "["), UInt8(ascii: "\\"), UInt8(ascii: "]"), UInt8(ascii: "^"),
        UInt8(ascii: "|"):
        return true
      default:
        return false
      }
    }

    /// Whether a label starts with "xn--" (any case): such a domain needs IDNA validation.
    static func hasPunycodeLabel<C: Collection<UInt8>>(_ bytes: C) -> Bool where C.Index == Int {
      var labelStart = bytes.startIndex
      while labelStart + 4 <= bytes.endIndex {
        if ASCII.equalsLowercased(bytes[labelStart..<(labelStart + 4)], "xn--") { return true }
        guard let dot = bytes[labelStart...].firstIndex(of: UInt8(ascii: ".")) else { break }
        labelStart = dot + 1
      }
      return false
    }

    /// Percent-decodes `input` and applies "domain to ASCII"; nil when that fails.
    static func domainToASCII(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
      let decoded = percentDecoded(input)
      guard decoded.contains(where: { $0 >= 0x80 }) || hasPunycodeLabel(decoded) else {
        return decoded.map(ASCII.lower)
      }
      // A NUL would cut the C string short; it is forbidden anyway.
      guard !decoded.contains(0) else { return nil }
      var cString = decoded
      cString.append(0)
      var result: UnsafeMutablePointer<CChar>?
      let status = cString.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { pa_idn2_to_ascii($0.baseAddress, &result) }
      }
      defer { pa_idn2_free(result) }
      guard status == 0, let result else { return nil }
      var ascii: [UInt8] = []
      var k = 0
      while result[k] != 0 {
        ascii.append(UInt8(bitPattern: result[k]))
        k += 1
      }
      return ascii.isEmpty ? nil : ascii
    }

    /// `input` with every valid "%XX" replaced by its byte (others kept as they are).
    static func percentDecoded(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
      var out: [UInt8] = []
      out.reserveCapacity(input.count)
      var k = 0
      while k < input.count {
        if input[k] == UInt8(ascii: "%"), k + 2 < input.count,
          let h = ASCII.hexValue(input[k + 1]), let l = ASCII.hexValue(input[k + 2])
        {
          out.append(h << 4 | l)
          k += 3
        } else {
          out.append(input[k])
          k += 1
        }
      }
      return out
    }

    /// "Ends in a number": the last label (ignoring one trailing dot) is digits or an IPv4
    /// number ("0x…").
    static func endsInNumber(_ domain: ArraySlice<UInt8>) -> Bool {
      var end = domain.endIndex
      if end > domain.startIndex, domain[end - 1] == UInt8(ascii: ".") { end -= 1 }
      let start = domain[domain.startIndex..<end].lastIndex(of: UInt8(ascii: ".")).map { $0 + 1 }
        ?? domain.startIndex
      let last = domain[start..<end]
      if !last.isEmpty, last.allSatisfy(ASCII.isDigit) { return true }
      return IPv4.number(last) != nil
    }
  }
}
