import Fetch
import HTML

extension CrawlConfig {
  /// `fetch.resolve` parsed, hosts in their punycode form, one entry per host:port (a later
  /// entry, such as a `--resolve` flag appended after crawl.conf's, replaces an earlier one).
  /// Throws a `ConfigError` naming `fetch.resolve` and the bad entry.
  public func resolveEntries(file: String = "configuration") throws -> [ResolveEntry] {
    ResolveEntry.merged(
      try resolve.map { try Self.resolveEntry($0, key: "fetch.resolve", file: file) })
  }

  /// Parses one "HOST:PORT:ADDR[,ADDR...]" entry; its host becomes what URLs carry (lower case,
  /// a Unicode name as punycode), so `例子.中国:80:127.0.0.1` applies to http://例子.中国/. An
  /// error names `key` ("fetch.resolve", "--resolve"), the entry and what is wrong with it.
  public static func resolveEntry(_ text: String, key: String, file: String) throws
    -> ResolveEntry
  {
    let entry: ResolveEntry
    do {
      entry = try ResolveEntry(parsing: text)
    } catch {
      throw ConfigError(file: file, "\(key) entry \(error)")
    }
    guard let host = URLCanonicalizer.host(of: "http://\(entry.host)/"), !host.isEmpty else {
      throw ConfigError(
        file: file, "\(key) entry '\(text)': host '\(entry.host)' is not a valid host name")
    }
    return entry.with(host: host)
  }
}
