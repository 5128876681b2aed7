import ArgumentParser
import Crawl
import Dispatch
import Foundation
import WebApp

/// `portal-archiver serve [--port 8080] [--bind 127.0.0.1]`: the local web app over the archive.
///
/// Blocks until SIGINT or SIGTERM. The app reads the state DB read-only, so it may run while
/// a crawl writes the archive.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the archive as a local web app: search, articles, changes, replay.",
    discussion: """
      Binds 127.0.0.1 unless --bind says otherwise (the app has no login: bind another \
      address only on a trusted network). Pages: / (hosts, runs, articles per day), /search, \
      /article?url=, /changes, /replay?url=&at=, and the hits of a search (its terms or \
      filters alone) as /export.jsonl?q= or /export.wacz?q= (a WACZ of their captures).
      """)

  @OptionGroup var options: ConfigOptions
  @Option(help: "TCP port (0: any free port, printed).") var port = 8080
  @Option(help: "Address to listen on.") var bind = "127.0.0.1"

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
  }

  func run() throws {
    let config = try options.loadOrExit()
    let app: WebApp
    do {
      app = try WebApp(archiveRoot: config.archive, statePath: config.statePath)
    } catch {
      throw fail("serve: \(error)", code: 1)
    }
    let done = DispatchSemaphore(value: 0)
    let failure = ServeFailure()
    let bind = self.bind
    Task {
      do {
        try await app.run(bind: bind, port: port) { port in
          FileHandle.standardOutput.write(
            Data("serving \(config.archive) on http://\(bind):\(port)/\n".utf8))
        }
      } catch {
        failure.set(error)
      }
      done.signal()
    }
    done.wait()
    if let e = failure.error { throw fail("serve: \(e)", code: 1) }
  }
}

/// The error the server task ended with, handed to the waiting command thread.
final class ServeFailure: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Error?
  var error: Error? {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }
  func set(_ e: Error) {
    lock.lock()
    stored = e
    lock.unlock()
  }
}
