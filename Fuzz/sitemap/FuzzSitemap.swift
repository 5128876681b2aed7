import FuzzSupport
import HTML

/// libFuzzer entry point: sitemap parsing (XML urlset / sitemapindex through libxml2, and the
/// plain-text form) and `<lastmod>` date parsing.
///
/// The input is a decoded sitemap body; limits are lowered (1 MB, 1,000 entries) so that a
/// run spends its time on structure, not size. Every line (up to 200) is also parsed as a
/// lastmod value, so mutated dates reach the date parser directly. A thrown `SitemapError` is
/// an expected answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  do {
    let sitemap = try SitemapParser.parse(bytes: bytes, maxBytes: 1 << 20, maxEntries: 1_000)
    for entry in sitemap.entries { _ = entry.lastmod.map { $0 < $0 } }
    _ = sitemap.omitted
  } catch {
    _ = "\(error)"
  }
  for line in bytes.split(separator: 10).prefix(200) {
    _ = SitemapDate.parse(String(decoding: line.prefix(200), as: UTF8.self))
  }
  return 0
}

/// The sitemap fuzz target: starts libFuzzer.
@main enum FuzzSitemap {
  /// Starts libFuzzer, which calls `fuzz` once per input.
  static func main() {
    FuzzDriver.run { data, size in fuzz(data ?? FuzzDriver.empty, size) }
  }
}
