extension WARCRecord {
  /// A problem found while parsing a record's bytes.
  struct ParseProblem: Error, CustomStringConvertible {
    var description: String
  }

  /// Parses the header (version line and fields up to the blank line) at `from`; returns the
  /// fields and the index of the first block byte.
  static func parseHeader(_ bytes: [UInt8], from: Int) throws -> (
    headers: [(name: String, value: String)], blockStart: Int
  ) {
    guard let end = headerEnd(in: bytes, from: from) else {
      throw ParseProblem(description: "record header has no blank line")
    }
    let lines = HTTPHeaderLines.split(Array(bytes[from..<end]))
    guard let first = lines.first, first.hasPrefix("WARC/") else {
      throw ParseProblem(description: "no WARC/1.x version line")
    }
    var headers: [(name: String, value: String)] = []
    for line in lines.dropFirst() {
      if let c = line.first, c == " " || c == "\t", !headers.isEmpty {
        headers[headers.count - 1].value += " " + line.trimmingSpaces()
        continue
      }
      guard let colon = line.firstIndex(of: ":") else {
        throw ParseProblem(description: "malformed header line \"\(line.prefix(60))\"")
      }
      headers.append(
        (
          String(line[..<colon]).trimmingSpaces(),
          String(line[line.index(after: colon)...]).trimmingSpaces()
        ))
    }
    return (headers, end)
  }

  /// Parses one record at `from` of `bytes`; returns it and the index after its trailing
  /// CRLFCRLF. Throws when the header is malformed, Content-Length is missing or the block or its
  /// terminator is cut short.
  static func parse(_ bytes: [UInt8], from: Int = 0) throws -> (record: WARCRecord, next: Int) {
    let (headers, blockStart) = try parseHeader(bytes, from: from)
    guard
      let lengthText = headers.first(where: { $0.name.lowercased() == "content-length" })?.value,
      let length = Int(lengthText), length >= 0
    else { throw ParseProblem(description: "missing or bad Content-Length") }
    guard blockStart + length <= bytes.count else {
      throw ParseProblem(
        description:
          "block shorter than Content-Length (\(bytes.count - blockStart) < \(length))")
    }
    let block = Array(bytes[blockStart..<(blockStart + length)])
    var next = blockStart + length
    let tail: [UInt8] = [13, 10, 13, 10]
    if next + 4 <= bytes.count, Array(bytes[next..<(next + 4)]) == tail {
      next += 4
    } else {
      throw ParseProblem(description: "record not followed by CRLF CRLF")
    }
    return (WARCRecord(headers: headers, block: block), next)
  }
}
