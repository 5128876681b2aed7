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
    // Work on bytes: this runs once per record read (verify, export, show).
    var headers: [(name: String, value: String)] = []
    var lineStart = from
    var first = true
    var i = from
    func trim(_ a: Int, _ b: Int) -> (Int, Int) {
      var a = a
      var b = b
      while a < b, bytes[a] == 32 || bytes[a] == 9 { a += 1 }
      while b > a, bytes[b - 1] == 32 || bytes[b - 1] == 9 || bytes[b - 1] == 13 { b -= 1 }
      return (a, b)
    }
    while i < end {
      if bytes[i] == 10 {
        var lineEnd = i
        if lineEnd > lineStart, bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
        if lineEnd == lineStart { break }
        if first {
          guard lineEnd - lineStart >= 5,
            bytes[lineStart..<(lineStart + 5)].elementsEqual("WARC/".utf8)
          else { throw ParseProblem(description: "no WARC/1.x version line") }
          first = false
        } else if bytes[lineStart] == 32 || bytes[lineStart] == 9, !headers.isEmpty {
          let (a, b) = trim(lineStart, lineEnd)
          headers[headers.count - 1].value += " " + String(decoding: bytes[a..<b], as: UTF8.self)
        } else {
          guard let colon = bytes[lineStart..<lineEnd].firstIndex(of: 58) else {
            let text = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
            throw ParseProblem(description: "malformed header line \"\(text.prefix(60))\"")
          }
          let (na, nb) = trim(lineStart, colon)
          let (va, vb) = trim(colon + 1, lineEnd)
          headers.append(
            (
              String(decoding: bytes[na..<nb], as: UTF8.self),
              String(decoding: bytes[va..<vb], as: UTF8.self)
            ))
        }
        lineStart = i + 1
      }
      i += 1
    }
    if first { throw ParseProblem(description: "no WARC/1.x version line") }
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
    guard let tail = terminatorLength(bytes, at: next, lineFeedsOnly: blockStart >= 2
      && bytes[blockStart - 2] == 10)
    else { throw ParseProblem(description: "record not followed by CRLF CRLF") }
    next += tail
    return (WARCRecord(headers: headers, block: block), next)
  }

  /// The length of the record terminator at `at`: 4 for CRLF CRLF; 2 for LF LF when the
  /// header itself ended with bare line feeds (jwarc's and some old tools' files); nil if none.
  static func terminatorLength(_ bytes: [UInt8], at: Int, lineFeedsOnly: Bool) -> Int? {
    if at + 4 <= bytes.count, bytes[at] == 13, bytes[at + 1] == 10, bytes[at + 2] == 13,
      bytes[at + 3] == 10
    {
      return 4
    }
    if lineFeedsOnly, at + 2 <= bytes.count, bytes[at] == 10, bytes[at + 1] == 10 { return 2 }
    return nil
  }
}
