/// An error of the WARC module, carrying the file, offset or C call that failed.
public enum WARCError: Error, CustomStringConvertible, Sendable {
  /// A system call failed (`call` names it, `errno` its code).
  case io(call: String, path: String, errno: Int32)
  /// A zlib call failed.
  case zlib(call: String, code: Int32, message: String)
  /// A record or gzip member could not be read at `offset` of `file`.
  case corrupt(file: String, offset: Int64, problem: String)
  /// A lookup found nothing.
  case notFound(String)
  /// A bad argument (date, format, path).
  case invalid(String)

  public var description: String {
    switch self {
    case .io(let call, let path, let errno):
      return "\(call)(\(path)) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    case .zlib(let call, let code, let message):
      return "zlib \(call) failed with code \(code)\(message.isEmpty ? "" : ": \(message)")"
    case .corrupt(let file, let offset, let problem):
      return "\(file):\(offset): \(problem)"
    case .notFound(let what):
      return what
    case .invalid(let what):
      return what
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
