import Foundation
import TOMLKit

extension CrawlConfig {
  /// Reads crawl.conf. Unknown keys and wrong types are errors naming the key, so a typo never
  /// silently falls back to a default.
  public static func load(file: String) throws -> CrawlConfig {
    let text: String
    do {
      text = try String(contentsOfFile: file, encoding: .utf8)
    } catch {
      throw ConfigError(file: file, "cannot read: \(error.localizedDescription)")
    }
    return try parse(text, file: file)
  }

  /// Parses crawl.conf text; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws -> CrawlConfig {
    let table: TOMLTable
    try checkTableHeaders(text, file: file)
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      let line = Int(error.source.begin.line)
      // The line itself names the key (TOMLKit's messages do not).
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let quoted =
        line >= 1 && line <= lines.count
        ? " (`\(lines[line - 1].trimmingCharacters(in: .whitespaces).prefix(120))`)" : ""
      throw ConfigError(
        file: file,
        "line \(line)\(quoted), column \(error.source.begin.column): \(error.description)")
    }
    var c = CrawlConfig()
    var reader = TableReader(file: file, table: table, prefix: "")
    try reader.section("crawl") { r in
      try r.string("name", &c.name)
      try r.strings("seeds", &c.seeds)
      try r.string("archive", &c.archive)
      try r.string("state", &c.state)
      try r.int("max_pages", &c.maxPages)
      try r.int("max_depth", &c.maxDepth)
      try r.int("concurrency", &c.concurrency)
      try r.int("per_host_connections", &c.perHostConnections)
      try r.double("delay", &c.delay)
      try r.double("max_crawl_delay", &c.maxCrawlDelay)
      try r.double("recrawl_after_days", &c.recrawlAfter, scale: 86_400)
      try r.string("user_agent", &c.userAgent)
      try r.bool("obey_robots", &c.obeyRobots)
    }
    try reader.section("scope") { r in
      try r.strings("extra_hosts", &c.extraHosts)
      try r.strings("hosts", &c.scopeHosts)
      try r.bool("subdomains", &c.subdomains)
      try r.bool("requisites", &c.requisites)
      try r.strings("allow", &c.allow)
      try r.strings("deny", &c.deny)
      try r.int("max_url_length", &c.maxURLLength)
      try r.int("max_query_variants", &c.maxQueryVariants)
      try r.int("max_links_per_page", &c.maxLinksPerPage)
      try r.bool("sitemaps", &c.sitemaps)
      try r.int("sitemap_max_files", &c.sitemapMaxFiles)
      try r.int("sitemap_max_nesting", &c.sitemapMaxNesting)
      try r.int("sitemap_max_bytes", &c.sitemapMaxBytes)
      try r.bool("script_pagination", &c.scriptPagination)
      try r.int("script_pagination_max_pages", &c.scriptPaginationMaxPages)
      try r.strings("session_parameters", &c.sessionParameters)
    }
    try reader.section("fetch") { r in
      try r.double("connect_timeout", &c.connectTimeout)
      try r.double("timeout", &c.timeout)
      try r.int("max_body_bytes", &c.maxBodyBytes)
      try r.int("max_attempts", &c.maxAttempts)
      try r.double("retry_delay", &c.retryDelay)
      try r.double("max_retry_wait", &c.maxRetryWait)
      try r.int("max_redirects", &c.maxRedirects)
      try r.bool("allow_private_addresses", &c.allowPrivateAddresses)
      try r.strings("resolve", &c.resolve)
    }
    try reader.section("archive") { r in
      try r.string("prefix", &c.prefix)
      var size = Int(c.maxFileSize)
      try r.int("max_file_size", &size)
      c.maxFileSize = Int64(size)
      try r.int("gzip_level", &c.gzipLevel)
      try r.int("sync_every", &c.syncEvery)
      try r.double("sync_interval", &c.syncInterval)
    }
    try reader.section("report") { r in
      try r.double("max_error_rate", &c.maxErrorRate)
    }
    try reader.section("extract") { r in
      try r.strings("watermarks", &c.watermarks)
      try r.strings("drop_xpaths", &c.dropXPaths)
    }
    try reader.finish()
    try c.validate(file: file)
    return c
  }

  /// Checks every value: numbers within their documented ranges (`Limits`), names, patterns and
  /// seeds. `file` names the source in the error (crawl.conf, or the command line).
  public func validate(file: String) throws {
    try checkRanges(file: file)
    try checkResolve(file: file)
    if prefix.isEmpty || prefix.contains("/") {
      throw ConfigError(file: file, "archive.prefix must be a non-empty name without '/'")
    }
    for pattern in allow + deny {
      do {
        _ = try NSRegularExpression(pattern: pattern)
      } catch {
        throw ConfigError(file: file, "scope pattern '\(pattern)' is not a regular expression")
      }
    }
    for seed in seeds where !(seed.hasPrefix("http://") || seed.hasPrefix("https://")) {
      throw ConfigError(file: file, "seed '\(seed)' is not an http(s) URL")
    }
  }
}

/// Reads typed keys from a TOML table and remembers which were used, to reject unknown ones.
private struct TableReader {
  let file: String
  let table: TOMLTable
  let prefix: String
  var used: Set<String> = []

  init(file: String, table: TOMLTable, prefix: String) {
    self.file = file
    self.table = table
    self.prefix = prefix
  }

  mutating func section(_ name: String, _ body: (inout TableReader) throws -> Void) throws {
    guard let value = table[name] else { return }
    used.insert(name)
    guard let sub = value.table else {
      throw ConfigError(file: file, "[\(name)] must be a table")
    }
    var reader = TableReader(file: file, table: sub, prefix: name + ".")
    try body(&reader)
    try reader.finish()
  }

  func finish() throws {
    for key in table.keys where !used.contains(key) {
      throw ConfigError(file: file, "unknown key '\(prefix)\(key)'")
    }
  }

  private mutating func value(_ key: String) -> TOMLValueConvertible? {
    guard let v = table[key] else { return nil }
    used.insert(key)
    return v
  }

  private func wrong(_ key: String, _ expected: String) -> ConfigError {
    ConfigError(file: file, "'\(prefix)\(key)' must be \(expected)")
  }

  mutating func string(_ key: String, _ out: inout String) throws {
    guard let v = value(key) else { return }
    guard let s = v.string else { throw wrong(key, "a string") }
    out = s
  }

  mutating func bool(_ key: String, _ out: inout Bool) throws {
    guard let v = value(key) else { return }
    guard let b = v.bool else { throw wrong(key, "true or false") }
    out = b
  }

  mutating func int(_ key: String, _ out: inout Int) throws {
    guard let v = value(key) else { return }
    guard let i = v.int else { throw wrong(key, "an integer") }
    out = i
  }

  /// A number (integer or float); `scale` converts units (days to seconds). Ranges, and so
  /// finiteness (`inf`, `nan` are outside every range), are checked afterwards by
  /// `CrawlConfig.checkRanges`, whose message names the key and its range.
  mutating func double(_ key: String, _ out: inout Double, scale: Double = 1) throws {
    guard let v = value(key) else { return }
    guard let d = v.double ?? v.int.map(Double.init) else { throw wrong(key, "a number") }
    out = d * scale
  }

  mutating func strings(_ key: String, _ out: inout [String]) throws {
    guard let v = value(key) else { return }
    guard let array = v.array else { throw wrong(key, "an array of strings") }
    var result: [String] = []
    for element in array {
      guard let s = element.string else { throw wrong(key, "an array of strings") }
      result.append(s)
    }
    out = result
  }
}
