import CCurl
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An IPv4 or IPv6 address and port as libcurl is about to connect to it, and whether it lies in
/// a range a crawler must not be sent into (loopback, private, link-local …).
///
/// A value type read out of a `sockaddr`; no ownership of the C memory is kept. Pure functions:
/// safe from any thread (the fetcher uses it on its poll thread, in the open-socket callback).
public struct SocketAddress: Sendable, Equatable, CustomStringConvertible {
  /// 4 bytes (IPv4) or 16 bytes (IPv6), network order.
  public let bytes: [UInt8]
  public let port: Int

  /// An address from its bytes (4 or 16 of them); nil for any other length.
  public init?(bytes: [UInt8], port: Int) {
    guard bytes.count == 4 || bytes.count == 16 else { return nil }
    self.bytes = bytes
    self.port = port
  }

  /// Reads a `sockaddr_in` or `sockaddr_in6` of `length` bytes; nil for another family or a
  /// length too short for its family.
  public init?(sockaddr raw: UnsafeRawPointer, length: Int) {
    guard length >= MemoryLayout<sa_family_t>.size else { return nil }
    let family = Int32(raw.loadUnaligned(as: sa_family_t.self))
    if family == AF_INET, length >= MemoryLayout<sockaddr_in>.size {
      let v4 = raw.loadUnaligned(as: sockaddr_in.self)
      let octets = withUnsafeBytes(of: v4.sin_addr) { Array($0) }
      self.init(bytes: octets, port: Int(UInt16(bigEndian: v4.sin_port)))
    } else if family == AF_INET6, length >= MemoryLayout<sockaddr_in6>.size {
      let v6 = raw.loadUnaligned(as: sockaddr_in6.self)
      let octets = withUnsafeBytes(of: v6.sin6_addr) { Array($0) }
      self.init(bytes: octets, port: Int(UInt16(bigEndian: v6.sin6_port)))
    } else {
      return nil
    }
  }

  /// Parses a numeric address ("10.0.0.1", "::1", "::ffff:127.0.0.1") with inet_pton.
  public init?(numeric text: String, port: Int = 0) {
    var v4 = in_addr()
    if inet_pton(AF_INET, text, &v4) == 1 {
      self.init(bytes: withUnsafeBytes(of: v4) { Array($0) }, port: port)
      return
    }
    var v6 = in6_addr()
    guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
    self.init(bytes: withUnsafeBytes(of: v6) { Array($0) }, port: port)
  }

  public var isIPv6: Bool { bytes.count == 16 }

  /// "10.0.0.1:80" or "[fe80::1]:80" (inet_ntop's spelling).
  public var description: String {
    let family = isIPv6 ? AF_INET6 : AF_INET
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
    let ok = bytes.withUnsafeBytes {
      inet_ntop(family, $0.baseAddress, &text, socklen_t(text.count)) != nil
    }
    let spelledBytes = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let spelled = String(decoding: spelledBytes, as: UTF8.self)
    let host = ok ? spelled : bytes.map(String.init).joined(separator: ".")
    return isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)"
  }

  /// The name of the non-public range the address is in ("loopback", "private", "shared
  /// (CGNAT)", "link-local", "unique-local", "unspecified", …), or nil for a public address.
  /// IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d)
  /// IPv6 forms are judged by the IPv4 address they carry.
  public var nonPublicRange: String? {
    isIPv6 ? Self.rangeOfIPv6(bytes) : Self.rangeOfIPv4(bytes[0], bytes[1])
  }

  /// Judges an IPv4 address by its first two octets (every range below is /16 or wider).
  static func rangeOfIPv4(_ a: UInt8, _ b: UInt8) -> String? {
    switch a {
    case 0: return "unspecified"  // 0.0.0.0/8, "this network"
    case 10: return "private"
    case 127: return "loopback"
    case 100 where b & 0xC0 == 64: return "shared (CGNAT)"  // 100.64.0.0/10
    case 169 where b == 254: return "link-local"
    case 172 where b & 0xF0 == 16: return "private"  // 172.16.0.0/12
    case 192 where b == 168: return "private"
    case 224...239: return "multicast"
    case 240...255: return "reserved"  // 240.0.0.0/4 and the broadcast address
    default: return nil
    }
  }

  static func rangeOfIPv6(_ b: [UInt8]) -> String? {
    let first10Zero = b[0..<10].allSatisfy { $0 == 0 }
    if first10Zero && b[10] == 0 && b[11] == 0 {
      if b[12..<15].allSatisfy({ $0 == 0 }) && b[15] <= 1 {
        return b[15] == 0 ? "unspecified" : "loopback"
      }
      return rangeOfIPv4(b[12], b[13]).map { "\($0), IPv4-compatible" }  // ::a.b.c.d
    }
    if first10Zero && b[10] == 0xFF && b[11] == 0xFF {
      return rangeOfIPv4(b[12], b[13]).map { "\($0), IPv4-mapped" }  // ::ffff:a.b.c.d
    }
    if b[0] == 0x00, b[1] == 0x64, b[2] == 0xFF, b[3] == 0x9B, b[4..<12].allSatisfy({ $0 == 0 }) {
      return rangeOfIPv4(b[12], b[13]).map { "\($0), NAT64" }  // 64:ff9b::/96
    }
    if b[0] & 0xFE == 0xFC { return "unique-local" }  // fc00::/7
    if b[0] == 0xFE, b[1] & 0xC0 == 0x80 { return "link-local" }  // fe80::/10
    if b[0] == 0xFE, b[1] & 0xC0 == 0xC0 { return "site-local" }  // fec0::/10 (deprecated)
    if b[0] == 0xFF { return "multicast" }
    return nil
  }
}
