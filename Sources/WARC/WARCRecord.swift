// STUB: to be replaced by the WARC implementation.

/// One WARC/1.1 record: named header fields in order, and the block.
public struct WARCRecord: Sendable {
  public var headers: [(name: String, value: String)]
  public var block: [UInt8]

  public init(headers: [(name: String, value: String)], block: [UInt8]) {
    self.headers = headers
    self.block = block
  }

  /// The first value of a header field, compared case-insensitively.
  public subscript(field: String) -> String? {
    headers.first { $0.name.lowercased() == field.lowercased() }?.value
  }
}
