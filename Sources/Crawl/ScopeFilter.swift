import Foundation
import HTML

/// Decides whether a discovered URL is followed: hosts, allow/deny patterns, depth, URL length.
///
/// A value owned by the engine queue; only `admit(host:)` changes it (a seed's redirect target
/// host joins the scope). The query-variant cap needs counts and lives in the engine.
struct ScopeFilter: @unchecked Sendable {
  private(set) var hosts: Set<String>
  let allow: [NSRegularExpression]
  let deny: [NSRegularExpression]
  let maxURLLength: Int
  let maxDepth: Int

  init(config: CrawlConfig, seedHosts: [String]) throws {
    // Written the way canonical URLs write hosts (lower case; a Chinese domain name as
    // punycode), so `extra_hosts = ["例子.中国"]` matches the links to it.
    hosts = Set((seedHosts + config.extraHosts).map(Self.canonicalHost))
    allow = try config.allow.map { try NSRegularExpression(pattern: $0) }
    deny = try config.deny.map { try NSRegularExpression(pattern: $0) }
    maxURLLength = config.maxURLLength
    maxDepth = config.maxDepth
  }

  /// Brings `host` into the scope.
  mutating func admit(host: String) { hosts.insert(Self.canonicalHost(host)) }

  /// A host as canonical URLs have it; the name lower-cased when it is not a valid host.
  static func canonicalHost(_ host: String) -> String {
    URLCanonicalizer.host(of: "http://" + host + "/") ?? host.lowercased()
  }

  /// Why `url` is out of scope, or nil when it may be followed.
  func rejection(_ url: String, parts: URLParts, depth: Int) -> String? {
    if !hosts.contains(String(parts.host)) { return "offsite" }
    if url.utf8.count > maxURLLength { return "url too long" }
    if depth > maxDepth { return "too deep" }
    let range = NSRange(url.startIndex..<url.endIndex, in: url)
    if deny.contains(where: { $0.firstMatch(in: url, range: range) != nil }) { return "denied" }
    if !allow.isEmpty && !allow.contains(where: { $0.firstMatch(in: url, range: range) != nil }) {
      return "not allowed"
    }
    return nil
  }
}
