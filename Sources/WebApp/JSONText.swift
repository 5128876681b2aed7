/// A flat JSON object written key by key in order, non-ASCII text unescaped. Stateless.
enum JSONText {
  enum Value {
    case string(String)
    case number(Double)
  }

  static func object(_ pairs: [(String, Value)]) -> String {
    var s = "{"
    for (i, (k, v)) in pairs.enumerated() {
      if i > 0 { s += "," }
      s += quoted(k) + ":"
      switch v {
      case .string(let t): s += quoted(t)
      case .number(let n):
        s += n.isFinite ? (n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)) : "null"
      }
    }
    return s + "}"
  }

  static func quoted(_ t: String) -> String {
    var s = "\""
    for u in t.unicodeScalars {
      switch u {
      case "\"": s += "\\\""
      case "\\": s += "\\\\"
      case "\n": s += "\\n"
      case "\r": s += "\\r"
      case "\t": s += "\\t"
      case "\u{2028}": s += "\\u2028"
      case "\u{2029}": s += "\\u2029"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          s += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          s.unicodeScalars.append(u)
        }
      }
    }
    return s + "\""
  }
}
