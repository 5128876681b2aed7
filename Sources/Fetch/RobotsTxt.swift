import Foundation

/// A parsed robots.txt (RFC 9309) for one crawler identity.
///
/// Groups start with one or more consecutive `User-agent` lines and collect the rules that
/// follow. The group used is the one whose user-agent value is the longest case-insensitive
/// substring of our product token (the User-Agent up to the first '/' or space, e.g.
/// "portal-archiver"); all groups with that value are merged. Without such a group the '*'
/// groups apply; without those everything is allowed. Rules: `Allow`/`Disallow` path patterns
/// with '*' (any run of characters) and a trailing '$' (end of URL); the longest matching pattern
/// wins and Allow wins ties; an empty pattern is no rule. Paths and patterns are compared after
/// percent-encoding normalisation (non-ASCII bytes encoded, %XX of unreserved characters
/// decoded, hex upper-cased). `/robots.txt` itself is always allowed. Lines that do not parse
/// are ignored; input beyond 500 KiB is ignored (RFC 9309 §2.5 minimum).
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

  /// Parses raw bytes (UTF-8 expected; other bytes are kept and percent-encoded in patterns).
  public init(bytes input: [UInt8], userAgent: String) {
    var data = input.prefix(500 * 1024)
    if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
    let token = RobotsTxt.productToken(userAgent)

    struct Group {
      var agents: [String] = []
      var rules: [Rule] = []
      var crawlDelay: Double?
    }
    var groups: [Group] = []
    var current: Group? = nil
    var inAgents = false
    var sitemaps: [String] = []

    for rawLine in data.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
      var line = rawLine
      if let hash = line.firstIndex(of: 0x23) { line = line[line.startIndex..<hash] }
      guard let colon = line.firstIndex(of: 0x3A) else { continue }
      let key = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
        .trimmingCharacters(in: .whitespaces).lowercased()
      let valueBytes = RobotsTxt.trim(line[line.index(after: colon)...])
      let value = String(decoding: valueBytes, as: UTF8.self)
      switch key {
      case "user-agent", "useragent", "user agent":
        if !inAgents {
          if let current { groups.append(current) }
          current = Group()
          inAgents = true
        }
        // The product token part: up to the first '/' or whitespace.
        let agent =
          value.split(whereSeparator: { $0 == "/" || $0 == " " || $0 == "\t" }).first
          .map { $0.lowercased() } ?? ""
        if !agent.isEmpty { current?.agents.append(agent) }
      case "allow", "disallow":
        inAgents = false
        guard !valueBytes.isEmpty else { continue }  // empty Disallow: no restriction
        var pattern = RobotsTxt.normalise(Array(valueBytes), isPattern: true)
        if let first = pattern.first, first != 0x2F, first != 0x2A { pattern.insert(0x2F, at: 0) }
        current?.rules.append(Rule(pattern: pattern, allow: key == "allow"))
      case "crawl-delay":
        inAgents = false
        if let delay = Double(value), delay >= 0, delay.isFinite, current?.crawlDelay == nil {
          current?.crawlDelay = delay
        }
      case "sitemap":
        if !value.isEmpty { sitemaps.append(value) }
      default:
        // Unknown keys do not end a run of user-agent lines (RFC 9309 §2.2.4 leaves them to
        // the parser); treat them as ignorable.
        continue
      }
    }
    if let current { groups.append(current) }

    // Select: the longest agent value that is a substring of our token, else "*".
    var best: String? = nil
    for group in groups {
      for agent in group.agents where agent != "*" && token.contains(agent) {
        if best == nil || agent.count > (best?.count ?? 0) { best = agent }
      }
    }
    let chosen = best ?? (groups.contains { $0.agents.contains("*") } ? "*" : nil)
    var rules: [Rule] = []
    var delay: Double? = nil
    if let chosen {
      for group in groups where group.agents.contains(chosen) {
        rules += group.rules
        if delay == nil { delay = group.crawlDelay }
      }
    }
    self.rules = rules
    self.crawlDelay = delay
    self.sitemaps = sitemaps
    self.matchedAgent = chosen
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

  /// Our product token: the User-Agent up to the first '/' or whitespace, lower-cased.
  static func productToken(_ userAgent: String) -> String {
    userAgent.split(whereSeparator: { $0 == "/" || $0 == " " }).first.map { $0.lowercased() } ?? ""
  }

  static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var s = bytes
    while let f = s.first, f == 0x20 || f == 0x09 { s = s.dropFirst() }
    while let l = s.last, l == 0x20 || l == 0x09 { s = s.dropLast() }
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
