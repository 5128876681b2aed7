import CZlibShim
import FuzzSupport
import WARC

#if canImport(Glibc)
  import Glibc
#endif

/// libFuzzer entry point: reading WARC files, gzip member streams, records and CDXJ lines.
///
/// The input is written to a file in /dev/shm (one path per process, rewritten every run)
/// three ways and read back with `WARCReader` and `WARCVerifier`: as it is named `.warc`; as it
/// is named `.warc.gz` (a gzip stream the mutator can damage directly); and compressed here, one
/// gzip member per "WARC/1." record start, named `.warc.gz` (so the record parser behind the
/// gzip reader sees the mutated records). Each record read is checked, indexed as CDXJ and the
/// line parsed back; every line of the input is also parsed as a CDXJ line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  FuzzWARC.read(bytes, as: FuzzWARC.plainPath)
  FuzzWARC.read(bytes, as: FuzzWARC.gzipPath)
  if let members = FuzzWARC.gzipMembers(bytes) {
    FuzzWARC.read(members, as: FuzzWARC.gzipPath)
  }
  for line in bytes.split(separator: 10).prefix(1_000) {
    _ = CDXJEntry.parse(Substring(String(decoding: line, as: UTF8.self)))
  }
  return 0
}

/// The WARC fuzz target: starts libFuzzer; the scratch files and the reading done on them.
@main enum FuzzWARC {
  /// Starts libFuzzer, which calls `fuzz` once per input.
  static func main() {
    FuzzDriver.run { data, size in fuzz(data ?? FuzzDriver.empty, size) }
  }

  static let directory = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
  static let plainPath = "\(directory)/portal-archiver-fuzz-\(getpid()).warc"
  static let gzipPath = "\(directory)/portal-archiver-fuzz-\(getpid()).warc.gz"
  /// Records read from one file at most (a hostile file can hold millions of tiny ones).
  static let maxRecords = 2_000

  /// Writes `bytes` to `path`, then reads, checks and verifies it.
  static func read(_ bytes: [UInt8], as path: String) {
    guard write(bytes, to: path) else { return }
    if let reader = try? WARCReader(path: path) {
      var count = 0
      while count < maxRecords, let item = try? reader.next() {
        count += 1
        inspect(item)
      }
      try? reader.seek(to: 0)
      _ = try? reader.next()
    }
    _ = try? WARCReader.record(path: path, offset: 0)
    _ = WARCVerifier.verify(paths: [path]).faults.count
  }

  /// Reads every accessor of a record and round-trips its CDXJ line.
  static func inspect(_ item: WARCReadItem) {
    let record = item.record
    _ = record.type
    _ = record.recordID
    _ = record.targetURI
    _ = record.dateString
    _ = record.httpStatus
    _ = record.httpPayload.count
    _ = record.httpHeader("Content-Type")
    _ = record.serialized().count
    _ = WARCVerifier.check(record)
    if let entry = CDXJEntry.make(
      record: record, offset: item.offset, length: item.length, filename: "fuzz.warc.gz")
    {
      _ = CDXJEntry.parse(Substring(entry.line))
    }
  }

  /// Writes `bytes` to `path`, replacing it; false when the file cannot be written.
  static func write(_ bytes: [UInt8], to path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var done = 0
    while done < bytes.count {
      let n = bytes[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      guard n > 0 else { return false }
      done += n
    }
    return true
  }

  /// `bytes` as gzip members, a new member at each "WARC/1." that starts a line.
  static func gzipMembers(_ bytes: [UInt8]) -> [UInt8]? {
    let marker = Array("WARC/1.".utf8)
    var starts = [0]
    var i = 1
    while i + marker.count <= bytes.count {
      if bytes[i - 1] == 10, bytes[i..<(i + marker.count)].elementsEqual(marker) {
        starts.append(i)
      }
      i += 1
    }
    starts.append(bytes.count)
    var out: [UInt8] = []
    for k in 0..<(starts.count - 1) {
      guard let member = gzip(bytes[starts[k]..<starts[k + 1]]) else { return nil }
      out += member
    }
    return out
  }

  /// One gzip member holding `input`.
  static func gzip(_ input: ArraySlice<UInt8>) -> [UInt8]? {
    var stream = z_stream()
    guard
      pa_deflateInit2(&stream, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) == Z_OK
    else { return nil }
    defer { deflateEnd(&stream) }
    var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
    var input = Array(input)
    let status = input.withUnsafeMutableBufferPointer { inBuf in
      out.withUnsafeMutableBufferPointer { outBuf in
        stream.next_in = inBuf.baseAddress
        stream.avail_in = uInt(inBuf.count)
        stream.next_out = outBuf.baseAddress
        stream.avail_out = uInt(outBuf.count)
        return deflate(&stream, Z_FINISH)
      }
    }
    guard status == Z_STREAM_END else { return nil }
    out.removeLast(Int(stream.avail_out))
    return out
  }
}
