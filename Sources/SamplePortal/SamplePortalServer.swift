import FlyingFox
import FlyingSocks
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Serves a `SamplePortalSite` over HTTP/1.1 on loopback (FlyingFox), logging every request.
///
/// Thread-safe: the request log and the running server are kept behind a lock. One server runs at
/// most once; `stop()` closes the listening socket and all connections.
public final class SamplePortalServer: Sendable {
  /// The site being served now.
  public var site: SamplePortalSite { state.withLock { $0.site } }
  private let state: ServerState

  /// An error starting the server, naming what failed.
  public struct Failure: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) { self.description = description }
  }

  public init(site: SamplePortalSite) {
    state = ServerState(site: site)
  }

  /// Serves `site` from now on, on the same port (e.g. the next day of the portal, for an
  /// incremental re-crawl). Requests already being answered finish with the old site.
  public func replaceSite(_ site: SamplePortalSite) { state.withLock { $0.site = site } }

  /// Every request answered so far, in order.
  public var requests: [SampleRequestLog] { state.withLock { $0.log } }

  /// Forgets the logged requests (e.g. between two crawls of one server).
  public func clearRequests() { state.withLock { $0.log.removeAll() } }

  /// The bound port, or nil before `start`.
  public var port: UInt16? { state.withLock { $0.port } }

  /// Starts listening on `host` (an IPv4 literal, loopback by default) and returns the bound
  /// port; `port` 0 picks a free one. Returns once the server accepts connections.
  public func start(host: String = "127.0.0.1", port: UInt16 = 0) async throws -> UInt16 {
    guard host.hasPrefix("127.") else {
      throw Failure(description: "sample portal listens on loopback only, not on \(host)")
    }
    guard state.withLock({ $0.server == nil }) else {
      throw Failure(description: "sample portal server already started")
    }
    let address = try sockaddr_in.inet(ip4: host, port: port)
    let timeout = max(15, site.config.slowSeconds + 10)
    let server = HTTPServer(
      address: address, timeout: timeout, pool: NoDelayPool(base: HTTPServer.defaultPool()),
      logger: .disabled)
    let handler = PortalHandler(state: state)
    await server.appendRoute("*", to: handler)
    let task = Task { try await server.run() }
    do {
      try await server.waitUntilListening(timeout: 10)
    } catch {
      task.cancel()
      throw Failure(description: "sample portal could not listen on \(host):\(port): \(error)")
    }
    guard case .ip4(_, let bound) = await server.listeningAddress else {
      task.cancel()
      throw Failure(description: "sample portal on \(host):\(port) reports no IPv4 address")
    }
    state.withLock {
      $0.server = server
      $0.task = task
      $0.port = bound
    }
    return bound
  }

  /// Starts the server from synchronous code (a CLI command) and returns the bound port.
  ///
  /// Blocks the calling thread until the server listens; do not call from the cooperative pool.
  @available(*, noasync, message: "use start(host:port:) from async code")
  public func startInBackground(host: String = "127.0.0.1", port: UInt16 = 0) throws -> UInt16 {
    let box = ResultBox()
    let done = DispatchSemaphore(value: 0)
    Task {
      do {
        box.set(.success(try await self.start(host: host, port: port)))
      } catch {
        box.set(.failure(error))
      }
      done.signal()
    }
    done.wait()
    return try box.get()
  }

  /// Stops the server from synchronous code, blocking until it has stopped.
  @available(*, noasync, message: "use stop() from async code")
  public func stopBlocking() {
    let done = DispatchSemaphore(value: 0)
    Task {
      await self.stop()
      done.signal()
    }
    done.wait()
  }

  /// Stops listening and closes open connections.
  public func stop() async {
    let (server, task) = state.withLock { s -> (HTTPServer?, Task<Void, any Error>?) in
      defer {
        s.server = nil
        s.task = nil
      }
      return (s.server, s.task)
    }
    await server?.stop(timeout: 1)
    task?.cancel()
  }
}

/// The mutable part of a server, behind a lock.
final class ServerState: @unchecked Sendable {
  struct Fields {
    var site: SamplePortalSite
    var log: [SampleRequestLog] = []
    var server: HTTPServer?
    var task: Task<Void, any Error>?
    var port: UInt16?
  }
  private let lock = NSLock()
  private var fields: Fields

  init(site: SamplePortalSite) { fields = Fields(site: site) }

  func withLock<T>(_ body: (inout Fields) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(&fields)
  }
}

/// Passes a result from a Task to a waiting thread.
private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<UInt16, any Error> = .failure(
    SamplePortalServer.Failure(description: "not started"))
  func set(_ r: Result<UInt16, any Error>) {
    lock.lock()
    result = r
    lock.unlock()
  }
  func get() throws -> UInt16 {
    lock.lock()
    defer { lock.unlock() }
    return try result.get()
  }
}

/// The FlyingFox handler: converts requests, applies delays, strips HEAD bodies, logs.
struct PortalHandler: HTTPHandler {
  let state: ServerState

  func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
    var headers: [String: String] = [:]
    for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
    let target = request.target.rawValue
    let answer: SampleResponse
    if request.method == .GET || request.method == .HEAD {
      let site = state.withLock { $0.site }
      answer = site.response(for: target, headers: headers)
    } else {
      answer = SampleResponse(
        status: 405, headers: ["Allow": "GET, HEAD", "Server": SamplePortalText.server], body: [])
    }
    if answer.delaySeconds > 0 {
      try await Task.sleep(nanoseconds: UInt64(answer.delaySeconds * 1_000_000_000))
    }
    var out = HTTPHeaders()
    for (name, value) in answer.headers { out[HTTPHeader(name)] = value }
    out[HTTPHeader("Date")] = SampleDate.httpDate(Int(Date().timeIntervalSince1970))
    var body = HTTPBodySequence(data: Data(answer.body))
    var sent = answer.body.count
    if request.method == .HEAD {
      out[.contentLength] = String(answer.body.count)
      body = HTTPBodySequence(data: Data())
      sent = 0
    } else if answer.chunked && request.version == .http11 {
      body = HTTPBodySequence(from: ByteChunks(bytes: answer.body))  // no count: chunked
    }
    let entry = SampleRequestLog(
      method: request.method.rawValue, path: target, status: answer.status,
      ifNoneMatch: headers["if-none-match"], ifModifiedSince: headers["if-modified-since"],
      acceptEncoding: headers["accept-encoding"], userAgent: headers["user-agent"],
      bytes: sent, time: Date())
    state.withLock { $0.log.append(entry) }
    return HTTPResponse(
      statusCode: HTTPStatusCode(answer.status, phrase: Self.phrase(answer.status)), headers: out,
      body: body)
  }

  static func phrase(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 304: "Not Modified"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 500: "Internal Server Error"
    default: "Status"
    }
  }
}

/// FlyingFox's socket pool, turning off Nagle's algorithm on every socket it suspends.
///
/// FlyingFox writes a response's head and body with two `write` calls and leaves Nagle on, so on
/// a kept-alive connection the body waits for the client's delayed ACK: 40 ms per response on
/// Linux loopback (measured with curl: 44 ms vs 2 ms per response). The listening socket passes through here on its
/// first `accept`, and Linux copies TCP_NODELAY to the connections it accepts; connections that
/// wait for data are set again here.
struct NoDelayPool<Base: AsyncSocketPool>: AsyncSocketPool {
  let base: Base

  func prepare() async throws { try await base.prepare() }

  func run() async throws { try await base.run() }

  func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
    var one: Int32 = 1
    // Best effort: a failure (e.g. a non-TCP socket) only costs latency.
    _ = setsockopt(
      socket.file.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &one,
      socklen_t(MemoryLayout<Int32>.size))
    try await base.suspendSocket(socket, untilReadyFor: events)
  }
}

/// A byte array as FlyingFox's async buffered sequence, handed out in pieces of at most
/// `chunkSize` bytes (so a chunked response has several chunks).
struct ByteChunks: AsyncBufferedSequence {
  typealias Element = UInt8
  let bytes: [UInt8]
  var chunkSize = 4096

  func makeAsyncIterator() -> Iterator { Iterator(bytes: bytes, chunkSize: chunkSize) }

  struct Iterator: AsyncBufferedIteratorProtocol {
    let bytes: [UInt8]
    let chunkSize: Int
    var offset = 0

    mutating func next() async -> UInt8? {
      guard offset < bytes.count else { return nil }
      defer { offset += 1 }
      return bytes[offset]
    }

    mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
      guard offset < bytes.count else { return nil }
      let end = Swift.min(bytes.count, offset + Swift.max(1, Swift.min(count, chunkSize)))
      defer { offset = end }
      return bytes[offset..<end]
    }
  }
}
