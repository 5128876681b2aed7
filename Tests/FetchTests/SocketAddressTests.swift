import Foundation
import Testing

@testable import Fetch

#if canImport(Glibc)
  import Glibc
#endif

/// The address classifier behind `FetchConfig.allowPrivateAddresses`, on `sockaddr` values as
/// libcurl's open-socket callback gets them. Nothing here touches the network.
@Suite struct SocketAddressTests {
  /// A sockaddr_in / sockaddr_in6 for `text` (inet_pton), read back through `SocketAddress`.
  static func fromSockaddr(_ text: String, port: UInt16 = 8080) -> SocketAddress? {
    var v4 = sockaddr_in()
    if inet_pton(AF_INET, text, &v4.sin_addr) == 1 {
      v4.sin_family = sa_family_t(AF_INET)
      v4.sin_port = port.bigEndian
      return withUnsafeBytes(of: &v4) { SocketAddress(sockaddr: $0.baseAddress!, length: $0.count) }
    }
    var v6 = sockaddr_in6()
    guard inet_pton(AF_INET6, text, &v6.sin6_addr) == 1 else { return nil }
    v6.sin6_family = sa_family_t(AF_INET6)
    v6.sin6_port = port.bigEndian
    return withUnsafeBytes(of: &v6) { SocketAddress(sockaddr: $0.baseAddress!, length: $0.count) }
  }

  @Test(arguments: [
    ("127.0.0.1", "loopback"), ("127.255.255.254", "loopback"), ("10.1.2.3", "private"),
    ("172.16.0.1", "private"), ("172.31.255.255", "private"), ("192.168.1.1", "private"),
    ("100.64.0.1", "shared (CGNAT)"), ("100.127.255.255", "shared (CGNAT)"),
    ("169.254.169.254", "link-local"), ("0.0.0.0", "unspecified"), ("0.1.2.3", "unspecified"),
    ("224.0.0.1", "multicast"), ("255.255.255.255", "reserved"),
    ("::1", "loopback"), ("::", "unspecified"), ("fe80::1", "link-local"),
    ("febf::1", "link-local"), ("fc00::1", "unique-local"), ("fd12:3456::1", "unique-local"),
    ("fec0::1", "site-local"), ("ff02::1", "multicast"),
    ("::ffff:127.0.0.1", "loopback, IPv4-mapped"), ("::ffff:10.0.0.1", "private, IPv4-mapped"),
    ("::ffff:169.254.169.254", "link-local, IPv4-mapped"),
    ("::192.168.0.1", "private, IPv4-compatible"), ("64:ff9b::10.0.0.1", "private, NAT64"),
  ])
  func nonPublicAddressesAreNamed(_ text: String, _ range: String) throws {
    let address = try #require(Self.fromSockaddr(text))
    #expect(address.nonPublicRange == range)
    #expect(SocketAddress(numeric: text, port: 8080) == address)
  }

  @Test(arguments: [
    "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
    "169.253.0.1", "192.167.1.1", "192.169.1.1", "11.0.0.1", "126.255.255.255", "128.0.0.1",
    "223.255.255.255", "2400:cb00::1", "2001:4860:4860::8888", "fe00::1", "fbff::1",
    "::ffff:8.8.8.8", "64:ff9b::8.8.8.8",
  ])
  func publicAddressesPass(_ text: String) throws {
    let address = try #require(Self.fromSockaddr(text))
    #expect(address.nonPublicRange == nil, "\(text)")
  }

  @Test func describesAddressAndPort() throws {
    let v4 = try #require(Self.fromSockaddr("127.0.0.2", port: 41234))
    #expect(v4.description == "127.0.0.2:41234")
    #expect(try #require(Self.fromSockaddr("fe80::1", port: 80)).description == "[fe80::1]:80")
    #expect(
      try #require(Self.fromSockaddr("::ffff:10.0.0.1", port: 443)).description
        == "[::ffff:10.0.0.1]:443")
  }

  @Test func otherFamiliesAndShortLengthsAreNotAddresses() {
    var unix = sockaddr_un()
    unix.sun_family = sa_family_t(AF_UNIX)
    let fromUnix = withUnsafeBytes(of: &unix) {
      SocketAddress(sockaddr: $0.baseAddress!, length: $0.count)
    }
    #expect(fromUnix == nil)
    var v6 = sockaddr_in6()
    v6.sin6_family = sa_family_t(AF_INET6)
    let short = withUnsafeBytes(of: &v6) {
      SocketAddress(sockaddr: $0.baseAddress!, length: MemoryLayout<sockaddr_in>.size)
    }
    #expect(short == nil)
    #expect(SocketAddress(bytes: [1, 2, 3], port: 0) == nil)
    #expect(SocketAddress(numeric: "example.gov.cn") == nil)
  }

  /// The decision the open-socket callback takes for a transfer.
  @Test func aTransferRefusesNonPublicAddressesUnlessAllowed() throws {
    let transfer = FetchTransfer(
      request: FetchRequest(url: "http://Portal.Example:8080/a"), maxBodyBytes: 1
    ) { _ in }
    #expect(transfer.hostName == "portal.example")
    transfer.privateAddressesAllowed = false
    #expect(transfer.refusedAddress == nil)
    #expect(!transfer.mayConnect(to: SocketAddress(numeric: "192.168.0.9", port: 80)))
    #expect(transfer.refusedAddress?.address == "192.168.0.9:80")
    #expect(transfer.refusedAddress?.range == "private")
    #expect(!transfer.acceptedAddress)
    #expect(!transfer.mayConnect(to: nil))
    #expect(transfer.mayConnect(to: SocketAddress(numeric: "2400:cb00::1", port: 80)))
    #expect(transfer.acceptedAddress, "a later public address is what libcurl connects to")
    transfer.privateAddressesAllowed = true
    #expect(transfer.mayConnect(to: SocketAddress(numeric: "10.0.0.1", port: 80)))
    #expect(FetchTransfer.hostName(ofKey: "[::1]:8080") == "[::1]")
    #expect(FetchTransfer.hostName(ofKey: "a.cn") == "a.cn")
  }
}
