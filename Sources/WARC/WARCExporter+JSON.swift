extension WARCExporter {
  /// Appends `s` as a JSON string literal (UTF-8, non-ASCII unescaped) to `out`.
  static func appendJSONString(_ s: String, to out: inout [UInt8]) {
    JSONString.append(s, to: &out)
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
        JSONString.appendEscaped(
          validUTF8: UnsafeBufferPointer(rebasing: b[start..<end]), asciiOnly: false, to: &out)
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
