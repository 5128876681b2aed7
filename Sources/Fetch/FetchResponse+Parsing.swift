import Foundation

extension FetchResponse {
  /// Splits a raw header block into fields, in order: skips the status line, joins obsolete
  /// line folding (continuation lines starting with SP/HT) onto the previous value, trims
  /// optional whitespace, drops lines without a colon. Text is decoded as UTF-8 when valid,
  /// else as ISO-8859-1 (no byte is lost or rejected; `headerBytes` keeps the originals).
  public static func parseHeaderFields(_ bytes: [UInt8]) -> [(name: String, value: String)] {
    var fields: [(name: String, value: String)] = []
    var lineStart = 0
    var first = true
    func latin1(_ slice: ArraySlice<UInt8>) -> String {
      if slice.allSatisfy({ $0 < 0x80 }) { return String(decoding: slice, as: UTF8.self) }
      if let utf8 = String(validating: slice, as: UTF8.self) { return utf8 }
      return String(String.UnicodeScalarView(slice.map { Unicode.Scalar($0) }))
    }
    func trimmed(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
      var s = slice
      while let f = s.first, f == 0x20 || f == 0x09 { s = s.dropFirst() }
      while let l = s.last, l == 0x20 || l == 0x09 || l == 0x0D { s = s.dropLast() }
      return s
    }
    while lineStart < bytes.count {
      let end = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
      let line = bytes[lineStart..<end]
      lineStart = end + 1
      if first {
        first = false
        continue
      }
      let content = trimmed(line)
      if content.isEmpty { break }
      if let f = line.first, f == 0x20 || f == 0x09, !fields.isEmpty {
        fields[fields.count - 1].value += " " + latin1(content)
        continue
      }
      guard let colon = line.firstIndex(of: 0x3A) else { continue }
      let name = trimmed(line[line.startIndex..<colon])
      guard !name.isEmpty else { continue }
      fields.append((latin1(name), latin1(trimmed(line[(colon + 1)...]))))
    }
    return fields
  }
}
