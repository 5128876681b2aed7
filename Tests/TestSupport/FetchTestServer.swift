import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A tiny blocking HTTP/1.1 server on 127.0.0.1 (port 0) with exact control of the wire.
///
/// Written by hand instead of using FlyingFox because tests need to send malformed or partial
/// responses: cut a body short, drip bytes slowly, reset a connection, write chunked framing by
/// hand. One thread accepts; each connection gets a thread that reads a request head (up to
/// CRLFCRLF), asks `handler` what to do and performs the steps; unless a step closes the
/// connection it waits for the next request (keep-alive).
public final class FetchTestServer: @unchecked Sendable {
  /// A request head as received.
  public struct Request: Sendable {
    public var raw: [UInt8]
    public var method: String
    public var target: String
    public var headers: [(name: String, value: String)]
    public var connectionNumber: Int
    /// The request body: as many bytes as its Content-Length says (a POST's form).
    public var body: [UInt8] = []

    public func header(_ name: String) -> String? {
      headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
  }

  /// One thing to do on the connection.
  public enum Step: Sendable {
    case send([UInt8])
    case sleep(Double)
    /// Close the connection normally (FIN).
    case close
    /// Close with SO_LINGER 0 so the peer sees a reset (RST).
    case reset
  }

  public let port: Int
  public let address: String
  private let listener: Int32
  private let handler: @Sendable (Request) -> [Step]
  private let lock = NSLock()
  private var connections = 0
  private var requests: [Request] = []
  private var stopped = false
  private var clientSockets: Set<Int32> = []

  /// - Parameter address: the loopback address to listen on (127.0.0.2 stands in for another
  ///   host).
  public init(address: String = "127.0.0.1", handler: @escaping @Sendable (Request) -> [Step])
    throws
  {
    self.address = address
    self.handler = handler
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    var one: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr(address)
    let bound = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(fd, 128) == 0 else {
      close(fd)
      throw POSIXError(.EADDRINUSE)
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    port = Int(UInt16(bigEndian: addr.sin_port))
    listener = fd
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  /// Base URL, e.g. "http://127.0.0.1:41234".
  public var baseURL: String { "http://\(address):\(port)" }

  /// TCP connections accepted so far.
  public var connectionCount: Int {
    lock.lock()
    defer { lock.unlock() }
    return connections
  }

  /// Request heads received so far.
  public var receivedRequests: [Request] {
    lock.lock()
    defer { lock.unlock() }
    return requests
  }

  /// Stops accepting and shuts open connections down. Sockets are closed only by their own
  /// threads (under the lock), so a descriptor number is never used after it was reused.
  public func stop() {
    lock.lock()
    defer { lock.unlock() }
    if stopped { return }
    stopped = true
    shutdown(listener, Int32(SHUT_RDWR))
    for fd in clientSockets { shutdown(fd, Int32(SHUT_RDWR)) }
  }

  /// A TCP port on 127.0.0.1 that nothing listens on (bound, then closed without listen()).
  public static func unusedPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    close(fd)
    return Int(UInt16(bigEndian: addr.sin_port))
  }

  private func closeClient(_ fd: Int32) {
    lock.lock()
    clientSockets.remove(fd)
    close(fd)
    lock.unlock()
  }

  deinit { stop() }

  private func acceptLoop() {
    while true {
      let client = accept(listener, nil, nil)
      lock.lock()
      if client < 0 || stopped {
        if client >= 0 { close(client) }
        let retry = client < 0 && errno == EINTR && !stopped
        if !retry { close(listener) }
        lock.unlock()
        if retry { continue }
        return
      }
      connections += 1
      let number = connections
      clientSockets.insert(client)
      lock.unlock()
      let thread = Thread { [self] in serve(client, number: number) }
      thread.start()
    }
  }

  private func serve(_ fd: Int32, number: Int) {
    var buffer: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    connection: while true {
      // Read one request head.
      var headEnd: Int? = nil
      while headEnd == nil {
        if let r = findHeadEnd(buffer) {
          headEnd = r
          break
        }
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 {
          closeClient(fd)
          return
        }
        buffer.append(contentsOf: chunk[0..<n])
      }
      guard let end = headEnd else { break }
      let raw = Array(buffer[0..<end])
      buffer.removeFirst(end)
      var request = parse(raw, connection: number)
      let length = request.header("Content-Length").flatMap { Int($0) } ?? 0
      while buffer.count < length {
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 {
          closeClient(fd)
          return
        }
        buffer.append(contentsOf: chunk[0..<n])
      }
      if length > 0 {
        request.body = Array(buffer[0..<length])
        buffer.removeFirst(length)
      }
      lock.lock()
      requests.append(request)
      lock.unlock()
      for step in handler(request) {
        switch step {
        case .send(let bytes):
          var offset = 0
          while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes {
              Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 {
              closeClient(fd)
              return
            }
            offset += n
          }
        case .sleep(let seconds):
          Thread.sleep(forTimeInterval: seconds)
        case .close:
          shutdown(fd, Int32(SHUT_WR))
          // Drain until the client closes so our FIN is not turned into a reset.
          var drained = 0
          while drained < 1 << 20 {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            drained += n
          }
          closeClient(fd)
          return
        case .reset:
          var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
          setsockopt(
            fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
          closeClient(fd)
          return
        }
      }
      continue connection
    }
    closeClient(fd)
  }

  private func findHeadEnd(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4 else { return nil }
    for i in 0...(bytes.count - 4)
    where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
      return i + 4
    }
    return nil
  }

  private func parse(_ raw: [UInt8], connection: Int) -> Request {
    let text = String(decoding: raw, as: UTF8.self)
    var lines = text.components(separatedBy: "\r\n")
    let requestLine = lines.isEmpty ? "" : lines.removeFirst()
    let parts = requestLine.split(separator: " ")
    var headers: [(name: String, value: String)] = []
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers.append(
        (
          String(line[..<colon]),
          line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        ))
    }
    return Request(
      raw: raw, method: parts.first.map(String.init) ?? "",
      target: parts.count > 1 ? String(parts[1]) : "", headers: headers,
      connectionNumber: connection)
  }

  /// A complete response with Content-Length, as bytes.
  public static func response(
    status: Int = 200, reason: String = "OK", headers: [(String, String)] = [], body: [UInt8] = []
  ) -> [UInt8] {
    var head = "HTTP/1.1 \(status) \(reason)\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    if status != 304, status >= 200 { head += "Content-Length: \(body.count)\r\n" }
    head += "\r\n"
    return Array(head.utf8) + body
  }
}
