import CZlibShim
import Foundation
import Testing

@testable import Fetch
@testable import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Runs one request and waits for its completion (through `Fetcher.fetch`).
func fetch(_ fetcher: Fetcher, _ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
  await fetcher.fetch(request)
}

/// The tests' fetch settings: the defaults, but loopback servers may be connected to (the
/// default refuses non-public addresses; FetcherRefusalTests checks that).
func loopbackConfig() -> FetchConfig {
  var config = FetchConfig()
  config.allowPrivateAddresses = true
  return config
}

func makeFetcher(_ config: FetchConfig = loopbackConfig()) throws -> Fetcher {
  try Fetcher(config: config, deliveryQueue: DispatchQueue(label: "fetch-tests"))
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// gzip-compresses `input` with zlib (test fixture builder).
func gzip(_ input: [UInt8]) -> [UInt8] { compress(input, windowBits: 31) }

@Suite struct FetcherTests {
  @Test func fetches200WithBodyAndExactBytes() async throws {
    let head = bytes(
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\r\nX-Fold: a\r\n b\r\nContent-Length: 11\r\n\r\n"
    )
    let server = try FetchTestServer { _ in [.send(head + bytes("hello world"))] }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let result = await fetch(
      fetcher,
      FetchRequest(
        url: server.baseURL + "/path/a.html?x=1", headers: [("If-None-Match", "\"abc\"")], tag: 42))
    let response = try result.get()
    #expect(response.status == 200)
    #expect(response.body == bytes("hello world"))
    #expect(response.headerBytes == head)
    #expect(response.header("content-type") == "text/html; charset=gbk")
    #expect(response.header("X-Fold") == "a b")
    #expect(response.remoteIP == "127.0.0.1")
    #expect(response.httpVersion == "1.1")
    #expect(response.tag == 42)
    #expect(response.truncated == false)
    #expect(abs(response.date.timeIntervalSinceNow) < 10)
    let request = String(decoding: response.requestBytes, as: UTF8.self)
    #expect(request.hasPrefix("GET /path/a.html?x=1 HTTP/1.1\r\n"))
    #expect(request.hasSuffix("\r\n\r\n"))
    #expect(
      request.contains(
        "\r\nUser-Agent: portal-archiver/0.1 (+https://example.invalid/portal-archiver)\r\n"))
    #expect(request.contains("\r\nAccept-Encoding: gzip, deflate\r\n"))
    #expect(request.contains("\r\nIf-None-Match: \"abc\"\r\n"))
    // What the server received is exactly what the fetcher recorded.
    #expect(server.receivedRequests.first?.raw == response.requestBytes)
  }

  @Test func gzipBodyIsKeptCompressed() async throws {
    let page = bytes(String(repeating: "<p>政府信息公开</p>\n", count: 200))
    let compressed = gzip(page)
    #expect(!compressed.isEmpty && compressed.count < page.count)
    let server = try FetchTestServer { request in
      #expect(request.header("Accept-Encoding") == "gzip, deflate")
      return [
        .send(
          FetchTestServer.response(headers: [("Content-Encoding", "gzip")], body: compressed))
      ]
    }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let response = try await fetch(fetcher, FetchRequest(url: server.baseURL + "/gz")).get()
    #expect(response.body == compressed)
    let decoded = try ContentDecoding.decode(
      response.body, contentEncoding: response.header("Content-Encoding"))
    #expect(decoded == page)
  }

  @Test func chunkedBodyIsDechunkedAndTrailersDropped() async throws {
    let head = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n")
    let wire = head + bytes("5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-T: 1\r\n\r\n")
    let server = try FetchTestServer { _ in [.send(wire)] }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let response = try await fetch(fetcher, FetchRequest(url: server.baseURL + "/c")).get()
    #expect(response.body == bytes("hello, world"))
    #expect(response.headerBytes == head)
  }

  @Test func interimResponsesAreNotInHeaderBytes() async throws {
    let final = FetchTestServer.response(headers: [("X-Final", "yes")], body: bytes("ok"))
    let server = try FetchTestServer { _ in
      [.send(bytes("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n") + final)]
    }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let response = try await fetch(fetcher, FetchRequest(url: server.baseURL + "/")).get()
    #expect(response.status == 200)
    #expect(response.headerBytes == Array(final.prefix(final.count - 2)))
    #expect(response.header("Link") == nil)
  }

  @Test func conditionalRequestGets304() async throws {
    let server = try FetchTestServer { request in
      if request.header("If-None-Match") == "\"v1\"" {
        return [.send(bytes("HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n"))]
      }
      return [.send(FetchTestServer.response(headers: [("ETag", "\"v1\"")], body: bytes("x")))]
    }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let first = try await fetch(fetcher, FetchRequest(url: server.baseURL + "/e")).get()
    #expect(first.status == 200)
    let etag = try #require(first.header("ETag"))
    let second = try await fetch(
      fetcher, FetchRequest(url: server.baseURL + "/e", headers: [("If-None-Match", etag)])
    ).get()
    #expect(second.status == 304)
    #expect(second.body.isEmpty)
  }

  @Test func bodyBeyondLimitIsTruncated() async throws {
    let body = [UInt8](repeating: 0x61, count: 200_000)
    let server = try FetchTestServer { _ in [.send(FetchTestServer.response(body: body))] }
    defer { server.stop() }
    var config = loopbackConfig()
    config.maxBodyBytes = 1000
    let fetcher = try makeFetcher(config)
    defer { fetcher.shutdown() }
    let response = try await fetch(fetcher, FetchRequest(url: server.baseURL + "/big")).get()
    #expect(response.truncated)
    #expect(response.status == 200)
    #expect(response.body == Array(body.prefix(1000)))
  }

  @Test func slowEndpointTimesOut() async throws {
    let server = try FetchTestServer { _ in
      [.send(bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc")), .sleep(4)]
    }
    defer { server.stop() }
    var config = loopbackConfig()
    config.totalTimeout = 1
    let fetcher = try makeFetcher(config)
    defer { fetcher.shutdown() }
    let start = Date()
    let result = await fetch(fetcher, FetchRequest(url: server.baseURL + "/slow"))
    #expect(Date().timeIntervalSince(start) < 3)
    guard case .failure(let error) = result, case .timeout(_, let seconds, let partial) = error
    else {
      Issue.record("expected a timeout, got \(result)")
      return
    }
    #expect(seconds >= 0.9 && seconds < 3)
    #expect(partial == 3)
    #expect(error.isRetryable)
    #expect(error.url.hasSuffix("/slow"))
  }

  @Test func connectionCutMidBodyIsPartial() async throws {
    let server = try FetchTestServer { _ in
      [
        .send(
          bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
            + [UInt8](repeating: 0x62, count: 300)), .close,
      ]
    }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let result = await fetch(fetcher, FetchRequest(url: server.baseURL + "/cut"))
    guard case .failure(let error) = result, case .partial(_, let expected, let got) = error else {
      Issue.record("expected partial, got \(result)")
      return
    }
    #expect(expected == 1000)
    #expect(got == 300)
    #expect(error.isRetryable)
  }

  @Test func connectionResetIsRetryableError() async throws {
    let server = try FetchTestServer { _ in
      [.send(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nabc")), .sleep(0.2), .reset]
    }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let result = await fetch(fetcher, FetchRequest(url: server.baseURL + "/rst"))
    guard case .failure(let error) = result else {
      Issue.record("expected a failure, got \(result)")
      return
    }
    if case .reset = error {} else { Issue.record("expected reset, got \(error)") }
    #expect(error.isRetryable)
  }

  @Test func refusedPortIsConnectFailed() async throws {
    let port = FetchTestServer.unusedPort()
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let result = await fetch(fetcher, FetchRequest(url: "http://127.0.0.1:\(port)/"))
    guard case .failure(let error) = result, case .connectFailed = error else {
      Issue.record("expected connectFailed, got \(result)")
      return
    }
    #expect(error.isRetryable)
    #expect(error.description.contains("127.0.0.1:\(port)"))
  }

  @Test func nonHTTPURLIsRefusedAndMalformedIsInvalid() async throws {
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    for (url, scheme) in [("ftp://example.invalid/a", "ftp"), ("FILE:///etc/passwd", "file")] {
      let result = await fetch(fetcher, FetchRequest(url: url))
      guard case .failure(let error) = result,
        case .schemeNotAllowed(_, let refused) = error
      else {
        Issue.record("expected schemeNotAllowed for \(url), got \(result)")
        continue
      }
      #expect(refused == scheme)
      #expect(error.description.hasPrefix("scheme not allowed: \(scheme) (only http and https"))
      #expect(!error.isRetryable)
    }
    for url in ["http://[::1/x", "no-scheme"] {
      let result = await fetch(fetcher, FetchRequest(url: url))
      guard case .failure(let error) = result, case .invalidURL = error else {
        Issue.record("expected invalidURL for \(url), got \(result)")
        continue
      }
      #expect(!error.isRetryable)
    }
  }

  @Test func keepAliveReusesOneConnection() async throws {
    let server = try FetchTestServer { request in
      [.send(FetchTestServer.response(body: bytes(request.target)))]
    }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    var newConnections: [Int] = []
    for i in 0..<5 {
      let response = try await fetch(fetcher, FetchRequest(url: server.baseURL + "/k\(i)")).get()
      #expect(response.body == bytes("/k\(i)"))
      newConnections.append(response.newConnections)
    }
    #expect(newConnections == [1, 0, 0, 0, 0])
    #expect(server.connectionCount == 1)
  }

  @Test func fiftyConcurrentRequestsComplete() async throws {
    let server = try FetchTestServer { request in
      [.sleep(0.01), .send(FetchTestServer.response(body: bytes(request.target)))]
    }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let results = await withTaskGroup(of: (Int, Result<FetchResponse, FetchError>).self) { group in
      for i in 0..<50 {
        group.addTask {
          (i, await fetch(fetcher, FetchRequest(url: server.baseURL + "/p\(i)", tag: i)))
        }
      }
      var all: [(Int, Result<FetchResponse, FetchError>)] = []
      for await item in group { all.append(item) }
      return all
    }
    #expect(results.count == 50)
    for (i, result) in results {
      let response = try result.get()
      #expect(response.body == bytes("/p\(i)"))
      #expect(response.tag == i)
    }
    // One host: never more than maxConnectionsPerHost (4) connections.
    #expect(server.connectionCount <= 4)
    #expect(fetcher.inFlight == 0)
  }

  @Test func shutdownCancelsInFlightAndLaterRequests() async throws {
    let server = try FetchTestServer { _ in [.sleep(5), .send(FetchTestServer.response())] }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    let started = Date()
    async let results: [Result<FetchResponse, FetchError>] = withTaskGroup(
      of: Result<FetchResponse, FetchError>.self
    ) { group in
      for i in 0..<6 {
        group.addTask { await fetch(fetcher, FetchRequest(url: server.baseURL + "/s\(i)")) }
      }
      var all: [Result<FetchResponse, FetchError>] = []
      for await item in group { all.append(item) }
      return all
    }
    try await Task.sleep(for: .milliseconds(300))
    #expect(fetcher.inFlight == 6)
    fetcher.shutdown()
    let all = await results
    #expect(Date().timeIntervalSince(started) < 4)
    #expect(all.count == 6)
    for result in all {
      guard case .failure(.cancelled) = result else {
        Issue.record("expected cancelled, got \(result)")
        continue
      }
    }
    #expect(fetcher.inFlight == 0)
    let late = await fetch(fetcher, FetchRequest(url: server.baseURL + "/late"))
    guard case .failure(.cancelled) = late else {
      Issue.record("expected cancelled after shutdown, got \(late)")
      return
    }
  }

  @Test func headRequestAndHeaderInjectionIsStripped() async throws {
    let server = try FetchTestServer { request in
      [
        .send(
          bytes(
            "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nX-Method: \(request.method)\r\n\r\n"))
      ]
    }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    let response = try await fetch(
      fetcher,
      FetchRequest(
        url: server.baseURL + "/h",
        headers: [("X-Test", "a\r\nX-Evil: 1"), ("Accept", "text/html")],
        method: .head)
    ).get()
    #expect(response.header("X-Method") == "HEAD")
    #expect(response.body.isEmpty)
    let received = try #require(server.receivedRequests.first)
    #expect(received.header("X-Evil") == nil)
    #expect(received.header("X-Test") == "aX-Evil: 1")
    #expect(received.header("Accept") == "text/html")  // replaces curl's "*/*"
    #expect(received.headers.filter { $0.name == "Accept" }.count == 1)
  }

  @Test func lowSpeedLimitAborts() async throws {
    let server = try FetchTestServer { _ in
      var steps: [FetchTestServer.Step] = [
        .send(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"))
      ]
      for _ in 0..<30 { steps += [.send([0x61]), .sleep(0.1)] }
      return steps
    }
    defer { server.stop() }
    var config = loopbackConfig()
    config.lowSpeed = FetchConfig.LowSpeed(bytesPerSecond: 1000, seconds: 1)
    let fetcher = try makeFetcher(config)
    defer { fetcher.shutdown() }
    let result = await fetch(fetcher, FetchRequest(url: server.baseURL + "/drip"))
    guard case .failure(.timeout(_, _, let partial)) = result else {
      Issue.record("expected a low-speed timeout, got \(result)")
      return
    }
    #expect(partial > 0 && partial < 30)
  }

  @Test func parsesHeaderFieldsAndHostKeys() {
    let fields = FetchResponse.parseHeaderFields(
      bytes("HTTP/1.1 200 OK\r\nA: 1\r\nB:2 \r\n\tcont\r\nbroken\r\nC: \u{e9}\r\n")
        + [0x44, 0x3A, 0x20, 0xE9, 0x0D, 0x0A, 0x0D, 0x0A] + bytes("Trailer: x\r\n"))
    #expect(fields.map(\.name) == ["A", "B", "C", "D"])
    #expect(fields.map(\.value) == ["1", "2 cont", "\u{e9}", "\u{e9}"])  // UTF-8, then Latin-1
    #expect(FetchTransfer.hostKey(of: "http://User@WWW.Gov.CN:8080/a?b#c") == "www.gov.cn:8080")
    #expect(FetchTransfer.hostKey(of: "https://example.org") == "example.org")
    #expect(FetchTransfer.hostKey(of: "nonsense") == "")
  }

  @Test func deadKeptAliveConnectionIsRetriedOnce() async throws {
    // The server silently drops the kept-alive connection instead of answering the second
    // request; curl re-sends it on a new connection, and requestBytes holds one request.
    let server = try FetchTestServer { request in
      if request.target == "/second", request.connectionNumber == 1 { return [.close] }
      return [.send(FetchTestServer.response(body: bytes(request.target)))]
    }
    defer { server.stop() }
    let fetcher = try makeFetcher()
    defer { fetcher.shutdown() }
    _ = try await fetch(fetcher, FetchRequest(url: server.baseURL + "/first")).get()
    let second = try await fetch(fetcher, FetchRequest(url: server.baseURL + "/second")).get()
    #expect(second.body == bytes("/second"))
    #expect(server.connectionCount == 2)
    #expect(server.receivedRequests.count == 3)
    #expect(second.requestBytes == server.receivedRequests.last?.raw)
  }

  @Test func totalConnectionLimitIsEnforced() async throws {
    let server = try FetchTestServer { request in
      [.sleep(0.02), .send(FetchTestServer.response(body: bytes(request.target)))]
    }
    defer { server.stop() }
    var config = loopbackConfig()
    config.maxConnections = 2
    let fetcher = try makeFetcher(config)
    defer { fetcher.shutdown() }
    await withTaskGroup(of: Void.self) { group in
      for i in 0..<12 {
        group.addTask {
          let result = await fetch(fetcher, FetchRequest(url: server.baseURL + "/t\(i)"))
          #expect((try? result.get().status) == 200)
        }
      }
    }
    #expect(server.connectionCount == 2)
    #expect(server.receivedRequests.count == 12)
  }
}
