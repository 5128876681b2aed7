#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A read-only file with a read-ahead buffer (256 KiB), consumed from the front.
///
/// Not thread-safe. Closes its descriptor on deinit.
final class BufferedFile {
  let path: String
  let fd: Int32
  var buffer: [UInt8]
  /// Index of the next unconsumed byte of `buffer`.
  var start = 0
  /// End of valid bytes in `buffer`.
  var end = 0
  /// File offset of `buffer[0]`.
  var bufferOffset: Int64 = 0
  var atEOF = false
  let chunk: Int

  init(path: String, chunk: Int = 1 << 18) throws {
    self.path = path
    self.chunk = chunk
    fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw WARCError.io(call: "open", path: path, errno: errno) }
    buffer = [UInt8](repeating: 0, count: chunk)
  }

  deinit { close(fd) }

  /// File offset of the next unconsumed byte.
  var position: Int64 { bufferOffset + Int64(start) }
  var available: Int { end - start }

  /// Reads more bytes after the buffered ones; returns how many were added (0 at EOF).
  @discardableResult
  func fill(minimumFree: Int = 0) throws -> Int {
    if start > 0 {
      if start < end {
        buffer.withUnsafeMutableBytes { p in
          guard let base = p.baseAddress else { return }
          memmove(base, base + start, end - start)
        }
      }
      bufferOffset += Int64(start)
      end -= start
      start = 0
    }
    let want = max(chunk, minimumFree)
    if buffer.count - end < want {
      buffer.append(contentsOf: repeatElement(0, count: want - (buffer.count - end)))
    }
    let n = buffer.withUnsafeMutableBytes { p -> Int in
      read(fd, p.baseAddress.map { $0 + end }, p.count - end)
    }
    if n < 0 { throw WARCError.io(call: "read", path: path, errno: errno) }
    if n == 0 { atEOF = true }
    end += n
    return n
  }

  /// Ensures at least `count` unconsumed bytes are buffered; false if the file ends first.
  func ensure(_ count: Int) throws -> Bool {
    while available < count {
      if try fill(minimumFree: count - available) == 0 { return false }
    }
    return true
  }

  /// Moves to file offset `offset`; keeps the buffer when the offset lies inside it (index-driven
  /// reads of nearby records then cost no system call).
  func seek(to offset: Int64) throws {
    if offset >= bufferOffset && offset <= bufferOffset + Int64(end) {
      start = Int(offset - bufferOffset)
      return
    }
    guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else {
      throw WARCError.io(call: "lseek", path: path, errno: errno)
    }
    bufferOffset = offset
    start = 0
    end = 0
    atEOF = false
  }

  /// The file's size now.
  func size() throws -> Int64 {
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw WARCError.io(call: "fstat", path: path, errno: errno) }
    return Int64(st.st_size)
  }
}
