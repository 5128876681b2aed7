/// Sort-friendly URI Reordering Transform, as the Python `surt` package (used by cdxj-indexer
/// and pywb) computes it with its default canonicalizer.
///
/// Hand-written because there is no Swift SURT library; it follows surt 0.3.1: fragment dropped,
/// path and query unescaped repeatedly then escaped once, `.`/`..` and empty path segments
/// removed, host lowercased with leading `www\d*.` removed and reversed with commas, default
/// port dropped, path and query lowercased, trailing slash dropped (unless the path is `/`),
/// query arguments sorted, jsessionid/phpsessid/sid session ids dropped from the query.
/// Not handled: IP address reformatting (octal/decimal hosts), IDNA hosts, path session ids.
public enum SURT {
  public static func key(_ url: String) -> String {
    var rest = Substring(url)
    var scheme = ""
    guard let colon = rest.firstIndex(of: ":"),
      rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
      )
    else { return url }
    scheme = rest[..<colon].lowercased()
    rest = rest[rest.index(after: colon)...]
    if rest.hasPrefix("//") {
      rest = rest.dropFirst(2)
    } else {
      return opaqueKey(scheme: scheme, rest)
    }
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
    var authority = rest[..<authorityEnd]
    var pathAndQuery = rest[authorityEnd...]
    if let at = authority.lastIndex(of: "@") {
      authority = authority[authority.index(after: at)...]
    }
    var host = authority
    var port: String? = nil
    if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
      host = authority[..<colon]
      port = String(authority[authority.index(after: colon)...])
    }
    var hostBytes = unescapeRepeatedly(Array(host.lowercased().utf8))
    while let f = hostBytes.first, f == UInt8(ascii: ".") { hostBytes.removeFirst() }
    while let l = hostBytes.last, l == UInt8(ascii: ".") { hostBytes.removeLast() }
    var hostText = String(decoding: escapeOnce(hostBytes), as: UTF8.self).lowercased()
    while hostText.contains("..") { hostText = hostText.replacingOccurrences(of: "..", with: ".") }
    // www\d*. prefix
    if hostText.hasPrefix("www") {
      var idx = hostText.index(hostText.startIndex, offsetBy: 3)
      while idx < hostText.endIndex, hostText[idx].isASCII, hostText[idx].isNumber {
        idx = hostText.index(after: idx)
      }
      if idx < hostText.endIndex, hostText[idx] == "." {
        hostText = String(hostText[hostText.index(after: idx)...])
      }
    }
    if let p = port, let n = Int(p) {
      if (scheme == "http" && n == 80) || (scheme == "https" && n == 443) {
        port = nil
      } else {
        port = String(n)
      }
    } else if let p = port, p.isEmpty {
      port = nil
    }
    var query: String? = nil
    if let q = pathAndQuery.firstIndex(of: "?") {
      query = String(pathAndQuery[pathAndQuery.index(after: q)...])
      pathAndQuery = pathAndQuery[..<q]
    }
    var path = normalizePath(unescapeRepeatedly(Array(pathAndQuery.utf8)))
    path = escapeOnce(path)
    var pathText = String(decoding: path, as: UTF8.self).lowercased()
    if pathText.count > 1, pathText.hasSuffix("/") { pathText.removeLast() }
    var out = hostText.split(separator: ".", omittingEmptySubsequences: false).reversed().joined(
      separator: ",")
    if let port { out += ":" + port }
    out += ")"
    out += pathText
    if var q = query.map({
      String(decoding: escapeOnce(unescapeRepeatedly(Array($0.utf8))), as: UTF8.self)
    }) {
      q = stripQuerySessionID(q).lowercased()
      q = alphaReorder(q)
      if !q.isEmpty { out += "?" + q }
    }
    return out
  }

  /// `scheme:path?query` URLs without an authority (`urn:article:http://...`): surt keeps the
  /// scheme, escapes and lowercases the path, sorts the query, drops the fragment.
  static func opaqueKey(scheme: String, _ rest: Substring) -> String {
    var rest = rest
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    var query: String? = nil
    if let q = rest.firstIndex(of: "?") {
      query = String(rest[rest.index(after: q)...])
      rest = rest[..<q]
    }
    var path = String(decoding: escapeOnce(unescapeRepeatedly(Array(rest.utf8))), as: UTF8.self)
      .lowercased()
    if path.count > 1, path.hasSuffix("/") { path.removeLast() }
    var out = scheme + ":" + path
    if let query {
      var q = String(decoding: escapeOnce(unescapeRepeatedly(Array(query.utf8))), as: UTF8.self)
      q = alphaReorder(stripQuerySessionID(q).lowercased())
      if !q.isEmpty { out += "?" + q }
    }
    return out
  }

  static func alphaReorder(_ q: String) -> String {
    if q.utf8.count <= 1 { return q }
    let args = q.split(separator: "&", omittingEmptySubsequences: false).map {
      arg -> (String, String?) in
      if let eq = arg.firstIndex(of: "=") {
        return (String(arg[..<eq]), String(arg[arg.index(after: eq)...]))
      }
      return (String(arg), nil)
    }
    let sorted = args.sorted { a, b in
      if a.0 != b.0 { return Array(a.0.utf8).lexicographicallyPrecedes(Array(b.0.utf8)) }
      switch (a.1, b.1) {
      case (nil, nil): return false
      case (nil, _): return true
      case (_, nil): return false
      case (let x?, let y?): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
      }
    }
    return sorted.map { arg in arg.1.map { "\(arg.0)=\($0)" } ?? arg.0 }.joined(separator: "&")
  }

  static func stripQuerySessionID(_ q: String) -> String {
    var q = q
    for name in ["jsessionid=", "phpsessid=", "sid="] {
      let lower = q.lowercased()
      guard let r = lower.range(of: name) else { continue }
      let valueStart = r.upperBound
      let value = lower[valueStart...].prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) })
      guard value.count == 32 else { continue }
      let afterValue = lower.index(valueStart, offsetBy: 32)
      let startOffset = lower.distance(from: lower.startIndex, to: r.lowerBound)
      let endOffset = lower.distance(from: lower.startIndex, to: afterValue)
      let chars = Array(q)
      var tail = ""
      if endOffset < chars.count {
        guard chars[endOffset] == "&" else { continue }
        tail = String(chars[(endOffset + 1)...])
      }
      q = String(chars[0..<startOffset]) + tail
    }
    return q
  }

  static func normalizePath(_ path: [UInt8]) -> [UInt8] {
    if path.isEmpty { return Array("/".utf8) }
    let parts = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
      .dropFirst()
    var kept: [ArraySlice<UInt8>] = []
    for p in parts {
      if p.elementsEqual([UInt8(ascii: ".")]) { continue }
      if p.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
        if !kept.isEmpty { kept.removeLast() } else { kept.append(p) }
        continue
      }
      kept.append(p)
    }
    var out: [UInt8] = [UInt8(ascii: "/")]
    if !kept.isEmpty {
      for p in kept.dropLast() where !p.isEmpty {
        out += p
        out.append(UInt8(ascii: "/"))
      }
      out += kept[kept.count - 1]
    }
    return out
  }

  static func unescapeRepeatedly(_ input: [UInt8]) -> [UInt8] {
    var cur = input
    while true {
      let un = unescape(cur)
      if un == cur { return cur }
      cur = un
    }
  }

  static func unescape(_ s: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(s.count)
    var i = 0
    func hexv(_ c: UInt8) -> UInt8? {
      switch c {
      case 48...57: return c - 48
      case 65...70: return c - 55
      case 97...102: return c - 87
      default: return nil
      }
    }
    while i < s.count {
      if s[i] == UInt8(ascii: "%"), i + 2 < s.count, let h = hexv(s[i + 1]), let l = hexv(s[i + 2])
      {
        out.append(h << 4 | l)
        i += 3
      } else {
        out.append(s[i])
        i += 1
      }
    }
    return out
  }

  private static let safe: Set<UInt8> = Set(Array("!\"$&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8))

  static func escapeOnce(_ s: [UInt8]) -> [UInt8] {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(s.count)
    for b in s {
      let alnum = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
      if alnum || safe.contains(b) {
        out.append(b)
      } else {
        out.append(UInt8(ascii: "%"))
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 15)])
      }
    }
    return out
  }
}
