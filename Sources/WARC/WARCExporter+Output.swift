import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension WARCExporter {
  /// Refuses an output that would damage something: a path inside the archive root (it could
  /// replace a WARC file or the state DB: `--out archive/state.sqlite` once did), or an existing
  /// file that is not a regular file (a directory, a device such as /dev/stdout, a pipe: the
  /// export's rename would replace it). "-" (standard output) is allowed.
  static func checkOutput(_ o: WARCExportOptions) throws {
    if o.out == "-" { return }
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
    if lstat(out, &st) == 0 {
      let kind = st.st_mode & S_IFMT
      if kind == S_IFLNK, stat(out, &st) != 0 { return }  // a dangling link: replaced by rename
      guard st.st_mode & S_IFMT == S_IFREG else {
        throw WARCError.invalid(
          "--out \(o.out) exists and is not a regular file (a folder, device or pipe):"
            + " give a file path, or '-' for standard output")
      }
    }
  }

  /// Exports to a temporary file, then copies it to standard output: WACZ is a ZIP whose
  /// central directory is written last, so every format goes through a file (in `TMPDIR`,
  /// default /tmp); memory stays bounded. The file is unlinked as soon as it is opened for the
  /// copy, so a reader that closes the pipe early (`| head`, SIGPIPE) leaves nothing behind.
  static func exportToStandardOutput(_ o: WARCExportOptions) throws -> WARCExportReport {
    let env = ProcessInfo.processInfo.environment["TMPDIR"] ?? ""
    let dir = env.isEmpty ? "/tmp" : env
    let tmp = dir + "/portal-archiver-export-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer { unlink(tmp) }
    var file = o
    file.out = tmp
    let report = try export(file)
    try copy(tmp, toFD: STDOUT_FILENO, name: "standard output")
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
