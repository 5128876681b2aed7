import Foundation
import WARC
import Logging

/// A swift-log handler writing one line per message to standard error or a file.
///
/// On a terminal it first clears the live progress line, so that a notice ("stopping: SIGINT
/// …") is a line of its own and the progress line is redrawn below it. The output is shared by
/// every logger of the process and serialised by its lock.
struct LineLogHandler: LogHandler {
  /// Where the lines go: one per process.
  final class Output: @unchecked Sendable {
    let handle: FileHandle
    let clearsLine: Bool
    private let lock = NSLock()

    init(handle: FileHandle, clearsLine: Bool) {
      self.handle = handle
      self.clearsLine = clearsLine
    }

    func write(_ line: String) {
      lock.withLock {
        handle.write(Data(((clearsLine ? "\r\u{1B}[K" : "") + line + "\n").utf8))
      }
    }
  }

  let label: String
  let output: Output
  var logLevel: Logger.Level
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(
    level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
    file: String, function: String, line: UInt
  ) {
    let time = WARCDate.string(Date())
    output.write("\(time) \(level) \(label): \(message)")
  }
}
