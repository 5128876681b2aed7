import Foundation
import Testing

@testable import Fetch
@testable import TestSupport

/// `HOST:PORT:ADDR[,ADDR...]` entries (curl's CURLOPT_RESOLVE): parsing, and the fetcher
/// sending a virtual host's requests to loopback while the private-address check lets through
/// only the entry's own addresses for its own host and port. Every server is on 127.0.0.1.
@Suite struct ResolveEntryTests {
  static func reason(_ text: String) -> String? {
    do {
      _ = try ResolveEntry(parsing: text)
      return nil
    } catch {
      return error.reason
    }
  }

  @Test func goodEntriesParse() throws {
    let one = try ResolveEntry(parsing: "www.Example-Portal.test:8080:127.0.0.1")
    #expect(one.host == "www.example-portal.test")
    #expect(one.port == 8080)
    #expect(one.addresses.map(\.description) == ["127.0.0.1:8080"])
    #expect(one.key == "www.example-portal.test:8080")
    #expect(one.description == "www.example-portal.test:8080:127.0.0.1")

    let several = try ResolveEntry(parsing: "a.test:443:127.0.0.1,[::1],127.0.0.2,::ffff:127.0.0.1")
    #expect(several.addresses.count == 4)
    #expect(several.description == "a.test:443:127.0.0.1,[::1],127.0.0.2,[::ffff:127.0.0.1]")
    #expect(several.addresses.allSatisfy { $0.port == 443 })

    // curl's "+" (may time out of the cache) is accepted; a Unicode host is kept for the
    // crawler to turn into punycode.
    #expect(try ResolveEntry(parsing: "+b.test:80:127.0.0.1").host == "b.test")
    #expect(try ResolveEntry(parsing: "例子.中国:80:127.0.0.1").host == "例子.中国")
    #expect(try ResolveEntry(parsing: "c.test:00080:127.0.0.1").port == 80)
    #expect(try ResolveEntry(parsing: "c.test:65535:127.0.0.1").port == 65_535)
  }

  @Test func badEntriesSayWhy() {
    #expect(Self.reason("www.example.test")?.hasPrefix("missing port") == true)
    #expect(Self.reason("www.example.test:127.0.0.1")?.hasPrefix("missing port") == true)
    #expect(Self.reason("www.example.test::127.0.0.1")?.hasPrefix("missing port") == true)
    #expect(Self.reason("www.example.test:80")?.hasPrefix("missing address") == true)
    #expect(Self.reason("www.example.test:80:")?.hasPrefix("missing address") == true)
    #expect(Self.reason(":80:127.0.0.1")?.hasPrefix("missing host") == true)
    #expect(Self.reason("a.test:0:127.0.0.1") == "port 0 is out of range (1 to 65535)")
    #expect(Self.reason("a.test:65536:127.0.0.1") == "port 65536 is out of range (1 to 65535)")
    #expect(
      Self.reason("a.test:99999999999999999999999:127.0.0.1")?.contains("out of range") == true)
    #expect(Self.reason("a.test:http:127.0.0.1") == "port 'http' is not a number")
    #expect(Self.reason("a.test:-1:127.0.0.1") == "port '-1' is not a number")
    #expect(Self.reason("a.test:80:localhost")?.hasPrefix("bad address 'localhost'") == true)
    #expect(Self.reason("a.test:80:127.0.0.256")?.hasPrefix("bad address") == true)
    #expect(Self.reason("a.test:80:[127.0.0.1]")?.contains("not an IPv6 address") == true)
    #expect(Self.reason("a.test:80:[::1")?.contains("without its ']'") == true)
    #expect(Self.reason("a.test:80:127.0.0.1,,127.0.0.2") == "empty address in the list")
    #expect(Self.reason("-a.test:80")?.contains("removal") == true)
    #expect(Self.reason("127.0.0.1:80:127.0.0.2")?.contains("IP address") == true)
    #expect(Self.reason("a b.test:80:127.0.0.1")?.contains("character") == true)
    let error = #expect(throws: ResolveEntry.ParseError.self) {
      try ResolveEntry(parsing: "a.test:80:nowhere")
    }
    #expect(error?.description.hasPrefix("'a.test:80:nowhere': bad address 'nowhere'") == true)
  }

  @Test func laterEntriesReplaceEarlierOnesOfTheSameHostAndPort() throws {
    let merged = ResolveEntry.merged([
      try ResolveEntry(parsing: "a.test:80:127.0.0.1"),
      try ResolveEntry(parsing: "b.test:80:127.0.0.1"),
      try ResolveEntry(parsing: "A.test:80:127.0.0.2"),
      try ResolveEntry(parsing: "a.test:81:127.0.0.1"),
    ])
    #expect(
      merged.map(\.description) == [
        "a.test:80:127.0.0.2", "b.test:80:127.0.0.1", "a.test:81:127.0.0.1",
      ])
  }

  /// A server answering by Host header: the name the request was sent under.
  static func virtualHosts() throws -> FetchTestServer {
    try FetchTestServer { request in
      let host = request.header("Host") ?? "?"
      return [.send(FetchTestServer.response(body: Array("host \(host)".utf8)))]
    }
  }

  /// Private addresses refused (the default), no allowed host names: the entry's own address
  /// is still let through for its host and port, and nothing else is.
  @Test func aResolvedHostReachesLoopbackAndNothingElseDoes() async throws {
    let server = try Self.virtualHosts()
    defer { server.stop() }
    var config = FetchConfig()
    config.resolve = [
      try ResolveEntry(parsing: "www.example-portal.test:\(server.port):127.0.0.1"),
      // An entry for another port does not open this one.
      try ResolveEntry(parsing: "other.example-portal.test:\(server.port == 1 ? 2 : 1):127.0.0.1"),
    ]
    let fetcher = try makeFetcher(config)
    defer { fetcher.shutdown() }

    let url = "http://www.example-portal.test:\(server.port)/"
    let response = try await fetch(fetcher, FetchRequest(url: url)).get()
    #expect(response.status == 200)
    #expect(String(decoding: response.body, as: UTF8.self) == "host www.example-portal.test:\(server.port)")
    #expect(response.remoteIP == "127.0.0.1")

    // The same address under its own name is not the user's entry: refused.
    let direct = await fetch(fetcher, FetchRequest(url: server.baseURL + "/"))
    guard case .failure(.privateAddress(_, let address, let range)) = direct else {
      Issue.record("expected privateAddress, got \(direct)")
      return
    }
    #expect(address == "127.0.0.1:\(server.port)")
    #expect(range == "loopback")
    #expect(server.receivedRequests.count == 1)
  }

  /// An entry pointing a name at two addresses: the user named both, the first that answers
  /// is used.
  @Test func aDeadFirstAddressFallsBackToTheNextOne() async throws {
    let server = try Self.virtualHosts()
    defer { server.stop() }
    var config = FetchConfig()
    config.connectTimeout = 2
    // 127.0.0.2 has nothing on that port (the server listens on 127.0.0.1 only).
    config.resolve = [try ResolveEntry(parsing: "v.test:\(server.port):127.0.0.2,127.0.0.1")]
    let fetcher = try makeFetcher(config)
    defer { fetcher.shutdown() }
    let response = try await fetch(fetcher, FetchRequest(url: "http://v.test:\(server.port)/x"))
      .get()
    #expect(response.status == 200)
    #expect(response.remoteIP == "127.0.0.1")
  }
}
