#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A sorted `.cdxj` file searched in place: a binary search with `pread` finds the lines that
/// start with a key, reading O(log n) blocks instead of the whole index.
///
/// The file must be sorted bytewise (as `WARCWriter`, `CDXJSorter` and cdxj-indexer write it).
/// Not thread-safe: one reader per thread. Closes its descriptor on deinit.
final class CDXJIndexFile {
  let path: String
  private let fd: Int32
  let size: Int64
  /// The last block read (most lookups touch a block more than once).
  private var block: [UInt8] = []
  private var blockOffset: Int64 = -1
  private static let blockSize = 4096

  init(path: String) throws {
    self.path = path
    fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw WARCError.io(call: "open", path: path, errno: errno) }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      let e = errno
      close(fd)
      throw WARCError.io(call: "fstat", path: path, errno: e)
    }
    size = Int64(st.st_size)
  }

  deinit { close(fd) }

  /// The lines (without "\n") that start with `prefix`, in file order.
  func lines(withPrefix prefix: [UInt8]) throws -> [[UInt8]] {
    var at = try lowerBound(prefix)
    var out: [[UInt8]] = []
    while at < size {
      let line = try line(at: at)
      guard line.starts(with: prefix) else { break }
      if !line.isEmpty { out.append(line) }
      at += Int64(line.count) + 1
    }
    return out
  }

  /// The offset of the first line that is not less than `key` (bytewise), or `size`.
  func lowerBound(_ key: [UInt8]) throws -> Int64 {
    // Invariant: the answer is a line start in [lo, hi]; lo is always a line start.
    var lo: Int64 = 0
    var hi = size
    while lo < hi {
      let mid = lo + (hi - lo) / 2
      let s = try lineStart(atOrAfter: mid)
      let probe = s < hi ? s : lo
      let line = try line(at: probe)
      if Self.less(line, key) {
        lo = probe + Int64(line.count) + 1
      } else {
        hi = probe
      }
    }
    return min(lo, size)
  }

  private static func less(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        guard let x = pa.baseAddress, let y = pb.baseAddress else { return pa.count < pb.count }
        return CDXJSorter.less(x, pa.count, y, pb.count)
      }
    }
  }

  /// The first line start at or after `offset` (`size` if none).
  private func lineStart(atOrAfter offset: Int64) throws -> Int64 {
    if offset <= 0 { return 0 }
    var at = offset - 1
    while at < size {
      let (bytes, base) = try read(at)
      let i = Int(at - base)
      if let nl = bytes[i...].firstIndex(of: 10) { return base + Int64(nl) + 1 }
      at = base + Int64(bytes.count)
    }
    return size
  }

  /// The line starting at `offset`, without its "\n".
  func line(at offset: Int64) throws -> [UInt8] {
    var out: [UInt8] = []
    var at = offset
    while at < size {
      let (bytes, base) = try read(at)
      let i = Int(at - base)
      if let nl = bytes[i...].firstIndex(of: 10) {
        out += bytes[i..<nl]
        return out
      }
      out += bytes[i...]
      at = base + Int64(bytes.count)
    }
    return out
  }

  /// The block holding `offset` and the block's file offset.
  private func read(_ offset: Int64) throws -> (bytes: [UInt8], base: Int64) {
    let base = offset - offset % Int64(Self.blockSize)
    if base == blockOffset { return (block, base) }
    var buf = [UInt8](repeating: 0, count: Self.blockSize)
    var got = 0
    while got < Self.blockSize {
      let n = buf.withUnsafeMutableBytes { p in
        pread(fd, p.baseAddress.map { $0 + got }, Self.blockSize - got, off_t(base) + off_t(got))
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw WARCError.io(call: "pread", path: path, errno: errno)
      }
      if n == 0 { break }
      got += n
    }
    buf.removeLast(Self.blockSize - got)
    guard !buf.isEmpty else {
      throw WARCError.corrupt(file: path, offset: offset, problem: "index ends early")
    }
    block = buf
    blockOffset = base
    return (buf, base)
  }
}
