/// Where a record was written: `file` relative to the archive root, and the byte range of its
/// gzip member (`length` is the compressed member length).
public struct WARCLocation: Sendable, Codable, Equatable, Hashable {
  public var file: String
  public var offset: Int64
  public var length: Int64

  public init(file: String, offset: Int64, length: Int64) {
    self.file = file
    self.offset = offset
    self.length = length
  }
}
