import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive flock(2) on `<state>.lock`, held for a crawl's lifetime so two crawls (say, a
/// cron job that overlaps the previous one) never share one state. Released when the process
/// exits, however it exits.
public final class StateLock {
  public let path: String
  private let fd: Int32

  /// Another process holds the lock.
  public struct Held: Error, CustomStringConvertible {
    public var path: String
    public var description: String {
      "another crawl is using this state (lock \(path) is held); try again when it has finished"
    }
  }

  /// Takes the lock; throws `Held` when another process has it. Retries for a quarter of a
  /// second first: `status` probes the lock (`holder`) for a moment, which must not make a
  /// starting crawl give up.
  public init(statePath: String) throws {
    path = statePath + ".lock"
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    if fd < 0 {
      throw ConfigError(file: path, "cannot open lock file: \(String(cString: strerror(errno)))")
    }
    var tries = 0
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      tries += 1
      if tries > 25 {
        close(fd)
        throw Held(path: path)
      }
      usleep(10_000)
    }
    let pid = "\(getpid())\n"
    _ = ftruncate(fd, 0)
    _ = pid.withCString { write(fd, $0, strlen($0)) }
  }

  /// The PID of the crawl holding the lock of `statePath`, or nil when no crawl holds it (its
  /// process ended, however it ended). Probes with a shared lock taken and released at once.
  public static func holder(statePath: String) -> Int32? {
    let path = statePath + ".lock"
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    if flock(fd, LOCK_SH | LOCK_NB) == 0 {
      flock(fd, LOCK_UN)
      return nil
    }
    var buf = [UInt8](repeating: 0, count: 32)
    let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    let text = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self) : ""
    return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
  }

  /// The live status file a running crawl keeps beside its state (`ProgressReporter`).
  public static func liveFile(statePath: String) -> String { statePath + ".live.json" }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }
}
