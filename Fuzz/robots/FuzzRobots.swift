import Fetch
import FuzzSupport
import HTML

/// libFuzzer entry point: robots.txt parsing and matching.
///
/// The input is the robots.txt body. It is parsed for a product-token agent and for a
/// wildcard-only one, and every line's value (the text after its first ':', as a rule's path
/// would be) is checked against both, raw and as the crawler derives it from a URL
/// (`URLCanonicalizer.path(of:)`), so that the matcher sees the mutated patterns as paths too;
/// the parse report, URL-to-path reduction, pattern escaping and token validation run as well.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let agents = [
    RobotsTxt(bytes: bytes, userAgent: "portal-archiver/0.1 (+https://example.invalid/pa)"),
    RobotsTxt(bytes: bytes, userAgent: "UnknownBot"),
  ]
  var paths = ["/", "/robots.txt", "/a/b.html?x=1", "/%E4%B8%AD/", "/$", ""]
  for line in bytes.split(separator: 10).prefix(200) {
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
    let value = String(decoding: line[(colon + 1)...].prefix(2_000), as: UTF8.self)
    paths.append(value)
    paths.append(URLCanonicalizer.path(of: "http://example.com" + value))
  }
  for robots in agents {
    _ = robots.crawlDelay
    _ = robots.sitemaps.count
    _ = robots.matchedAgent
    for path in paths { _ = robots.isAllowed(path) }
  }
  _ = RobotsTxt.report(bytes: bytes)
  for path in paths {
    _ = RobotsTxt.pathParamsQuery(path)
    _ = RobotsTxt.escapePattern(path)
    _ = RobotsTxt.isValidUserAgent(path)
  }
  _ = RobotsTxt.policy(forStatus: Int(bytes.first ?? 0) * 3)
  return 0
}

/// The robots fuzz target: starts libFuzzer.
@main enum FuzzRobots {
  /// Starts libFuzzer, which calls `fuzz` once per input.
  static func main() {
    FuzzDriver.run { data, size in fuzz(data ?? FuzzDriver.empty, size) }
  }
}
