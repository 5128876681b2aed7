/// The pieces of a canonical absolute URL the scheduler needs, found by plain string scanning.
///
/// Only for URLs that `URLCanonicalizer.canonicalize` produced (scheme and host lower-case, no
/// fragment), so no general parser is needed on this hot path. A POST's frontier key
/// (`RequestKey`) gives the parts of its URL: its `#__wb_method=post&` tail is in none of them.
struct URLParts: Sendable {
  /// "http://host:port"
  var origin: Substring
  /// The host without port.
  var host: Substring
  /// Path and query, starting with "/".
  var pathAndQuery: Substring
  /// Path without the query.
  var path: Substring
  var hasQuery: Bool

  init?(_ key: String) {
    let url = key[..<(key.firstIndex(of: "#") ?? key.endIndex)]
    guard let schemeEnd = url.range(of: "://") else { return nil }
    let authorityStart = schemeEnd.upperBound
    let rest = url[authorityStart...]
    let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? url.endIndex
    origin = url[url.startIndex..<slash]
    let authority = url[authorityStart..<slash]
    if authority.isEmpty { return nil }
    if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
      host = authority[authority.startIndex...close]
    } else if let colon = authority.lastIndex(of: ":") {
      host = authority[authority.startIndex..<colon]
    } else {
      host = authority
    }
    pathAndQuery = slash < url.endIndex ? url[slash...] : "/"
    if let q = pathAndQuery.firstIndex(of: "?") {
      path = pathAndQuery[pathAndQuery.startIndex..<q]
      hasQuery = true
    } else {
      path = pathAndQuery
      hasQuery = false
    }
  }
}
