import Foundation

/// A parsed robots.txt (RFC 9309) for one crawler identity.
///
/// Groups start with one or more `User-agent` lines (blank, unknown and `Sitemap` lines between
/// them do not end the run) and collect the rules that follow until the next `User-agent` line;
/// rules before the first group are ignored. An agent line's value counts up to its first
/// character outside [A-Za-z_-] ("Googlebot/2.1" is "googlebot"); a value starting with a lone
/// '*' is the default group. The groups used are those whose value equals our product token (the
/// User-Agent's leading run of [A-Za-z_-], e.g. "portal-archiver"), case-insensitively; all of
/// them are merged. Without such a group the '*' groups apply; without those everything is
/// allowed. Rules: `Allow`/`Disallow` path patterns with '*' (any run of characters) and a
/// trailing '$' (end of URL); the longest matching pattern wins and Allow wins ties; an empty
/// pattern is no rule. Paths and patterns are compared after percent-encoding normalisation
/// (non-ASCII bytes encoded, %XX of unreserved characters decoded, hex upper-cased).
/// `/robots.txt` itself is always allowed.
///
/// Tolerated as Google's parser does: a UTF-8 byte order mark, whole or partial; CR, LF and CRLF
/// line ends; a missing colon when a line is exactly "key value"; the key spellings "useragent",
/// "user agent", "site-map" and the usual misspellings of "disallow"; lines cut after 16663 bytes.
/// Lines that do not parse are ignored; input beyond 500 KiB is ignored (RFC 9309 §2.5 minimum).
public struct RobotsTxt: Sendable {
  /// What to do with a robots.txt fetch result (RFC 9309 §2.3.1).
  public enum Policy: Sendable, Equatable {
    /// 2xx: parse the body.
    case parseBody
    /// 3xx: follow the redirect (up to 5 hops), then decide again.
    case followRedirect
    /// 4xx ("unavailable"): crawl as if there were no robots.txt.
    case allowAll
    /// 5xx or unreachable ("unreachable"): crawl nothing from the site in this run.
    case disallowAll
  }

  struct Rule: Sendable {
    var pattern: [UInt8]
    var allow: Bool
  }

  /// The largest robots.txt read (RFC 9309 §2.5: at least 500 kibibytes).
  static let maxFileSize = 500 * 1024
  /// Bytes of a line kept, as Google's parser does (8 × 2083, the longest URL, less one).
  static let maxLineLength = 8 * 2083 - 1

  /// The rules of the selected group(s).
  let rules: [Rule]
  /// Crawl-delay of the selected group(s), in seconds (non-standard but widely used).
  public let crawlDelay: Double?
  /// Sitemap URLs, from anywhere in the file.
  public let sitemaps: [String]
  /// The user-agent value of the group chosen ("*" for the default group, nil for none).
  public let matchedAgent: String?

  /// Decides from a robots.txt response status; `status` nil means unreachable (DNS,
  /// connection or timeout failure). RFC 9309: 4xx means no restrictions; 5xx and network
  /// failures mean complete disallow (the crawler may retry later; this run treats the site as
  /// closed).
  public static func policy(forStatus status: Int?) -> Policy {
    guard let status else { return .disallowAll }
    switch status {
    case 200...299: return .parseBody
    case 300...399: return .followRedirect
    case 400...499: return .allowAll
    default: return .disallowAll
    }
  }

  /// A robots.txt that allows everything (4xx).
  public static func allowingAll(userAgent: String) -> RobotsTxt {
    RobotsTxt(text: "", userAgent: userAgent)
  }

  /// A robots.txt that disallows everything but /robots.txt (5xx, unreachable).
  public static func disallowingAll(userAgent: String) -> RobotsTxt {
    RobotsTxt(text: "User-agent: *\nDisallow: /\n", userAgent: userAgent)
  }

  public init(text: String, userAgent: String) {
    self.init(bytes: Array(text.utf8), userAgent: userAgent)
  }

  /// Parses raw bytes (UTF-8 expected; other bytes are kept and percent-encoded in patterns)
  /// for the crawler whose User-Agent header is `userAgent` (its product token is used).
  public init(bytes input: [UInt8], userAgent: String) {
    self.init(bytes: input, productToken: RobotsTxt.productToken(userAgent))
  }

  /// Parses raw bytes for a crawler named by its bare product token ("FooBot"), compared with
  /// the groups' tokens as given, case-insensitively, as Google's matcher does: a value that is
  /// not a valid token (`isValidUserAgent`), such as "Foo Bar", matches no group of its own.
  public init(bytes input: [UInt8], productToken: String) {
    let file = RobotsTxt.parse(RobotsTxt.droppingBOM(input.prefix(RobotsTxt.maxFileSize)))
    let token = productToken.lowercased()
    let specific = !token.isEmpty && file.groups.contains { $0.agents.contains(token) }
    let hasDefault = file.groups.contains { $0.agents.contains("*") }
    let chosen = specific ? token : (hasDefault ? "*" : nil)
    let used = file.groups.filter { group in chosen.map { group.agents.contains($0) } ?? false }
    self.rules = used.flatMap(\.rules)
    self.crawlDelay = used.lazy.compactMap(\.crawlDelay).first
    self.sitemaps = file.report.sitemaps
    self.matchedAgent = chosen
  }

  // MARK: - Parsing

  /// One group: its agent values (lower-cased tokens or "*") and the rules after them.
  struct Group {
    var agents: [String] = []
    var rules: [Rule] = []
    var crawlDelay: Double?
  }

  /// The directives RobotsTxt reads; anything else is `other` and ignored.
  enum Directive {
    case userAgent, allow, disallow, crawlDelay, sitemap, other

    /// The directive a key names (case-insensitive, with the spellings Google accepts).
    init(key: String) {
      switch key.lowercased() {
      case "user-agent", "useragent", "user agent": self = .userAgent
      case "allow": self = .allow
      case "disallow", "dissallow", "dissalow", "disalow", "diasllow", "disallaw": self = .disallow
      case "crawl-delay": self = .crawlDelay
      case "sitemap", "site-map": self = .sitemap
      default: self = .other
      }
    }
  }

  /// The groups of a robots.txt body (after its byte order mark) and what parsing it found.
  static func parse(_ data: ArraySlice<UInt8>) -> (groups: [Group], report: RobotsTxtReport) {
    var groups: [Group] = []
    var inAgents = false
    var report = RobotsTxtReport()
    for (number, line) in numberedLines(data) {
      guard let (directive, value) = keyAndValue(line) else { continue }
      report.count(directive, line: number)
      switch directive {
      case .userAgent:
        if !inAgents { groups.append(Group()) }
        inAgents = true
        if let agent = groupAgent(value) { groups[groups.count - 1].agents.append(agent) }
      case .allow, .disallow:
        inAgents = false
        guard !groups.isEmpty, let rule = rule(value, allow: directive == .allow) else { continue }
        groups[groups.count - 1].rules.append(rule)
      case .crawlDelay:
        guard !groups.isEmpty, groups[groups.count - 1].crawlDelay == nil else { continue }
        groups[groups.count - 1].crawlDelay = delay(value)
      case .sitemap:
        if !value.isEmpty { report.sitemaps.append(String(decoding: value, as: UTF8.self)) }
      case .other:
        continue  // RFC 9309 §2.2.4: other records do not end a group
      }
    }
    return (groups, report)
  }

  /// The lines of a body with their 1-based numbers; CR, LF and CRLF each end one line.
  static func numberedLines(_ data: ArraySlice<UInt8>)
    -> [(number: Int, bytes: ArraySlice<UInt8>)]
  {
    var lines: [(number: Int, bytes: ArraySlice<UInt8>)] = []
    var start = data.startIndex
    var index = data.startIndex
    while index < data.endIndex {
      let byte = data[index]
      guard byte == 0x0A || byte == 0x0D else {
        index += 1
        continue
      }
      lines.append((lines.count + 1, data[start..<index]))
      index += 1
      if byte == 0x0D, index < data.endIndex, data[index] == 0x0A { index += 1 }
      start = index
    }
    if start < data.endIndex { lines.append((lines.count + 1, data[start...])) }
    return lines
  }

  /// Drops a UTF-8 byte order mark at the start, whole or only its first one or two bytes.
  static func droppingBOM(_ data: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var rest = data
    for byte: UInt8 in [0xEF, 0xBB, 0xBF] {
      guard rest.first == byte else { break }
      rest = rest.dropFirst()
    }
    return rest
  }

  /// A line's directive and trimmed value: "key: value", or "key value" (exactly two words)
  /// when the colon is missing. Nil for blank lines, comments and lines without a key.
  static func keyAndValue(_ rawLine: ArraySlice<UInt8>) -> (Directive, ArraySlice<UInt8>)? {
    var line = rawLine.prefix(maxLineLength)
    if let hash = line.firstIndex(of: 0x23) { line = line[..<hash] }
    line = trim(line)
    let separator: ArraySlice<UInt8>.Index
    let value: ArraySlice<UInt8>
    if let colon = line.firstIndex(of: 0x3A) {
      separator = colon
      value = trim(line[line.index(after: colon)...])
    } else {
      guard let space = line.firstIndex(where: isBlank) else { return nil }
      separator = space
      value = trim(line[space...])
      if value.contains(where: isBlank) { return nil }
    }
    let key = trim(line[..<separator])
    guard !key.isEmpty else { return nil }
    return (Directive(key: String(decoding: key, as: UTF8.self)), value)
  }

  /// The agent an agent line names: "*" for a lone '*', else its leading [A-Za-z_-] run
  /// lower-cased; nil when that is empty.
  static func groupAgent(_ value: ArraySlice<UInt8>) -> String? {
    if value.first == 0x2A, value.dropFirst().first.map(isBlank) ?? true { return "*" }
    let token = value.prefix(while: isTokenByte)
    return token.isEmpty ? nil : String(decoding: token, as: UTF8.self).lowercased()
  }

  /// An Allow/Disallow rule from its value; nil for an empty value (no restriction).
  static func rule(_ value: ArraySlice<UInt8>, allow: Bool) -> Rule? {
    guard !value.isEmpty else { return nil }
    var pattern = normalise(Array(value), isPattern: true)
    if let first = pattern.first, first != 0x2F, first != 0x2A { pattern.insert(0x2F, at: 0) }
    return Rule(pattern: pattern, allow: allow)
  }

  /// A Crawl-delay value in seconds; nil unless a finite non-negative number.
  static func delay(_ value: ArraySlice<UInt8>) -> Double? {
    guard let delay = Double(String(decoding: value, as: UTF8.self)), delay >= 0, delay.isFinite
    else { return nil }
    return delay
  }

  /// Whether our crawler may fetch a path (with query), e.g. "/a/b.html?x=1".
  public func isAllowed(_ pathAndQuery: String) -> Bool {
    var path = RobotsTxt.normalise(Array(pathAndQuery.utf8), isPattern: false)
    if path.isEmpty || path[0] != 0x2F { path.insert(0x2F, at: 0) }
    if path == Array("/robots.txt".utf8) { return true }
    var bestLength = -1
    var allowed = true
    for rule in rules where rule.pattern.count >= bestLength {
      guard RobotsTxt.matches(rule.pattern, path) else { continue }
      if rule.pattern.count > bestLength {
        bestLength = rule.pattern.count
        allowed = rule.allow
      } else if rule.allow {
        allowed = true  // same length: Allow wins the tie
      }
    }
    return allowed
  }

  // MARK: - Helpers

  /// Our product token: the User-Agent's leading run of [A-Za-z_-] ("portal-archiver" of
  /// "portal-archiver/0.1 (+https://…)"), lower-cased; empty when the User-Agent starts otherwise.
  static func productToken(_ userAgent: String) -> String {
    String(decoding: userAgent.utf8.prefix(while: isTokenByte), as: UTF8.self).lowercased()
  }

  /// Whether a string is a valid RFC 9309 product token to obey: one or more of [A-Za-z_-]
  /// ("Foobot-Bar"; not "", "Foobot/2.1", "Foobot Bar" or " Foobot ").
  public static func isValidUserAgent(_ token: String) -> Bool {
    !token.isEmpty && token.utf8.allSatisfy { isTokenByte($0) }
  }

  /// Whether a byte may appear in a product token: [A-Za-z_-].
  static func isTokenByte(_ b: UInt8) -> Bool {
    (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
  }

  /// Whether a byte is a space or a tab.
  static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

  /// The bytes without leading and trailing spaces and tabs.
  static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var s = bytes
    while let f = s.first, isBlank(f) { s = s.dropFirst() }
    while let l = s.last, isBlank(l) { s = s.dropLast() }
    return s
  }

  private static func isUnreserved(_ b: UInt8) -> Bool {
    (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D
      || b == 0x2E || b == 0x5F || b == 0x7E
  }

  private static func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case 0x30...0x39: return b - 0x30
    case 0x41...0x46: return b - 0x41 + 10
    case 0x61...0x66: return b - 0x61 + 10
    default: return nil
    }
  }

  /// Canonical percent-encoding: %XX of unreserved characters decoded, other %xx upper-cased,
  /// bytes outside printable ASCII (and spaces) encoded as %XX.
  static func normalise(_ bytes: [UInt8], isPattern: Bool) -> [UInt8] {
    let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x25, i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]),
        let lo = hexValue(bytes[i + 2])
      {
        let decoded = hi << 4 | lo
        if isUnreserved(decoded) {
          out.append(decoded)
        } else {
          out += [0x25, hex[Int(hi)], hex[Int(lo)]]
        }
        i += 3
        continue
      }
      if b <= 0x20 || b >= 0x7F {
        out += [0x25, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
      } else {
        out.append(b)
      }
      i += 1
    }
    return out
  }

  /// Robots pattern match: '*' matches any run, a final '$' anchors at the end, otherwise the
  /// pattern only has to match a prefix of the path.
  static func matches(_ pattern: [UInt8], _ path: [UInt8]) -> Bool {
    var pattern = pattern[...]
    let anchored = pattern.last == 0x24
    if anchored { pattern = pattern.dropLast() }
    let segments = pattern.split(separator: 0x2A, omittingEmptySubsequences: false)
    var position = path.startIndex
    for (index, segment) in segments.enumerated() {
      let isFirst = index == 0
      let isLast = index == segments.count - 1
      if isLast && anchored {
        // Must end exactly at the end of the path, after `position`.
        guard path.count - position >= segment.count else { return false }
        let start = path.count - segment.count
        if isFirst && start != 0 { return false }
        return path[start...].elementsEqual(segment)
      }
      if isFirst {
        guard path.count >= segment.count, path[0..<segment.count].elementsEqual(segment) else {
          return false
        }
        position = segment.count
        continue
      }
      if segment.isEmpty { continue }
      guard let found = find(segment, in: path, from: position) else { return false }
      position = found + segment.count
    }
    return true
  }

  private static func find(_ needle: ArraySlice<UInt8>, in hay: [UInt8], from: Int) -> Int? {
    guard needle.count <= hay.count - from else { return nil }
    var i = from
    while i + needle.count <= hay.count {
      if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }
}
