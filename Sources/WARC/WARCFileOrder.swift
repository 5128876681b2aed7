/// When a WARC file was opened, as its name says: the 14-digit timestamp and the serial of
/// `prefix-YYYYMMDDhhmmss-serial-host.warc.gz` (the prefix and the host may hold dashes).
///
/// Name order is write order: `WARCWriter` never gives a new file a name that sorts before a
/// file already in the archive, so whoever reads the archive's tail reads files in this order.
public struct WARCFileOrder: Comparable, Sendable {
  public var timestamp: String
  public var serial: Int

  public init(timestamp: String, serial: Int) {
    self.timestamp = timestamp
    self.serial = serial
  }

  /// The order of the file at `path` (a name or a path), or nil for a name without a timestamp.
  public init?(path: String) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let fields: [Substring] = name.split(separator: "-")
    guard
      let i = fields.firstIndex(where: {
        $0.count == 14 && $0.allSatisfy { $0.isASCII && $0.isNumber }
      })
    else { return nil }
    let next = fields.index(after: i)
    timestamp = String(fields[i])
    serial = next < fields.endIndex ? Int(fields[next]) ?? 0 : 0
  }

  public static func < (a: WARCFileOrder, b: WARCFileOrder) -> Bool {
    (a.timestamp, a.serial) < (b.timestamp, b.serial)
  }
}
