import Foundation
import HTML

/// Decides whether a discovered URL is followed: hosts, allow/deny patterns, depth, URL length.
///
/// Hosts in scope: the seeds', `scope.extra_hosts`, `scope.hosts` (exact names, or `*.d` for d
/// and every name under it), with `scope.subdomains` every name under a seed's registrable
/// domain (`www.liaoning.gov.cn` brings `*.liaoning.gov.cn`; an IP seed brings only itself),
/// and the hosts seeds redirect to (with their registrable domains likewise).
/// A value owned by the engine queue; only `admit(host:)` changes it. The query-variant cap
/// needs counts and lives in the engine.
struct ScopeFilter: @unchecked Sendable {
  /// Hosts in scope by exact name.
  private(set) var hosts: Set<String>
  /// Domains in scope with all their subdomains.
  private(set) var domains: Set<String>
  let subdomains: Bool
  let allow: [NSRegularExpression]
  let deny: [NSRegularExpression]
  let maxURLLength: Int
  let maxDepth: Int

  init(config: CrawlConfig, seedHosts: [String]) throws {
    // Written the way canonical URLs write hosts (lower case; a Chinese domain name as
    // punycode), so `extra_hosts = ["例子.中国"]` matches the links to it.
    let patterns = config.scopeHosts.map(Self.pattern)
    hosts = Set(
      (seedHosts + config.extraHosts).map(Self.canonicalHost)
        + patterns.filter { !$0.wildcard }.map(\.host))
    domains = Set(patterns.filter(\.wildcard).map(\.host))
    subdomains = config.subdomains
    allow = try config.allow.map { try NSRegularExpression(pattern: $0) }
    deny = try config.deny.map { try NSRegularExpression(pattern: $0) }
    maxURLLength = config.maxURLLength
    maxDepth = config.maxDepth
    for host in seedHosts { admitDomain(of: Self.canonicalHost(host)) }
  }

  /// Brings `host` into the scope (and, with `scope.subdomains`, its registrable domain).
  mutating func admit(host: String) {
    let host = Self.canonicalHost(host)
    hosts.insert(host)
    admitDomain(of: host)
  }

  private mutating func admitDomain(of host: String) {
    guard subdomains, let domain = PublicSuffix.registrableDomain(of: host) else { return }
    domains.insert(domain)
  }

  /// Whether links to `host` (canonical) are followed.
  func contains(_ host: String) -> Bool {
    if hosts.contains(host) { return true }
    guard !domains.isEmpty, !PublicSuffix.isIPAddress(host) else { return false }
    // host itself, then each parent: a.b.c → b.c → c.
    var rest = Substring(host)
    while true {
      if domains.contains(String(rest)) { return true }
      guard let dot = rest.firstIndex(of: ".") else { return false }
      rest = rest[rest.index(after: dot)...]
    }
  }

  /// A host as canonical URLs have it; the name lower-cased when it is not a valid host.
  static func canonicalHost(_ host: String) -> String {
    URLCanonicalizer.host(of: "http://" + host + "/") ?? host.lowercased()
  }

  /// A `scope.hosts` entry: `*.d` (d and its subdomains) or an exact host name.
  static func pattern(_ entry: String) -> (host: String, wildcard: Bool) {
    entry.hasPrefix("*.")
      ? (canonicalHost(String(entry.dropFirst(2))), true) : (canonicalHost(entry), false)
  }

  /// Why `url` is out of scope, or nil when it may be followed.
  ///
  /// - Parameter requisite: the URL is a page requisite (`scope.requisites`): any host, no
  ///   depth limit (requisites add none) and no `allow` patterns; length and `deny` still apply.
  func rejection(_ url: String, parts: URLParts, depth: Int, requisite: Bool = false) -> String? {
    if !requisite && !contains(String(parts.host)) { return "offsite" }
    if url.utf8.count > maxURLLength { return "url too long" }
    if !requisite && depth > maxDepth { return "too deep" }
    let range = NSRange(url.startIndex..<url.endIndex, in: url)
    if deny.contains(where: { $0.firstMatch(in: url, range: range) != nil }) { return "denied" }
    if requisite { return nil }
    if !allow.isEmpty && !allow.contains(where: { $0.firstMatch(in: url, range: range) != nil }) {
      return "not allowed"
    }
    return nil
  }
}
