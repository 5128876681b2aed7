import Foundation
/// A query and filters turned into SQL over `search_articles a` (and `search_fts`).
///
/// `match` is the FTS5 expression that finds candidates through the trigram index, nil when
/// the query has no part the index can answer: a term of 1–2 characters (trigrams match
/// nothing shorter than 3), a NOT, or an OR with such a side. `check` is the exact test every
/// candidate passes (`LIKE '%term%'` on title or body); without `match` it runs over every row
/// the filters leave. Measured on 6,000 articles (4 KB of text each): a lone 2-character scan
/// took 15–40 ms, so ~0.15–0.4 s on 60,000; next to a 3+ character term it only checks that
/// term's candidates.
struct CompiledQuery {
  var match: String?
  var check: String
  var checkArguments: [String]
  /// The filters' part of `check` alone, for a query whose terms are all required (a term or an
  /// AND of terms): the ranker counts every term in each candidate anyway, so it drops those
  /// that lack one instead of SQLite testing the same text with LIKE first.
  var filterCheck: String
  var filterArguments: [String]
  /// Whether every positive term must occur (the query is a term or an AND of terms).
  var allTermsRequired: Bool

  /// At most this many trigrams of one term go to the index; the check does the rest.
  static let maxTrigrams = 12

  init(_ query: SearchQuery, filters: SearchFilters) {
    var args: [String] = []
    var check = Self.check(query.root, &args)
    var filterCheck = "1"
    var filterArguments: [String] = []
    for (sql, values) in Self.filterSQL(filters) {
      check += " AND " + sql
      args += values
      filterCheck += " AND " + sql
      filterArguments += values
    }
    self.check = check
    self.checkArguments = args
    self.filterCheck = filterCheck
    self.filterArguments = filterArguments
    self.allTermsRequired = Self.isConjunction(query.root)
    self.match = Self.match(query.root)
  }

  static func isConjunction(_ node: SearchQuery.Node) -> Bool {
    switch node {
    case .term: return true
    case .and(let xs): return xs.allSatisfy(isConjunction)
    case .or, .not: return false
    }
  }

  static func check(_ node: SearchQuery.Node, _ args: inout [String]) -> String {
    switch node {
    case .term(let t):
      let pattern = "%" + likeEscaped(t) + "%"
      args += [pattern, pattern]
      return "(a.title LIKE ? ESCAPE '\\' OR a.body LIKE ? ESCAPE '\\')"
    case .and(let xs): return "(" + xs.map { check($0, &args) }.joined(separator: " AND ") + ")"
    case .or(let xs): return "(" + xs.map { check($0, &args) }.joined(separator: " OR ") + ")"
    case .not(let x): return "(NOT " + check(x, &args) + ")"
    }
  }

  static func match(_ node: SearchQuery.Node) -> String? {
    switch node {
    case .term(let t):
      let grams = trigrams(t)
      return grams.isEmpty ? nil : "(" + grams.map(ftsQuoted).joined(separator: " AND ") + ")"
    case .and(let xs):
      let parts = xs.compactMap(match)
      return parts.isEmpty ? nil : "(" + parts.joined(separator: " AND ") + ")"
    case .or(let xs):
      let parts = xs.compactMap(match)
      return parts.count < xs.count ? nil : "(" + parts.joined(separator: " OR ") + ")"
    case .not:
      return nil
    }
  }

  /// The trigrams of `t` sent to the index: all when few, else `maxTrigrams` spread over the
  /// term from its first to its last.
  static func trigrams(_ t: String) -> [String] {
    let u = Array(t.unicodeScalars)
    guard u.count >= 3 else { return [] }
    let n = u.count - 2
    let starts =
      n <= maxTrigrams ? Array(0..<n) : (0..<maxTrigrams).map { $0 * (n - 1) / (maxTrigrams - 1) }
    return starts.map { i in
      var s = String.UnicodeScalarView()
      s.append(contentsOf: u[i..<(i + 3)])
      return String(s)
    }
  }

  static func ftsQuoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func likeEscaped(_ s: String) -> String {
    var out = ""
    for c in s {
      if c == "\\" || c == "%" || c == "_" { out.append("\\") }
      out.append(c)
    }
    return out
  }

  static func filterSQL(_ f: SearchFilters) -> [(String, [String])] {
    var out: [(String, [String])] = []
    if let h = f.host?.lowercased() {
      out.append(("(a.host = ? OR a.host LIKE ? ESCAPE '\\')", [h, "%." + likeEscaped(h)]))
    }
    if let d = f.fetchedFrom { out.append(("substr(a.fetched, 1, 10) >= ?", [d])) }
    if let d = f.fetchedTo { out.append(("substr(a.fetched, 1, 10) <= ?", [d])) }
    if let d = f.publishedFrom {
      out.append(("a.published <> '' AND substr(a.published, 1, 10) >= ?", [d]))
    }
    if let d = f.publishedTo {
      out.append(("a.published <> '' AND substr(a.published, 1, 10) <= ?", [d]))
    }
    if let p = f.urlPrefix { out.append(("substr(a.url, 1, length(?)) = ?", [p, p])) }
    return out
  }
}
