import FlyingFox
import Foundation

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
final class ResultBox: @unchecked Sendable {
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
