extension WARCExporter {
  /// Appends `s` as a JSON string literal (UTF-8, non-ASCII unescaped) to `out`.
  ///
  /// Byte-for-byte the output of `CDXJEntry.jsonString(s, ascii: false)`, but working on UTF-8
  /// bytes: the per-scalar `String` version cost ~0.3 s on the texts of 5,000 articles.
  static func appendJSONString(_ s: String, to out: inout [UInt8]) {
    out.append(34)
    var s = s
    s.withUTF8 { appendJSONEscaped($0, to: &out) }
    out.append(34)
  }

  /// Appends the escaped bytes (without quotes) of UTF-8 `b`.
  static func appendJSONEscaped(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    var run = 0
    var i = 0
    let n = b.count
    guard let base = b.baseAddress else { return }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while i < n {
      // Eight bytes at a time while none needs escaping (a byte < 0x20, '"' or '\\'): the
      // usual SWAR tests for a zero byte and for a byte below a bound.
      if i + 8 <= n {
        let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
        let below20 = (w &- ones &* 0x20) & ~w & highs
        let q = w ^ (ones &* 0x22)
        let bs = w ^ (ones &* 0x5c)
        let quote = (q &- ones) & ~q & highs
        let backslash = (bs &- ones) & ~bs & highs
        if below20 | quote | backslash == 0 {
          i += 8
          continue
        }
      }
      let c = b[i]
      i += 1
      guard c < 0x20 || c == 0x22 || c == 0x5c else { continue }
      let at = i - 1
      if run < at { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<at])) }
      run = at + 1
      switch c {
      case 0x22: out += [92, 34]
      case 0x5c: out += [92, 92]
      case 0x0a: out += [92, 110]
      case 0x0d: out += [92, 114]
      case 0x09: out += [92, 116]
      case 0x08: out += [92, 98]
      case 0x0c: out += [92, 102]
      default:
        let hex = { (v: UInt8) -> UInt8 in v < 10 ? 48 + v : 87 + v }
        out += [92, 117, 48, 48, hex(c >> 4), hex(c & 15)]
      }
    }
    if run < b.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<b.count])) }
  }

  /// Appends the JSON array of the paragraphs of `text` (split at "\n", empty ones dropped, as
  /// `String.split(separator: "\n")` does: a "\r\n" pair is one character and does not split).
  static func appendParagraphs(_ text: String, to out: inout [UInt8]) {
    out.append(91)
    var text = text
    var first = true
    text.withUTF8 { b in
      var start = 0
      func emit(_ end: Int) {
        guard end > start else { return }
        if !first { out += [44, 32] }
        first = false
        out.append(34)
        appendJSONEscaped(UnsafeBufferPointer(rebasing: b[start..<end]), to: &out)
        out.append(34)
      }
      for i in 0..<b.count where b[i] == 10 && (i == 0 || b[i - 1] != 13) {
        emit(i)
        start = i + 1
      }
      emit(b.count)
    }
    out.append(93)
  }

  /// Appends the export line of `a` (see `jsonlLine`) and a newline.
  static func appendJSONLLine(_ a: ArchivedArticle, to out: inout [UInt8]) {
    func key(_ k: String) { out += Array(k.utf8) }
    key("{\"url\": ")
    appendJSONString(a.url, to: &out)
    key(", \"fetched\": ")
    appendJSONString(a.fetched, to: &out)
    key(", \"warc_file\": ")
    appendJSONString(a.warcFile, to: &out)
    key(", \"warc_offset\": \(a.warcOffset), \"title\": ")
    appendJSONString(a.metadata.title, to: &out)
    key(", \"published\": ")
    appendJSONString(a.metadata.published, to: &out)
    key(", \"source\": ")
    appendJSONString(a.metadata.source, to: &out)
    key(", \"author\": ")
    appendJSONString(a.metadata.author, to: &out)
    key(", \"paragraphs\": ")
    appendParagraphs(a.text, to: &out)
    key(", \"text\": ")
    appendJSONString(a.text, to: &out)
    key(", \"charset\": ")
    appendJSONString(a.metadata.charset, to: &out)
    key("}\n")
  }

  /// Appends the pages.jsonl line of article number `number` (1-based) and a newline.
  static func appendPageLine(_ a: ArchivedArticle, number: Int, to out: inout [UInt8]) {
    out += Array("{\"id\": \"p\(number)\", \"url\": ".utf8)
    appendJSONString(a.url, to: &out)
    out += Array(", \"ts\": ".utf8)
    appendJSONString(a.fetched, to: &out)
    out += Array(", \"title\": ".utf8)
    appendJSONString(a.metadata.title.isEmpty ? a.url : a.metadata.title, to: &out)
    out += Array(", \"text\": ".utf8)
    appendJSONString(a.text, to: &out)
    out += Array("}\n".utf8)
  }
}
