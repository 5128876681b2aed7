/// A JSON object written key by key, in order, with non-ASCII text left unescaped.
///
/// Hand-written because JSONSerialization does not keep key order and both Foundation encoders
/// are needlessly slow for one flat object per page; strings are escaped per RFC 8259.
struct JSONLine {
  private(set) var text = "{"
  private var first = true

  mutating func key(_ k: String) {
    if !first { text += "," }
    first = false
    JSONLine.appendString(k, to: &text)
    text += ":"
  }

  mutating func add(_ k: String, _ v: String?) {
    key(k)
    if let v { JSONLine.appendString(v, to: &text) } else { text += "null" }
  }

  mutating func add(_ k: String, _ v: Int) {
    key(k)
    text += String(v)
  }

  mutating func add(_ k: String, _ v: [String]) {
    key(k)
    text += "["
    for (i, s) in v.enumerated() {
      if i > 0 { text += "," }
      JSONLine.appendString(s, to: &text)
    }
    text += "]"
  }

  var closed: String { text + "}" }

  static func appendString(_ s: String, to out: inout String) {
    out += "\""
    var s = s
    s.withUTF8 { bytes in
      // Copy runs of bytes that need no escaping in one go.
      var runStart = 0
      func flush(_ end: Int) {
        if end > runStart {
          out += String(
            decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self)
        }
      }
      var i = 0
      while i < bytes.count {
        let b = bytes[i]
        var escape: String?
        switch b {
        case 0x22: escape = "\\\""
        case 0x5C: escape = "\\\\"
        case 0x0A: escape = "\\n"
        case 0x0D: escape = "\\r"
        case 0x09: escape = "\\t"
        case 0x00..<0x20:
          let hex = String(b, radix: 16)
          escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        case 0xE2:
          // U+2028 / U+2029 (E2 80 A8 / A9) break JavaScript parsers: escape them too.
          if i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9
          {
            flush(i)
            out += bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
            i += 3
            runStart = i
            continue
          }
        default: break
        }
        if let escape {
          flush(i)
          out += escape
          runStart = i + 1
        }
        i += 1
      }
      flush(bytes.count)
    }
    out += "\""
  }
}
