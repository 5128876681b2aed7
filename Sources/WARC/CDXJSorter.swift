#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Sorts index lines bytewise (as `LC_ALL=C sort`) with bounded memory, into a file.
///
/// Lines are buffered until they hold `memoryLimit` bytes (4 MiB), then sorted and written as a run file
/// beside the output (`<output>.run-N`); `finish` merges the runs and the buffered rest into the
/// output through `<output>.tmp`, fsync and rename. Memory is `memoryLimit` plus one read buffer
/// per run (64 KiB). A `.cdxj` of a 1 GB WARC holds ~100 MB of lines, so the writer's index no
/// longer costs memory in proportion to the open file. Duplicate lines are kept.
///
/// Not thread-safe: one owner adds and finishes. Run files are removed by `finish`, by
/// `discard`, and (left by a crash) by `WARCRecovery`.
final class CDXJSorter {
  let output: String
  let memoryLimit: Int
  private var arena: [UInt8] = []
  private var lines: [(start: Int, count: Int)] = []
  private var runs: [String] = []
  private var finished = false

  /// The suffix of run files, after the output path.
  static let runSuffix = ".run-"

  init(output: String, memoryLimit: Int = 4 << 20) {
    self.output = output
    self.memoryLimit = max(1, memoryLimit)
  }

  deinit { if !finished { discard() } }

  /// Adds one line (without its "\n"); empty lines are ignored.
  func add(_ line: some Sequence<UInt8>) throws {
    // Reserved once, to the limit: growing by doubling would overshoot it by up to 2x.
    if arena.capacity == 0 { arena.reserveCapacity(min(memoryLimit, 1 << 26) + (1 << 16)) }
    let start = arena.count
    arena.append(contentsOf: line)
    guard arena.count > start else { return }
    lines.append((start, arena.count - start))
    if arena.count >= memoryLimit { try spill() }
  }

  /// Adds one line given as text.
  func add(_ line: String) throws { try add(line.utf8) }

  /// How many run files have been written so far.
  var runCount: Int { runs.count }

  /// Writes the sorted lines, each followed by "\n", to `output` (atomically, fsynced unless
  /// `durable` is false) and removes the run files.
  func finish(durable: Bool = true) throws {
    defer { discard() }
    sortBuffered()
    let tmp = output + ".tmp"
    let out = try LineFileWriter(path: tmp)
    do {
      if runs.isEmpty {
        for l in lines { try out.write(arena, l.start, l.count) }
      } else {
        try merge(into: out)
      }
      try out.close(sync: durable)
    } catch {
      out.abandon()
      unlink(tmp)
      throw error
    }
    guard rename(tmp, output) == 0 else {
      throw WARCError.io(call: "rename", path: output, errno: errno)
    }
    if durable { try FileOps.fsyncPath(FileOps.directory(of: output), directory: true) }
    finished = true
  }

  /// Drops the buffered lines and removes the run files.
  func discard() {
    for r in runs { unlink(r) }
    runs.removeAll()
    arena.removeAll()
    lines.removeAll()
    finished = true
  }

  private func sortBuffered() {
    arena.withUnsafeBufferPointer { b in
      guard let base = b.baseAddress else { return }
      lines.sort { x, y in Self.less(base + x.start, x.count, base + y.start, y.count) }
    }
  }

  /// Bytewise order; a proper prefix sorts first.
  static func less(
    _ a: UnsafePointer<UInt8>, _ na: Int, _ b: UnsafePointer<UInt8>, _ nb: Int
  ) -> Bool {
    let c = memcmp(a, b, min(na, nb))
    return c != 0 ? c < 0 : na < nb
  }

  private func spill() throws {
    sortBuffered()
    let path = output + Self.runSuffix + String(runs.count)
    let out = try LineFileWriter(path: path)
    runs.append(path)
    do {
      for l in lines { try out.write(arena, l.start, l.count) }
      try out.close(sync: false)
    } catch {
      out.abandon()
      throw error
    }
    arena.removeAll(keepingCapacity: true)
    lines.removeAll(keepingCapacity: true)
  }

  /// Merges the runs and the buffered lines (the last source) into `out`.
  private func merge(into out: LineFileWriter) throws {
    var sources: [LineSource] = try runs.map { try FileLineSource(path: $0) }
    sources.append(BufferLineSource(arena: arena, lines: lines))
    arena.removeAll()
    lines.removeAll()
    var heads: [[UInt8]?] = try sources.map { try $0.next() }
    while true {
      var best = -1
      for (i, h) in heads.enumerated() {
        guard let h else { continue }
        if best < 0 { best = i; continue }
        guard let current = heads[best] else { continue }
        let smaller = h.withUnsafeBufferPointer { a in
          current.withUnsafeBufferPointer { b in
            guard let pa = a.baseAddress, let pb = b.baseAddress else { return false }
            return Self.less(pa, a.count, pb, b.count)
          }
        }
        if smaller { best = i }
      }
      guard best >= 0, let line = heads[best] else { return }
      try out.write(line, 0, line.count)
      heads[best] = try sources[best].next()
    }
  }
}

/// A source of lines (without "\n"), read in order.
protocol LineSource: AnyObject {
  func next() throws -> [UInt8]?
}

/// The sorted lines still in memory.
private final class BufferLineSource: LineSource {
  let arena: [UInt8]
  let lines: [(start: Int, count: Int)]
  var i = 0
  init(arena: [UInt8], lines: [(start: Int, count: Int)]) {
    self.arena = arena
    self.lines = lines
  }
  func next() throws -> [UInt8]? {
    guard i < lines.count else { return nil }
    let l = lines[i]
    i += 1
    return Array(arena[l.start..<(l.start + l.count)])
  }
}

/// The lines of a file, read through a 64 KiB buffer.
final class FileLineSource: LineSource {
  private let file: BufferedFile

  init(path: String) throws { file = try BufferedFile(path: path, chunk: 1 << 16) }

  /// The next non-empty line (a last line without "\n" included); nil at the end.
  func next() throws -> [UInt8]? {
    while true {
      if let line = try nextLine() {
        if line.isEmpty { continue }
        return line
      }
      return nil
    }
  }

  private func nextLine() throws -> [UInt8]? {
    var scanned = 0
    while true {
      let found = file.buffer.withUnsafeBufferPointer { b -> Int? in
        guard let base = b.baseAddress, file.available > scanned else { return nil }
        guard let p = memchr(base + file.start + scanned, 10, file.available - scanned) else {
          return nil
        }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
      }
      if let nl = found {
        let line = Array(file.buffer[file.start..<nl])
        file.start = nl + 1
        return line
      }
      scanned = file.available
      if try file.fill() == 0 {
        guard file.available > 0 else { return nil }
        let line = Array(file.buffer[file.start..<file.end])
        file.start = file.end
        return line
      }
    }
  }
}

/// Writes lines to a new file through a 1 MiB buffer.
///
/// Not thread-safe. `close` or `abandon` releases the descriptor (either may be called after the
/// other: only the first closes; deinit closes one left open).
public final class LineFileWriter {
  let path: String
  private let fd: Int32
  private var buffer: [UInt8] = []
  private var isOpen = true
  /// Bytes written so far (buffered included).
  private(set) var bytes: Int64 = 0

  init(path: String) throws {
    self.path = path
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw WARCError.io(call: "open", path: path, errno: errno) }
    buffer.reserveCapacity(1 << 20)
  }

  /// Appends `count` bytes of `source` from `start`, then "\n".
  func write(_ source: [UInt8], _ start: Int, _ count: Int) throws {
    source.withUnsafeBufferPointer { b in
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<(start + count)]))
    }
    buffer.append(10)
    bytes += Int64(count + 1)
    if buffer.count >= 1 << 20 { try flush() }
  }

  /// Appends `text` and "\n".
  public func line(_ text: String) throws {
    try append(Array(text.utf8))
    try append([10])
  }

  /// Writes `path` through `<path>.tmp` with the lines `body` appends, then fsync and rename
  /// (`FileOps.writeStreaming`): a reader sees the old file or the whole new one.
  @discardableResult
  public static func replace(_ path: String, _ body: (LineFileWriter) throws -> Void) throws
    -> Int64
  {
    try FileOps.writeStreaming(path, body)
  }

  /// Appends raw bytes (no newline added).
  func append(_ source: [UInt8]) throws {
    buffer.append(contentsOf: source)
    bytes += Int64(source.count)
    if buffer.count >= 1 << 20 { try flush() }
  }

  func flush() throws {
    guard !buffer.isEmpty else { return }
    try FileOps.writeAll(fd: fd, path: path, buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, optionally fsyncs, and closes.
  func close(sync: Bool) throws {
    defer { abandon() }
    try flush()
    if sync, fsync(fd) != 0 { throw WARCError.io(call: "fsync", path: path, errno: errno) }
  }

  /// Closes without writing what is buffered.
  func abandon() {
    if isOpen { Glibc.close(fd) }
    isOpen = false
  }

  deinit { abandon() }
}
