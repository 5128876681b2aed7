extension CrawlConfig {
  /// The accepted range of every numeric setting, by its crawl.conf key. Flags that override a
  /// key use the same range. The bounds keep every later computation finite and in range
  /// (timeouts become integer milliseconds, concurrency sizes buffers, delays schedule timers)
  /// and are far beyond what a polite crawl uses.
  public enum Limits {
    public static let maxPages = 0...1_000_000_000
    public static let maxDepth = 0...10_000
    public static let concurrency = 1...1_024
    public static let perHostConnections = 1...256
    public static let delay = 0.0...3_600
    public static let maxCrawlDelay = 0.0...86_400
    public static let recrawlAfterDays = 0.0...36_500
    public static let maxURLLength = 16...65_536
    public static let maxQueryVariants = 1...1_000_000
    public static let maxLinksPerPage = 1...1_000_000
    public static let sitemapMaxFiles = 1...1_000_000
    public static let sitemapMaxNesting = 1...10
    public static let sitemapMaxBytes = 1_024...(1 << 32)
    public static let scriptPaginationMaxPages = 1...1_000_000
    public static let connectTimeout = 0.1...600
    public static let timeout = 0.1...86_400
    public static let maxBodyBytes = 1_024...(1 << 40)
    public static let maxAttempts = 1...100
    public static let retryDelay = 0.0...3_600
    public static let maxRetryWait = 0.0...86_400
    public static let maxRedirects = 0...100
    public static let maxFileSize: ClosedRange<Int64> = 4_096...(1 << 42)
    public static let gzipLevel = 0...9
    public static let syncEvery = 1...1_000_000
    public static let syncInterval = 0.0...3_600
    public static let maxErrorRate = 0.0...1
  }

  /// Throws a `ConfigError` naming the first value outside its range, the range and the value.
  func checkRanges(file: String) throws {
    try Self.check("crawl.max_pages", maxPages, Limits.maxPages, file: file)
    try Self.check("crawl.max_depth", maxDepth, Limits.maxDepth, file: file)
    try Self.check("crawl.concurrency", concurrency, Limits.concurrency, file: file)
    try Self.check(
      "crawl.per_host_connections", perHostConnections, Limits.perHostConnections, file: file)
    try Self.check("crawl.delay", delay, Limits.delay, unit: "seconds", file: file)
    try Self.check(
      "crawl.max_crawl_delay", maxCrawlDelay, Limits.maxCrawlDelay, unit: "seconds", file: file)
    try Self.check(
      "crawl.recrawl_after_days", recrawlAfter / 86_400, Limits.recrawlAfterDays, unit: "days",
      file: file)
    try Self.check("scope.max_url_length", maxURLLength, Limits.maxURLLength, file: file)
    try Self.check(
      "scope.max_query_variants", maxQueryVariants, Limits.maxQueryVariants, file: file)
    try Self.check(
      "scope.max_links_per_page", maxLinksPerPage, Limits.maxLinksPerPage, file: file)
    try Self.check(
      "scope.sitemap_max_files", sitemapMaxFiles, Limits.sitemapMaxFiles, file: file)
    try Self.check(
      "scope.sitemap_max_nesting", sitemapMaxNesting, Limits.sitemapMaxNesting, file: file)
    try Self.check(
      "scope.sitemap_max_bytes", sitemapMaxBytes, Limits.sitemapMaxBytes, file: file)
    try Self.check(
      "scope.script_pagination_max_pages", scriptPaginationMaxPages,
      Limits.scriptPaginationMaxPages, file: file)
    try Self.check(
      "fetch.connect_timeout", connectTimeout, Limits.connectTimeout, unit: "seconds", file: file)
    try Self.check("fetch.timeout", timeout, Limits.timeout, unit: "seconds", file: file)
    try Self.check("fetch.max_body_bytes", maxBodyBytes, Limits.maxBodyBytes, file: file)
    try Self.check("fetch.max_attempts", maxAttempts, Limits.maxAttempts, file: file)
    try Self.check(
      "fetch.retry_delay", retryDelay, Limits.retryDelay, unit: "seconds", file: file)
    try Self.check(
      "fetch.max_retry_wait", maxRetryWait, Limits.maxRetryWait, unit: "seconds", file: file)
    try Self.check("fetch.max_redirects", maxRedirects, Limits.maxRedirects, file: file)
    try Self.check("archive.max_file_size", maxFileSize, Limits.maxFileSize, file: file)
    try Self.check("archive.gzip_level", gzipLevel, Limits.gzipLevel, file: file)
    try Self.check("archive.sync_every", syncEvery, Limits.syncEvery, file: file)
    try Self.check(
      "archive.sync_interval", syncInterval, Limits.syncInterval, unit: "seconds", file: file)
    try Self.check(
      "report.max_error_rate", maxErrorRate, Limits.maxErrorRate,
      unit: "a share of the pages fetched", file: file)
  }

  /// An integer setting outside `range` is an error naming `key`.
  public static func check<T: BinaryInteger>(
    _ key: String, _ value: T, _ range: ClosedRange<T>, file: String
  ) throws {
    guard !range.contains(value) else { return }
    throw ConfigError(
      file: file,
      "\(key) must be an integer from \(range.lowerBound) to \(range.upperBound), not \(value)")
  }

  /// A number outside `range`, or not finite, is an error naming `key`.
  public static func check(
    _ key: String, _ value: Double, _ range: ClosedRange<Double>, unit: String, file: String
  ) throws {
    guard value.isNaN || !range.contains(value) else { return }
    throw ConfigError(
      file: file,
      "\(key) must be a number from \(format(range.lowerBound)) to \(format(range.upperBound))"
        + " (\(unit)), not \(format(value))")
  }

  private static func format(_ d: Double) -> String {
    d.isFinite && d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
  }
}

extension CrawlConfig {
  /// Every `fetch.resolve` entry must parse (`HOST:PORT:ADDR[,ADDR...]`, port 1 to 65535,
  /// numeric addresses); the error names the key, the entry and why.
  func checkResolve(file: String) throws {
    _ = try resolveEntries(file: file)
  }
}
