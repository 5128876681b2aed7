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

  /// Takes the lock without waiting; throws `Held` at once when another process has it.
  public init(statePath: String) throws {
    path = statePath + ".lock"
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    if fd < 0 {
      throw ConfigError(file: path, "cannot open lock file: \(String(cString: strerror(errno)))")
    }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      close(fd)
      throw Held(path: path)
    }
    let pid = "\(getpid())\n"
    _ = ftruncate(fd, 0)
    _ = pid.withCString { write(fd, $0, strlen($0)) }
  }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }
}
