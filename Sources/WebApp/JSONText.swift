import WARC

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

  static func quoted(_ t: String) -> String { JSONString.quoted(t) }
}
