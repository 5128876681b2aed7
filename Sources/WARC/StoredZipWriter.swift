import CZlibShim
import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a ZIP file of STORED (uncompressed) entries, with Zip64 records when sizes or offsets
/// pass 4 GiB, hashing each entry (SHA-256) in the same pass as its CRC-32.
///
/// Hand-written instead of ZIPFoundation's `Archive.addEntry` for WACZ export: on Linux
/// ZIPFoundation computes CRC-32 with a Swift table loop (its `#if canImport(zlib)` fails, its
/// zlib module being `CZLib`), which alone made export ~2.5x slower than `zip -0`; here CRC-32 is
/// zlib's. Entries are never compressed, which is what WACZ asks for WARC files. ZIPFoundation
/// still reads these files back in the tests. Not thread-safe; one owner.
final class StoredZipWriter {
  private struct CentralEntry {
    var name: [UInt8]
    var crc: UInt32
    var size: UInt64
    var offset: UInt64
    var dosTime: UInt16
    var dosDate: UInt16
  }

  let path: String
  private let fd: Int32
  private var offset: UInt64 = 0
  private var entries: [CentralEntry] = []
  private var chunk = [UInt8](repeating: 0, count: 1 << 20)
  private let dosTime: UInt16
  private let dosDate: UInt16
  /// Sizes and offsets at or above this use Zip64 fields (lowered by tests).
  private let zip64Threshold: UInt64

  init(path: String, date: Date = Date(), zip64Threshold: UInt64 = 0xFFFF_FFFF) throws {
    self.path = path
    self.zip64Threshold = zip64Threshold
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw WARCError.io(call: "open", path: path, errno: errno) }
    let p = WARCDate.parts(date)
    dosTime = UInt16(p.hour << 11 | p.minute << 5 | p.second / 2)
    dosDate = UInt16(max(0, p.year - 1980) << 9 | p.month << 5 | p.day)
  }

  deinit { if fd >= 0 { close(fd) } }

  /// Adds the file at `file` as entry `name`; returns its `sha256:` hex digest and size.
  func addFile(name: String, file: String) throws -> (hash: String, size: Int64) {
    let src = open(file, O_RDONLY | O_CLOEXEC)
    guard src >= 0 else { throw WARCError.io(call: "open", path: file, errno: errno) }
    defer { close(src) }
    var st = stat()
    guard fstat(src, &st) == 0 else { throw WARCError.io(call: "fstat", path: file, errno: errno) }
    let size = UInt64(st.st_size)
    let headerOffset = offset
    try writeLocalHeader(name: Array(name.utf8), size: size, crc: 0)
    var crc = crc32(0, nil, 0)
    // SHA-256 runs on its own queue, overlapping the read, CRC-32 and write of later chunks
    // (measured: it was a third of the copy's time on one thread). At most 4 chunks wait.
    let hashing = HashPipeline(chunkSize: chunk.count)
    var remaining = size
    while remaining > 0 {
      let want = Int(min(UInt64(chunk.count), remaining))
      let slot = hashing.freeSlot()
      let buffer = hashing.buffer(slot)
      var n = 0
      repeat {
        n = read(src, buffer.baseAddress, want)
      } while n < 0 && errno == EINTR
      if n < 0 { throw WARCError.io(call: "read", path: file, errno: errno) }
      guard n > 0 else { throw WARCError.io(call: "read", path: file, errno: EIO) }
      let filled = UnsafeBufferPointer(rebasing: buffer[0..<n])
      crc = crc32(crc, filled.baseAddress, uInt(n))
      try writeRaw(filled)
      hashing.update(slot: slot, count: n)
      remaining -= UInt64(n)
    }
    let digest = hashing.finalize()
    try patchCRC(UInt32(crc), headerOffset: headerOffset)
    entries.append(
      CentralEntry(
        name: Array(name.utf8), crc: UInt32(crc), size: size, offset: headerOffset,
        dosTime: dosTime, dosDate: dosDate))
    return ("sha256:" + WARCDigest.hex(digest), Int64(size))
  }

  /// The CRC-32 of `bytes` (zlib's), for callers that compute it on another thread.
  static func checksum(of bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { UInt32(CZlibShim.crc32(0, $0.baseAddress, uInt($0.count))) }
  }

  /// Adds `bytes` as entry `name`; `crc` is their CRC-32 when the caller already has it.
  func addBytes(name: String, bytes: [UInt8], crc known: UInt32? = nil) throws {
    let headerOffset = offset
    let crc = known ?? Self.checksum(of: bytes)
    try writeLocalHeader(name: Array(name.utf8), size: UInt64(bytes.count), crc: crc)
    try writeRaw(bytes, count: bytes.count)
    entries.append(
      CentralEntry(
        name: Array(name.utf8), crc: crc, size: UInt64(bytes.count), offset: headerOffset,
        dosTime: dosTime, dosDate: dosDate))
  }

  /// Writes the central directory and end records, fsyncs and closes.
  func finish() throws {
    let cdStart = offset
    var cd: [UInt8] = []
    for e in entries {
      let big = e.size >= zip64Threshold
      let farOffset = e.offset >= zip64Threshold
      var extra: [UInt8] = []
      if big { extra += le64(e.size) + le64(e.size) }
      if farOffset { extra += le64(e.offset) }
      if !extra.isEmpty { extra = le16(0x0001) + le16(UInt16(extra.count)) + extra }
      cd += le32(0x0201_4b50) + le16(0x031E) + le16(big || farOffset ? 45 : 20) + le16(0x0800)
      cd += le16(0) + le16(e.dosTime) + le16(e.dosDate) + le32(e.crc)
      cd += le32(big ? 0xFFFF_FFFF : UInt32(e.size)) + le32(big ? 0xFFFF_FFFF : UInt32(e.size))
      cd += le16(UInt16(e.name.count)) + le16(UInt16(extra.count)) + le16(0) + le16(0) + le16(0)
      cd += le32(UInt32(0o100644) << 16) + le32(farOffset ? 0xFFFF_FFFF : UInt32(e.offset))
      cd += e.name + extra
    }
    try writeRaw(cd, count: cd.count)
    let cdSize = UInt64(cd.count)
    var end: [UInt8] = []
    let zip64 =
      cdStart >= zip64Threshold || cdSize >= zip64Threshold || entries.count >= 0xFFFF
      || entries.contains { $0.size >= zip64Threshold || $0.offset >= zip64Threshold }
    if zip64 {
      let z64 = offset
      end += le32(0x0606_4b50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
      end +=
        le64(UInt64(entries.count)) + le64(UInt64(entries.count)) + le64(cdSize) + le64(cdStart)
      end += le32(0x0706_4b50) + le32(0) + le64(z64) + le32(1)
    }
    let n16 = UInt16(min(entries.count, 0xFFFF))
    end +=
      le32(0x0605_4b50) + le16(0) + le16(0) + le16(zip64 ? 0xFFFF : n16)
      + le16(zip64 ? 0xFFFF : n16)
    end +=
      le32(UInt32(min(cdSize, 0xFFFF_FFFF))) + le32(UInt32(min(cdStart, 0xFFFF_FFFF))) + le16(0)
    try writeRaw(end, count: end.count)
    guard fsync(fd) == 0 else { throw WARCError.io(call: "fsync", path: path, errno: errno) }
  }

  private func writeLocalHeader(name: [UInt8], size: UInt64, crc: UInt32) throws {
    let big = size >= zip64Threshold
    var h = le32(0x0403_4b50) + le16(big ? 45 : 20) + le16(0x0800) + le16(0)
    h += le16(dosTime) + le16(dosDate) + le32(crc)
    h += le32(big ? 0xFFFF_FFFF : UInt32(size)) + le32(big ? 0xFFFF_FFFF : UInt32(size))
    h += le16(UInt16(name.count)) + le16(big ? 20 : 0) + name
    if big { h += le16(0x0001) + le16(16) + le64(size) + le64(size) }
    try writeRaw(h, count: h.count)
  }

  private func patchCRC(_ crc: UInt32, headerOffset: UInt64) throws {
    let bytes = le32(crc)
    let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, 4, off_t(headerOffset + 14)) }
    guard n == 4 else { throw WARCError.io(call: "pwrite", path: path, errno: n < 0 ? errno : EIO) }
  }

  private func writeRaw(_ bytes: [UInt8], count: Int) throws {
    try bytes.withUnsafeBufferPointer { try writeRaw(UnsafeBufferPointer(rebasing: $0[0..<count])) }
  }

  private func writeRaw(_ bytes: UnsafeBufferPointer<UInt8>) throws {
    guard let base = bytes.baseAddress else { return }
    var done = 0
    while done < bytes.count {
      let n = write(fd, base + done, bytes.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        throw WARCError.io(call: "write", path: path, errno: errno)
      }
      done += n
    }
    offset += UInt64(bytes.count)
  }

  private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
  private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xff) } }
  private func le64(_ v: UInt64) -> [UInt8] {
    (0..<8).map { UInt8((v >> (8 * UInt64($0))) & 0xff) }
  }
}

/// SHA-256 of a stream of chunks, computed on a serial queue of its own.
///
/// Owns a pool of 4 chunk buffers: `freeSlot` blocks until one is free (the hash of an earlier
/// chunk finished), the caller fills `buffer(slot)` and hands it back with `update`; `finalize` waits for
/// every chunk. The buffers live as long as the pipeline.
private final class HashPipeline: @unchecked Sendable {
  private let queue = DispatchQueue(label: "portal-archiver.zip-sha256")
  private let slots = DispatchSemaphore(value: 4)
  private let lock = NSLock()
  private var free: [Int]
  private let all: [UnsafeMutableBufferPointer<UInt8>]
  private var hasher = SHA256()  // touched only on `queue`

  init(chunkSize: Int) {
    all = (0..<4).map { _ in UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize) }
    free = Array(all.indices)
  }

  deinit {
    queue.sync {}
    for buffer in all { buffer.deallocate() }
  }

  /// A free buffer's slot; blocks while all 4 are being hashed.
  func freeSlot() -> Int {
    slots.wait()
    lock.lock()
    defer { lock.unlock() }
    return free.removeLast()
  }

  func buffer(_ slot: Int) -> UnsafeMutableBufferPointer<UInt8> { all[slot] }

  /// Hashes the first `count` bytes of the slot's buffer, then frees the slot.
  func update(slot: Int, count: Int) {
    queue.async {
      self.hasher.update(
        bufferPointer: UnsafeRawBufferPointer(start: self.all[slot].baseAddress, count: count))
      self.lock.lock()
      self.free.append(slot)
      self.lock.unlock()
      self.slots.signal()
    }
  }

  func finalize() -> [UInt8] {
    queue.sync { Array(hasher.finalize()) }
  }
}
