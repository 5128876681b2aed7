/// URL-to-path reduction and pattern escaping, as Google's robots.txt parser does them.
extension RobotsTxt {
  /// The path, params and query of a URL, without its fragment, as `isAllowed` takes them:
  /// "http://a.b/c;d?e#f" gives "/c;d?e". An empty result is "/"; a result starting with '?' or
  /// ';' gets a leading '/'. Works on absolute URLs, scheme-less ones ("a.b/c") and "//host/path";
  /// a bare word ("a") is a host. No percent-encoding is done here (`isAllowed` normalises).
  public static func pathParamsQuery(_ url: String) -> String {
    let bytes = Array(url.utf8)
    let searchStart = bytes.starts(with: [0x2F, 0x2F]) ? 2 : 0
    let earlyPath = firstIndex(ofAnyOf: pathStarts, in: bytes, from: searchStart)
    var schemeEnd = firstIndex(of: Array("://".utf8), in: bytes, from: searchStart)
    if let early = earlyPath, let end = schemeEnd, early < end { schemeEnd = nil }
    let hostStart = schemeEnd.map { $0 + 3 } ?? searchStart
    guard let pathStart = firstIndex(ofAnyOf: pathStarts, in: bytes, from: hostStart) else {
      return "/"
    }
    let hash = firstIndex(ofAnyOf: [0x23], in: bytes, from: searchStart)
    if let hash, hash < pathStart { return "/" }
    let path = String(decoding: bytes[pathStart..<(hash ?? bytes.count)], as: UTF8.self)
    return path.hasPrefix("/") ? path : "/" + path
  }

  /// A pattern as Google's parser escapes it: bytes outside US-ASCII percent-encoded ("á" is
  /// "%C3%A1"), the hex digits of existing %xx escapes upper-cased ("%aa" is "%AA"), everything
  /// else kept. `isAllowed` compares a stricter form (`normalise`, which also decodes escapes of
  /// unreserved characters, as RFC 9309 §2.2.2's table does).
  public static func escapePattern(_ pattern: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    let bytes = Array(pattern.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x25, i + 2 < bytes.count, isHexDigit(bytes[i + 1]), isHexDigit(bytes[i + 2]) {
        out += [0x25, upperCased(bytes[i + 1]), upperCased(bytes[i + 2])]
        i += 3
        continue
      }
      if b >= 0x80 {
        out += [0x25, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
      } else {
        out.append(b)
      }
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The bytes that start a URL's path, params or query: '/', '?' and ';'.
  private static let pathStarts: Set<UInt8> = [0x2F, 0x3F, 0x3B]

  private static func isHexDigit(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
  }

  private static func upperCased(_ b: UInt8) -> UInt8 {
    (b >= 0x61 && b <= 0x7A) ? b - 0x20 : b
  }

  private static func firstIndex(ofAnyOf set: Set<UInt8>, in bytes: [UInt8], from start: Int)
    -> Int?
  {
    bytes.indices.first { $0 >= start && set.contains(bytes[$0]) }
  }

  private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
    return (start...(bytes.count - needle.count)).first {
      bytes[$0..<($0 + needle.count)].elementsEqual(needle)
    }
  }
}
