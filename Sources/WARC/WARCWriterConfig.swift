/// Settings of a `WARCWriter`.
public struct WARCWriterConfig: Sendable {
  /// The archive root; files go to `root/YYYY/MM/DD/`.
  public var root: String
  /// File name prefix: `<prefix>-<YYYYMMDDhhmmss>-<serial>-<host>.warc.gz`.
  public var prefix: String = "portal"
  /// A file is rotated before a write that would make it larger than this (bytes, compressed).
  /// A single fetch larger than this still goes whole into one (new) file.
  public var maxFileSize: Int64 = 1_000_000_000
  /// zlib level of each gzip member (0–9).
  public var gzipLevel: Int32 = 6
  /// Fields of the warcinfo record that opens each file, after `software` (isPartOf, robots,
  /// http-header-user-agent...); `format`, `conformsTo` and `hostname` are added if missing.
  public var warcinfoFields: [(String, String)] = [("software", "portal-archiver")]
  /// Flush + fsync after this many records have been written since the last sync
  /// (0 = only on `sync()`, rotation and `close()`).
  public var syncEveryRecords: Int = 0
  /// Flush + fsync when this many milliseconds have passed since the last sync, checked at each
  /// `write` (0 = off).
  public var syncIntervalMs: Int = 0
  /// Bytes of compressed records held in memory before they are written to the file. Records
  /// still buffered are lost on a crash; call `sync()` before recording progress elsewhere.
  public var bufferSize: Int = 4 << 20
  /// Bytes of index lines the open file's `CDXJSorter` holds before it spills a sorted run to
  /// disk (the rest of the index waits in run files until the file is closed).
  public var indexMemory: Int = 4 << 20
  /// The host part of file names and the warcinfo `hostname`; nil = the machine's host name.
  public var hostname: String? = nil

  public init(
    root: String, prefix: String = "portal", maxFileSize: Int64 = 1_000_000_000,
    gzipLevel: Int32 = 6, warcinfoFields: [(String, String)] = [("software", "portal-archiver")],
    syncEveryRecords: Int = 0, syncIntervalMs: Int = 0
  ) {
    self.root = root
    self.prefix = prefix
    self.maxFileSize = maxFileSize
    self.gzipLevel = gzipLevel
    self.warcinfoFields = warcinfoFields
    self.syncEveryRecords = syncEveryRecords
    self.syncIntervalMs = syncIntervalMs
  }
}
