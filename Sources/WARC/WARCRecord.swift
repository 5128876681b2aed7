/// One WARC/1.1 record: named header fields in order, and the block.
///
/// A value type; build one with the static builders in `WARCRecord+Builders.swift`, serialise it
/// with `serialized()`, parse one with `parse(_:from:)`.
public struct WARCRecord: Sendable {
  /// The named fields, in the order they are written.
  public var headers: [(name: String, value: String)]
  /// The record block (exactly Content-Length bytes).
  public var block: [UInt8]

  public init(headers: [(name: String, value: String)], block: [UInt8]) {
    self.headers = headers
    self.block = block
  }

  /// The first value of a header field, compared case-insensitively.
  public subscript(field: String) -> String? {
    let key = field.lowercased()
    return headers.first { $0.name.lowercased() == key }?.value
  }

  /// Sets a header field (replacing the first of the same name, else appending before
  /// Content-Type if present so that length/type/digest fields stay last).
  public mutating func setHeader(_ name: String, _ value: String) {
    let key = name.lowercased()
    if let index = headers.firstIndex(where: { $0.name.lowercased() == key }) {
      headers[index].value = value
    } else if let index = headers.firstIndex(where: { $0.name.lowercased() == "content-type" }) {
      headers.insert((name, value), at: index)
    } else {
      headers.append((name, value))
    }
  }

  /// WARC-Type (warcinfo, request, response, revisit, metadata, conversion, resource).
  public var type: String? { self["WARC-Type"] }
  /// WARC-Record-ID, with its angle brackets.
  public var recordID: String? { self["WARC-Record-ID"] }
  /// WARC-Target-URI as a URI: surrounding spaces and the angle brackets wget 1.14–1.20 writes
  /// (`<http://…/>`) removed, spaces and other bytes not allowed in a URI percent-encoded (as
  /// warcio does). Our own records, written through `targetURI(_:)`, come back unchanged.
  public var targetURI: String? {
    guard let raw = self["WARC-Target-URI"] else { return nil }
    return Self.normalizedTargetURI(raw)
  }

  /// `raw` without `<…>` around it, percent-encoded where a URI may not hold the byte.
  static func normalizedTargetURI(_ raw: String) -> String {
    var value = Substring(raw)
    if value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != 0x3c && $0 != 0x3e && $0 != 0x22 })
    {
      return raw
    }
    value = Substring(value.trimmingSpaces())
    if value.hasPrefix("<"), value.hasSuffix(">"), value.count >= 2 {
      value = value.dropFirst().dropLast()
    }
    return targetURI(String(value))
  }
  /// WARC-Date as written (`YYYY-MM-DDThh:mm:ssZ`).
  public var dateString: String? { self["WARC-Date"] }

  /// For `application/http` records: the byte index where the HTTP payload begins (after the
  /// first blank line), or nil if the block has no complete HTTP header.
  public var httpPayloadStart: Int? {
    WARCRecord.headerEnd(in: block, from: 0)
  }

  /// The HTTP header bytes (status line, fields, blank line) of an `application/http` block.
  public var httpHeaderBytes: [UInt8] {
    guard let end = httpPayloadStart else { return block }
    return Array(block[0..<end])
  }

  /// The HTTP payload of an `application/http` block (empty if none).
  public var httpPayload: ArraySlice<UInt8> {
    guard let start = httpPayloadStart else { return [] }
    return block[start...]
  }

  /// The HTTP status code of a response or revisit block, if it has a status line.
  public var httpStatus: Int? {
    guard let end = block.firstIndex(of: 13) ?? block.firstIndex(of: 10) else { return nil }
    let line = String(decoding: block[0..<end], as: UTF8.self)
    let parts = line.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/") else { return nil }
    return Int(parts[1])
  }

  /// The value of an HTTP header field of an `application/http` block (case-insensitive).
  public func httpHeader(_ name: String) -> String? {
    let key = name.lowercased()
    for line in HTTPHeaderLines.split(httpHeaderBytes).dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      if line[..<colon].trimmingSpaces().lowercased() == key {
        return String(line[line.index(after: colon)...]).trimmingSpaces()
      }
    }
    return nil
  }

  /// The record serialised: version line, fields, blank line, block, CRLF CRLF.
  public func serialized() -> [UInt8] {
    var out: [UInt8] = []
    serialize(into: &out)
    return out
  }

  /// Appends the serialised record to `out` (avoids an intermediate array).
  public func serialize(into out: inout [UInt8]) {
    out.reserveCapacity(out.count + block.count + 512)
    out.append(contentsOf: "WARC/1.1\r\n".utf8)
    for (name, value) in headers {
      out.append(contentsOf: name.utf8)
      out.append(contentsOf: ": ".utf8)
      out.append(contentsOf: value.utf8)
      out.append(contentsOf: [13, 10])
    }
    out.append(contentsOf: [13, 10])
    out.append(contentsOf: block)
    out.append(contentsOf: [13, 10, 13, 10])
  }

  /// Index just past the first CRLFCRLF (or LFLF) at or after `from`, or nil.
  static func headerEnd(in bytes: [UInt8], from: Int, to limit: Int? = nil) -> Int? {
    var i = from
    let n = limit ?? bytes.count
    while i < n {
      if bytes[i] == 10 {
        if i + 1 < n, bytes[i + 1] == 10 { return i + 2 }
        if i + 2 < n, bytes[i + 1] == 13, bytes[i + 2] == 10 { return i + 3 }
      }
      i += 1
    }
    return nil
  }
}

/// Splits HTTP/WARC header bytes into lines (without CR/LF), stopping at the blank line.
enum HTTPHeaderLines {
  static func split(_ bytes: [UInt8]) -> [String] {
    var lines: [String] = []
    var start = 0
    var i = 0
    while i < bytes.count {
      if bytes[i] == 10 {
        var end = i
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        if end == start { break }
        lines.append(String(decoding: bytes[start..<end], as: UTF8.self))
        start = i + 1
      }
      i += 1
    }
    return lines
  }
}

extension StringProtocol {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
    return String(s)
  }
}
