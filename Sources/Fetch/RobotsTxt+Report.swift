/// The parse report of a robots.txt body.
extension RobotsTxt {
  /// What parsing `bytes` finds: directive counts, the last directive's line, sitemaps. Reads
  /// the same prefix (500 KiB, byte order mark dropped) as `init(bytes:userAgent:)`.
  public static func report(bytes input: [UInt8]) -> RobotsTxtReport {
    parse(droppingBOM(input.prefix(maxFileSize))).report
  }
}
