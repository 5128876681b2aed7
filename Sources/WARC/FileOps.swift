import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Small POSIX helpers that throw `WARCError.io` naming the call and path.
public enum FileOps {
  static func mkdirs(_ path: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw WARCError.io(call: "mkdir", path: path, errno: errno == 0 ? EIO : errno)
    }
  }

  /// Writes all of `bytes` to `fd` (`path` names it in errors), retrying on EINTR and short
  /// writes.
  public static func writeAll(fd: Int32, path: String, _ bytes: [UInt8]) throws {
    var done = 0
    try bytes.withUnsafeBytes { p in
      guard let base = p.baseAddress else { return }
      while done < p.count {
        let n = write(fd, base + done, p.count - done)
        if n < 0 {
          if errno == EINTR { continue }
          throw WARCError.io(call: "write", path: path, errno: errno)
        }
        done += n
      }
    }
  }

  static func fsyncPath(_ path: String, directory: Bool) throws {
    let fd = open(path, (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw WARCError.io(call: "open", path: path, errno: errno) }
    defer { close(fd) }
    guard fsync(fd) == 0 else { throw WARCError.io(call: "fsync", path: path, errno: errno) }
  }

  /// Writes `bytes` to `path` through a temporary file, fsync and rename.
  static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws {
    let tmp = path + ".tmp"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw WARCError.io(call: "open", path: tmp, errno: errno) }
    do {
      try writeAll(fd: fd, path: tmp, bytes)
      guard fsync(fd) == 0 else { throw WARCError.io(call: "fsync", path: tmp, errno: errno) }
    } catch {
      close(fd)
      throw error
    }
    close(fd)
    guard rename(tmp, path) == 0 else {
      throw WARCError.io(call: "rename", path: path, errno: errno)
    }
    try fsyncPath(directory(of: path), directory: true)
  }

  /// Writes `path` through `<path>.tmp` with what `body` appends, then fsync and rename;
  /// returns the bytes written. On an error the temporary file is removed and `path` is left
  /// as it was.
  static func writeStreaming(_ path: String, _ body: (LineFileWriter) throws -> Void) throws
    -> Int64
  {
    let tmp = path + ".tmp"
    let out = try LineFileWriter(path: tmp)
    do {
      try body(out)
      try out.close(sync: true)
    } catch {
      out.abandon()
      unlink(tmp)
      throw error
    }
    guard rename(tmp, path) == 0 else {
      let e = errno
      unlink(tmp)
      throw WARCError.io(call: "rename", path: path, errno: e)
    }
    try fsyncPath(directory(of: path), directory: true)
    return out.bytes
  }

  /// The folder holding `path` ("." for a bare file name).
  static func directory(of path: String) -> String {
    let dir = (path as NSString).deletingLastPathComponent
    return dir.isEmpty ? "." : dir
  }

  static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  /// The machine's host name, reduced to `[A-Za-z0-9.-]`.
  static func hostname() -> String {
    var buf = [UInt8](repeating: 0, count: 256)
    let rc = buf.withUnsafeMutableBufferPointer { p in
      p.baseAddress.map {
        $0.withMemoryRebound(to: CChar.self, capacity: 255) { gethostname($0, 255) }
      } ?? -1
    }
    guard rc == 0 else { return "localhost" }
    let name = String(decoding: buf.prefix { $0 != 0 }, as: UTF8.self)
    let clean = String(
      name.map { c -> Character in
        (c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-")) ? c : "-"
      })
    return clean.isEmpty ? "localhost" : clean
  }

  /// All files under `root` (recursively) whose name ends with `suffix`, sorted.
  static func files(under root: String, suffix: String) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
    var out: [String] = []
    while let rel = e.nextObject() as? String {
      if rel.hasSuffix(suffix) { out.append(root + "/" + rel) }
    }
    return out.sorted()
  }

  /// `x.warc.gz` / `x.warc` → `x.cdxj`.
  static func cdxjPath(forWARC path: String) -> String {
    var base = path
    for s in [".warc.gz", ".warc"] where base.hasSuffix(s) {
      base.removeLast(s.count)
      break
    }
    return base + ".cdxj"
  }
}
