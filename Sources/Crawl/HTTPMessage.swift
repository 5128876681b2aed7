import Foundation

/// Splits an archived HTTP response block into its header section and payload.
enum HTTPMessage {
  /// (header bytes including the blank line, payload).
  static func split(_ block: [UInt8]) -> (headers: [UInt8], payload: [UInt8]) {
    var i = 0
    while i + 3 < block.count {
      if block[i] == 13, block[i + 1] == 10, block[i + 2] == 13, block[i + 3] == 10 {
        return (Array(block[0..<(i + 4)]), Array(block[(i + 4)...]))
      }
      i += 1
    }
    return (block, [])
  }

  /// The status code of a header section ("HTTP/1.1 200 OK").
  static func status(_ headers: [UInt8]) -> Int {
    let line = headers.prefix { $0 != 13 && $0 != 10 }
    let parts = String(decoding: line, as: UTF8.self).split(separator: " ")
    return parts.count >= 2 ? Int(parts[1]) ?? 0 : 0
  }

  /// The first value of a header field, compared case-insensitively.
  static func header(_ name: String, in headers: [UInt8]) -> String? {
    let text = String(decoding: headers, as: UTF8.self)
    let wanted = name.lowercased()
    for line in text.split(separator: "\r\n").dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      if line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == wanted {
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
    }
    return nil
  }
}
