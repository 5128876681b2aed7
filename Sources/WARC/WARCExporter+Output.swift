import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension WARCExporter {
  /// Where an export goes, once `checkOutput` has looked at `--out`.
  enum OutputTarget {
    /// A regular file (new or replaced): written through `<out>.tmp`, fsync and rename.
    case file
    /// Standard output (`-`), or an existing device, pipe or socket (`/dev/stdout`, a FIFO):
    /// opened and written in place, never renamed over.
    case stream
  }

  /// Refuses an output that would damage something, and says how the rest are written: a path
  /// inside the archive root (it could replace a WARC file or the state DB: `--out
  /// archive/state.sqlite` once did) and an existing folder are refused; an existing device,
  /// pipe or socket is written in place (the rename of a file export once replaced /dev/stdout
  /// with a regular file).
  static func checkOutput(_ o: WARCExportOptions) throws -> OutputTarget {
    if o.out == "-" { return .stream }
    guard !o.out.isEmpty else { throw WARCError.invalid("--out is empty") }
    let out = absolute(o.out)
    let parent = (out as NSString).deletingLastPathComponent
    guard let realParent = realPath(parent) else {
      throw WARCError.invalid("--out \(o.out): the folder \(parent) does not exist")
    }
    let target = realParent + "/" + (out as NSString).lastPathComponent
    if let root = realPath(absolute(o.root)), target == root || target.hasPrefix(root + "/") {
      throw WARCError.invalid(
        "--out \(o.out) is inside the archive root \(o.root): refusing to write there"
          + " (it could replace archived data or the state DB)")
    }
    var st = stat()
    guard lstat(out, &st) == 0 else { return .file }
    if st.st_mode & S_IFMT == S_IFLNK, stat(out, &st) != 0 { return .file }  // dangling link
    switch st.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR:
      throw WARCError.invalid(
        "--out \(o.out) is a folder: give a file path, or '-' for standard output")
    default: return .stream  // character or block device, FIFO, socket
    }
  }

  /// Exports to a temporary file, then copies it to `o.out` opened in place (standard output
  /// for "-"): WACZ is a ZIP whose central directory is written last, so every format goes
  /// through a file (in `TMPDIR`, default /tmp); memory stays bounded. The file is unlinked as
  /// soon as it is opened for the copy, so a reader that closes the pipe early (`| head`,
  /// SIGPIPE) leaves nothing behind.
  static func exportToStream(_ o: WARCExportOptions) throws -> WARCExportReport {
    let env = ProcessInfo.processInfo.environment["TMPDIR"] ?? ""
    let dir = env.isEmpty ? "/tmp" : env
    let tmp = dir + "/portal-archiver-export-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer { unlink(tmp) }
    var file = o
    file.out = tmp
    let report = try export(file)
    if o.out == "-" {
      try copy(tmp, toFD: STDOUT_FILENO, name: "standard output")
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
