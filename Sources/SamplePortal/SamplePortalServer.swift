import FlyingFox
import FlyingSocks
import Foundation

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
