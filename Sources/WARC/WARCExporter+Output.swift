import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension WARCExporter {
  /// Where an export goes, once `checkOutput` has looked at `--out`.
  enum OutputTarget: Equatable {
    /// A regular file (new or replaced), by its real path (a symbolic link is resolved, so the
    /// link stays a link): written through `<path>.tmp`, fsync and rename.
    case file(String)
    /// An open descriptor of this process: `-` and `/dev/stdout` are 1, `/dev/stderr` 2,
    /// `/dev/fd/N` and `/proc/self/fd/N` are N. Written to directly, whatever it is.
    case descriptor(Int32)
    /// An existing device, pipe or socket (a FIFO, /dev/null): opened and written in place,
    /// never renamed over.
    case inPlace
  }

  /// Refuses an output that would damage something, and says how the rest are written: a path
  /// inside the archive root (it could replace a WARC file or the state DB: `--out
  /// archive/state.sqlite` once did) and an existing folder are refused; the process's own
  /// descriptors (`/dev/stdout`, whose rename once replaced the link with a regular file) and
  /// existing devices, pipes or sockets are written in place.
  static func checkOutput(_ o: WARCExportOptions) throws -> OutputTarget {
    if o.out == "-" { return .descriptor(STDOUT_FILENO) }
    guard !o.out.isEmpty else { throw WARCError.invalid("--out is empty") }
    if let fd = ownDescriptor(o.out) { return .descriptor(fd) }
    let out = absolute(o.out)
    let parent = (out as NSString).deletingLastPathComponent
    guard let realParent = realPath(parent) else {
      throw WARCError.invalid("--out \(o.out): the folder \(parent) does not exist")
    }
    var target = realParent + "/" + (out as NSString).lastPathComponent
    var st = stat()
    if lstat(target, &st) == 0, st.st_mode & S_IFMT == S_IFLNK {
      // A link: what it points to decides (a dangling link is replaced by the new file).
      if let resolved = realPath(target) { target = resolved }
    }
    if let root = realPath(absolute(o.root)), target == root || target.hasPrefix(root + "/") {
      throw WARCError.invalid(
        "--out \(o.out) is inside the archive root \(o.root): refusing to write there"
          + " (it could replace archived data or the state DB)")
    }
    guard stat(target, &st) == 0 else { return .file(target) }
    switch st.st_mode & S_IFMT {
    case S_IFREG: return .file(target)
    case S_IFDIR:
      throw WARCError.invalid(
        "--out \(o.out) is a folder: give a file path, or '-' for standard output")
    default: return .inPlace  // character or block device, FIFO, socket
    }
  }

  /// The descriptor a path names when it is one of this process's own: /dev/stdout,
  /// /dev/stderr, /dev/fd/N, /proc/self/fd/N.
  static func ownDescriptor(_ path: String) -> Int32? {
    switch path {
    case "/dev/stdout": return STDOUT_FILENO
    case "/dev/stderr": return STDERR_FILENO
    default:
      for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
        return Int32(path.dropFirst(prefix.count))
      }
      return nil
    }
  }

  /// Exports to a temporary file, then copies it to `target` (a descriptor, or `o.out` opened
  /// in place): WACZ is a ZIP whose central directory is written last, so every format goes
  /// through a file (in `TMPDIR`, default /tmp); memory stays bounded. The file is unlinked as
  /// soon as it is opened for the copy, so a reader that closes the pipe early (`| head`,
  /// SIGPIPE) leaves nothing behind.
  static func exportToStream(_ o: WARCExportOptions, _ target: OutputTarget) throws
    -> WARCExportReport
  {
    let env = ProcessInfo.processInfo.environment["TMPDIR"] ?? ""
    let dir = env.isEmpty ? "/tmp" : env
    let tmp = dir + "/portal-archiver-export-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer { unlink(tmp) }
    var file = o
    file.out = tmp
    let report = try export(file)
    if case .descriptor(let fd) = target {
      try copy(tmp, toFD: fd, name: o.out == "-" ? "standard output" : o.out)
      return report
    }
    // In place: no O_CREAT, no O_TRUNC (a device or pipe has nothing to truncate).
    let fd = open(o.out, O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { throw WARCError.io(call: "open", path: o.out, errno: errno) }
    defer { close(fd) }
    try copy(tmp, toFD: fd, name: o.out)
    return report
  }

  private static func copy(_ path: String, toFD out: Int32, name: String) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw WARCError.io(call: "open", path: path, errno: errno) }
    defer { close(fd) }
    unlink(path)
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw WARCError.io(call: "read", path: path, errno: errno)
      }
      if n == 0 { return }
      try FileOps.writeAll(fd: out, path: name, Array(buffer[0..<n]))
    }
  }

  private static func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
  }

  private static func realPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }
}
