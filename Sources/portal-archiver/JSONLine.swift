import WARC

/// A JSON object written key by key, in order, with non-ASCII text left unescaped.
///
/// Hand-written because JSONSerialization does not keep key order and both Foundation encoders
/// are needlessly slow for one flat object per page; strings are escaped by `JSONString`.
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

  /// A finite number with 4 decimals (non-finite ones as null).
  mutating func add(_ k: String, _ v: Double) {
    key(k)
    text += v.isFinite ? String(format: "%.4f", v) : "null"
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

  /// Appends `s` as a JSON string literal (see `JSONString`, the one escaper).
  static func appendString(_ s: String, to out: inout String) {
    JSONString.append(s, to: &out)
  }
}
