import Foundation

/// HTML escaping and URL query encoding for the pages the app writes. Stateless.
enum HTMLText {
  /// `s` safe as HTML text or a quoted attribute value.
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// Characters left as they are in a query value.
  private static let queryValue: CharacterSet = {
    var s = CharacterSet.alphanumerics.intersection(
      CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
    s.insert(charactersIn: "-._~")
    return s
  }()

  /// `s` percent-encoded for a query value (UTF-8).
  static func queryEncoded(_ s: String) -> String {
    s.addingPercentEncoding(withAllowedCharacters: queryValue) ?? ""
  }

  /// "?k=v&…" of the non-empty pairs, values encoded.
  static func query(_ pairs: [(String, String?)]) -> String {
    let parts = pairs.compactMap { k, v -> String? in
      guard let v, !v.isEmpty else { return nil }
      return k + "=" + queryEncoded(v)
    }
    return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
  }

  /// The pairs of a URL query string as a form sends it ("+" for space, %XX), last one of a
  /// key winning; pieces that do not decode are kept as written.
  static func formValues(_ query: String?) -> [String: String] {
    var out: [String: String] = [:]
    for part in (query ?? "").split(separator: "&") {
      let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
      }
      out[decode(kv[0])] = kv.count > 1 ? decode(kv[1]) : ""
    }
    return out
  }
}
