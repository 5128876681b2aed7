import Foundation
import Testing

@testable import Fetch
@testable import TestSupport

/// Hostile answers and requests the fetcher refuses with a reason of their own: a response
/// header over libcurl's 100 KB limit (also a redirect to a 100 KB URL), a URL too long to send,
/// and connections to non-public addresses. Every server is on 127.0.0.1; the refusals of
/// other ranges are checked on `SocketAddress` values (SocketAddressTests), never on the wire.
@Suite struct FetcherRefusalTests {
  static let html = [("Content-Type", "text/html")]

  /// A response whose header has the line "name: value", then a 2-byte body.
  static func hugeHeader(status: String, name: String, value: String) -> [UInt8] {
    bytes("HTTP/1.1 \(status)\r\n\(name): \(value)\r\nContent-Length: 2\r\n\r\nok")
  }

  static func failure(_ result: Result<FetchResponse, FetchError>) -> FetchError? {
    if case .failure(let error) = result { return error }
    Issue.record("expected a failure, got \(result)")
    return nil
  }

  @Test func aOneMegabyteHeaderIsHeaderTooLargeNotOutOfMemory() async throws {
    let big = String(repeating: "a", count: 1 << 20)
    let server = try FetchTestServer { _ in
      [.send(Self.hugeHeader(status: "200 OK", name: "X-Big", value: big)), .close]
    }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let url = server.baseURL + "/big-header"
    let error = try #require(Self.failure(await fetch(fetcher, FetchRequest(url: url))))
    guard case .headerTooLarge(let failedURL, let code, _) = error else {
      Issue.record("expected headerTooLarge, got \(error)")
      return
    }
    #expect(failedURL == url)
    #expect(code == 27 || code == 100)
    #expect(error.description.contains("response header too large"))
    #expect(error.description.contains("libcurl stops at 100 KB of header"))
    #expect(!error.description.contains("Out of memory"))
    #expect(!error.isRetryable)
  }

  @Test func aRedirectToA100KBURLIsHeaderTooLarge() async throws {
    let server = try FetchTestServer { request in
      let target = "http://127.0.0.1/" + String(repeating: "p", count: 100 * 1024)
      return [.send(Self.hugeHeader(status: "302 Found", name: "Location", value: target)), .close]
    }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let error = try #require(
      Self.failure(await fetch(fetcher, FetchRequest(url: server.baseURL + "/moved"))))
    guard case .headerTooLarge = error else {
      Issue.record("expected headerTooLarge, got \(error)")
      return
    }
    #expect(error.description.contains("a redirect to a very long URL does this too"))
  }

  @Test func aLongHeaderUnderTheLimitIsFine() async throws {
    let long = String(repeating: "b", count: 60 * 1024)
    let server = try FetchTestServer { _ in
      [.send(Self.hugeHeader(status: "200 OK", name: "X-Long", value: long))]
    }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let response = try await fetch(fetcher, FetchRequest(url: server.baseURL + "/")).get()
    #expect(response.status == 200)
    #expect(response.header("X-Long")?.count == long.count)
    #expect(response.body == bytes("ok"))
  }

  @Test func aURLOverTheLimitIsRefusedUnsent() async throws {
    let server = try FetchTestServer { _ in [.send(FetchTestServer.response(body: bytes("x")))] }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let url = server.baseURL + "/" + String(repeating: "q", count: 64 * 1024)
    let error = try #require(Self.failure(await fetch(fetcher, FetchRequest(url: url))))
    guard case .urlTooLong(_, let length, let limit) = error else {
      Issue.record("expected urlTooLong, got \(error)")
      return
    }
    #expect(length == url.utf8.count && limit == 64 * 1024)
    #expect(error.description.hasPrefix("URL too long (\(url.utf8.count) bytes"))
    #expect(error.description.count < 400, "the message quotes only the URL's start")
    #expect(!error.isRetryable)
    #expect(server.connectionCount == 0)
    // At the limit it is sent.
    let room = 64 * 1024 - server.baseURL.utf8.count - 1
    let fits = server.baseURL + "/" + String(repeating: "q", count: room)
    #expect(try await fetch(fetcher, FetchRequest(url: fits)).get().status == 200)
  }

  @Test func aLoopbackAddressIsRefusedByDefault() async throws {
    let server = try FetchTestServer { _ in [.send(FetchTestServer.response(body: bytes("x")))] }
    defer { server.stop() }
    let fetcher = try makeFetcher(FetchConfig())
    defer { fetcher.shutdown() }
    let url = server.baseURL + "/inside"
    let error = try #require(Self.failure(await fetch(fetcher, FetchRequest(url: url))))
    guard case .privateAddress(let failedURL, let address, let range) = error else {
      Issue.record("expected privateAddress, got \(error)")
      return
    }
    #expect(failedURL == url)
    #expect(address == "127.0.0.1:\(server.port)")
    #expect(range == "loopback")
    #expect(
      error.description
        == "refused to connect to 127.0.0.1:\(server.port) for \(url): a private address"
        + " (loopback; fetch.allow_private_addresses = false)")
    #expect(!error.isRetryable)
    #expect(server.connectionCount == 0, "refused before connecting")
  }

  /// The check runs on the address connected to, so a name that resolves to loopback is
  /// refused like the literal address.
  @Test func aNameResolvingToLoopbackIsRefused() async throws {
    let server = try FetchTestServer { _ in [.send(FetchTestServer.response(body: bytes("x")))] }
    defer { server.stop() }
    let fetcher = try makeFetcher(FetchConfig())
    defer { fetcher.shutdown() }
    let error = try #require(
      Self.failure(
        await fetch(fetcher, FetchRequest(url: "http://localhost:\(server.port)/"))))
    guard case .privateAddress(_, _, let range) = error else {
      Issue.record("expected privateAddress, got \(error)")
      return
    }
    #expect(range == "loopback")
    #expect(server.connectionCount == 0)
  }

  @Test func allowedHostsMayConnectToPrivateAddresses() async throws {
    let server = try FetchTestServer { _ in [.send(FetchTestServer.response(body: bytes("x")))] }
    defer { server.stop() }
    let other = try FetchTestServer(address: "127.0.0.2") { _ in
      [.send(FetchTestServer.response(body: bytes("y")))]
    }
    defer { other.stop() }
    var config = FetchConfig()
    config.privateAddressHosts = ["127.0.0.1"]
    let fetcher = try makeFetcher(config)
    defer { fetcher.shutdown() }
    #expect(try await fetch(fetcher, FetchRequest(url: server.baseURL + "/")).get().status == 200)
    // Allowed by host name, not by address: "localhost" is another host (curl resolves it
    // itself, no DNS query), refused before it connects.
    let named = await fetch(fetcher, FetchRequest(url: "http://localhost:\(server.port)/"))
    guard case .failure(.privateAddress) = named else {
      Issue.record("expected privateAddress for localhost, got \(named)")
      return
    }
    let refused = await fetch(fetcher, FetchRequest(url: other.baseURL + "/"))
    guard case .failure(.privateAddress(_, let address, _)) = refused else {
      Issue.record("expected privateAddress for 127.0.0.2, got \(refused)")
      return
    }
    #expect(address == "127.0.0.2:\(other.port)")
    #expect(other.connectionCount == 0)
    fetcher.allowPrivateAddresses(forHost: "127.0.0.2")
    let later = await fetch(fetcher, FetchRequest(url: other.baseURL + "/"))
    #expect(try later.get().body == bytes("y"))
  }
}
