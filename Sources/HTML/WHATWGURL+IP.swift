extension WHATWGURL {
  /// The URL Standard's IPv4 parser: 1–4 dotted parts, each decimal, octal ("0…") or hex
  /// ("0x…").
  enum IPv4 {
    /// The address of `domain` (lower-case ASCII), nil when it is not a valid IPv4 host.
    ///
    /// Fewer than four parts fill the last part's bytes ("192.168.1" is 192.168.0.1).
    static func parse(_ domain: ArraySlice<UInt8>) -> UInt32? {
      var end = domain.endIndex
      if end > domain.startIndex, domain[end - 1] == UInt8(ascii: ".") { end -= 1 }
      var numbers: [UInt64] = []
      numbers.reserveCapacity(4)
      var start = domain.startIndex
      while true {
        let dot = domain[start..<end].firstIndex(of: UInt8(ascii: ".")) ?? end
        guard numbers.count < 4, let value = number(domain[start..<dot]) else { return nil }
        numbers.append(value)
        guard dot < end else { break }
        start = dot + 1
      }
      guard let last = numbers.last, numbers.dropLast().allSatisfy({ $0 <= 255 }),
        last < UInt64(1) << (8 * UInt64(5 - numbers.count))
      else { return nil }
      var address = last
      for (i, value) in numbers.dropLast().enumerated() { address += value << (8 * UInt64(3 - i)) }
      return UInt32(truncatingIfNeeded: address)
    }

    /// An IPv4 number ("0x1F", "017", "255", "0x" as 0), nil when it is none.
    ///
    /// Values saturate just above 2³² so that long inputs cannot overflow.
    static func number(_ part: ArraySlice<UInt8>) -> UInt64? {
      guard !part.isEmpty else { return nil }
      var digits = part
      var radix: UInt64 = 10
      if part.count >= 2, part.first == UInt8(ascii: "0"),
        ASCII.lower(part[part.startIndex + 1]) == UInt8(ascii: "x")
      {
        radix = 16
        digits = part.dropFirst(2)
      } else if part.count >= 2, part.first == UInt8(ascii: "0") {
        radix = 8
        digits = part.dropFirst()
      }
      let cap = UInt64(1) << 33
      var value: UInt64 = 0
      for b in digits {
        guard let d = ASCII.hexValue(b), UInt64(d) < radix else { return nil }
        value = min(value * radix + UInt64(d), cap)
      }
      return value
    }

    static func serialize(_ address: UInt32, to out: inout [UInt8]) {
      for shift in stride(from: 24, through: 0, by: -8) {
        URLBytes.appendDecimal((address >> UInt32(shift)) & 0xFF, to: &out)
        if shift > 0 { out.append(UInt8(ascii: ".")) }
      }
    }
  }

  /// The URL Standard's IPv6 parser and serialiser (with "::" compression).
  enum IPv6 {
    /// The eight pieces of the address between the brackets, nil when it is invalid.
    static func parse(_ input: UnsafeBufferPointer<UInt8>) -> [UInt16]? {
      var address = [UInt16](repeating: 0, count: 8)
      var piece = 0
      var compress: Int?
      var p = 0
      let n = input.count
      if p < n, input[p] == UInt8(ascii: ":") {
        guard p + 1 < n, input[p + 1] == UInt8(ascii: ":") else { return nil }
        p += 2
        piece += 1
        compress = piece
      }
      while p < n {
        guard piece < 8 else { return nil }
        if input[p] == UInt8(ascii: ":") {
          guard compress == nil else { return nil }
          p += 1
          piece += 1
          compress = piece
          continue
        }
        var value: UInt16 = 0
        var length = 0
        while length < 4, p < n, let d = ASCII.hexValue(input[p]) {
          value = value << 4 | UInt16(d)
          p += 1
          length += 1
        }
        if p < n, input[p] == UInt8(ascii: ".") {
          guard length > 0, piece <= 6,
            parseEmbeddedIPv4(input, from: p - length, into: &address, at: piece)
          else { return nil }
          piece += 2
          p = n
          break
        }
        if p < n, input[p] == UInt8(ascii: ":") {
          p += 1
          guard p < n else { return nil }
        } else if p < n {
          return nil
        }
        address[piece] = value
        piece += 1
      }
      if let compress {
        var swaps = piece - compress
        piece = 7
        while piece != 0 && swaps > 0 {
          address.swapAt(piece, compress + swaps - 1)
          piece -= 1
          swaps -= 1
        }
      } else if piece != 8 {
        return nil
      }
      return address
    }

    /// The dotted-decimal tail ("::1.2.3.4") from `start` to the end, into two pieces.
    static func parseEmbeddedIPv4(
      _ input: UnsafeBufferPointer<UInt8>, from start: Int, into address: inout [UInt16],
      at piece: Int
    ) -> Bool {
      var p = start
      var numbersSeen = 0
      var value: UInt32 = 0
      while p < input.count {
        if numbersSeen > 0 {
          guard input[p] == UInt8(ascii: "."), numbersSeen < 4 else { return false }
          p += 1
        }
        guard p < input.count, ASCII.isDigit(input[p]) else { return false }
        var octet: UInt32?
        while p < input.count, ASCII.isDigit(input[p]) {
          let digit = UInt32(input[p] - 0x30)
          if let current = octet {
            guard current != 0 else { return false }  // no leading zeros
            octet = current * 10 + digit
          } else {
            octet = digit
          }
          guard let o = octet, o <= 255 else { return false }
          p += 1
        }
        value = value << 8 | (octet ?? 0)
        numbersSeen += 1
      }
      guard numbersSeen == 4 else { return false }
      address[piece] = UInt16(truncatingIfNeeded: value >> 16)
      address[piece + 1] = UInt16(truncatingIfNeeded: value)
      return true
    }

    /// Lower-case hex pieces, the first longest run of two or more zero pieces as "::".
    static func serialize(_ address: [UInt16], to out: inout [UInt8]) {
      var compress: Int?
      var longest = 1
      var k = 0
      while k < 8 {
        guard address[k] == 0 else {
          k += 1
          continue
        }
        var end = k
        while end < 8, address[end] == 0 { end += 1 }
        if end - k > longest {
          longest = end - k
          compress = k
        }
        k = end
      }
      var ignoreZero = false
      for piece in 0..<8 {
        if ignoreZero && address[piece] == 0 { continue }
        ignoreZero = false
        if compress == piece {
          out.append(contentsOf: piece == 0 ? [0x3A, 0x3A] : [0x3A])
          ignoreZero = true
          continue
        }
        URLBytes.appendHex(address[piece], to: &out)
        if piece != 7 { out.append(UInt8(ascii: ":")) }
      }
    }
  }
}
